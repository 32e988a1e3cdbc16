// RateLimiter: requests-per-minute and tokens-per-minute limits, as start times.
//
// Each request reserves its slot: Reserve() returns when it may start, spacing requests
// 60/rpm seconds apart and tokens 60/tpm seconds per token, so a run never bursts past
// either limit. Not thread-safe: the engine's scheduling loop owns it. 0 disables a limit.
#ifndef TOOLSHIFT_ENGINE_RATE_LIMITER_H_
#define TOOLSHIFT_ENGINE_RATE_LIMITER_H_

#include <chrono>
#include <cstdint>

namespace toolshift {

class RateLimiter {
 public:
  using Clock = std::chrono::steady_clock;
  RateLimiter(double rpm, double tpm) : rpm_(rpm), tpm_(tpm) {}

  bool enabled() const { return rpm_ > 0 || tpm_ > 0; }
  // Reserves a slot for a request of about `tokens` tokens asked at `now`; returns its start.
  Clock::time_point Reserve(Clock::time_point now, int64_t tokens);

 private:
  double rpm_;
  double tpm_;
  Clock::time_point next_request_{};
  Clock::time_point next_tokens_{};
};

}  // namespace toolshift

#endif  // TOOLSHIFT_ENGINE_RATE_LIMITER_H_
