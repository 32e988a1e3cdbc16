#include "src/report/report_builder.h"

#include "src/report/bfcl_format_sensitivity.h"
#include "src/report/bfcl_summary.h"
#include "src/scoring/episode_pack.h"

#include "src/report/collapse_diagnostics.h"
#include "src/report/signature_rates.h"

#include <algorithm>
#include <cmath>
#include <ctime>
#include <map>
#include <set>

#include "src/core/parallel_for.h"
#include "src/scoring/statistics.h"
#include "src/scoring/trajectory.h"

namespace toolshift {
namespace {

struct Tally {
  uint64_t n = 0;           // episodes run
  uint64_t scored = 0;      // episodes with a model reply (n - backend errors)
  uint64_t correct = 0;
  uint64_t malformed = 0;
  uint64_t wrong_dialect = 0;

  void Add(const EpisodeRecord& r) {
    ++n;
    if (r.verdict.failure == FailureCategory::kBackendError) return;
    ++scored;
    correct += r.verdict.correct;
    malformed += r.verdict.failure == FailureCategory::kMalformed;
    wrong_dialect += !r.verdict.other_dialect.empty();
  }

  Json ToJson(bool with_format = true) const {
    const Interval ci = WilsonInterval(correct, scored);
    Json j = {{"n", n}, {"scored", scored}, {"correct", correct}, {"backend_errors", n - scored}};
    j["accuracy"] = scored ? Json(static_cast<double>(correct) / static_cast<double>(scored)) : Json(nullptr);
    j["ci_low"] = ci.low;
    j["ci_high"] = ci.high;
    if (with_format) {
      j["format_validity"] =
          scored ? Json(1.0 - static_cast<double>(malformed) / static_cast<double>(scored)) : Json(nullptr);
      j["wrong_dialect_rate"] =
          scored ? Json(static_cast<double>(wrong_dialect) / static_cast<double>(scored)) : Json(nullptr);
    }
    return j;
  }
};

double Percentile(std::vector<double> v, double q) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  const double pos = q * static_cast<double>(v.size() - 1);
  const size_t lo = static_cast<size_t>(std::floor(pos));
  const size_t hi = std::min(lo + 1, v.size() - 1);
  return v[lo] + (v[hi] - v[lo]) * (pos - static_cast<double>(lo));
}

std::string ShiftKind(const EpisodeRecord& r) {
  return r.episode->shift.empty() ? r.suite->manifest.provenance.shift : r.episode->shift;
}

Json GapJson(const std::map<std::string, std::vector<double>>& clusters, uint64_t seed, int resamples) {
  std::vector<std::vector<double>> c;
  for (const auto& [base, diffs] : clusters) c.push_back(diffs);
  BootstrapResult b = ClusteredBootstrap(c, seed, resamples);
  return {{"delta", b.estimate}, {"ci_low", b.ci.low}, {"ci_high", b.ci.high}, {"pairs", b.n},
          {"base_episodes", c.size()}};
}

// pass@1 and pass^k over the episodes of `split`, as tau-bench computes them: an episode
// with c correct out of n scored samples contributes c/n to pass@1 and C(c,k)/C(n,k) to
// pass^k (the chance that k samples drawn from its n all succeed; unbiased). Intervals:
// bootstrap over episodes, so the samples of one episode move together.
// Multi-step episodes of a split: how long they ran against the plan, how they ended, how
// often the environment refused a call. Null when the split has none. Backend errors are left
// out, as from accuracy.
Json MultiStepJson(const std::vector<EpisodeRecord>& records, Split split) {
  uint64_t n = 0, correct = 0, loops = 0, step_limits = 0, tool_errors = 0, steps = 0, minimal = 0, correct_steps = 0,
           correct_minimal = 0, turns = 0;
  for (const auto& r : records) {
    if (r.suite->manifest.split != split || !r.verdict.trajectory || r.verdict.failure == FailureCategory::kBackendError) continue;
    const TrajectoryVerdict& t = *r.verdict.trajectory;
    ++n;
    steps += static_cast<uint64_t>(t.steps);
    minimal += static_cast<uint64_t>(t.minimal_steps);
    tool_errors += static_cast<uint64_t>(t.tool_errors);
    loops += t.end == "loop";
    step_limits += t.end == "step_limit";
    turns += r.episode->multi->turns.size();
    if (r.verdict.correct) {
      ++correct;
      correct_steps += static_cast<uint64_t>(t.steps);
      correct_minimal += static_cast<uint64_t>(t.minimal_steps);
    }
  }
  if (n == 0) return nullptr;
  auto ratio = [](uint64_t a, uint64_t b) { return b ? static_cast<double>(a) / static_cast<double>(b) : 0.0; };
  return {{"episodes", n}, {"correct", correct}, {"turns", turns},
          {"mean_steps", ratio(steps, n)}, {"mean_minimal_steps", ratio(minimal, n)},
          {"steps_over_minimal_when_correct", correct ? Json(ratio(correct_steps, correct_minimal)) : Json(nullptr)},
          {"tool_errors_per_episode", ratio(tool_errors, n)}, {"loop_rate", ratio(loops, n)}, {"step_limit_rate", ratio(step_limits, n)}};
}

Json PassJson(const std::vector<EpisodeRecord>& records, Split split, int epochs, uint64_t seed, int resamples) {
  std::map<std::pair<std::string, std::string>, std::pair<int, int>> tallies;  // correct, scored
  for (const auto& r : records) {
    if (r.suite->manifest.split != split || r.verdict.failure == FailureCategory::kBackendError) continue;
    auto& [c, n] = tallies[{r.suite->manifest.name, r.episode->id}];
    c += r.verdict.correct;
    ++n;
  }
  auto choose = [](int n, int k) {
    double v = 1;
    for (int i = 1; i <= k; ++i) v = v * (n - k + i) / i;
    return v;
  };
  auto estimate = [&](int k) -> Json {
    std::vector<std::vector<double>> clusters;
    for (const auto& [key, cn] : tallies) {
      if (cn.second < k) continue;  // too few scored samples to say
      clusters.push_back({choose(cn.first, k) / choose(cn.second, k)});
    }
    if (clusters.empty()) return nullptr;
    const BootstrapResult b = ClusteredBootstrap(clusters, MixSeed(seed, static_cast<uint64_t>(k)), resamples);
    return {{"value", b.estimate}, {"ci_low", b.ci.low}, {"ci_high", b.ci.high}, {"episodes", clusters.size()}};
  };
  Json pass = {{"epochs", epochs}, {"pass_at_1", estimate(1)}, {"pass_hat", Json::object()}};
  for (int k = 1; k <= epochs; ++k) pass["pass_hat"][std::to_string(k)] = estimate(k);
  return pass;
}

// Gap of each shifted split against the in-distribution twins present in this run.
Json BuildGaps(const std::vector<EpisodeRecord>& records, const RunInfo& info) {
  // base id -> mean score of its scored in-distribution samples (one per episode in a run;
  // several when recorded outputs hold several samples of one episode).
  std::map<std::string, std::pair<double, int>> id_sum;
  for (const auto& r : records) {
    if (r.suite->manifest.split == Split::kId && r.verdict.failure != FailureCategory::kBackendError) {
      auto& [sum, n] = id_sum[r.episode->id];
      sum += r.verdict.correct ? 1.0 : 0.0;
      ++n;
    }
  }
  std::map<std::string, double> id_score;
  for (const auto& [id, sn] : id_sum) id_score[id] = sn.first / sn.second;
  Json gaps = Json::object();
  for (Split split : {Split::kFormat, Split::kContent}) {
    std::map<std::string, std::vector<double>> all;
    std::map<std::string, std::map<std::string, std::vector<double>>> by_kind, by_category;
    bool any = false;
    for (const auto& r : records) {
      if (r.suite->manifest.split != split) continue;
      any = true;
      if (r.verdict.failure == FailureCategory::kBackendError) continue;
      auto twin = id_score.find(r.episode->base_id);
      if (twin == id_score.end()) continue;
      const double d = twin->second - (r.verdict.correct ? 1.0 : 0.0);
      all[r.episode->base_id].push_back(d);
      by_kind[ShiftKind(r)][r.episode->base_id].push_back(d);
      by_category[std::string(CategoryName(r.episode->category))][r.episode->base_id].push_back(d);
    }
    if (!any) continue;
    const std::string name(SplitName(split));
    const uint64_t seed = MixSeed(info.seed, HashString(name.data(), name.size()));
    Json g = GapJson(all, seed, info.bootstrap_resamples);
    g["by_kind"] = Json::object();
    for (const auto& [kind, clusters] : by_kind) {
      g["by_kind"][kind] = GapJson(clusters, MixSeed(seed, HashString(kind.data(), kind.size())),
                                   info.bootstrap_resamples);
    }
    g["by_category"] = Json::object();
    for (const auto& [category, clusters] : by_category) {
      g["by_category"][category] = GapJson(clusters, MixSeed(seed, HashString(category.data(), category.size()) + 7),
                                           info.bootstrap_resamples);
    }
    gaps[name] = std::move(g);
  }
  return gaps;
}

}  // namespace

