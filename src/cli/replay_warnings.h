// After a `run --model replay:FILE`: the warnings `score` gives for the same file, so a recording
// that does not fit the suites (ids renamed, another suite's outputs, repeated lines) is never
// silently half-used.
#ifndef TOOLSHIFT_CLI_REPLAY_WARNINGS_H_
#define TOOLSHIFT_CLI_REPLAY_WARNINGS_H_

#include <cstdio>
#include <vector>

#include "adapters/adapter.h"
#include "src/core/suite.h"
#include "src/engine/runner.h"

namespace toolshift {

// Writes to `err` how many recorded lines match no episode (only when every suite was loaded
// whole, so --limit does not make the rest look foreign), how many repeat an earlier line's id,
// and how many episodes had no recorded output. Does nothing for other adapters.
void WarnReplayCoverage(const Adapter& adapter, const std::vector<Suite>& suites,
                        const std::vector<EpisodeRecord>& records, std::FILE* err);

}  // namespace toolshift

#endif  // TOOLSHIFT_CLI_REPLAY_WARNINGS_H_
