// Report builder: aggregates scored episodes into the versioned report JSON
// (docs/report.schema.json) and renders each episode as one line of the episode log.
//
// Accuracy counts only scored episodes: backend errors are infrastructure, reported
// apart, and never count against the model. The robustness gap pairs every shifted
// episode with its in-distribution twin (base_id) and bootstraps the mean difference,
// resampling base episodes (one base has many shifted twins).
#ifndef TOOLSHIFT_REPORT_REPORT_BUILDER_H_
#define TOOLSHIFT_REPORT_REPORT_BUILDER_H_

#include <string>
#include <vector>

#include "src/core/json.h"
#include "src/engine/runner.h"

namespace toolshift {

inline constexpr const char* kReportSchemaVersion = "1.2.0";

struct RunInfo {
  std::string model;
  uint64_t seed = 0;
  int jobs = 0;
  size_t limit = 0;
  std::vector<std::string> suite_args;
  std::string started_at;   // ISO 8601 UTC
  std::string finished_at;
  double wall_seconds = 0;
  int bootstrap_resamples = 2000;
  RunStats stats;         // requests, retries, cache hits, resumed episodes
  std::string shard;      // "I/N" for a sharded run, empty otherwise
  int epochs = 1;         // samples of every episode (--epochs)
  ReplyLimits limits;     // --max-output-bytes, --max-calls
  size_t max_response_bytes = 0;  // --max-response-bytes (remote backends); 0 = not recorded
};

Json BuildReport(const std::vector<Suite>& suites, const std::vector<EpisodeRecord>& records,
                 const RunInfo& info);

// One episode log line: prompt, raw output, parsed calls, verdict, failure, latency.
Json EpisodeLogEntry(const EpisodeRecord& record);

// The whole episode log as JSON lines, one EpisodeLogEntry per record in order; lines are
// built in parallel (a 100k-episode log is hundreds of MB of JSON to write).
std::string EpisodeLogText(const std::vector<EpisodeRecord>& records);

// Current UTC time as "YYYY-MM-DDTHH:MM:SSZ".
std::string UtcNow();

}  // namespace toolshift

#endif  // TOOLSHIFT_REPORT_REPORT_BUILDER_H_
