#include "src/report/signature_rates.h"

#include <map>
#include <string>

#include "src/scoring/statistics.h"

namespace toolshift {

Json SignatureRates(const std::vector<EpisodeRecord>& records, Split split) {
  uint64_t replies = 0;
  std::map<std::string, uint64_t, std::less<>> counts;
  for (const auto& r : records) {
    if (r.suite->manifest.split != split || r.episode->multi || !r.response.ok() ||
        r.verdict.failure == FailureCategory::kBackendError) {
      continue;
    }
    ++replies;
    for (const auto& s : r.verdict.signatures) ++counts[s.name];
  }
  Json j = Json::object();
  for (std::string_view name : kSignatureNames) {
    const uint64_t count = counts.count(name) ? counts.find(name)->second : 0;
    const Interval ci = WilsonInterval(count, replies);
    j[std::string(name)] = {{"count", count},
                            {"rate", replies ? Json(static_cast<double>(count) / static_cast<double>(replies)) : Json(nullptr)},
                            {"ci_low", ci.low},
                            {"ci_high", ci.high}};
  }
  return j;
}

}  // namespace toolshift
