#include "src/engine/progress.h"

#include <unistd.h>

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

void Progress::Draw(bool final) {
  const size_t done = done_.load();
  const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  const double rate = secs > 0 ? static_cast<double>(done) / secs : 0;
  const double eta = rate > 0 ? static_cast<double>(total_ - done) / rate : 0;
  const double frac = total_ ? static_cast<double>(done) / static_cast<double>(total_) : 1;
  char stats[160];
  std::snprintf(stats, sizeof stats, "%zu/%zu %3.0f%% %.0f ep/s ETA %.0fs errors %zu retries %zu", done, total_,
                frac * 100, rate, eta, errors_.load(), retries_.load());
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
