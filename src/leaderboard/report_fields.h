// Reading a report's figures for the leaderboard and the trend page. Reports come from users and
// fuzzers: every accessor here treats a field of the wrong type as absent instead of throwing, so
// a strange report renders with blanks rather than failing half-way.
#ifndef TOOLSHIFT_LEADERBOARD_REPORT_FIELDS_H_
#define TOOLSHIFT_LEADERBOARD_REPORT_FIELDS_H_

#include <string>
#include <vector>

#include "src/core/json.h"

namespace toolshift {

// `j[key]`, or a null value when `j` is not an object or has no such member.
const Json& Member(const Json& j, const char* key);
// `j[key]` as a number / string, or `fallback` when absent or of another type.
double NumberOr(const Json& j, const char* key, double fallback);
std::string StringOr(const Json& j, const char* key, const std::string& fallback = "");

// An accuracy tally as {accuracy, ci_low, ci_high, n}; null when it has no numeric accuracy.
Json AccuracyCell(const Json& tally);
// An accuracy cell of `correct` out of `scored` with its Wilson 95% interval; null when scored is 0.
Json CountCell(double correct, double scored);
// A gap as {delta, ci_low, ci_high, pairs}; null when it has no numeric delta.
Json GapCell(const Json& gap);

// "Overall" as the leaderboard defines it: the macro average, the unweighted mean of the splits'
// accuracies (null cells left out), so each split weighs the same however many episodes it has.
// Its interval treats the splits as independent and combines their Wilson half-widths
// (sqrt(sum h_i^2) / k), clamped to [0, 1]; n is the total of the splits' n. Null when no split has a cell.
Json MacroCell(const std::vector<Json>& cells);

// A split's accuracy over single-step episodes and over multi-step ones (categories multi_step
// and multi_turn), from its categories' counts: {single, multi}, each an accuracy cell or null.
Json StepCells(const Json& split_tally);

// What makes two reports comparable: the toolshift version, the limit, the epochs and, per suite,
// its name, content hash and episodes run. Reports with equal fingerprints rank together.
Json Fingerprint(const Json& report);
// One line naming a fingerprint: "toolshift 0.1.0, 12 suites (sha256 ab12cd34), 11001 episodes, no limit".
std::string FingerprintText(const Json& fingerprint);

// What the page shows about how a run was made: {started_at, finished_at, wall_seconds,
// toolshift_version, seed, episodes, backend_errors, suites [{name, hash}], settings {config
// key: value, everything but the suite list}, labels {}}. Whatever the report holds; absent
// fields are absent.
Json RunMetadata(const Json& report);

// The name a run goes by on the page: config.name when set, else the model, followed by its
// labels ("m [step=1200]") when config.labels has any.
std::string RunName(const Json& report);

}  // namespace toolshift

#endif  // TOOLSHIFT_LEADERBOARD_REPORT_FIELDS_H_
