#include "src/report/signature_rates.h"

#include <map>
#include <set>
#include <string>

#include "src/scoring/statistics.h"

namespace toolshift {
namespace {

bool Scored(const EpisodeRecord& r) {
  return r.response.ok() && r.verdict.failure != FailureCategory::kBackendError;
}

Json Rate(uint64_t count, uint64_t n) {
  const Interval ci = WilsonInterval(count, n);
  return {{"count", count},
          {"rate", n ? Json(static_cast<double>(count) / static_cast<double>(n)) : Json(nullptr)},
          {"ci_low", ci.low},
          {"ci_high", ci.high}};
}

// The shift kind of a shifted record (the episode's own, else its suite's).
const std::string& KindOf(const EpisodeRecord& r) {
  return r.episode->shift.empty() ? r.suite->manifest.provenance.shift : r.episode->shift;
}

}  // namespace

size_t SignatureReplies(const EpisodeRecord& r) {
  if (!Scored(r)) return 0;
  if (!r.episode->multi) return 1;
  return r.verdict.trajectory ? r.verdict.trajectory->step_signatures.size() : 0;
}

void AddSignatureRates(const std::vector<EpisodeRecord>& records,
                       const std::function<bool(const EpisodeRecord&)>& keep, Json& j) {
  uint64_t replies = 0, failures = 0, hidden = 0;
  std::map<std::string, uint64_t, std::less<>> counts;
  auto count = [&](const std::vector<Signature>& signatures) {
    for (const auto& s : signatures) ++counts[s.name];
  };
  for (const auto& r : records) {
    if (!Scored(r) || !keep(r)) continue;
    replies += SignatureReplies(r);
    if (r.episode->multi) {
      if (r.verdict.trajectory) {
        for (const auto& step : r.verdict.trajectory->step_signatures) count(step);
      }
      continue;
    }
    count(r.verdict.signatures);
    if (!r.verdict.correct) {
      ++failures;
      hidden += r.verdict.other_dialect_correct.value_or(false);
    }
  }
  Json sig = Json::object();
  for (std::string_view name : kSignatureNames) {
    sig[std::string(name)] = Rate(counts.count(name) ? counts.find(name)->second : 0, replies);
  }
  j["signatures"] = std::move(sig);
  j["signature_replies"] = replies;
  Json h = Rate(hidden, failures);
  h["failures"] = failures;
  j["hidden_skill"] = std::move(h);
}

Json SignatureRatesByKind(const std::vector<EpisodeRecord>& records, Split split) {
  Json out = Json::object();
  if (split == Split::kId) return out;
  std::set<std::string> kinds;
  for (const auto& r : records) {
    if (r.suite->manifest.split == split && !KindOf(r).empty()) kinds.insert(KindOf(r));
  }
  for (const auto& kind : kinds) {
    Json j = Json::object();
    AddSignatureRates(
        records, [&](const EpisodeRecord& r) { return r.suite->manifest.split == split && KindOf(r) == kind; }, j);
    out[kind] = std::move(j);
  }
  return out;
}

}  // namespace toolshift
