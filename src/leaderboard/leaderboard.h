// Leaderboard: several reports side by side, ranked with the uncertainty their intervals
// carry, rendered as JSON, CSV, Markdown and a self-contained HTML page.
//
// Rank ranges: a model's best rank is 1 + the number of models whose overall accuracy
// interval lies entirely above its own; its worst rank is N − the number whose interval
// lies entirely below. Models whose intervals overlap therefore share a range ("1–2").
// Rows are ordered by overall accuracy, ties by name.
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

// The leaderboard as JSON: {"schema_version", "models": [{model, report, rank_low, rank_high,
// overall, id, format, content (each {accuracy, ci_low, ci_high, n}), gap_format, gap_content
// ({delta, ci_low, ci_high}), format_validity, latency_p50_ms, latency_p90_ms, categories
// {split: {category: accuracy}}, shift_kinds {kind: {delta, ci_low, ci_high}}}],
// "shift_kinds": [...], "categories": [...]}. Throws InputError when two reports name the
// same model or a report lacks totals.
Json BuildLeaderboard(const std::vector<LeaderboardInput>& inputs);

std::string LeaderboardCsv(const Json& board);
std::string LeaderboardMarkdown(const Json& board);
// One file, no network fetches: inline CSS, inline SVG charts, a little inline script for
// sorting (and #sort=COLUMN in the URL to sort on load). Every string is HTML-escaped.
std::string LeaderboardHtml(const Json& board);

// A number of the leaderboard as text with a printf format ("" for null or non-numbers);
// its rank range as "1" or "1–2".
std::string FormatNumber(const Json& v, const char* fmt = "%.3f");
std::string RankText(const Json& model);

}  // namespace toolshift

#endif  // TOOLSHIFT_LEADERBOARD_LEADERBOARD_H_
