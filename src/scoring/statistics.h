// Statistics for reports: Wilson score intervals for rates and a seeded, clustered paired
// bootstrap for differences (the robustness gap).
//
// Randomness comes from SplitMix64 with our own bounded-integer mapping, not from
// <random> distributions, whose output differs between standard libraries: the same seed
// must give the same interval everywhere.
#ifndef TOOLSHIFT_SCORING_STATISTICS_H_
#define TOOLSHIFT_SCORING_STATISTICS_H_

#include <cstddef>
#include <cstdint>
#include <vector>

namespace toolshift {

struct Interval {
  double low = 0;
  double high = 0;
};

// 95% Wilson score interval for `successes` out of `n` (z = 1.959964). n == 0 gives [0, 1].
Interval WilsonInterval(uint64_t successes, uint64_t n, double z = 1.959963984540054);

// Deterministic 64-bit generator (SplitMix64).
class SplitMix64 {
 public:
  explicit SplitMix64(uint64_t seed) : state_(seed) {}
  uint64_t Next();
  // Uniform integer in [0, bound), bound > 0, without modulo bias.
  uint64_t Below(uint64_t bound);
  // Uniform double in [0, 1).
  double Unit();

 private:
  uint64_t state_;
};

// Mixes several values into one seed (for per-episode seeds that do not depend on order).
uint64_t MixSeed(uint64_t a, uint64_t b);
uint64_t HashString(const char* data, size_t size);

struct BootstrapResult {
  double estimate = 0;  // mean of all differences
  Interval ci;          // percentile interval
  uint64_t n = 0;       // number of differences (pairs)
};

// Paired bootstrap of the mean difference. Each cluster holds the differences that share
// one resampling unit (e.g. all shifted twins of one base episode); clusters are resampled
// with replacement, `resamples` times, and the percentile interval at `level` returned.
BootstrapResult ClusteredBootstrap(const std::vector<std::vector<double>>& clusters, uint64_t seed,
                                   int resamples = 2000, double level = 0.95);

// Exact two-sided McNemar test for paired binary outcomes: `only_a` pairs where only the
// first is right, `only_b` where only the second is. The p-value of a binomial(n, 1/2) on
// the discordant pairs; 1 when there are none.
double McNemarExactP(uint64_t only_a, uint64_t only_b);

}  // namespace toolshift

#endif  // TOOLSHIFT_SCORING_STATISTICS_H_
