#include "src/scoring/statistics.h"

#include <algorithm>
#include <cmath>

namespace toolshift {

Interval WilsonInterval(uint64_t successes, uint64_t n, double z) {
  if (n == 0) return {0.0, 1.0};
  const double nn = static_cast<double>(n);
  const double p = static_cast<double>(successes) / nn;
  const double z2 = z * z;
  const double denom = 1.0 + z2 / nn;
  const double center = (p + z2 / (2 * nn)) / denom;
  const double half = z * std::sqrt(p * (1 - p) / nn + z2 / (4 * nn * nn)) / denom;
  return {std::max(0.0, center - half), std::min(1.0, center + half)};
}

uint64_t SplitMix64::Next() {
  uint64_t z = (state_ += 0x9E3779B97F4A7C15ull);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

uint64_t SplitMix64::Below(uint64_t bound) {
  // Rejection sampling: drop the top sliver of the range that would bias small values.
  const uint64_t limit = UINT64_MAX - UINT64_MAX % bound;
  uint64_t x;
  do {
    x = Next();
  } while (x >= limit);
  return x % bound;
}

double SplitMix64::Unit() { return static_cast<double>(Next() >> 11) * 0x1.0p-53; }

uint64_t MixSeed(uint64_t a, uint64_t b) {
  SplitMix64 g(a ^ (b * 0x9E3779B97F4A7C15ull + 0x632BE59BD9B4E019ull));
  return g.Next();
}

uint64_t HashString(const char* data, size_t size) {
  uint64_t h = 0xcbf29ce484222325ull;  // FNV-1a
  for (size_t i = 0; i < size; ++i) {
    h ^= static_cast<unsigned char>(data[i]);
    h *= 0x100000001b3ull;
  }
  return h;
}

BootstrapResult ClusteredBootstrap(const std::vector<std::vector<double>>& clusters, uint64_t seed,
                                   int resamples, double level) {
  BootstrapResult r;
  std::vector<double> sums;
  std::vector<double> counts;
  double total = 0;
  for (const auto& c : clusters) {
    if (c.empty()) continue;
    double s = 0;
    for (double d : c) s += d;
    sums.push_back(s);
    counts.push_back(static_cast<double>(c.size()));
    total += s;
    r.n += c.size();
  }
  if (r.n == 0) {
    r.ci = {0, 0};
    return r;
  }
  r.estimate = total / static_cast<double>(r.n);
  const size_t k = sums.size();
  SplitMix64 rng(seed);
  std::vector<double> stats;
  stats.reserve(resamples);
  for (int b = 0; b < resamples; ++b) {
    double s = 0;
    double n = 0;
    for (size_t i = 0; i < k; ++i) {
      const size_t pick = rng.Below(k);
      s += sums[pick];
      n += counts[pick];
    }
    stats.push_back(s / n);
  }
  std::sort(stats.begin(), stats.end());
  const double alpha = (1 - level) / 2;
  auto quantile = [&](double q) {
    // Linear interpolation between order statistics (numpy's default "linear" method).
    const double pos = q * static_cast<double>(stats.size() - 1);
    const size_t lo = static_cast<size_t>(std::floor(pos));
    const size_t hi = std::min(lo + 1, stats.size() - 1);
    return stats[lo] + (stats[hi] - stats[lo]) * (pos - static_cast<double>(lo));
  };
  r.ci = {quantile(alpha), quantile(1 - alpha)};
  return r;
}

double McNemarExactP(uint64_t only_a, uint64_t only_b) {
  const uint64_t n = only_a + only_b;
  if (n == 0) return 1.0;
  const uint64_t k = std::min(only_a, only_b);
  // Sum the binomial(n, 1/2) tail in log space: n can be in the thousands.
  double tail = 0;
  for (uint64_t i = 0; i <= k; ++i) {
    const double log_p = std::lgamma(static_cast<double>(n) + 1) - std::lgamma(static_cast<double>(i) + 1) -
                         std::lgamma(static_cast<double>(n - i) + 1) - static_cast<double>(n) * std::log(2.0);
    tail += std::exp(log_p);
  }
  return std::min(1.0, 2 * tail);
}

}  // namespace toolshift
