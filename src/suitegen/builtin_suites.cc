#include "src/suitegen/builtin_suites.h"

#include <map>
#include <set>

#include "src/core/input_error.h"
#include "src/core/suite.h"
#include "src/shifts/dialect_shift.h"
#include "src/suitegen/episode_generator.h"

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

}  // namespace

std::vector<std::string> GenerateBuiltinSuites(const std::string& domains_dir, const std::string& out_dir,
                                               uint64_t seed) {
  const std::vector<DomainSpec> id_domains = LoadDomainSpecs(domains_dir + "/id");
  const std::vector<DomainSpec> heldout = LoadDomainSpecs(domains_dir + "/heldout");
  if (id_domains.empty()) throw InputError(domains_dir + "/id: no domain files");
  CheckNoLeak(id_domains, heldout);
  std::vector<std::string> written;

  const SuiteManifest id = Manifest("single-id", Split::kId, "hermes",
                                    "Single-step in-distribution tasks in the hermes dialect, BFCL categories.");
  const std::vector<Episode> base = GenerateEpisodes(id_domains, seed, id.dialect);
  WriteSuite(out_dir + "/id/" + id.name, id, base);
  written.push_back(out_dir + "/id/" + id.name);

  for (const char* dialect : kFormatDialects) {
    const SuiteManifest m = Manifest(std::string("single-fmt-") + dialect, Split::kFormat, dialect,
                                     std::string("single-id asked in the ") + dialect + " dialect (format shift).",
                                     {id.name, std::string("dialect:") + dialect, seed});
    std::vector<Episode> shifted;
    for (const auto& e : base) shifted.push_back(ShiftDialect(e, dialect));
    WriteSuite(out_dir + "/format/" + m.name, m, shifted);
    written.push_back(out_dir + "/format/" + m.name);
  }

  if (!heldout.empty()) {
    const SuiteManifest m =
        Manifest("single-content-heldout", Split::kContent, "hermes",
                 "Single-step tasks on held-out domains and tools that no in-distribution suite uses.",
                 {id.name, "heldout-domains", seed});
    std::vector<Episode> content = GenerateEpisodes(heldout, seed, m.dialect);
    std::map<Category, std::vector<const Episode*>> by_category;
    for (const auto& e : base) by_category[e.category].push_back(&e);
    std::map<Category, size_t> next;
    for (auto& e : content) {
      const auto& pool = by_category[e.category];
      if (pool.empty()) throw InputError(domains_dir + "/heldout: no in-distribution episode of category " +
                                         std::string(CategoryName(e.category)) + " to pair with");
      e.base_id = pool[next[e.category]++ % pool.size()]->id;
      e.shift = "heldout-domains";
    }
    WriteSuite(out_dir + "/content/" + m.name, m, content);
    written.push_back(out_dir + "/content/" + m.name);
  }
  return written;
}

}  // namespace toolshift
