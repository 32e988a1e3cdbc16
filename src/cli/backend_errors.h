// Backend errors told loudly: how many episodes of a run failed for infrastructure reasons
// (connection refused, HTTP 5xx, timeouts, a runner that died), their most frequent causes, and
// whether that is too many for the run to count as done (exit 4). Such episodes are kept out of
// accuracy; without this they would only show in the episode log while the run exits 0.
#ifndef TOOLSHIFT_CLI_BACKEND_ERRORS_H_
#define TOOLSHIFT_CLI_BACKEND_ERRORS_H_

#include <cstdio>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "src/engine/runner.h"

namespace toolshift {

// --max-backend-errors when not given: a run with more than 5% of its episodes lost is not done.
inline constexpr double kDefaultMaxBackendErrors = 0.05;

struct BackendErrorTally {
  size_t episodes = 0;  // records of the run (every epoch of every episode)
  size_t errors = 0;    // of them, backend errors
  // Normalised cause and how many episodes it ended; most frequent first, ties by name.
  std::vector<std::pair<std::string, size_t>> causes;

  double rate() const { return episodes ? static_cast<double>(errors) / static_cast<double>(episodes) : 0.0; }
  // Every episode failed for infrastructure reasons: never a finished run, whatever the threshold.
  bool all_failed() const { return episodes > 0 && errors == episodes; }
  // The run must exit 4: its error rate exceeds `max_rate`, or every episode failed.
  bool Fails(double max_rate) const { return all_failed() || rate() > max_rate; }
};

// The cause of one backend error with its per-request details removed, so that equal failures
// group: "HTTP 503: <body>" -> "HTTP 503"; "transport: Couldn't connect to server: Failed to
// connect to 127.0.0.1 port 9 ..." -> "transport: Couldn't connect to server"; quoted values
// ('...') become '...'; the result is capped (Echo). Errors are already redacted by the engine.
std::string NormaliseBackendError(std::string_view error);

BackendErrorTally TallyBackendErrors(const std::vector<EpisodeRecord>& records);

// When the run has backend errors: one line with their count and share, then up to `top` causes
// with their counts; then, when tally.Fails(max_rate), the line saying why the exit code is 4.
// `command` prefixes each line ("toolshift run"). Prints nothing for a run without errors.
void PrintBackendErrors(const BackendErrorTally& tally, double max_rate, const char* command, std::FILE* err,
                        size_t top = 5);

}  // namespace toolshift

#endif  // TOOLSHIFT_CLI_BACKEND_ERRORS_H_
