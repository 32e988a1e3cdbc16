// Writes a report and its episode log to disk atomically (temp file + rename), so a
// crash or full disk never leaves a half-written report where a CI expects a whole one.
#ifndef TOOLSHIFT_REPORT_REPORT_WRITER_H_
#define TOOLSHIFT_REPORT_REPORT_WRITER_H_

#include <string>
#include <vector>

#include "src/core/json.h"

namespace toolshift {

// The episode log that sits beside a report: "x/run.json" -> "x/run.episodes.jsonl".
std::string EpisodeLogPath(const std::string& report_path);

// Writes `text` to `path` via a temporary file in the same folder; creates parent folders.
// Throws std::runtime_error naming the path on failure.
void WriteFileAtomic(const std::string& path, const std::string& text);

// Writes the episode log (`episode_log`: JSON lines, see EpisodeLogText) and then the report.
void WriteReportFiles(const std::string& report_path, const Json& report, const std::string& episode_log);

}  // namespace toolshift

#endif  // TOOLSHIFT_REPORT_REPORT_WRITER_H_
