// RetryPolicy: when a failed model request is tried again, and how long to wait first.
//
// Exponential backoff with full jitter (delay drawn uniformly from [0, base * 2^retry],
// capped), never shorter than the server's Retry-After. Bounded twice: by max_retries and
// by the episode's time budget — nothing retries forever. Only failures the adapter marks
// retryable are retried (a deterministic 4xx would fail the same way again).
#ifndef TOOLSHIFT_ENGINE_RETRY_POLICY_H_
#define TOOLSHIFT_ENGINE_RETRY_POLICY_H_

#include <cstdint>
#include <optional>

#include "src/scoring/statistics.h"

namespace toolshift {

struct RetryPolicy {
  int max_retries = 6;
  double base_delay_s = 0.25;
  double max_delay_s = 30.0;
  double episode_budget_s = 900.0;  // from the episode's first request to its last retry
};

// The wait before retry number `retry` (1 for the first retry), or nullopt to give up:
// retries exhausted, or the wait would end past the budget (`elapsed_s` already spent).
// `retry_after_s` < 0 means the server gave none. `rng` is the episode's jitter generator.
std::optional<double> NextRetryDelay(const RetryPolicy& policy, int retry, double retry_after_s, double elapsed_s,
                                     SplitMix64& rng);

}  // namespace toolshift

#endif  // TOOLSHIFT_ENGINE_RETRY_POLICY_H_
