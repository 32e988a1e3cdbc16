// Reading toolshift reports back: for merge, gate and leaderboard.
//
// A report names its schema_version ("MAJOR.MINOR.PATCH"). This toolshift writes and reads
// major version 1; a report of another major version is refused with a message saying
// which versions are readable, never half-read. Minor versions only add fields.
#ifndef TOOLSHIFT_REPORT_REPORT_READER_H_
#define TOOLSHIFT_REPORT_REPORT_READER_H_

#include <optional>
#include <string>
#include <vector>

#include "src/core/json.h"

namespace toolshift {

// Reads and checks a report file. Throws InputError("path: field: what is wrong").
Json ReadReport(const std::string& path);

// Checks the version of an already parsed report; `path` names it in errors.
void CheckReportVersion(const Json& report, const std::string& path);

// The number at `path` in `report`: dotted ("splits.id.accuracy") or a JSON pointer
// ("/splits/id/accuracy"). nullopt when absent or not a number.
std::optional<double> NumberAt(const Json& report, const std::string& path);

// One scored episode of an episode log, as gate's paired tests need it.
struct LoggedVerdict {
  std::string suite;
  std::string id;
  int epoch = 0;
  std::string split;
  std::string category;
  bool correct = false;
  bool backend_error = false;
};

// Reads the episode log beside `report_path` ("x.json" -> "x.episodes.jsonl").
// nullopt when there is none; throws InputError("path:line: ...") on a malformed line.
std::optional<std::vector<LoggedVerdict>> ReadEpisodeVerdicts(const std::string& report_path);

}  // namespace toolshift

#endif  // TOOLSHIFT_REPORT_REPORT_READER_H_
