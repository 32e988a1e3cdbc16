// Progress: done/total, rate, ETA, errors and retries on stderr while a run goes — a redrawn bar
// on a terminal, a plain line every few seconds otherwise (CI logs). Thread-safe.
#ifndef TOOLSHIFT_ENGINE_PROGRESS_H_
#define TOOLSHIFT_ENGINE_PROGRESS_H_

#include <atomic>
#include <chrono>
#include <cstdio>
#include <mutex>

namespace toolshift {

class Progress {
 public:
  enum class Mode { kOff, kBar, kLines };

  // kBar when `out` is a terminal, else kLines; kOff when `enabled` is false.
  static Mode DetectMode(std::FILE* out, bool enabled);

  Progress(size_t total, Mode mode, std::FILE* out = stderr);
  // Records one finished episode; `error` marks a backend error.
  void Tick(bool error);
  // Records one retried request.
  void Retry() { retries_.fetch_add(1, std::memory_order_relaxed); }
  // Draws the final state and ends the line.
  void Finish();

 private:
  void Draw(bool final);

  const size_t total_;
  const Mode mode_;
  std::FILE* out_;
  std::atomic<size_t> done_{0};
  std::atomic<size_t> errors_{0};
  std::atomic<size_t> retries_{0};
  std::mutex draw_mu_;
  std::chrono::steady_clock::time_point start_;
  std::chrono::steady_clock::time_point last_draw_;
};

}  // namespace toolshift

#endif  // TOOLSHIFT_ENGINE_PROGRESS_H_
