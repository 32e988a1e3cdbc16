// ACEBench's aggregate (SPEC.md section 9) over the ACEBench episodes of a run, one block per
// language and dialect (so a python-list run and its <tool_call> twin are summarised apart):
//
//   per category  accuracy = correct / records (normal single-turn, special); for the two normal
//                 multi-turn categories the share of conversations whose every turn is correct,
//                 with process_accuracy = the mean per-conversation share of correct turns; for
//                 the agent categories end-to-end accuracy, with process_accuracy (milestones)
//   summary       atom, single_turn, multi_turn (display sub-totals); normal = unweighted mean of
//                 the 12 normal categories; special = mean of the 3 special; agent = mean of the 2
//                 agent; overall = 0.578 normal + 0.2676 special + 0.1545 agent
//
// Rounded to 3 decimals as ACEBench rounds (category accuracies enter the means rounded, special
// ones unrounded). A category with no episode counts 0, as in ACEBench, and is listed under
// "missing_categories". Episodes whose backend failed are left out and counted.
//
// An agent record's process accuracy travels in its verdict's per-turn list, which a run frees
// once a record is written (the runner's ReleaseBulk) unless it keeps that list: a wrong record
// whose list is gone makes its category's process_accuracy null, with the number of such records
// in "process_unknown", rather than a number that silently counts them as 0.
#ifndef TOOLSHIFT_INTEROP_ACEBENCH_ACE_SUMMARY_H_
#define TOOLSHIFT_INTEROP_ACEBENCH_ACE_SUMMARY_H_

#include <vector>

#include "src/core/json.h"
#include "src/scoring/episode_pack.h"

namespace toolshift::acebench {

// One record's outcome as the aggregate needs it.
struct AceOutcome {
  std::string id;
  std::string category;
  bool correct = false;
  double process = 0;      // agent categories: the record's process (milestone) accuracy
  bool process_known = true;  // false when the verdict's per-turn detail was released before the summary
  bool unpassable = false;
};

// Python's round(x, 3) for the values ACEBench rounds.
double Round3(double x);

// The summary of one group of outcomes (one language and dialect).
Json SummarizeGroup(const std::vector<AceOutcome>& outcomes);

// The pack's summary: {"<lang>/<dialect>[/<shift>]": SummarizeGroup(...), ...}.
Json Summarize(const std::vector<PackOutcome>& outcomes);

}  // namespace toolshift::acebench

#endif  // TOOLSHIFT_INTEROP_ACEBENCH_ACE_SUMMARY_H_
