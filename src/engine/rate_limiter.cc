#include "src/engine/rate_limiter.h"

#include <algorithm>

namespace toolshift {

RateLimiter::Clock::time_point RateLimiter::Reserve(Clock::time_point now, int64_t tokens) {
  auto seconds = [](double s) { return std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(s)); };
  Clock::time_point start = now;
  if (rpm_ > 0) start = std::max(start, next_request_);
  if (tpm_ > 0) start = std::max(start, next_tokens_);
  if (rpm_ > 0) next_request_ = start + seconds(60.0 / rpm_);
  if (tpm_ > 0) next_tokens_ = start + seconds(60.0 * static_cast<double>(std::max<int64_t>(tokens, 1)) / tpm_);
  return start;
}

}  // namespace toolshift
