#include "src/interop/bfcl/multi_turn/mt_prepared.h"

#include <unordered_map>
#include <vector>

#include "src/core/json_text.h"
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

// With the initial state (compared apart, HasInitialConfigOf, which costs less than its
// text), what decides everything PreparedEntry holds: the id (instance names), the category
// (long context), the classes and the ground truth's calls.
std::string KeyOf(const BfclEntry& entry) {
  std::string key = entry.id + '\x1f' + entry.category + '\x1f';
  for (const auto& c : entry.involved_classes) key += c + '\x1e';
  key += '\x1f';
  for (const auto& turn : entry.ground_truth) {
    for (const auto& c : turn) key += c + '\x1e';
    key += '\x1d';
  }
  key += entry.initial_config ? '\x1f' : '\x1e';
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

bool PreparedEntry::HasInitialConfigOf(const BfclEntry& entry) const {
  // The key tells whether both have one (KeyOf); a null pointer reads as null here.
  return !entry.initial_config ? initial_config_.is_null() : SameJsonText(initial_config_, *entry.initial_config);
}

std::shared_ptr<const PreparedEntry> PrepareEntry(const BfclEntry& entry) {
  constexpr size_t kMaxEntries = 4096;
  static std::mutex mutex;
  static auto* cache = new std::unordered_multimap<std::string, std::shared_ptr<const PreparedEntry>>();  // never freed
  std::string key = KeyOf(entry);
  // The candidates under the lock, their initial states compared outside it.
  std::vector<std::shared_ptr<const PreparedEntry>> candidates;
  {
    std::lock_guard<std::mutex> lock(mutex);
    auto [lo, hi] = cache->equal_range(key);
    for (auto it = lo; it != hi; ++it) candidates.push_back(it->second);
  }
  for (const auto& c : candidates) {
    if (c->HasInitialConfigOf(entry)) return c;
  }
  auto prepared = std::make_shared<const PreparedEntry>(entry);  // outside the lock: threads prepare in parallel
  std::lock_guard<std::mutex> lock(mutex);
  if (cache->size() >= kMaxEntries) cache->clear();
  return cache->emplace(std::move(key), std::move(prepared))->second;
}

}  // namespace toolshift::bfcl