std::string UtcNow() {
  std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

Json BuildReport(const std::vector<Suite>& suites, const std::vector<EpisodeRecord>& records,
                 const RunInfo& info) {
  Json report = Json::object();
  report["schema_version"] = kReportSchemaVersion;
  report["toolshift_version"] = TOOLSHIFT_VERSION;
  report["model"] = info.model;
  report["seed"] = info.seed;
  report["run"] = {{"started_at", info.started_at}, {"finished_at", info.finished_at},
                   {"wall_seconds", info.wall_seconds}, {"requests", info.stats.requests},
                   {"retries", info.stats.retries}, {"cache_hits", info.stats.cache_hits},
                   {"resumed", info.stats.resumed}};
  report["config"] = {{"jobs", info.jobs}, {"limit", info.limit}, {"suites", info.suite_args},
                      {"bootstrap_resamples", info.bootstrap_resamples}};
  if (!info.shard.empty()) report["config"]["shard"] = info.shard;
  report["config"]["epochs"] = info.epochs;
  report["config"]["max_output_bytes"] = info.limits.max_output_bytes;
  report["config"]["max_calls"] = info.limits.max_calls;
  if (info.max_response_bytes) report["config"]["max_response_bytes"] = info.max_response_bytes;

  std::map<const Suite*, Tally> per_suite;
  std::map<Split, Tally> per_split;
  std::map<Split, std::map<std::string, Tally>> per_category;
  std::map<Split, std::map<FailureCategory, uint64_t>> failures;
  Tally total;
  std::vector<double> latencies;
  Usage tokens;
  for (const auto& r : records) {
    const Split split = r.suite->manifest.split;
    per_suite[r.suite].Add(r);
    per_split[split].Add(r);
    per_category[split][std::string(CategoryName(r.episode->category))].Add(r);
    total.Add(r);
    if (r.verdict.failure != FailureCategory::kNone) ++failures[split][r.verdict.failure];
    latencies.push_back(r.latency_ms);
    tokens.prompt_tokens += r.response.usage.prompt_tokens;
    tokens.completion_tokens += r.response.usage.completion_tokens;
    tokens.reported = tokens.reported || r.response.usage.reported;
    tokens.cached_prompt_tokens += r.response.usage.cached_prompt_tokens;
    tokens.cache_reported = tokens.cache_reported || r.response.usage.cache_reported;
  }

  report["suites"] = Json::array();
  for (const auto& s : suites) {
    Json j = {{"name", s.manifest.name}, {"split", SplitName(s.manifest.split)}, {"version", s.manifest.version},
              {"hash", s.hash}, {"dialect", s.manifest.dialect}, {"episodes", s.EpisodeCount()}};
    if (s.manifest.skipped_records > 0) j["skipped_records"] = s.manifest.skipped_records;
    if (s.manifest.split != Split::kId) {
      j["shift"] = s.manifest.provenance.shift;
      j["base_suite"] = s.manifest.provenance.base_suite;
    }
    j.update(per_suite[&s].ToJson());
    report["suites"].push_back(std::move(j));
  }
  report["totals"] = total.ToJson();
  report["splits"] = Json::object();
  for (Split split : kAllSplits) {
    auto it = per_split.find(split);
    if (it == per_split.end()) continue;
    Json j = it->second.ToJson();
    j["categories"] = Json::object();
    for (const auto& [cat, tally] : per_category[split]) j["categories"][cat] = tally.ToJson(false);
    const std::string name(SplitName(split));
    if (Json m = MultiStepJson(records, split); !m.is_null()) j["multi_step"] = std::move(m);
    AddSignatureRates(records, [split](const EpisodeRecord& r) { return r.suite->manifest.split == split; }, j);
    if (split != Split::kId) j["by_kind"] = SignatureRatesByKind(records, split);
    if (info.epochs > 1) {
      j["pass"] = PassJson(records, split, info.epochs, MixSeed(info.seed, HashString(name.data(), name.size()) + 1),
                           info.bootstrap_resamples);
    }
    report["splits"][name] = std::move(j);
  }
  report["gap"] = BuildGaps(records, info);
  if (Json fs = BfclFormatSensitivityJson(records, report["gap"]); !fs.is_null()) report["bfcl_format_sensitivity"] = std::move(fs);
  if (Json b = BfclSummaryJson(records, report.value("bfcl_format_sensitivity", Json())); !b.is_null()) {
    report["bfcl_summary"] = std::move(b);
  }
  report["failures"] = Json::object();
  for (Split split : kAllSplits) {
    if (!per_split.count(split)) continue;
    Json f = Json::object();
    for (auto c : kAllFailureCategories) f[std::string(FailureName(c))] = failures[split][c];
    report["failures"][std::string(SplitName(split))] = std::move(f);
  }
  double mean = 0;
  for (double l : latencies) mean += l;
  report["latency_ms"] = {{"mean", latencies.empty() ? 0.0 : mean / static_cast<double>(latencies.size())},
                          {"p50", Percentile(latencies, 0.5)}, {"p90", Percentile(latencies, 0.9)},
                          {"p99", Percentile(latencies, 0.99)},
                          {"max", latencies.empty() ? 0.0 : *std::max_element(latencies.begin(), latencies.end())}};
  report["tokens"] = {{"prompt", tokens.prompt_tokens}, {"completion", tokens.completion_tokens},
                      {"reported", tokens.reported}};
  if (tokens.cache_reported) {
    // The server's prompt cache: prompt tokens it reused vs processed (only servers that say).
    report["tokens"]["prompt_cached"] = tokens.cached_prompt_tokens;
    report["tokens"]["prompt_processed"] = tokens.prompt_tokens - tokens.cached_prompt_tokens;
  }
  report["diagnostics"] = CollapseDiagnostics(records);
  // External benchmarks' own aggregates (their per-category weighting), from their packs.
  std::map<const EpisodePack*, std::vector<PackOutcome>> by_pack;
  for (const auto& r : records) {
    if (const EpisodePack* pack = PackOf(*r.episode)) {
      by_pack[pack].push_back({r.episode, &r.verdict, r.trajectory.get(), r.verdict.failure == FailureCategory::kBackendError});
    }
  }
  for (const auto& [pack, outcomes] : by_pack) {
    if (Json summary = pack->Summary(outcomes); !summary.is_null()) report["benchmarks"][std::string(pack->name())] = std::move(summary);
  }
  return report;
}

Json EpisodeLogEntry(const EpisodeRecord& r) {
  const Episode& ep = *r.episode;
  Json j = Json::object();
  j["suite"] = r.suite->manifest.name;
  j["split"] = SplitName(r.suite->manifest.split);
  j["id"] = ep.id;
  if (!ep.base_id.empty()) j["base_id"] = ep.base_id;
  if (!ep.base_id.empty()) j["shift"] = ep.shift.empty() ? r.suite->manifest.provenance.shift : ep.shift;
  j["domain"] = ep.domain;
  j["category"] = CategoryName(ep.category);
  j["dialect"] = ep.dialect;
  j["seed"] = r.seed;
  j["epoch"] = r.epoch;
  j["prompt"] = Json::array();
  for (const auto& m : r.prompt) j["prompt"].push_back(ToJson(m));
  if (r.trajectory) {
    // Multi-step: every reply (what replay and merge read back), what each step did, and the verdict.
    j["outputs"] = Json::array();
    for (const auto& m : r.replies) j["outputs"].push_back(ToJson(m));
    if (!r.user_turns.empty()) {  // the simulated user's messages, in order
      j["user_turns"] = Json::array();
      for (const auto& m : r.user_turns) j["user_turns"].push_back(m.content);
    }
    j["steps"] = Json::array();
    const auto* tv = r.verdict.trajectory ? &*r.verdict.trajectory : nullptr;
    for (size_t i = 0; i < r.trajectory->steps.size(); ++i) {
      const TrajectoryStep& s = r.trajectory->steps[i];
      Json step = {{"turn", s.turn}, {"kind", StepKindName(s.kind)}};
      if (ep.multi->user) {
        // A simulated user's messages since the previous step: what this step answers.
        std::string said;
        for (const auto& u : s.user_before) said += (said.empty() ? "" : "\n") + u;
        if (!s.user_before.empty()) step["user"] = said;
      } else if (s.turn > 0 && (i == 0 || r.trajectory->steps[i - 1].turn != s.turn)) {
        step["user"] = ep.multi->turns[static_cast<size_t>(s.turn)].user;  // the follow-up this step answers
      }
      if (s.kind == TrajectoryStep::Kind::kCalls) {
        step["calls"] = Json::array();
        for (size_t c = 0; c < s.calls.size(); ++c) {
          Json call = {{"name", s.calls[c].name}, {"arguments", s.calls[c].arguments}};
          // A replay for the verdict alone may not have run the calls (EpisodePack::ScoresWithoutSession).
          if (c < s.results.size()) call["result"] = s.results[c];
          step["calls"].push_back(std::move(call));
        }
      } else if (s.kind == TrajectoryStep::Kind::kMalformed) {
        step["error"] = s.parse.error;
      } else {
        step["answer"] = s.reply.content;
      }
      if (tv && i < tv->per_step.size()) {
        step["verdict"] = tv->per_step[i].verdict;
        if (!tv->per_step[i].detail.empty()) step["detail"] = tv->per_step[i].detail;
      }
      if (tv && i < tv->step_signatures.size()) step["signatures"] = SignaturesToJson(tv->step_signatures[i]);
      j["steps"].push_back(std::move(step));
    }
    if (tv) {
      j["trajectory"] = {{"steps", tv->steps}, {"minimal_steps", tv->minimal_steps}, {"end", tv->end},
                         {"tool_errors", tv->tool_errors}, {"first_failed_step", tv->first_failed_step}};
      if (!tv->state_diff.empty()) j["state_diff"] = tv->state_diff;
      if (!tv->error_type.empty()) j["error_type"] = tv->error_type;
      if (!tv->per_turn.empty()) {
        j["turns"] = Json::array();
        for (const auto& t : tv->per_turn) {
          Json tj = {{"turn", t.turn}, {"verdict", t.verdict}};
          if (!t.detail.empty()) tj["detail"] = t.detail;
          j["turns"].push_back(std::move(tj));
        }
      }
    }
    if (!r.response.ok()) j["backend_error"] = r.response.error;
  } else if (r.response.ok()) {
    j["output"] = ToJson(r.response.message);
    Json calls = Json::array();
    for (const auto& c : r.verdict.parse.calls) calls.push_back(ToJson(c));
    j["parse"] = {{"status", StatusName(r.verdict.parse.status)}, {"calls", calls}};
    if (!r.verdict.parse.error.empty()) j["parse"]["error"] = r.verdict.parse.error;
  } else {
    j["backend_error"] = r.response.error;
  }
  j["correct"] = r.verdict.correct;
  j["failure"] = FailureName(r.verdict.failure);
  if (!r.verdict.detail.empty()) j["detail"] = r.verdict.detail;
  if (!r.verdict.other_dialect.empty()) j["wrong_dialect"] = r.verdict.other_dialect;
  if (r.verdict.other_dialect_correct) j["other_dialect_correct"] = *r.verdict.other_dialect_correct;
  if (r.response.ok() && !ep.multi) j["signatures"] = SignaturesToJson(r.verdict.signatures);
  j["latency_ms"] = r.latency_ms;
  j["attempts"] = r.attempts;  // requests this run sent for the episode (0: from the cache or the journal)
  if (r.from_cache) j["cached"] = true;
  if (r.response.ok() && !r.response.logprobs.is_null()) j["logprobs"] = r.response.logprobs;  // the backend's own shape
  if (const auto series = ReplyTokenSeries(r)) j["token_diagnostics"] = TokenSeriesToJson(*series);
  if (r.resumed) j["resumed"] = true;
  if (r.response.usage.reported) {
    j["usage"] = {{"prompt_tokens", r.response.usage.prompt_tokens},
                  {"completion_tokens", r.response.usage.completion_tokens}};
    if (r.response.usage.cache_reported) j["usage"]["cached_prompt_tokens"] = r.response.usage.cached_prompt_tokens;
  }
  return j;
}

std::string EpisodeLogText(const std::vector<EpisodeRecord>& records) {
  constexpr size_t kChunk = 256;
  std::vector<std::string> chunks((records.size() + kChunk - 1) / kChunk);
  ParallelFor(chunks.size(), 1, 0, [&](size_t begin, size_t end) {
    for (size_t c = begin; c < end; ++c) {
      for (size_t i = c * kChunk; i < std::min(records.size(), (c + 1) * kChunk); ++i) {
        chunks[c] += DumpJson(EpisodeLogEntry(records[i]));
        chunks[c] += '\n';
      }
    }
  });
  size_t size = 0;
  for (const auto& c : chunks) size += c.size();
  std::string text;
  text.reserve(size);
  for (auto& c : chunks) {
    text += c;
    std::string().swap(c);
  }
  return text;
}

}  // namespace toolshift
