#include "src/interop/bfcl/multi_turn/mt_prepared.h"

#include <unordered_map>

#include "src/interop/bfcl/apis/long_context.h"
#include "src/interop/bfcl/multi_turn/mt_executor.h"

namespace toolshift::bfcl {
namespace {

SideState StateOf(const BfclExecutor& side) {
  SideState out;
  out.reserve(side.instances().size());
  for (const auto& [name, inst] : side.instances()) out.emplace_back(name, inst->PublicState());
  return out;
}

// What decides everything PreparedEntry holds: the id (instance names), the category (long
// context), the classes, the ground truth's calls and the initial state.
std::string KeyOf(const BfclEntry& entry) {
  std::string key = entry.id + '\x1f' + entry.category + '\x1f';
  for (const auto& c : entry.involved_classes) key += c + '\x1e';
  key += '\x1f';
  for (const auto& turn : entry.ground_truth) {
    for (const auto& c : turn) key += c + '\x1e';
    key += '\x1d';
  }
  key += '\x1f';
  if (entry.initial_config) key += DumpJson(*entry.initial_config);
  return key;
}

}  // namespace

PreparedEntry::PreparedEntry(const BfclEntry& entry) : entry_(entry) {
  if (entry.initial_config) initial_config_ = *entry.initial_config;
  entry_.initial_config = &initial_config_;
  entry_.responses = nullptr;  // docs are not played
  for (const auto& cls : entry_.involved_classes) {
    auto it = initial_config_.is_object() ? initial_config_.find(cls) : initial_config_.end();
    const PyValue scenario = initial_config_.is_object() && it != initial_config_.end() ? FromJson(*it) : PyValue::Dict();
    scenarios_.push_back(scenario.is_dict() ? scenario.as_dict() : PyDict{});
  }
}

const TruthRun& PreparedEntry::truth() const {
  std::call_once(played_, [this] {
    TruthRun run;
    BfclProcess process;
    BfclExecutor truth(process, entry_, kTruthSide, nullptr, &scenarios_);
    for (const auto& calls : entry_.ground_truth) {
      run.results.push_back(truth.Run(calls));
      run.states.push_back(calls.empty() ? SideState{} : StateOf(truth));
    }
    run.isolated = !process.HasSlotOtherThan(kLongContextSlot);
    truth_ = std::move(run);
  });
  return truth_;
}

std::shared_ptr<const PreparedEntry> PrepareEntry(const BfclEntry& entry) {
  constexpr size_t kMaxEntries = 4096;
  static std::mutex mutex;
  static auto* cache = new std::unordered_map<std::string, std::shared_ptr<const PreparedEntry>>();  // never freed
  std::string key = KeyOf(entry);
  {
    std::lock_guard<std::mutex> lock(mutex);
    if (auto it = cache->find(key); it != cache->end()) return it->second;
  }
  auto prepared = std::make_shared<const PreparedEntry>(entry);  // outside the lock: threads prepare in parallel
  std::lock_guard<std::mutex> lock(mutex);
  if (cache->size() >= kMaxEntries) cache->clear();
  return cache->emplace(std::move(key), std::move(prepared)).first->second;
}

}  // namespace toolshift::bfcl
