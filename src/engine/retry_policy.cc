#include "src/engine/retry_policy.h"

#include <algorithm>
#include <cmath>


namespace toolshift {

std::optional<double> NextRetryDelay(const RetryPolicy& policy, int retry, double retry_after_s, double elapsed_s,
                                     SplitMix64& rng) {
  if (retry > policy.max_retries) return std::nullopt;
  const double cap = std::min(policy.max_delay_s, policy.base_delay_s * std::ldexp(1.0, std::min(retry, 30)));
  double delay = cap * rng.Unit();
  if (retry_after_s >= 0) delay = std::max(delay, retry_after_s);
  if (elapsed_s + delay > policy.episode_budget_s) return std::nullopt;
  return delay;
}

}  // namespace toolshift
