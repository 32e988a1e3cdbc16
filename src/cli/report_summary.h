// The human summary `run` and `score` print on stdout after writing a report.
#ifndef TOOLSHIFT_CLI_REPORT_SUMMARY_H_
#define TOOLSHIFT_CLI_REPORT_SUMMARY_H_

#include <cstdio>
#include <string>

#include "src/core/json.h"

namespace toolshift {

// The run's elapsed wall time, per-split accuracy with intervals, format validity and the
// robustness gaps ("n/a" for a gap with no pairs).
void PrintSummary(const Json& report, const std::string& out_path, std::FILE* out);

}  // namespace toolshift

#endif  // TOOLSHIFT_CLI_REPORT_SUMMARY_H_
