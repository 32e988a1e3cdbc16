// Shift transforms: consistent expectations, determinism, provenance, composition.
#include <catch2/catch.hpp>

#include <cctype>
#include <memory>
#include <set>

#include "adapters/reference/reference_policies.h"
#include "src/core/episode_json.h"
#include "src/core/input_error.h"
#include "src/core/suite_catalog.h"
#include "src/engine/runner.h"
#include "src/shifts/shift.h"
#include "src/shifts/shift_kinds.h"
#include "tests/test_support.h"

namespace toolshift {
namespace {

const Suite& BaseSuite() {
  static const Suite suite = LoadSuite(testing::SuitesRoot() + "/id/single-id");
  return suite;
}

Suite Apply(const std::vector<std::string>& kinds, uint64_t seed = 1) {
  std::vector<std::unique_ptr<Shift>> owned;
  std::vector<Shift*> shifts;
  for (const auto& k : kinds) {
    owned.push_back(MakeShift(k));
    shifts.push_back(owned.back().get());
  }
  return ShiftSuite(BaseSuite(), shifts, seed, "test-shift");
}

size_t OracleFailures(const Suite& s) {
  OraclePolicy oracle;
  size_t failures = 0;
  for (const auto& r : RunSuites({s}, oracle, RunOptions{})) failures += !r.verdict.correct;
  return failures;
}

}  // namespace

TEST_CASE("every shift kind keeps the oracle correct and pairs each episode with its twin", "[shifts][library]") {
  for (const auto& kind : AllShiftKinds()) {
    if (kind == "dialect:hermes") continue;  // the base is hermes: applies to nothing
    INFO(kind);
    const Suite s = Apply({kind});
    CHECK(s.episodes.size() >= BaseSuite().episodes.size() / 2);
    CHECK(s.manifest.provenance.base_suite == "single-id");
    CHECK(s.manifest.provenance.shift == kind);
    CHECK(OracleFailures(s) == 0);
    for (const auto& e : s.episodes) {
      REQUIRE(e.id == e.base_id + "~" + kind);
      REQUIRE(e.shift == kind);
    }
  }
}

bool IsIdentifier(const std::string& s) {
  if (s.empty() || !(std::isalpha(static_cast<unsigned char>(s[0])) || s[0] == '_')) return false;
  for (char c : s)
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_')) return false;
  return true;
}

TEST_CASE("rename-tools keeps identifiers identifiers, and unique, in every style", "[shifts]") {
  CHECK(ToCamel("_5G_X") == "_5GX");
  CHECK(ToCamel("get_current_weather") == "getCurrentWeather");
  Episode base;
  for (const char* name : {"_5G_X", "_5GX", "__9", "a_b", "aB_", "get_x", "getX"}) {
    base.tools.push_back(Tool{name, "", Json::object()});
    base.expected.push_back(ExpectedCall{name, Json::object()});
  }
  const std::unique_ptr<Shift> shift = MakeShift("rename-tools");
  std::set<std::string> camel_seen;
  for (uint64_t seed = 1; seed <= 24; ++seed) {  // every one of the three styles comes up
    SplitMix64 rng(seed);
    const Episode e = shift->Apply(base, rng);
    std::set<std::string> names;
    for (size_t i = 0; i < e.tools.size(); ++i) {
      INFO("seed " << seed << ": " << base.tools[i].name << " -> " << e.tools[i].name);
      CHECK(IsIdentifier(e.tools[i].name));
      CHECK(e.expected[i].name == e.tools[i].name);
      names.insert(e.tools[i].name);
    }
    CHECK(names.size() == base.tools.size());
    if (e.tools[0].name == "_5GX") camel_seen.insert(e.tools[0].name);
  }
  CHECK(camel_seen.size() == 1);  // the camel style ran (the case of the bug)
}

TEST_CASE("shifts change what they claim to change", "[shifts]") {
  const Episode& base = BaseSuite().episodes.front();
  const Suite renamed = Apply({"rename-tools"});
  CHECK(renamed.episodes.front().tools.front().name != base.tools.front().name);
  CHECK(renamed.episodes.front().expected.front().name == renamed.episodes.front().tools.front().name);
  const Suite scrambled = Apply({"toolsandbox:scrambled"});
  CHECK(scrambled.episodes.front().tools.front().name == "tool_0");
  CHECK(scrambled.episodes.front().expected.front().args.contains("arg_0"));
  const Suite typeless = Apply({"toolsandbox:no-types"});
  CHECK(typeless.episodes.front().tools.front().parameters.dump().find("\"type\":\"string\"") == std::string::npos);
  const Suite heavy = Apply({"rotbench:heavy"});
  CHECK(heavy.episodes.front().expected.front().args["trace_tag"] == Json::array({"rb-7"}));
  const Suite tokens = Apply({"control-tokens"});
  CHECK_FALSE(tokens.episodes.front().presentation.call_open.empty());
  const Suite schema = Apply({"schema:typescript"});
  CHECK(schema.episodes.front().presentation.schema == "typescript");
  const Suite longlist = Apply({"long-tool-list"});
  for (const auto& e : longlist.episodes) REQUIRE(e.tools.size() >= 32);
  CHECK(longlist.manifest.split == Split::kContent);
  const Suite irrelevant = Apply({"irrelevance"});
  for (const auto& e : irrelevant.episodes) {
    REQUIRE(e.expected.empty());
    REQUIRE(e.category == Category::kIrrelevance);
  }
  const Suite distract = Apply({"distractors"});
  CHECK(distract.episodes.front().tools.size() == base.tools.size() + 2);
}

TEST_CASE("shifts are seeded and deterministic", "[shifts]") {
  for (const char* kind : {"rename-params", "rotbench:slight", "rotbench:medium", "shuffle-order", "describe-noise"}) {
    INFO(kind);
    const Suite a = Apply({kind}, 7);
    const Suite b = Apply({kind}, 7);
    const Suite c = Apply({kind}, 8);
    REQUIRE(a.episodes.size() == b.episodes.size());
    size_t differ = 0;
    for (size_t i = 0; i < a.episodes.size(); ++i) {
      CHECK(EpisodeToJson(a.episodes[i], "").dump() == EpisodeToJson(b.episodes[i], "").dump());
      differ += EpisodeToJson(a.episodes[i], "").dump() != EpisodeToJson(c.episodes[i], "").dump();
    }
    CHECK(differ > 0);
  }
}

TEST_CASE("shifts compose in order and keep the in-distribution twin", "[shifts]") {
  const Suite s = Apply({"rename-params", "dialect:pythonic"});
  CHECK(s.manifest.provenance.shift == "rename-params+dialect:pythonic");
  CHECK(s.episodes.front().dialect == "pythonic");
  CHECK(OracleFailures(s) == 0);
  // Shifting a shifted suite chains the provenance and still names the in-distribution twin.
  std::unique_ptr<Shift> xml = MakeShift("schema:xml");
  const Suite twice = ShiftSuite(s, {xml.get()}, 1, "twice");
  CHECK(twice.manifest.provenance.base_suite == "single-id");
  CHECK(twice.manifest.provenance.shift == "rename-params+dialect:pythonic+schema:xml");
  CHECK(twice.episodes.front().base_id == BaseSuite().episodes.front().id);
}

TEST_CASE("unknown shift kinds are input errors that list the known ones", "[shifts]") {
  CHECK_THROWS_AS(MakeShift("dialect:yaml"), InputError);
  CHECK_THROWS_WITH(MakeShift("rotbench:extreme"), Catch::Matchers::Contains("known: dialect:hermes"));
}

}  // namespace toolshift
