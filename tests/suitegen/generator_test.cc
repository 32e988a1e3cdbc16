// The built-in suites are exactly what the generator makes from the committed domain
// specs, and they meet the foundation's coverage and hygiene requirements.
#include <catch2/catch.hpp>

#include <filesystem>
#include <set>

#include "src/core/suite_catalog.h"
#include "src/suitegen/builtin_suites.h"
#include "tests/test_support.h"

namespace toolshift {
namespace fs = std::filesystem;

TEST_CASE("regenerating the built-in suites is byte-identical", "[suitegen][library]") {
  const std::string out = testing::ScratchDir("regenerated");
  const auto written = GenerateBuiltinSuites(testing::SuitesRoot() + "/domains", out, 1);
  REQUIRE(written.size() >= 5);
  size_t compared = 0;
  for (const auto& entry : fs::recursive_directory_iterator(out)) {
    if (!entry.is_regular_file()) continue;
    const std::string rel = fs::relative(entry.path(), out).string();
    INFO(rel << " differs from the committed file: run `toolshift generate` and commit");
    CHECK(testing::ReadText(entry.path().string()) == testing::ReadText(testing::SuitesRoot() + "/" + rel));
    ++compared;
  }
  CHECK(compared == 2 * written.size());
}

TEST_CASE("built-in suites cover the foundation's minimum and do not leak", "[suitegen]") {
  const auto suites = SuiteCatalog(testing::SuitesRoot()).LoadAll();
  std::set<std::string> id_domains, id_tools, format_dialects, ids;
  size_t id_n = 0, content_n = 0;
  for (const auto& s : suites) {
    for (const auto& e : s.episodes) CHECK(ids.insert(s.manifest.name + "/" + e.id).second);
    if (s.manifest.split == Split::kId) {
      id_n += s.episodes.size();
      for (const auto& e : s.episodes) {
        id_domains.insert(e.domain);
        for (const auto& t : e.tools) id_tools.insert(t.name);
      }
    }
  }
  std::set<std::string> id_episode_ids;
  for (const auto& s : suites) {
    if (s.manifest.split == Split::kId) for (const auto& e : s.episodes) id_episode_ids.insert(e.id);
  }
  for (const auto& s : suites) {
    if (s.manifest.split == Split::kFormat) {
      format_dialects.insert(s.manifest.dialect);
      for (const auto& e : s.episodes) CHECK(id_episode_ids.count(e.base_id));
    }
    if (s.manifest.split == Split::kContent) {
      content_n += s.episodes.size();
      for (const auto& e : s.episodes) CHECK(id_episode_ids.count(e.base_id));
      if (s.manifest.provenance.shift != "heldout-domains") continue;
      for (const auto& e : s.episodes) {
        CHECK_FALSE(id_domains.count(e.domain));
        for (const auto& t : e.tools) CHECK_FALSE(id_tools.count(t.name));
      }
    }
  }
  CHECK(id_n >= 60);
  CHECK(id_domains.size() >= 5);
  format_dialects.erase("hermes");
  CHECK(format_dialects.size() >= 3);
  CHECK(content_n >= 20);
}

}  // namespace toolshift
