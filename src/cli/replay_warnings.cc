#include "src/cli/replay_warnings.h"

#include <set>

#include "adapters/replay/replay_adapter.h"
#include "src/core/echo.h"

namespace toolshift {

void WarnReplayCoverage(const Adapter& adapter, const std::vector<Suite>& suites,
                        const std::vector<EpisodeRecord>& records, std::FILE* err) {
  const auto* replay = dynamic_cast<const ReplayAdapter*>(&adapter);
  if (!replay) return;
  const std::string file = Echo(replay->path());
  bool whole = true;
  for (const auto& s : suites) whole = whole && s.unloaded == 0;
  if (whole) {
    if (const size_t n = replay->Unmatched(suites)) {
      std::fprintf(err, "toolshift run: %zu line(s) of %s match no episode of the selected suites; ignored\n", n,
                   file.c_str());
    }
  }
  if (const size_t n = replay->duplicates()) {
    std::fprintf(err,
                 "toolshift run: %zu line(s) of %s repeat an earlier line's id; replay uses the first "
                 "(`toolshift score` scores every line)\n",
                 n, file.c_str());
  }
  std::set<const Episode*> missing;  // episodes, not epochs: one gap in the recording is one warning line
  for (const auto& r : records) {
    if (!r.response.ok() && r.response.error.rfind("replay: no recorded output", 0) == 0) missing.insert(r.episode);
  }
  if (!missing.empty()) {
    std::fprintf(err, "toolshift run: %zu episode(s) have no recorded output in %s; counted as backend errors\n",
                 missing.size(), file.c_str());
  }
}

}  // namespace toolshift
