// The report's `bfcl_summary` section: BFCL's leaderboard columns for the BFCL categories a run
// holds, aggregated as BFCL's generate_leaderboard_csv aggregates them, so a run compares with
// the published board directly.
//
//   Non-Live AST     unweighted mean of simple (itself the unweighted mean of simple_python,
//                    simple_java, simple_javascript), multiple, parallel, parallel_multiple
//   Non-Live overall the same four and irrelevance, unweighted
//   Live AST         live_simple, live_multiple, live_parallel, live_parallel_multiple, weighted by
//                    record count; Live overall adds live_irrelevance and live_relevance, weighted
//   Multi Turn       unweighted mean of multi_turn_base, _miss_func, _miss_param, _long_context
//   Irrelevance      unweighted mean of irrelevance and live_irrelevance; Relevance = live_relevance
//   Overall          unweighted mean of Live, Non-Live and Multi Turn overall and Agentic (not run
//                    by toolshift: 0, as BFCL counts a missing category)
// A category the run does not hold counts as 0 with BFCL's record count, as in BFCL; a column
// that depends on a missing category is null (BFCL's "N/A"), except the overall ones, which BFCL
// always shows. Only in-distribution BFCL-scored episodes count, each BFCL id once.
#ifndef TOOLSHIFT_REPORT_BFCL_SUMMARY_H_
#define TOOLSHIFT_REPORT_BFCL_SUMMARY_H_

#include <vector>

#include "src/core/json.h"
#include "src/engine/runner.h"

namespace toolshift {

// The section, or null when the run holds no BFCL-scored in-distribution episode.
// `format_sensitivity` is the report's bfcl_format_sensitivity section (or null).
Json BfclSummaryJson(const std::vector<EpisodeRecord>& records, const Json& format_sensitivity);

}  // namespace toolshift

#endif  // TOOLSHIFT_REPORT_BFCL_SUMMARY_H_
