// Gate: CI checks on a report, optionally against a baseline report.
//
//   min PATH=V        the number at PATH is at least V
//   max PATH=V        the number at PATH is at most V
//   max-drop PATH=V   baseline minus report at PATH is at most V, counted as a regression
//                     only when significant: for accuracies over a set of episodes, a paired
//                     McNemar test over the episodes both runs scored (from the episode logs
//                     beside the reports); otherwise the 95% intervals (ci_low/ci_high beside
//                     the value) must not overlap.
// PATH is dotted ("splits.id.accuracy") or a JSON pointer. A path missing from a report is
// an input error, not a failed check.
#ifndef TOOLSHIFT_GATE_GATE_H_
#define TOOLSHIFT_GATE_GATE_H_

#include <optional>
#include <string>
#include <vector>

#include "src/core/json.h"
#include "src/report/report_reader.h"

namespace toolshift {

struct GateCheck {
  enum class Kind { kMin, kMax, kMaxDrop };
  Kind kind = Kind::kMin;
  std::string path;
  double bound = 0;
};

// Parses "PATH=VALUE" given to `flag` (for messages). Throws InputError.
GateCheck ParseGateCheck(GateCheck::Kind kind, const std::string& spec, const std::string& flag);

// Reads {"min": {PATH: V...}, "max": {...}, "max_drop": {...}, "alpha": A}. Throws InputError
// naming the file and field. `alpha` is set when the file has one.
std::vector<GateCheck> ReadGateConfig(const std::string& path, double* alpha);

struct GateRun {
  std::string report_path;
  Json report;
  std::optional<std::vector<LoggedVerdict>> episodes;  // the episode log, when beside the report
};

struct CheckResult {
  GateCheck check;
  std::string name;      // e.g. "max-drop splits.id.accuracy <= 0.02"
  bool passed = false;
  double value = 0;
  std::optional<double> baseline;
  std::string detail;    // how it was decided, with the figures
};

// Evaluates every check. Throws InputError for a path missing from a report, or a
// max-drop check without a baseline.
std::vector<CheckResult> EvaluateGate(const GateRun& report, const std::optional<GateRun>& baseline,
                                      const std::vector<GateCheck>& checks, double alpha);

// The checks used when none are given: with a baseline, max-drop 0 on totals.accuracy and
// every split's accuracy the report has.
std::vector<GateCheck> DefaultGateChecks(const Json& report);

// JUnit XML (one <testcase> per check) as CI systems read it.
std::string GateJUnit(const std::vector<CheckResult>& results, const std::string& report_path);
// A Markdown summary for $GITHUB_STEP_SUMMARY.
std::string GateMarkdown(const std::vector<CheckResult>& results, const std::string& report_path,
                         const std::string& baseline_path);

}  // namespace toolshift

#endif  // TOOLSHIFT_GATE_GATE_H_
