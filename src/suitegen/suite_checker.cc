#include "src/suitegen/suite_checker.h"

#include <map>
#include <set>

#include "adapters/reference/reference_policies.h"
#include "src/core/episode_json.h"
#include "src/engine/runner.h"

namespace toolshift {
namespace {

constexpr size_t kMaxProblems = 25;

void Note(SuiteCheckResult& r, std::string problem) {
  if (r.problems.size() < kMaxProblems) r.problems.push_back(std::move(problem));
  else if (r.problems.size() == kMaxProblems) r.problems.push_back("... (more not shown)");
}

std::string Where(const Suite& s, const Episode& e) { return s.manifest.name + "/" + e.id; }

SuiteCheckResult CheckOracle(const std::vector<Suite>& suites, int jobs) {
  SuiteCheckResult r{"oracle", 0, {}};
  OraclePolicy oracle;
  RunOptions opt;
  opt.jobs = jobs;
  for (const auto& rec : RunSuites(suites, oracle, opt)) {
    ++r.checked;
    if (!rec.verdict.correct) {
      Note(r, Where(*rec.suite, *rec.episode) + ": " + std::string(FailureName(rec.verdict.failure)) + ": " +
                  rec.verdict.detail);
    }
  }
  return r;
}

SuiteCheckResult CheckNoLeak(const std::vector<Suite>& suites) {
  SuiteCheckResult r{"no-leak", 0, {}};
  std::set<std::string> id_tools, id_domains;
  std::map<std::string, const Episode*> id_episodes;
  for (const auto& s : suites) {
    if (s.manifest.split != Split::kId) continue;
    for (const auto& e : s.episodes) {
      id_domains.insert(e.domain);
      id_episodes[e.id] = &e;
      for (const auto& t : e.tools) id_tools.insert(t.name);
    }
  }
  for (const auto& s : suites) {
    if (s.manifest.split != Split::kContent) continue;
    for (const auto& e : s.episodes) {
      const std::string shift = e.shift.empty() ? s.manifest.provenance.shift : e.shift;
      if (shift == "heldout-domains") {
        ++r.checked;
        if (id_domains.count(e.domain)) Note(r, Where(s, e) + ": held-out domain '" + e.domain + "' is in-distribution");
        for (const auto& t : e.tools) {
          if (id_tools.count(t.name)) Note(r, Where(s, e) + ": held-out tool '" + t.name + "' is in-distribution");
        }
      } else if (shift == "distractors") {
        ++r.checked;
        auto twin = id_episodes.find(e.base_id);
        for (const auto& t : e.tools) {
          const bool from_twin = twin != id_episodes.end() && FindTool(twin->second->tools, t.name);
          if (!from_twin && id_tools.count(t.name)) {
            Note(r, Where(s, e) + ": distractor tool '" + t.name + "' is an in-distribution tool");
          }
        }
      }
    }
  }
  return r;
}

SuiteCheckResult CheckUnique(const std::vector<Suite>& suites) {
  SuiteCheckResult r{"unique", 0, {}};
  std::map<std::string, std::string> seen;  // split + task content -> first suite/episode
  for (const auto& s : suites) {
    for (const auto& e : s.episodes) {
      ++r.checked;
      Json task = EpisodeToJson(e, "");
      for (const char* k : {"id", "base_id", "shift", "domain", "category", "meta"}) task.erase(k);
      const std::string key = std::string(SplitName(s.manifest.split)) + "\n" + task.dump();
      auto [it, fresh] = seen.emplace(key, Where(s, e));
      if (!fresh) Note(r, Where(s, e) + ": same task as " + it->second);
    }
  }
  return r;
}

SuiteCheckResult CheckTwins(const std::vector<Suite>& suites) {
  SuiteCheckResult r{"twins", 0, {}};
  std::set<std::string> id_ids;
  for (const auto& s : suites) {
    if (s.manifest.split == Split::kId) for (const auto& e : s.episodes) id_ids.insert(e.id);
  }
  for (const auto& s : suites) {
    if (s.manifest.split == Split::kId) continue;
    for (const auto& e : s.episodes) {
      ++r.checked;
      if (!id_ids.count(e.base_id)) Note(r, Where(s, e) + ": base_id '" + e.base_id + "' is no in-distribution episode");
    }
  }
  return r;
}

}  // namespace

std::vector<SuiteCheckResult> CheckSuites(const std::vector<Suite>& suites, int jobs) {
  return {CheckOracle(suites, jobs), CheckNoLeak(suites), CheckUnique(suites), CheckTwins(suites)};
}

}  // namespace toolshift
