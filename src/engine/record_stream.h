// RecordStream: hands a run's records to a RecordSink as they finish, so a run of 100k
// episodes never holds every prompt, reply and log line at once.
//
// A record is *finished* when its response is final. The stream scores it (unless the
// caller already did), lets the sink render it (RecordSink::Render, on whichever thread
// finished it or on the stream's own thread), and then hands the records to the sink one at
// a time *in plan order* (RecordSink::Accept, on the stream's thread), whatever order they
// finished in: the episode log stays byte-identical to one written at the end. A record
// finished ahead of an earlier one waits in full until that one is done; requests go out in
// plan order, so that wait is about one --concurrency window.
//
// After Accept, the record's bulk (prompt, replies, trajectory, the reply text, parsed calls)
// is released (ReleaseBulk): what stays is what the report counts.
#ifndef TOOLSHIFT_ENGINE_RECORD_STREAM_H_
#define TOOLSHIFT_ENGINE_RECORD_STREAM_H_

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <exception>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "src/engine/runner.h"

namespace toolshift {

class RecordStream {
 public:
  // `records` (the run's plan) must outlive the stream; `sink` must not be null.
  RecordStream(std::vector<EpisodeRecord>& records, RecordSink& sink, const ReplyLimits& limits);
  // Abandons what is not handed on yet (as Abandon) if Close was not called.
  ~RecordStream();
  RecordStream(const RecordStream&) = delete;
  RecordStream& operator=(const RecordStream&) = delete;

  // Thread-safe; record `i` (an index into the plan) is final. With `prepare_here` it is
  // scored and rendered on the calling thread first (local adapters: the workers share the
  // work), else on the stream's thread (remote: the event loop stays free).
  void Finished(size_t i, bool prepare_here = false);
  // Waits until every record has been finished and handed to the sink; rethrows what the sink
  // or the scorer threw.
  void Close();
  // Stops at once: nothing more is handed on (an interrupted run writes no log).
  void Abandon();

 private:
  void Prepare(size_t i);
  void Loop();

  std::vector<EpisodeRecord>& records_;
  RecordSink& sink_;
  const ReplyLimits limits_;
  std::vector<std::string> rendered_;  // by plan index, until handed on
  std::vector<char> prepared_;         // by plan index; guarded by mu_ once queued
  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<size_t> queue_;  // finished, not yet prepared by the stream
  size_t next_ = 0;           // records before it are handed on
  bool abandoned_ = false;
  std::exception_ptr error_;
  std::thread thread_;
};

// Drops what a record holds only for its log line (prompt, replies, trajectory, the reply's
// text and log-probabilities, parsed calls, details, evidence), keeping what the report and
// the backend-error tally count: verdict outcome, failure, signature names, trajectory
// counts, usage, latency, error text.
void ReleaseBulk(EpisodeRecord& record);

}  // namespace toolshift

#endif  // TOOLSHIFT_ENGINE_RECORD_STREAM_H_
