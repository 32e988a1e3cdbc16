// EpisodeLogStream: the RecordSink (src/engine/runner.h) that writes a run's episode log as the
// run goes, one EpisodeLogEntry line per record in plan order — the same bytes EpisodeLogText
// gives at the end, without holding them all. Lines go into a temporary file beside the log,
// renamed over it by Commit, so (as with WriteFileAtomic) a crash or a failed run leaves the
// previous log, never half a log.
#ifndef TOOLSHIFT_REPORT_EPISODE_LOG_STREAM_H_
#define TOOLSHIFT_REPORT_EPISODE_LOG_STREAM_H_

#include <cstdio>
#include <string>

#include "src/engine/runner.h"

namespace toolshift {

class EpisodeLogStream : public RecordSink {
 public:
  // Creates the log's folder and opens the temporary file; throws std::runtime_error naming
  // the path when it cannot (or when the log path exists and is not a regular file).
  explicit EpisodeLogStream(std::string log_path);
  // Removes the temporary file unless committed.
  ~EpisodeLogStream() override;
  EpisodeLogStream(const EpisodeLogStream&) = delete;
  EpisodeLogStream& operator=(const EpisodeLogStream&) = delete;

  // The record's log line, newline included.
  std::string Render(const EpisodeRecord& record) const override;
  // Notes the record's reply facts for the report, then appends the line (buffered). A write
  // error is kept for Commit, not thrown: the run and its report go on.
  void Accept(EpisodeRecord& record, std::string rendered) override;

  // Flushes, syncs and renames the temporary file over the log; throws std::runtime_error
  // naming the path on failure, an earlier write error included.
  void Commit();
  // Removes the temporary file (an interrupted run writes no log).
  void Discard();

  const std::string& path() const { return path_; }

 private:
  std::string path_, tmp_;
  std::FILE* file_ = nullptr;
  int write_errno_ = 0;  // the first write error
};

}  // namespace toolshift

#endif  // TOOLSHIFT_REPORT_EPISODE_LOG_STREAM_H_
