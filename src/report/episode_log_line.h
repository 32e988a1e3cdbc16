// The episode log line of a record written as text directly: the bytes of
// DumpJson(EpisodeLogEntry(record)) (src/report/report_builder.h), without the JSON tree.
//
// A run writes one line per request, and building then dumping the tree cost as much CPU as
// the request itself (the prompt, kilobytes of system turn, escaped through nlohmann's
// byte-by-byte serializer). Single-step records without log-probabilities, nearly every line
// of a run, are written here field by field; the rest (multi-step trajectories, log-probability
// diagnostics) go through the tree as before. A test checks both give the same bytes.
#ifndef TOOLSHIFT_REPORT_EPISODE_LOG_LINE_H_
#define TOOLSHIFT_REPORT_EPISODE_LOG_LINE_H_

#include <string>

#include "src/engine/runner.h"

namespace toolshift {

// Appends the record's log line, without a newline.
void AppendEpisodeLogLine(std::string& out, const EpisodeRecord& record);

}  // namespace toolshift

#endif  // TOOLSHIFT_REPORT_EPISODE_LOG_LINE_H_
