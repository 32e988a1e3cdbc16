#include "src/engine/progress.h"

#include <unistd.h>

#include <cmath>
#include <string>

namespace toolshift {

Progress::Mode Progress::DetectMode(std::FILE* out, bool enabled) {
  if (!enabled) return Mode::kOff;
  return isatty(fileno(out)) ? Mode::kBar : Mode::kLines;
}

Progress::Progress(size_t total, Mode mode, std::FILE* out)
    : total_(total), mode_(mode), out_(out), start_(std::chrono::steady_clock::now()), last_draw_(start_) {}

void Progress::Tick(bool error) {
  done_.fetch_add(1, std::memory_order_relaxed);
  if (error) errors_.fetch_add(1, std::memory_order_relaxed);
  if (mode_ == Mode::kOff) return;
  const auto now = std::chrono::steady_clock::now();
  const auto interval = mode_ == Mode::kBar ? std::chrono::milliseconds(100) : std::chrono::milliseconds(5000);
  std::unique_lock<std::mutex> lock(draw_mu_, std::try_to_lock);  // never make workers wait to draw
  if (!lock.owns_lock() || now - last_draw_ < interval) return;
  last_draw_ = now;
  Draw(false);
}

void Progress::Finish() {
  if (mode_ == Mode::kOff) return;
  std::lock_guard<std::mutex> lock(draw_mu_);
  Draw(true);
}

void SmoothedRate::Sample(double done, double elapsed_s) {
  if (elapsed_s <= 0) return;
  const double dt = elapsed_s - last_s_;
  if (elapsed_s <= tau_s_ || rate_ <= 0) {
    rate_ = done / elapsed_s;  // the average so far, until there is enough to smooth
  } else if (dt > 0) {
    const double recent = (done - last_done_) / dt;
    rate_ += (1 - std::exp(-dt / tau_s_)) * (recent - rate_);
  }
  last_done_ = done;
  last_s_ = elapsed_s;
}

std::string FormatRate(double per_s) {
  char buf[32];
  std::snprintf(buf, sizeof buf, per_s < 10 ? "%.2f" : "%.0f", per_s);
  return buf;
}

std::string FormatDuration(double seconds) {
  if (!std::isfinite(seconds) || seconds < 0) return "-";
  const long s = std::lround(seconds);
  char buf[32];
  if (s < 60) std::snprintf(buf, sizeof buf, "%lds", s);
  else if (s < 3600) std::snprintf(buf, sizeof buf, "%ldm%02lds", s / 60, s % 60);
  else std::snprintf(buf, sizeof buf, "%ldh%02ldm", s / 3600, (s % 3600) / 60);
  return buf;
}

void Progress::Draw(bool final) {
  const size_t done = done_.load();
  const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  rate_.Sample(static_cast<double>(done), secs);
  const double rate = rate_.rate();
  const double eta = rate > 0 ? static_cast<double>(total_ - done) / rate : -1;
  const double frac = total_ ? static_cast<double>(done) / static_cast<double>(total_) : 1;
  char stats[200];
  std::snprintf(stats, sizeof stats, "%zu/%zu %3.0f%% elapsed %s %s ep/s ETA %s errors %zu retries %zu", done, total_,
                frac * 100, FormatDuration(secs).c_str(), FormatRate(rate).c_str(),
                final ? "0s" : FormatDuration(eta).c_str(), errors_.load(), retries_.load());
  if (mode_ == Mode::kBar) {
    constexpr int kWidth = 30;
    const int filled = static_cast<int>(frac * kWidth);
    std::string bar(static_cast<size_t>(filled), '#');
    bar.append(static_cast<size_t>(kWidth - filled), '.');
    std::fprintf(out_, "\r[%s] %s\033[K%s", bar.c_str(), stats, final ? "\n" : "");
  } else {
    std::fprintf(out_, "progress: %s\n", stats);
  }
  std::fflush(out_);
}

}  // namespace toolshift
