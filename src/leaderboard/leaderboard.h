// Leaderboard: several reports side by side, ranked with the uncertainty their intervals
// carry, rendered as JSON, CSV, Markdown and a self-contained HTML page.
//
// Overall is the macro average: the mean of the split accuracies (id, format, content) a run has,
// so the format split's many episodes do not drown the others; the micro figure (every scored
// episode pooled) stands beside it. Rank ranges: a run's best rank is 1 + the number of runs
// whose overall interval lies entirely above its own; its worst rank is N − the number whose
// interval lies entirely below. Runs whose intervals overlap therefore share a range ("1–2").
//
// Comparability: reports are grouped by what they ran (suite names, content hashes and episode
// counts, --limit, epochs, toolshift version); each group is ranked on its own and a warning
// names the groups. One model may appear twice (two checkpoints, two labels): a run goes by
// config.name or its model with its labels, then its file name when still ambiguous.
// Rows are ordered by group, then overall accuracy, ties by name.
#ifndef TOOLSHIFT_LEADERBOARD_LEADERBOARD_H_
#define TOOLSHIFT_LEADERBOARD_LEADERBOARD_H_

#include <string>
#include <vector>

#include "src/core/json.h"

namespace toolshift {

struct LeaderboardInput {
  std::string path;  // where the report came from, for messages and provenance
  Json report;       // a checked report (ReadReport)
};

// The leaderboard as JSON: {"schema_version", "overall" (its definition), "models": [{model,
// run, report, group, rank_low, rank_high, overall (macro), overall_micro, id, format, content
// (each {accuracy, ci_low, ci_high, n}), steps {split: {single, multi}}, gap_format,
// gap_content ({delta, ci_low, ci_high, pairs}), format_validity, latency_p50_ms,
// latency_p90_ms, categories {split: {category: cell}}, shift_kinds {kind: gap}, meta
// (RunMetadata)}], "groups": [{group, fingerprint, description, runs}], "warnings": [...],
// "shift_kinds": [...], "shift_kinds_by_split": {format: [...], content: [...]},
// "categories": [...]}. Throws InputError when a report lacks a model or totals.
Json BuildLeaderboard(const std::vector<LeaderboardInput>& inputs);

std::string LeaderboardCsv(const Json& board);
std::string LeaderboardMarkdown(const Json& board);
// One file, no network fetches: inline CSS, inline SVG charts, a little inline script for
// sorting (and #sort=COLUMN in the URL to sort on load). Every string is HTML-escaped.
std::string LeaderboardHtml(const Json& board);

// The pages' shared <style> and <script> elements (sortable tables, #sort=COLUMN, and the laid-out
// width in body[data-scroll-width] for the browser test).
const char* PageStyle();
const char* PageScript();

// A number of the leaderboard as text with a printf format ("" for null or non-numbers);
// its rank range as "1" or "1–2".
std::string FormatNumber(const Json& v, const char* fmt = "%.3f");
std::string RankText(const Json& model);

}  // namespace toolshift

#endif  // TOOLSHIFT_LEADERBOARD_LEADERBOARD_H_
