#include "src/report/bfcl_format_sensitivity.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "src/core/bfcl_prompt_config.h"

namespace toolshift {
namespace {

double Round2(double v) { return std::round(v * 100.0) / 100.0; }

std::string KindOf(const EpisodeRecord& r) {
  return r.episode->shift.empty() ? r.suite->manifest.provenance.shift : r.episode->shift;
}

}  // namespace

Json BfclSpreadFigures(const std::vector<double>& a) {
  if (a.size() < 2) return {{"max_delta", 0.0}, {"std", 0.0}, {"variance", 0.0}};
  double mean = 0;
  for (double v : a) mean += v;
  mean /= static_cast<double>(a.size());
  double ss = 0;
  for (double v : a) ss += (v - mean) * (v - mean);
  const double variance = ss / static_cast<double>(a.size() - 1);  // statistics.variance: the sample variance
  const auto [lo, hi] = std::minmax_element(a.begin(), a.end());
  return {{"max_delta", Round2((*hi - *lo) * 100)},
          {"std", Round2(std::sqrt(variance) * 100)},
          {"variance", Round2(variance * 100 * 100)}};
}

Json BfclFormatSensitivityJson(const std::vector<EpisodeRecord>& records, const Json& gaps) {
  // config -> {correct, scored}; the default configuration is the in-distribution twins'.
  std::map<std::string, std::pair<uint64_t, uint64_t>> tally;
  std::set<std::string> twin_bases;
  for (const auto& r : records) {
    if (r.suite->manifest.split == Split::kId) continue;
    const std::string kind = KindOf(r);
    if (kind.rfind(kBfclPromptShiftPrefix, 0) != 0 || kind.find('+') != std::string::npos) continue;
    twin_bases.insert(r.episode->base_id);
    if (r.verdict.failure == FailureCategory::kBackendError) continue;
    auto& [c, n] = tally[kind.substr(kBfclPromptShiftPrefix.size())];
    c += r.verdict.correct;
    ++n;
  }
  if (twin_bases.empty()) return nullptr;
  const std::string base_config(kBfclDefaultPromptConfig);
  for (const auto& r : records) {
    if (r.suite->manifest.split != Split::kId || r.episode->dialect != "bfcl" || !twin_bases.count(r.episode->id)) continue;
    const std::string config = r.episode->presentation.bfcl_prompt.empty() ? base_config : r.episode->presentation.bfcl_prompt;
    if (r.verdict.failure == FailureCategory::kBackendError) continue;
    auto& [c, n] = tally[config];
    c += r.verdict.correct;
    ++n;
  }
  const Json* by_kind = nullptr;
  if (auto f = gaps.find("format"); f != gaps.end() && f->contains("by_kind")) by_kind = &(*f)["by_kind"];
  Json configs = Json::array();
  std::vector<double> accuracies;
  auto add = [&](const std::string& config) {
    auto t = tally.find(config);
    if (t == tally.end()) return;
    const auto [correct, n] = t->second;
    Json j = {{"config", config}, {"episodes", n}, {"correct", correct},
              {"accuracy", n ? Json(static_cast<double>(correct) / static_cast<double>(n)) : Json(nullptr)}};
    if (n) accuracies.push_back(static_cast<double>(correct) / static_cast<double>(n));
    const std::string kind = std::string(kBfclPromptShiftPrefix) + config;
    if (by_kind && by_kind->contains(kind)) j["gap"] = (*by_kind)[kind];
    configs.push_back(std::move(j));
    tally.erase(t);
  };
  for (const auto& c : BfclFormatSensitivityConfigs()) add(c.ToString());  // BFCL's order first
  while (!tally.empty()) add(tally.begin()->first);                        // then any other configuration
  Json out = BfclSpreadFigures(accuracies);
  out["base_config"] = base_config;
  out["configurations"] = std::move(configs);
  return out;
}

}  // namespace toolshift
