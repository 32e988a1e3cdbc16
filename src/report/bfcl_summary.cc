#include "src/report/bfcl_summary.h"

#include <map>
#include <optional>
#include <set>

namespace toolshift {
namespace {

// BFCL v4's record count of each scored category: what BFCL weighs a category it did not run by.
const std::map<std::string, double>& BfclRecordCounts() {
  static const std::map<std::string, double> kCounts = {
      {"simple_python", 400}, {"simple_java", 100}, {"simple_javascript", 50}, {"multiple", 200},
      {"parallel", 200}, {"parallel_multiple", 200}, {"irrelevance", 240}, {"live_simple", 258},
      {"live_multiple", 1053}, {"live_parallel", 16}, {"live_parallel_multiple", 24}, {"live_irrelevance", 884},
      {"live_relevance", 16}, {"multi_turn_base", 200}, {"multi_turn_miss_func", 200}, {"multi_turn_miss_param", 200},
      {"multi_turn_long_context", 200}};
  return kCounts;
}

// BFCL's score of a category or aggregate: accuracy, the count it weighs by, and whether any
// category under it was not run (displayed as N/A).
struct Score {
  double accuracy = 0;
  double count = 0;
  bool missing = false;
};

Score Weighted(const std::vector<Score>& parts) {
  Score s;
  for (const auto& p : parts) {
    s.accuracy += p.accuracy * p.count;
    s.count += p.count;
    s.missing = s.missing || p.missing;
  }
  if (s.count > 0) s.accuracy /= s.count;
  return s;
}

Score Unweighted(const std::vector<Score>& parts) {
  Score s;
  for (const auto& p : parts) {
    s.accuracy += p.accuracy;
    s.count += p.count;
    s.missing = s.missing || p.missing;
  }
  if (!parts.empty()) s.accuracy /= static_cast<double>(parts.size());
  return s;
}

Json Shown(const Score& s, bool show_when_missing = false) {
  return s.missing && !show_when_missing ? Json(nullptr) : Json(s.accuracy);
}

}  // namespace

Json BfclSummaryJson(const std::vector<EpisodeRecord>& records, const Json& format_sensitivity) {
  // category -> id -> (correct, scored) over the samples of that id
  std::map<std::string, std::map<std::string, std::pair<int, int>>> by_category;
  for (const auto& r : records) {
    const Episode& ep = *r.episode;
    const bool bfcl = IsBfcl(ep.scoring) || ep.domain.rfind("multi_turn", 0) == 0;
    if (r.suite->manifest.split != Split::kId || !bfcl) continue;
    if (!BfclRecordCounts().count(ep.domain) || r.verdict.failure == FailureCategory::kBackendError) continue;
    auto& [c, n] = by_category[ep.domain][ep.id];
    c += r.verdict.correct;
    ++n;
  }
  if (by_category.empty()) return nullptr;
  Json categories = Json::object();
  std::map<std::string, Score> score;
  for (const auto& [name, count] : BfclRecordCounts()) {
    auto it = by_category.find(name);
    if (it == by_category.end()) {
      score[name] = Score{0, count, true};
      continue;
    }
    double sum = 0;
    for (const auto& [id, cn] : it->second) sum += static_cast<double>(cn.first) / cn.second;
    const double n = static_cast<double>(it->second.size());
    score[name] = Score{sum / n, n, false};
    categories[name] = {{"accuracy", sum / n}, {"records", it->second.size()}, {"complete", n == count}};
  }
  const Score simple = Unweighted({score["simple_python"], score["simple_java"], score["simple_javascript"]});
  const Score non_live_ast = Unweighted({simple, score["multiple"], score["parallel"], score["parallel_multiple"]});
  const Score non_live = Unweighted({simple, score["multiple"], score["parallel"], score["parallel_multiple"], score["irrelevance"]});
  const Score live_ast = Weighted({score["live_simple"], score["live_multiple"], score["live_parallel"], score["live_parallel_multiple"]});
  const Score live = Weighted({score["live_simple"], score["live_multiple"], score["live_parallel"],
                               score["live_parallel_multiple"], score["live_irrelevance"], score["live_relevance"]});
  const Score multi_turn = Unweighted({score["multi_turn_base"], score["multi_turn_miss_func"], score["multi_turn_miss_param"],
                                       score["multi_turn_long_context"]});
  const Score agentic{0, 0, true};  // memory and web search: not run by toolshift
  const Score overall = Unweighted({live, non_live, multi_turn, agentic});
  const Score irrelevance = Unweighted({score["irrelevance"], score["live_irrelevance"]});
  Json out = {
      {"overall", Shown(overall, true)},
      {"non_live", {{"overall", Shown(non_live, true)}, {"ast_summary", Shown(non_live_ast)}, {"simple", Shown(simple)},
                    {"simple_python", Shown(score["simple_python"])}, {"simple_java", Shown(score["simple_java"])},
                    {"simple_javascript", Shown(score["simple_javascript"])}, {"multiple", Shown(score["multiple"])},
                    {"parallel", Shown(score["parallel"])}, {"parallel_multiple", Shown(score["parallel_multiple"])},
                    {"irrelevance", Shown(score["irrelevance"])}}},
      {"live", {{"overall", Shown(live, true)}, {"ast_summary", Shown(live_ast)}, {"simple", Shown(score["live_simple"])},
                {"multiple", Shown(score["live_multiple"])}, {"parallel", Shown(score["live_parallel"])},
                {"parallel_multiple", Shown(score["live_parallel_multiple"])},
                {"irrelevance", Shown(score["live_irrelevance"])}, {"relevance", Shown(score["live_relevance"])}}},
      {"multi_turn", {{"overall", Shown(multi_turn, true)}, {"base", Shown(score["multi_turn_base"])},
                      {"miss_func", Shown(score["multi_turn_miss_func"])}, {"miss_param", Shown(score["multi_turn_miss_param"])},
                      {"long_context", Shown(score["multi_turn_long_context"])}}},
      {"relevance", Shown(score["live_relevance"])},
      {"irrelevance", Shown(irrelevance)},
      {"format_sensitivity", format_sensitivity.is_null()
                                 ? Json(nullptr)
                                 : Json{{"max_delta", format_sensitivity["max_delta"]}, {"std", format_sensitivity["std"]}}},
      {"categories", std::move(categories)}};
  return out;
}

}  // namespace toolshift
