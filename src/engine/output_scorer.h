// Output scorer: scores recorded outputs (adapters/replay/recorded_outputs.h) against the
// episodes of the selected suites, without a backend — toolshift's counterpart of BFCL's
// evaluation step. Every output line is scored, so several samples of an episode count.
#ifndef TOOLSHIFT_ENGINE_OUTPUT_SCORER_H_
#define TOOLSHIFT_ENGINE_OUTPUT_SCORER_H_

#include <string>
#include <vector>

#include "adapters/replay/recorded_outputs.h"
#include "src/engine/runner.h"

namespace toolshift {

struct ScoredOutputs {
  std::vector<EpisodeRecord> records;  // one per matched output, then one per episode without any
  std::vector<size_t> lines;           // for each record, its line in the outputs file (0: none)
  size_t unmatched = 0;                // outputs naming no episode of the selected suites
  size_t missing = 0;                  // episodes with no output: recorded as backend errors
};

// Matches each output to its episode by (suite, id), or by id alone when the output names no
// suite; an id found in several selected suites is then ambiguous and throws InputError
// naming `source`'s line. Scoring runs on `jobs` threads (0 = one per core). `outputs` is taken
// by value: a caller done with them moves them in, and their replies are moved, not copied.
ScoredOutputs ScoreOutputs(const std::vector<Suite>& suites, std::vector<RecordedOutput> outputs,
                           const std::string& source, int jobs, const ReplyLimits& limits = {});

// Frees what the records hold on `jobs` threads (0 = one per core) and leaves `scored` empty:
// freeing thousands of multi-step trajectories one by one is a share of a score's wall time.
void ReleaseScoredOutputs(ScoredOutputs& scored, int jobs);

// One compact verdict line: suite, id, line, correct, failure, parse status, detail.
Json VerdictLogEntry(const EpisodeRecord& record, size_t line);

// Appends the same line as DumpJson(VerdictLogEntry(record, line)), written directly.
void AppendVerdictLogLine(std::string& out, const EpisodeRecord& record, size_t line);

// The verdict log: one VerdictLogEntry per record, as JSON Lines, in record order.
std::string VerdictLog(const ScoredOutputs& scored);

}  // namespace toolshift

#endif  // TOOLSHIFT_ENGINE_OUTPUT_SCORER_H_
