// PreparedEntry: what scoring a BFCL multi-turn entry needs that no model's calls change, built
// once per entry and shared by every trajectory scored against it (a result file holds one
// trajectory per entry and format; the benchmark's near-miss corpus six):
//   - each involved class's initial_config as Python values (FromJson of the entry's state),
//     which every instance of the entry loads (the model's, the ground truth's, a live run's);
//   - the ground truth's side played alone (TruthRun), which the checker reuses instead of
//     playing it again where nothing can link the two sides (see `isolated`).
//
//   std::shared_ptr<const PreparedEntry> p = PrepareEntry(entry);
//   BfclExecutor model(process, entry, "toolshift_eval", nullptr, &p->scenarios());
//   if (p->truth().isolated) ... p->truth().results[turn] ...
//
// Entries are found again by their content (id, category, classes, ground truth, initial
// state), never by address, so a suite loaded again or another format's twin finds the same
// values, and an entry that differs in anything gets its own.
#ifndef TOOLSHIFT_INTEROP_BFCL_MULTI_TURN_MT_PREPARED_H_
#define TOOLSHIFT_INTEROP_BFCL_MULTI_TURN_MT_PREPARED_H_

#include <memory>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "src/interop/bfcl/multi_turn/mt_entry.h"
#include "src/interop/bfcl/py/py_value.h"

namespace toolshift::bfcl {

// One side's public state after a turn: (class name, attributes) per instance, in
// involved_classes order.
using SideState = std::vector<std::pair<std::string, PyDict>>;

// The ground truth's side of an entry played alone, in a BfclProcess of its own, with the
// checker's instance names.
struct TruthRun {
  // No instance asked its process for a shared object (apis/api.h, BfclProcess) other than the
  // read-only long-context constants. Then the ground truth's instances and any model's cannot
  // reach each other, and this run is exactly what the ground truth does beside any model side.
  // (BFCL's aliasing cases, BEHAVIOUR.md §0.4, all go through such objects: TwitterAPI's
  // defaults, MathAPI's precision, long-context TravelAPI's and VehicleControlAPI's dicts.)
  bool isolated = false;
  std::vector<std::vector<std::string>> results;  // per turn, the result text of each call
  std::vector<SideState> states;                  // per turn; empty for turns without ground truth
};

class PreparedEntry {
 public:
  explicit PreparedEntry(const BfclEntry& entry);
  PreparedEntry(const PreparedEntry&) = delete;
  PreparedEntry& operator=(const PreparedEntry&) = delete;

  // initial_config.get(Class, {}) per involved class, in involved_classes order ({} when it is
  // not a dict). Never changed: loading copies from it (PyValue is copy-on-write).
  const std::vector<PyDict>& scenarios() const { return scenarios_; }

  // The ground truth played alone, on first use (thread-safe; an exception from the classes
  // propagates and the next call tries again).
  const TruthRun& truth() const;

  // True when this was prepared from an entry with the same initial_config as `entry`'s, to
  // the text (1 and 1.0 differ: they load as an int and a float).
  bool HasInitialConfigOf(const BfclEntry& entry) const;

 private:
  BfclEntry entry_;  // its initial_config points into a copy this object owns
  Json initial_config_;
  std::vector<PyDict> scenarios_;
  mutable std::once_flag played_;
  mutable TruthRun truth_;
};

// The prepared entry for `entry` (the eight API classes), built on first use and kept for the
// program: the cache holds immutable values only, which are pure functions of the entry's
// content, and forgets everything past a few thousand entries (a bound on memory).
std::shared_ptr<const PreparedEntry> PrepareEntry(const BfclEntry& entry);

// The instance names of BFCL's evaluation run: the model's side, the ground truth's. (A name
// only shows where the dispatch quirk rewrites a string argument, BEHAVIOUR.md §10.)
inline constexpr const char* kModelSide = "toolshift_eval";
inline constexpr const char* kTruthSide = "toolshift_ground_truth_eval";

}  // namespace toolshift::bfcl

#endif  // TOOLSHIFT_INTEROP_BFCL_MULTI_TURN_MT_PREPARED_H_
