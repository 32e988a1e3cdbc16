// Retry delays: bounded by retries and budget, floored by Retry-After, jittered, growing.
#include <catch2/catch.hpp>

#include "src/engine/retry_policy.h"

namespace toolshift {

TEST_CASE("retry delays grow, are jittered below their cap and stop at max_retries", "[engine]") {
  RetryPolicy p;
  p.max_retries = 4;
  p.base_delay_s = 0.1;
  p.max_delay_s = 1.0;
  SplitMix64 rng(7);
  double max_seen[5] = {0, 0, 0, 0, 0};
  for (int trial = 0; trial < 2000; ++trial) {
    for (int retry = 1; retry <= 4; ++retry) {
      const auto d = NextRetryDelay(p, retry, -1, 0, rng);
      REQUIRE(d.has_value());
      const double cap = std::min(1.0, 0.1 * (1 << retry));
      CHECK(*d >= 0);
      CHECK(*d <= cap);
      max_seen[retry] = std::max(max_seen[retry], *d);
    }
  }
  // Full jitter spans the range up to each cap, and the caps double until max_delay_s.
  CHECK(max_seen[1] > 0.19);
  CHECK(max_seen[2] > 0.39);
  CHECK(max_seen[3] > 0.79);
  CHECK(max_seen[4] > 0.99);
  CHECK_FALSE(NextRetryDelay(p, 5, -1, 0, rng).has_value());
}

TEST_CASE("Retry-After is a floor and the episode budget a ceiling", "[engine]") {
  RetryPolicy p;
  p.base_delay_s = 0.01;
  p.episode_budget_s = 10;
  SplitMix64 rng(1);
  CHECK(*NextRetryDelay(p, 1, 3.0, 0, rng) == 3.0);
  CHECK_FALSE(NextRetryDelay(p, 1, 3.0, 8.0, rng).has_value());  // 8 s spent + 3 s wait > 10 s budget
  CHECK(NextRetryDelay(p, 1, -1, 9.0, rng).has_value());
}

}  // namespace toolshift
