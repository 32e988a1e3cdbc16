#include "src/interop/bfcl/apis/long_context.h"

#include <fstream>
#include <map>
#include <memory>
#include <mutex>
#include <sstream>
#include <stdexcept>

#include "src/core/build_info.h"
#include "src/core/json.h"

namespace toolshift::bfcl {
namespace {

// This file's slot in a BfclProcess.
struct LongContextSlot {
  std::string path;                    // empty: DefaultLongContextPath()
  std::shared_ptr<const PyDict> data;  // set on first use
};

LongContextSlot& SlotOf(BfclProcess& process) { return process.Slot<LongContextSlot>(std::string(kLongContextSlot)); }

PyDict ReadConstants(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error(path + ": cannot read BFCL's long-context constants");
  std::stringstream text;
  text << in.rdbuf();
  Json json;
  try {
    json = Json::parse(text.str());
  } catch (const std::exception& e) {
    throw std::runtime_error(path + ": not JSON: " + JsonErrorText(e));
  }
  if (!json.is_object()) throw std::runtime_error(path + ": expected one JSON object of constants");
  const PyValue value = FromJson(json);  // const: a mutable as_dict() would make copies deep
  PyDict constants = value.as_dict();
  // Their json.dumps text goes with them: results show the long lists (2,000 floats in MA(5)...)
  // whole, and formatting them at every call was a tenth of the scoring time.
  for (auto& item : constants.mutable_items()) item.second.Freeze();
  return constants;
}

// The constants of `path`, parsed once per program: BFCL's checker makes a BfclProcess per
// entry, and parsing the 187 KB file for each long-context entry would dominate scoring.
// The cache only ever holds immutable, fully built values (safe to share between threads);
// a failed read is not cached.
std::shared_ptr<const PyDict> SharedConstants(const std::string& path) {
  static std::mutex mutex;
  static auto* cache = new std::map<std::string, std::shared_ptr<const PyDict>>();  // never freed: no exit-order issue
  std::lock_guard<std::mutex> lock(mutex);
  std::shared_ptr<const PyDict>& entry = (*cache)[path];
  if (!entry) entry = std::make_shared<const PyDict>(ReadConstants(path));
  return entry;
}

}  // namespace

std::string DefaultLongContextPath() { return SourceDir() + "/../shared/bfcl-multi-turn/long_context.json"; }

void SetLongContextPath(BfclProcess& process, std::string path) {
  LongContextSlot& slot = SlotOf(process);
  if (slot.data) throw std::logic_error("SetLongContextPath: the constants of this process were already read");
  slot.path = std::move(path);
}

const PyDict& LongContextData(BfclProcess& process) {
  LongContextSlot& slot = SlotOf(process);
  if (!slot.data) slot.data = SharedConstants(slot.path.empty() ? DefaultLongContextPath() : slot.path);
  return *slot.data;
}

const PyValue& LongContextConstant(BfclProcess& process, std::string_view name) {
  const PyValue* value = LongContextData(process).Find(name);
  if (value == nullptr) {
    LongContextSlot& slot = SlotOf(process);
    throw std::runtime_error((slot.path.empty() ? DefaultLongContextPath() : slot.path) + ": no constant '" +
                             std::string(name) + "'");
  }
  return *value;
}

}  // namespace toolshift::bfcl
