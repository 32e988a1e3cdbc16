#include "src/engine/record_stream.h"

#include <utility>

namespace toolshift {
namespace {

template <typename T>
void Free(T& v) {
  T().swap(v);  // clear() keeps the capacity
}

}  // namespace

void ReleaseBulk(EpisodeRecord& r) {
  Free(r.prompt);
  Free(r.replies);
  Free(r.user_turns);
  Free(r.turn_sizes);
  r.trajectory.reset();
  Free(r.response.message.content);
  Free(r.response.message.tool_calls);
  r.response.logprobs = Json();
  Free(r.verdict.parse.calls);
  Free(r.verdict.parse.error);
  Free(r.verdict.detail);
  for (auto& s : r.verdict.signatures) Free(s.evidence);
  if (r.verdict.trajectory) {
    TrajectoryVerdict& t = *r.verdict.trajectory;
    Free(t.state_diff);
    Free(t.per_step);
    Free(t.per_turn);
    Free(t.error_type);
  }
}

RecordStream::RecordStream(std::vector<EpisodeRecord>& records, RecordSink& sink, const ReplyLimits& limits)
    : records_(records), sink_(sink), limits_(limits), rendered_(records.size()), prepared_(records.size(), 0) {
  thread_ = std::thread([this] { Loop(); });
}

RecordStream::~RecordStream() {
  Abandon();
}

void RecordStream::Prepare(size_t i) {
  EpisodeRecord& r = records_[i];
  if (!r.scored) ScoreRecord(r, limits_);
  rendered_[i] = sink_.Render(r);
}

void RecordStream::Finished(size_t i, bool prepare_here) {
  std::exception_ptr failed;
  if (prepare_here) {
    try {
      Prepare(i);
    } catch (...) {
      failed = std::current_exception();
    }
  }
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (failed && !error_) error_ = failed;
    if (prepare_here) {
      prepared_[i] = 1;
    } else {
      queue_.push_back(i);
    }
  }
  cv_.notify_all();
}

void RecordStream::Loop() {
  std::unique_lock<std::mutex> lock(mu_);
  while (true) {
    if (abandoned_ || error_ || next_ == records_.size()) break;
    if (!queue_.empty()) {
      const size_t i = queue_.front();
      queue_.pop_front();
      lock.unlock();
      std::exception_ptr failed;
      try {
        Prepare(i);
      } catch (...) {
        failed = std::current_exception();
      }
      lock.lock();
      if (failed && !error_) error_ = failed;
      prepared_[i] = 1;
      continue;
    }
    if (prepared_[next_]) {
      // Every record that is ready in order goes out in one pass without the lock.
      size_t end = next_;
      while (end < records_.size() && prepared_[end]) ++end;
      const size_t begin = next_;
      lock.unlock();
      std::exception_ptr failed;
      try {
        for (size_t i = begin; i < end; ++i) {
          sink_.Accept(records_[i], std::move(rendered_[i]));
          Free(rendered_[i]);
          ReleaseBulk(records_[i]);
        }
      } catch (...) {
        failed = std::current_exception();
      }
      lock.lock();
      if (failed && !error_) error_ = failed;
      next_ = end;
      cv_.notify_all();  // Close may be waiting for the last one
      continue;
    }
    cv_.wait(lock);
  }
  cv_.notify_all();
}

void RecordStream::Close() {
  {
    std::unique_lock<std::mutex> lock(mu_);
    cv_.wait(lock, [&] { return abandoned_ || error_ || next_ == records_.size(); });
  }
  if (thread_.joinable()) thread_.join();
  if (error_) std::rethrow_exception(error_);
}

void RecordStream::Abandon() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    abandoned_ = true;
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
}

}  // namespace toolshift
