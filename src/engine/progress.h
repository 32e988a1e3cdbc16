// Progress: done/total, elapsed time, rate, ETA, errors and retries on stderr while a run goes — a
// redrawn bar on a terminal, a plain line every few seconds otherwise (CI logs). Thread-safe.
//
// The rate is smoothed (SmoothedRate) so the ETA converges instead of swinging with the first
// replies, and is shown with decimals when it is slow ("0.35 ep/s", never "0 ep/s").
#ifndef TOOLSHIFT_ENGINE_PROGRESS_H_
#define TOOLSHIFT_ENGINE_PROGRESS_H_

#include <atomic>
#include <chrono>
#include <cstdio>
#include <mutex>
#include <string>

namespace toolshift {

// An exponentially weighted rate of events per second with a time constant of `tau_s`: each
// sample (events done at a time) moves it towards the rate since the previous sample by
// 1 - exp(-dt / tau_s). Until `tau_s` has passed it is the plain average since the start, so
// the first, often atypical, replies do not dominate. Not thread-safe.
class SmoothedRate {
 public:
  explicit SmoothedRate(double tau_s = 10) : tau_s_(tau_s) {}
  // `done` events `elapsed_s` seconds after the start (both non-decreasing).
  void Sample(double done, double elapsed_s);
  double rate() const { return rate_; }

 private:
  double tau_s_;
  double rate_ = 0;
  double last_done_ = 0;
  double last_s_ = 0;
};

// "0.35" under 10 per second, "12" above: a slow rate keeps its decimals.
std::string FormatRate(double per_s);
// "42s", "3m05s", "1h02m"; "-" when unknown (negative or not finite).
std::string FormatDuration(double seconds);

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
  SmoothedRate rate_;  // under draw_mu_
};

}  // namespace toolshift

#endif  // TOOLSHIFT_ENGINE_PROGRESS_H_
