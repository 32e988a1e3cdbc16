#include "src/interop/bfcl/multi_turn/mt_executor.h"

#include "src/core/input_error.h"
#include "src/interop/bfcl/py/py_bind.h"
#include "src/interop/bfcl/py/py_call.h"

namespace toolshift::bfcl {
namespace {

constexpr std::string_view kRefused[] = {"kill", "exit", "quit", "remove", "unlink", "popen", "Popen", "run"};
constexpr std::string_view kErrorPrefix = "Error during execution: ";

// Python's \w on UTF-8 text, approximated: ASCII word characters, and every byte of a non-ASCII
// character (the data's non-ASCII characters next to a name are letters).
bool IsWord(unsigned char c) { return c == '_' || std::isalnum(c) || c >= 0x80; }
bool IsIdentStart(unsigned char c) { return c == '_' || std::isalpha(c); }
bool IsSpace(unsigned char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f'; }

std::string InstanceName(const std::string& side, const std::string& id, const std::string& cls) {
  std::string name = side + "_" + id + "_" + cls + "_instance";
  for (char& c : name) {
    if (c == '-' || c == '.' || c == '/' || c == ':') c = '_';  // BFCL: re.sub(r'[-./:]', '_', ...)
  }
  return name;
}

}  // namespace

BfclExecutor::BfclExecutor(BfclProcess& process, const BfclEntry& entry, std::string side, ApiFactory factory,
                           const std::vector<PyDict>* scenarios)
    : process_(process), entry_(entry), side_(std::move(side)), factory_(std::move(factory)), scenarios_(scenarios) {
  if (!factory_) factory_ = [](std::string_view cls, BfclProcess& p) { return MakeApi(cls, p); };
}

void BfclExecutor::Ensure() {
  if (created()) return;
  for (size_t c = 0; c < entry_.involved_classes.size(); ++c) {
    const std::string& cls = entry_.involved_classes[c];
    std::unique_ptr<ApiInstance> inst = factory_(cls, process_);
    if (!inst) throw InputError("BFCL entry " + entry_.id + ": API class '" + cls + "' is not available");
    if (cls == "MathAPI") {
      // BFCL's STATELESS_CLASSES are not loaded
    } else if (scenarios_ && c < scenarios_->size()) {
      inst->LoadScenario((*scenarios_)[c], entry_.long_context());
    } else {
      const Json* config = entry_.initial_config && entry_.initial_config->is_object()
                               ? &*entry_.initial_config : nullptr;
      auto it = config ? config->find(cls) : Json::const_iterator{};
      const PyValue scenario = config && it != config->end() ? FromJson(*it) : PyValue::Dict();
      inst->LoadScenario(scenario.is_dict() ? scenario.as_dict() : PyDict{}, entry_.long_context());
    }
    instance_names_.push_back(InstanceName(side_, entry_.id, cls));
    instances_.emplace_back(cls, std::move(inst));
  }
  // A later class's method of the same name wins, as in BFCL's mapping (no two classes share one).
  for (size_t i = 0; i < instances_.size(); ++i) {
    for (const MethodSig& m : instances_[i].second->Methods()) methods_[m.name] = {i, &m};
  }
}

std::string BfclExecutor::Prefix(std::string_view call) const {
  // re.sub(r"\b([a-zA-Z_]\w*)\s*(?=\()", ...) over the whole string.
  std::string out;
  out.reserve(call.size() + 64);
  size_t i = 0;
  while (i < call.size()) {
    const unsigned char c = static_cast<unsigned char>(call[i]);
    const bool boundary = i == 0 || !IsWord(static_cast<unsigned char>(call[i - 1]));
    if (!IsIdentStart(c) || !boundary) {
      out += call[i++];
      continue;
    }
    size_t end = i + 1;
    while (end < call.size() && IsWord(static_cast<unsigned char>(call[end]))) ++end;
    size_t after = end;
    while (after < call.size() && IsSpace(static_cast<unsigned char>(call[after]))) ++after;
    const std::string_view name = call.substr(i, end - i);
    if (after < call.size() && call[after] == '(') {
      if (auto m = methods_.find(name); m != methods_.end()) out += instance_names_[m->second.first] + ".";
    }
    out.append(call.substr(i, after - i));
    i = after;
  }
  return out;
}

std::string BfclExecutor::Execute(std::string_view processed) {
  // The refusal looks at the text before the first '(' and, when it is dotted, its second part.
  std::string_view head = processed.substr(0, processed.find('('));
  if (const size_t dot = head.find('.'); dot != std::string_view::npos) {
    head = head.substr(dot + 1);
    head = head.substr(0, head.find('.'));
  }
  for (auto r : kRefused) {
    if (head == r) return std::string(kErrorPrefix) + "Function call " + std::string(head) + " is not allowed.";
  }
  try {
    PyCall call = ParsePyCall(processed);
    const size_t dot = call.name.find('.');
    const std::string owner = call.name.substr(0, dot);
    size_t index = instance_names_.size();
    for (size_t k = 0; k < instance_names_.size(); ++k) {
      if (instance_names_[k] == owner) index = k;
    }
    if (dot == std::string::npos || index == instance_names_.size()) {
      throw PyException("NameError", "name '" + owner + "' is not defined");
    }
    const std::string method = call.name.substr(dot + 1);
    ApiInstance& inst = *instances_[index].second;
    const MethodSig* sig = nullptr;
    for (const MethodSig& m : inst.Methods()) {
      if (m.name == method) sig = &m;
    }
    if (!sig) throw PyException("AttributeError", "'" + instances_[index].first + "' object has no attribute '" + method + "'");
    std::vector<PyValue> bound = BindCall(instances_[index].first, *sig, std::move(call.args), std::move(call.kwargs));
    return ResultText(inst.Invoke(method, std::move(bound)));
  } catch (const PyException& e) {
    return std::string(kErrorPrefix) + e.message();
  }
}

std::string BfclExecutor::Run(std::string_view call) {
  Ensure();
  return Execute(Prefix(call));
}

std::vector<std::string> BfclExecutor::Run(const std::vector<std::string>& calls) {
  Ensure();
  std::vector<std::string> out;
  out.reserve(calls.size());
  for (const auto& c : calls) out.push_back(Execute(Prefix(c)));
  return out;
}

std::string CallString(const ToolCall& call) {
  PyKwargs kwargs;
  if (call.arguments.is_object()) {
    for (auto it = call.arguments.begin(); it != call.arguments.end(); ++it) kwargs.emplace_back(it.key(), FromJson(*it));
  }
  return WritePyCall(call.name, kwargs);
}

}  // namespace toolshift::bfcl
