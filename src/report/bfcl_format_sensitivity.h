// The report's `bfcl_format_sensitivity` section: BFCL v4's format-sensitivity figures for a run
// that holds episodes asked in BFCL's prompt configurations (dialect bfcl; the in-distribution
// suite in BFCL's default configuration, its twins under `bfcl-prompt:<config>` shifts).
//
// BFCL (eval_runner.format_sensitivity_runner) computes each configuration's accuracy and, across
// configurations, the maximum accuracy delta (max - min) and the standard deviation (the sample
// standard deviation, statistics.stdev), both in percentage points rounded to two decimals, with
// the variance in squared points. toolshift gives those figures and, per configuration, the paired
// gap against the default configuration with its bootstrap interval (from gap.format.by_kind).
#ifndef TOOLSHIFT_REPORT_BFCL_FORMAT_SENSITIVITY_H_
#define TOOLSHIFT_REPORT_BFCL_FORMAT_SENSITIVITY_H_

#include <vector>

#include "src/core/json.h"
#include "src/engine/runner.h"

namespace toolshift {

// The section, or null when no episode of the run is a BFCL prompt-configuration twin. `gaps` is
// the report's "gap" object. Backend errors are left out of every accuracy, as everywhere.
Json BfclFormatSensitivityJson(const std::vector<EpisodeRecord>& records, const Json& gaps);

// BFCL's two figures over configuration accuracies in [0, 1]: {max_delta, std, variance} in
// percentage points rounded as BFCL rounds them; all 0 for fewer than two configurations.
Json BfclSpreadFigures(const std::vector<double>& accuracies);

}  // namespace toolshift

#endif  // TOOLSHIFT_REPORT_BFCL_FORMAT_SENSITIVITY_H_
