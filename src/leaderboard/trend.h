// The trend view (`toolshift leaderboard --trend`): reports of successive checkpoints of one
// training run, ordered by their step, drawn against it — accuracy per split, the format and
// content gaps with their intervals, and the main signature rates — so a collapse shows as a
// drop, with the checkpoint where it starts named.
//
// A report's step comes from the command line (REPORT=STEP or --step) or from the report's
// config.labels.step (`toolshift run --label step=1200`). Steps must be numbers, one report each.
//
// Where the drop starts: the first checkpoint whose accuracy interval lies entirely below the
// interval of a checkpoint before it (its upper bound under the best earlier lower bound) — a
// fall the intervals say is real, not noise. The largest fall between consecutive checkpoints
// is named too.
#ifndef TOOLSHIFT_LEADERBOARD_TREND_H_
#define TOOLSHIFT_LEADERBOARD_TREND_H_

#include <optional>
#include <string>
#include <vector>

#include "src/core/json.h"

namespace toolshift {

struct TrendInput {
  std::string path;                 // for messages and the table
  Json report;                      // a checked report (ReadReport)
  std::optional<std::string> step;  // from the command line; else config.labels.step
};

// Splits "REPORT=STEP" when the text after the last '=' is a number: {REPORT, STEP}; otherwise
// {text, nullopt}.
std::pair<std::string, std::optional<std::string>> SplitReportStep(const std::string& arg);

// {"schema_version", "points": [{step, report, run, model, id, format, content, overall
// (accuracy cells), gap_format, gap_content (gap cells), signatures {name: {rate, ci_low,
// ci_high, count, replies}}}] by step, "signatures": [the up to 5 with the highest rate seen],
// "onset": {series: {step, after_step, from, to} or null} for id, format, content, overall,
// "largest_drop": {series: {from_step, to_step, delta} or null}, "warnings": [...]}.
// Throws InputError for a report without a step, a step that is not a number, or two reports
// at one step.
Json BuildTrend(const std::vector<TrendInput>& inputs);

std::string TrendCsv(const Json& trend);
// One self-contained page (inline SVG, no fetches), every string escaped.
std::string TrendHtml(const Json& trend);
// A short text summary for the terminal: one line per checkpoint and where the drop starts.
std::string TrendText(const Json& trend);

}  // namespace toolshift

#endif  // TOOLSHIFT_LEADERBOARD_TREND_H_
