#include "src/cli/limit_share.h"

#include <cmath>
#include <cstdlib>

#include <re2/re2.h>

#include "src/scoring/statistics.h"

namespace toolshift {

std::optional<double> ParseLimitShare(const std::string& text) {
  if (!RE2::FullMatch(text, R"(0?\.[0-9]+|0\.[0-9]*)")) return std::nullopt;
  const double v = std::strtod(text.c_str(), nullptr);
  if (!std::isfinite(v) || v <= 0 || v >= 1) return std::nullopt;
  return v;
}

bool InLimitShare(const std::string& base_id, double share) {
  const uint64_t h = MixSeed(0x5eed5a3b1e, HashString(base_id.data(), base_id.size()));
  return static_cast<double>(h >> 11) * 0x1.0p-53 < share;
}

void SampleLimitShare(std::vector<Suite>& suites, double share) {
  for (auto& s : suites) {
    std::vector<Episode> kept;
    for (auto& e : s.episodes) {
      if (InLimitShare(e.base_id.empty() ? e.id : e.base_id, share)) kept.push_back(std::move(e));
    }
    s.unloaded += s.episodes.size() - kept.size();
    s.episodes = std::move(kept);
  }
}

}  // namespace toolshift
