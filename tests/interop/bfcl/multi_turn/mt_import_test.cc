// Import of BFCL's multi-turn categories from ../shared/bfcl-multi-turn (skipped when absent).
#include <catch2/catch.hpp>

#include <filesystem>

#include "src/core/suite.h"
#include "src/interop/bfcl/multi_turn/mt_entry.h"
#include "src/interop/bfcl/multi_turn/mt_import.h"
#include "src/interop/bfcl/multi_turn/mt_pack.h"
#include "tests/test_support.h"

namespace toolshift::bfcl {
namespace {

std::string DataDir() { return testing::SharedDir() + "/bfcl-multi-turn"; }

bool HaveData() {
  if (std::filesystem::exists(DataDir() + "/BFCL_v4_multi_turn_base.json")) return true;
  TOOLSHIFT_SKIP("skipped: " << DataDir() << " is absent (BFCL's multi-turn data)");
  return false;
}

Suite Import(const std::string& category, const std::string& dialect = "pythonic") {
  MultiTurnImportOptions o;
  o.questions = DataDir() + "/BFCL_v4_multi_turn_" + category + ".json";
  o.answers = DataDir() + "/possible_answer/BFCL_v4_multi_turn_" + category + ".json";
  o.dialect = dialect;
  return ImportBfclMultiTurn(o).suite;
}

const Episode& ById(const Suite& s, const std::string& id) {
  for (const auto& e : s.episodes) {
    if (e.id == id) return e;
  }
  FAIL("no episode " << id);
  return s.episodes.front();
}

TEST_CASE("BFCL multi-turn import: every category, 200 entries, BFCL's preprocessing", "[bfcl][multi_turn]") {
  if (!HaveData()) return;
  for (const char* category : {"base", "miss_func", "miss_param", "long_context"}) {
    CAPTURE(category);
    const Suite s = Import(category);
    CHECK(s.episodes.size() == 200);
    CHECK(s.manifest.name == std::string("bfcl-multi_turn_") + category);
    for (const auto& e : s.episodes) {
      REQUIRE(e.multi);
      CHECK(e.multi->pack == "bfcl");
      CHECK_NOTHROW(ReadEntry(e));
      CHECK(e.scoring == ScoringRules::kBfcl);
    }
  }
  const Suite base = Import("base");
  CHECK(IsMultiTurnFile(DataDir() + "/BFCL_v4_multi_turn_base.json"));
  const Episode& e0 = ById(base, "multi_turn_base_0");
  // TwitterAPI (14 functions) + GorillaFileSystem (18) without the excluded cp.
  CHECK(e0.tools.size() == 31);
  CHECK(!FindTool(e0.tools, "cp"));
  const Tool* cd = FindTool(e0.tools, "cd");
  REQUIRE(cd);
  CHECK(cd->description.size() > kPythonHint.size());
  CHECK(cd->description.substr(cd->description.size() - kPythonHint.size()) == kPythonHint);
  CHECK(e0.multi->turns.size() == 4);
  REQUIRE(e0.multi->turns[0].plan.size() == 1);
  CHECK(e0.multi->turns[0].plan[0].size() == 3);
  CHECK(e0.messages.back().content.rfind("Move 'final_report.pdf'", 0) == 0);
  CHECK(e0.multi->initial_state.contains("GorillaFileSystem"));
  const BfclEntry entry = ReadEntry(e0);
  CHECK(entry.ground_truth[0][0] == "cd(folder='document')");
  CHECK(entry.involved_classes == std::vector<std::string>{"TwitterAPI", "GorillaFileSystem"});
  CHECK(!entry.long_context());
  CHECK(ReadEntry(ById(Import("long_context"), "multi_turn_long_context_0")).long_context());
}

TEST_CASE("BFCL multi-turn import: miss_func holds functions back, positional ground truth is named", "[bfcl][multi_turn]") {
  if (!HaveData()) return;
  const Suite s = Import("miss_func");
  const Episode& e = ById(s, "multi_turn_miss_func_0");
  const BfclEntry entry = ReadEntry(e);
  REQUIRE(entry.missed_function.count(3));
  CHECK(entry.missed_function.at(3) == std::vector<std::string>{"sort"});
  // Offered from turn 3 on, and listed among the episode's tools for that turn.
  MultiTurnPack pack;
  const std::vector<std::string> initial = pack.InitialTools(e);
  CHECK(std::find(initial.begin(), initial.end(), "sort") == initial.end());
  CHECK(FindTool(e.tools, "sort"));
  CHECK(initial.size() + 1 == e.tools.size());
  // "sort('final_report.pdf')" names its argument after the doc.
  REQUIRE(e.multi->turns[3].plan.size() == 1);
  const ToolCall& sort = e.multi->turns[3].plan[0][0];
  CHECK(sort.name == "sort");
  CHECK(sort.arguments == Json{{"file_name", "final_report.pdf"}});
  // The held-out turn has no question: the episode carries BFCL's sentence.
  CHECK(e.multi->turns[3].user == std::string(kAdditionalFunctionMessage));
  CHECK(e.multi->turns[2].plan.empty());  // ground truth [] in turn 2
}

TEST_CASE("BFCL multi-turn import: the suite round-trips through its files", "[bfcl][multi_turn]") {
  if (!HaveData()) return;
  const Suite s = Import("miss_param", "hermes");
  const std::string dir = testing::ScratchDir("bfcl-mt-import");
  WriteSuite(dir, s.manifest, s.episodes);
  const Suite back = LoadSuite(dir);
  REQUIRE(back.episodes.size() == s.episodes.size());
  CHECK(back.manifest.dialect == "hermes");
  CHECK(back.episodes[17].multi->pack_data == s.episodes[17].multi->pack_data);
  CHECK(back.episodes[17].tools.size() == s.episodes[17].tools.size());
}

TEST_CASE("BFCL multi-turn import: bad input names file, line and field", "[bfcl][multi_turn]") {
  if (!HaveData()) return;
  const std::string dir = testing::ScratchDir("bfcl-mt-bad");
  testing::WriteText(dir + "/q.json", R"({"id": "multi_turn_base_0", "question": [[{"role": "user", "content": "hi"}]], "involved_classes": ["NoSuchAPI"]})" "\n");
  testing::WriteText(dir + "/a.json", R"({"id": "multi_turn_base_0", "ground_truth": [[]]})" "\n");
  MultiTurnImportOptions o;
  o.questions = dir + "/q.json";
  o.answers = dir + "/a.json";
  o.func_docs = DataDir() + "/multi_turn_func_doc";
  CHECK_THROWS_WITH(ImportBfclMultiTurn(o), Catch::Contains("q.json:1: id 'multi_turn_base_0': involved_classes: 'NoSuchAPI'"));
  o.func_docs = dir + "/nowhere";
  CHECK_THROWS_WITH(ImportBfclMultiTurn(o), Catch::Contains("--func-docs"));
}

}  // namespace
}  // namespace toolshift::bfcl
