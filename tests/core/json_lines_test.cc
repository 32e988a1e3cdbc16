// Benchmark record files (JSON Lines) are read within toolshift's limits, with errors naming the
// file and line; the importers that read them (ACEBench, BFCL multi-turn) refuse hostile
// nesting with exit 2 instead of overflowing the stack when the records are written out.
#include <catch2/catch.hpp>

#include <string>

#include "src/core/input_error.h"
#include "src/core/json_lines.h"
#include "tests/test_support.h"

namespace toolshift {
namespace {

using Catch::Matchers::Contains;

std::string Deep(size_t levels) { return std::string(levels, '[') + std::string(levels, ']'); }

TEST_CASE("JSON Lines records are objects within the limits, errors name file and line", "[core][hostile]") {
  const std::string dir = testing::ScratchDir("json_lines");
  testing::WriteText(dir + "/ok.jsonl", "{\"id\": \"a\", \"x\": 1}\n\n  \n{\"id\": \"b\"}\n");
  const auto lines = ReadJsonObjectLines(dir + "/ok.jsonl", true);
  REQUIRE(lines.size() == 2);
  CHECK(lines[0].number == 1);
  CHECK(lines[1].number == 4);
  CHECK(lines[1].json["id"] == "b");

  const auto refused = [&](const std::string& text, bool need_id, const std::string& why) {
    testing::WriteText(dir + "/bad.jsonl", text);
    INFO(why);
    CHECK_THROWS_WITH(ReadJsonObjectLines(dir + "/bad.jsonl", need_id), Contains(dir + "/bad.jsonl:2: ") && Contains(why));
  };
  refused("{\"id\": \"a\"}\n{\"id\": \"b\", \"v\": " + Deep(100000) + "}\n", true, "nests deeper than");
  refused("{\"id\": \"a\"}\n{\"id\": \n", true, "not valid JSON");
  refused("{\"id\": \"a\"}\n[1]\n", true, "expected a JSON object");
  refused("{\"id\": \"a\"}\n{\"id\": 3}\n", true, "id: missing or not a non-empty string");
  testing::WriteText(dir + "/noid.jsonl", "{\"x\": 1}\n");
  CHECK(ReadJsonObjectLines(dir + "/noid.jsonl", false).size() == 1);
  testing::WriteText(dir + "/empty.jsonl", "\n");
  CHECK_THROWS_WITH(ReadJsonObjectLines(dir + "/empty.jsonl", false), Contains("no records"));
  CHECK_THROWS_AS(ReadJsonObjectLines("/dev/zero", false), InputError);
}

TEST_CASE("importers refuse records nesting past the limit with exit 2, naming file and line", "[core][hostile][acebench][bfcl]") {
  const std::string dir = testing::ScratchDir("json_lines_import");
  const std::string deep = Deep(200000);
  // ACEBench: a schema's enum and the answer nest 200,000 levels (a stack overflow once written out).
  testing::WriteText(dir + "/data_normal_atom_bool.json",
                     "{\"id\": \"normal_atom_bool_0\", \"question\": \"user: q\", \"function\": [{\"name\": \"f\", "
                     "\"description\": \"d\", \"parameters\": {\"type\": \"dict\", \"properties\": {\"a\": {\"type\": "
                     "\"string\", \"description\": \"x\", \"enum\": " + deep + "}}, \"required\": []}}]}\n");
  testing::WriteText(dir + "/answers.json", "{\"id\": \"normal_atom_bool_0\", \"ground_truth\": {\"f\": {\"a\": " + deep + "}}}\n");
  auto r = testing::RunToolshift({"import", "acebench", "--questions", dir + "/data_normal_atom_bool.json", "--answers",
                                  dir + "/answers.json", "--out", dir + "/ace"});
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Contains("data_normal_atom_bool.json:1: nests deeper than"));
  // BFCL multi-turn: the same in a question.
  testing::WriteText(dir + "/BFCL_v4_multi_turn_base.json", "{\"id\": \"multi_turn_base_0\", \"question\": " + deep + "}\n");
  testing::WriteText(dir + "/mt_answers.json", "{\"id\": \"multi_turn_base_0\", \"ground_truth\": []}\n");
  r = testing::RunToolshift({"import", "bfcl", "--questions", dir + "/BFCL_v4_multi_turn_base.json", "--answers",
                             dir + "/mt_answers.json", "--func-docs", dir, "--out", dir + "/mt"});
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Contains("BFCL_v4_multi_turn_base.json:1: nests deeper than"));
}

}  // namespace
}  // namespace toolshift
