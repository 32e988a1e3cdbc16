// The human summary `run` and `score` print on stdout after writing a report, as sections
// that each print one part (so others can be added beside them).
#ifndef TOOLSHIFT_CLI_REPORT_SUMMARY_H_
#define TOOLSHIFT_CLI_REPORT_SUMMARY_H_

#include <cstdio>
#include <string>

#include "src/core/json.h"

namespace toolshift {

// Every section below in order, then the report's path.
void PrintSummary(const Json& report, const std::string& out_path, std::FILE* out);

// Version, model, seed and the run's elapsed wall time.
void PrintSummaryHeader(const Json& report, std::FILE* out);
// Per split: episodes, backend errors, accuracy with its interval, format validity, wrong dialect.
void PrintSplitTable(const Json& report, std::FILE* out);
// Per split, when any episode is multi-step: single- and multi-step accuracy with intervals.
void PrintStepSplit(const Json& report, std::FILE* out);
// The robustness gap of each shifted split ("n/a" without pairs).
void PrintGaps(const Json& report, std::FILE* out);
// The `count` largest per-kind gaps with their intervals, then the kinds without pairs as "n/a".
void PrintLargestKindGaps(const Json& report, std::FILE* out, size_t count);
// A warning for each shifted split with scored episodes whose twin did not run (e.g. --limit N
// took episodes that are not each other's twins).
void PrintPairingWarnings(const Json& report, std::FILE* out);

}  // namespace toolshift

#endif  // TOOLSHIFT_CLI_REPORT_SUMMARY_H_
