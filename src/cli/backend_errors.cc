#include "src/cli/backend_errors.h"

#include <algorithm>
#include <map>

#include <re2/re2.h>

#include "src/core/echo.h"

namespace toolshift {
namespace {

// The most bytes of one cause printed: enough for a curl message, short enough for one line.
constexpr size_t kCauseMaxBytes = 120;

}  // namespace

std::string NormaliseBackendError(std::string_view error) {
  std::string cause(error);
  // "HTTP 503: body" and "HTTP 503: unreadable JSON body (...)": the status is the cause.
  int status = 0;
  if (RE2::PartialMatch(cause, R"(^HTTP (\d{3})\b)", &status)) return "HTTP " + std::to_string(status);
  // "transport: <curl's message>: <details naming host, port, bytes>": keep curl's message.
  static const std::string kTransport = "transport: ";
  if (cause.rfind(kTransport, 0) == 0) {
    const size_t detail = cause.find(": ", kTransport.size());
    if (detail != std::string::npos) cause.resize(detail);
  }
  // Quoted values name an episode, a path or a program; equal failures differ only there.
  static const RE2 kQuoted(R"('[^']*')");
  RE2::GlobalReplace(&cause, kQuoted, "'...'");
  return Echo(cause, kCauseMaxBytes);
}

BackendErrorTally TallyBackendErrors(const std::vector<EpisodeRecord>& records) {
  BackendErrorTally tally;
  std::map<std::string, size_t> counts;
  for (const auto& r : records) {
    ++tally.episodes;
    if (r.response.ok()) continue;
    ++tally.errors;
    ++counts[NormaliseBackendError(r.response.error)];
  }
  tally.causes.assign(counts.begin(), counts.end());
  std::stable_sort(tally.causes.begin(), tally.causes.end(),
                   [](const auto& a, const auto& b) { return a.second > b.second; });
  return tally;
}

void PrintBackendErrors(const BackendErrorTally& tally, double max_rate, const char* command, std::FILE* err,
                        size_t top) {
  if (tally.errors == 0) return;
  std::fprintf(err, "%s: %zu of %zu episodes (%.1f%%) are backend errors, kept out of accuracy; top causes:\n",
               command, tally.errors, tally.episodes, 100 * tally.rate());
  const size_t shown = std::min(top, tally.causes.size());
  for (size_t k = 0; k < shown; ++k) {
    std::fprintf(err, "  %s x%zu\n", tally.causes[k].first.c_str(), tally.causes[k].second);
  }
  if (shown < tally.causes.size()) {
    std::fprintf(err, "  ... %zu more causes (see backend_error in the episode log)\n", tally.causes.size() - shown);
  }
  if (!tally.Fails(max_rate)) return;
  if (tally.all_failed()) {
    std::fprintf(err, "%s: every episode is a backend error: exit 4 (report and episode log written)\n", command);
  } else {
    std::fprintf(err, "%s: backend-error rate %.3f exceeds --max-backend-errors %g: exit 4 (report and episode log "
                 "written)\n", command, tally.rate(), max_rate);
  }
}

}  // namespace toolshift
