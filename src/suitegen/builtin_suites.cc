#include "src/suitegen/builtin_suites.h"

#include <algorithm>
#include <map>
#include <memory>
#include <set>

#include "src/core/input_error.h"
#include "src/core/suite.h"
#include "src/shifts/shift.h"
#include "src/suitegen/episode_generator.h"
#include "src/suitegen/multi_step_generator.h"

namespace toolshift {
namespace {

void CheckNoLeak(const std::vector<DomainSpec>& id, const std::vector<DomainSpec>& heldout) {
  std::set<std::string> names;
  for (const auto& d : id) {
    names.insert("domain:" + d.domain);
    for (const auto& t : d.tools) names.insert("tool:" + t.name);
  }
  for (const auto& d : heldout) {
    if (names.count("domain:" + d.domain)) throw InputError(d.source + ": held-out domain '" + d.domain + "' is also in-distribution");
    for (const auto& t : d.tools) {
      if (names.count("tool:" + t.name)) throw InputError(d.source + ": held-out tool '" + t.name + "' is also in-distribution");
    }
  }
}

SuiteManifest Manifest(std::string name, Split split, std::string dialect, std::string description,
                       Provenance provenance = {}) {
  SuiteManifest m;
  m.name = std::move(name);
  m.split = split;
  m.version = "1";
  m.dialect = std::move(dialect);
  m.description = std::move(description);
  m.provenance = std::move(provenance);
  return m;
}


// Every `stride`-th episode: a stratified sample, since episodes come grouped by domain and task.
Suite Subset(const Suite& base, size_t stride) {
  Suite s = base;
  s.episodes.clear();
  for (size_t i = 0; i < base.episodes.size(); i += stride) s.episodes.push_back(base.episodes[i]);
  return s;
}

}  // namespace

std::vector<std::string> BuiltinFormatKinds() {
  return {"dialect:pythonic", "dialect:json", "dialect:xml", "dialect:react", "dialect:native",
          "schema:typescript", "schema:xml", "schema:prose", "rename-params", "rename-tools",
          "describe-noise", "shuffle-order", "system-template", "control-tokens",
          "rotbench:slight", "rotbench:medium", "rotbench:heavy", "rotbench:union",
          "toolsandbox:scrambled", "toolsandbox:no-descriptions", "toolsandbox:no-types"};
}

std::vector<std::string> GenerateBuiltinSuites(const std::string& domains_dir, const std::string& out_dir,
                                               uint64_t seed) {
  const std::vector<DomainSpec> id_domains = LoadDomainSpecs(domains_dir + "/id");
  const std::vector<DomainSpec> heldout = LoadDomainSpecs(domains_dir + "/heldout");
  if (id_domains.empty()) throw InputError(domains_dir + "/id: no domain files");
  CheckNoLeak(id_domains, heldout);
  std::vector<std::string> written;
  auto write = [&](const std::string& split_dir, const Suite& suite) {
    const std::string dir = out_dir + "/" + split_dir + "/" + suite.manifest.name;
    WriteSuite(dir, suite.manifest, suite.episodes);
    written.push_back(dir);
  };

  Suite id;
  id.manifest = Manifest("single-id", Split::kId, "hermes",
                         "Single-step in-distribution tasks in the hermes dialect, BFCL categories.");
  id.episodes = GenerateEpisodes(id_domains, seed, id.manifest.dialect);
  write("id", id);

  // Shifted suites use a stratified sample of about kShiftedEpisodes base episodes, the
  // same sample for every kind, so kinds compare on the same tasks.
  const size_t stride = std::max<size_t>(1, id.episodes.size() / kShiftedEpisodes);
  const Suite sample = Subset(id, stride);
  for (const auto& kind : BuiltinFormatKinds()) {
    std::unique_ptr<Shift> shift = MakeShift(kind);
    write("format", ShiftSuite(sample, {shift.get()}, seed, "single-fmt-" + KindSlug(kind)));
  }
  // Long tool lists make large episodes; half the sample keeps the suite files small.
  for (const auto& [kind, base] : std::vector<std::pair<std::string, const Suite*>>{
           {"distractors", &sample}, {"long-tool-list", nullptr}, {"irrelevance", &sample}}) {
    std::unique_ptr<Shift> shift = MakeShift(kind);
    Suite half = Subset(id, stride * 2);
    write("content", ShiftSuite(base ? *base : half, {shift.get()}, seed, "single-content-" + KindSlug(kind)));
  }

  if (!heldout.empty()) {
    Suite content;
    content.manifest = Manifest("single-content-heldout", Split::kContent, "hermes",
                                "Single-step tasks on held-out domains and tools that no in-distribution suite uses.",
                                {id.manifest.name, "heldout-domains", seed});
    content.episodes = GenerateEpisodes(heldout, seed, content.manifest.dialect);
    std::map<Category, std::vector<const Episode*>> by_category;
    for (const auto& e : id.episodes) by_category[e.category].push_back(&e);
    std::map<Category, size_t> next;
    for (auto& e : content.episodes) {
      const auto& pool = by_category[e.category];
      if (pool.empty()) throw InputError(domains_dir + "/heldout: no in-distribution episode of category " +
                                         std::string(CategoryName(e.category)) + " to pair with");
      e.base_id = pool[next[e.category]++ % pool.size()]->id;
      e.shift = "heldout-domains";
    }
    write("content", content);
  }

  // Multi-step: in-distribution environments, their format-shifted twins, held-out environments.
  Suite multi;
  multi.manifest = Manifest("multi-id", Split::kId, "hermes",
                            "Multi-step and multi-turn tasks against simulated stateful environments, hermes dialect.");
  multi.episodes = GenerateMultiStepEpisodes(InDistributionEnvironments(), kMultiStepPerEnv, seed, multi.manifest.dialect);
  write("id", multi);
  const Suite multi_sample = Subset(multi, std::max<size_t>(1, multi.episodes.size() / kMultiStepShifted));
  for (const auto& kind : BuiltinFormatKinds()) {
    std::unique_ptr<Shift> shift = MakeShift(kind);
    write("format", ShiftSuite(multi_sample, {shift.get()}, seed, "multi-fmt-" + KindSlug(kind)));
  }
  Suite held;
  held.manifest = Manifest("multi-content-heldout", Split::kContent, "hermes",
                           "Multi-step tasks against held-out environments whose tools no in-distribution suite uses.",
                           {multi.manifest.name, "heldout-domains", seed});
  held.episodes = GenerateMultiStepEpisodes(HeldOutEnvironments(), kMultiStepPerEnv, seed, held.manifest.dialect);
  // Paired round robin with in-distribution episodes of the same category (no task-level twin exists).
  std::map<Category, std::vector<const Episode*>> multi_by_category;
  for (const auto& e : multi.episodes) multi_by_category[e.category].push_back(&e);
  std::map<Category, size_t> multi_next;
  for (auto& e : held.episodes) {
    const auto& pool = multi_by_category[e.category];
    e.base_id = pool[multi_next[e.category]++ % pool.size()]->id;
    e.shift = "heldout-domains";
  }
  write("content", held);
  return written;
}

}  // namespace toolshift
