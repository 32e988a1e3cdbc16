// Recorded outputs, replay:FILE and `toolshift score`: outputs produced elsewhere are read in
// every documented form, replayed into the same scores, and scored line by line.
#include <catch2/catch.hpp>

#include "adapters/replay/recorded_outputs.h"
#include "src/core/input_error.h"
#include "tests/test_support.h"

namespace toolshift {
namespace {

using Catch::Contains;
using testing::ReadText;
using testing::RunToolshift;

std::string ParseError(const std::string& line) {
  try {
    ParseRecordedOutput(line, "o.jsonl:7");
  } catch (const InputError& e) {
    return e.what();
  }
  return "";
}

std::vector<Json> JsonLines(const std::string& path) {
  std::vector<Json> out;
  const std::string text = ReadText(path);
  size_t b = 0;
  for (size_t e; (e = text.find('\n', b)) != std::string::npos; b = e + 1) out.push_back(Json::parse(text.substr(b, e - b)));
  return out;
}

}  // namespace

TEST_CASE("recorded outputs are read in every documented form", "[replay]") {
  auto text = ParseRecordedOutput(R"({"id": "a", "output": "[f(x=1)]"})", "w");
  CHECK(text.id == "a");
  CHECK(text.response.message.content == "[f(x=1)]");
  auto calls = ParseRecordedOutput(
      R"({"id": "b", "suite": "s", "tool_calls": [{"name": "f", "arguments": {"x": 1}}, {"type": "function", "function": {"name": "g", "arguments": "{\"y\": 2}"}}]})",
      "w");
  CHECK(calls.suite == "s");
  REQUIRE(calls.response.message.tool_calls.size() == 2);
  CHECK(calls.response.message.tool_calls[1].name == "g");
  CHECK(calls.response.message.tool_calls[1].arguments == Json::parse(R"({"y": 2})"));
  auto bfcl_fc = ParseRecordedOutput(R"({"id": "c", "result": [{"f": "{\"x\": 1}"}, {"g": {"y": [1, 2]}}]})", "w");
  REQUIRE(bfcl_fc.response.message.tool_calls.size() == 2);
  CHECK(bfcl_fc.response.message.tool_calls[0].arguments == Json::parse(R"({"x": 1})"));
  auto bfcl_prompt = ParseRecordedOutput(R"({"id": "d", "result": "[f(x=1)]"})", "w");
  CHECK(bfcl_prompt.response.message.content == "[f(x=1)]");
  auto log = ParseRecordedOutput(R"({"suite": "s", "id": "e", "output": {"role": "assistant", "content": "hi"}, "usage": {"prompt_tokens": 5, "completion_tokens": 2}})", "w");
  CHECK(log.response.message.content == "hi");
  CHECK(log.response.usage.reported);
  CHECK(log.response.usage.prompt_tokens == 5);
  auto failed = ParseRecordedOutput(R"({"id": "f", "backend_error": "HTTP 503"})", "w");
  CHECK_FALSE(failed.response.ok());

  CHECK_THAT(ParseError("{\"id\": \"a\""), Contains("o.jsonl:7: not valid JSON"));
  CHECK_THAT(ParseError(R"({"output": "x"})"), Contains("o.jsonl:7: id: missing"));
  CHECK_THAT(ParseError(R"({"id": "a"})"), Contains("o.jsonl:7: (line): expected one of output"));
  CHECK_THAT(ParseError(R"({"id": "a", "output": "x", "result": "y"})"), Contains("give only one of"));
  CHECK_THAT(ParseError(R"({"id": "a", "tool_calls": [{"name": "f", "arguments": "{oops"}]})"),
             Contains("o.jsonl:7: tool_calls[0].arguments: a string that is not JSON"));
  // BFCL's multi-turn result: per turn, per step the model's text or its FC calls.
  auto turns = ParseRecordedOutput(R"({"id": "a", "result": [[[{"f": {}}], "done"], [], ["[g(x=1)]"]]})", "w");
  CHECK(turns.grouped);
  CHECK(turns.turn_sizes == std::vector<size_t>{2, 0, 1});
  REQUIRE(turns.replies.size() == 3);
  CHECK(turns.replies[0].tool_calls.size() == 1);
  CHECK(turns.replies[1].content == "done");
  CHECK(turns.replies[2].content == "[g(x=1)]");
}

TEST_CASE("replaying a run's episode log reproduces its verdicts episode by episode", "[replay][cli]") {
  const std::string dir = testing::ScratchDir("replay_roundtrip");
  auto first = RunToolshift({"run", "-m", "reference:noisy:0.3", "-s", "single-id", "-s", "single-fmt-dialect-json",
                             "--seed", "5", "-q", "-o", dir + "/noisy.json"});
  REQUIRE(first.exit_code == 0);
  auto replay = RunToolshift({"run", "-m", "replay:" + dir + "/noisy.episodes.jsonl", "-s", "single-id", "-s",
                              "single-fmt-dialect-json", "--seed", "5", "-q", "-o", dir + "/replay.json"});
  REQUIRE(replay.exit_code == 0);
  const auto a = JsonLines(dir + "/noisy.episodes.jsonl");
  const auto b = JsonLines(dir + "/replay.episodes.jsonl");
  REQUIRE(a.size() == b.size());
  size_t wrong = 0;
  for (size_t i = 0; i < a.size(); ++i) {
    CHECK(a[i]["id"] == b[i]["id"]);
    CHECK(a[i]["correct"] == b[i]["correct"]);
    CHECK(a[i]["failure"] == b[i]["failure"]);
    wrong += !a[i]["correct"].get<bool>();
  }
  CHECK(wrong > 0);  // the noisy policy erred, so agreement is not vacuous
  const Json ra = Json::parse(ReadText(dir + "/noisy.json"));
  const Json rb = Json::parse(ReadText(dir + "/replay.json"));
  CHECK(ra["splits"] == rb["splits"]);
  CHECK(ra["gap"] == rb["gap"]);

  // `score` on the same log agrees too, and writes a compact verdict per line.
  auto scored = RunToolshift({"score", "-s", "single-id", "-s", "single-fmt-dialect-json", "--outputs",
                              dir + "/noisy.episodes.jsonl", "--seed", "5", "-o", dir + "/score.json"});
  REQUIRE(scored.exit_code == 0);
  CHECK(Json::parse(ReadText(dir + "/score.json"))["splits"] == ra["splits"]);
  const auto v = JsonLines(dir + "/score.verdicts.jsonl");
  REQUIRE(v.size() == a.size());
  CHECK(v[0]["id"] == a[0]["id"]);
  CHECK(v[0]["correct"] == a[0]["correct"]);
  CHECK(v[0]["line"] == 1);
}

TEST_CASE("score counts every sample, reports gaps in the recording, and never blames the model for them", "[replay][cli]") {
  const std::string dir = testing::ScratchDir("score_samples");
  // Episodes of the built-in single-id suite, answered in BFCL-free plain text form.
  auto r = RunToolshift({"run", "-m", "reference:oracle", "-s", "single-id", "--limit", "3", "-q", "-o", dir + "/o.json"});
  REQUIRE(r.exit_code == 0);
  const auto log = JsonLines(dir + "/o.episodes.jsonl");
  REQUIRE(log.size() == 3);
  std::string outputs;
  // Episode 0: two samples, one right and one wrong; episode 1: right; episode 2: none; plus a stray id.
  outputs += Json{{"id", log[0]["id"]}, {"output", log[0]["output"]["content"]}}.dump() + "\n";
  outputs += Json{{"id", log[0]["id"]}, {"output", "I would rather not."}}.dump() + "\n";
  outputs += Json{{"id", log[1]["id"]}, {"output", log[1]["output"]["content"]}}.dump() + "\n";
  outputs += Json{{"id", "no-such-episode"}, {"output", "x"}}.dump() + "\n";
  testing::WriteText(dir + "/outputs.jsonl", outputs);
  // A suite of exactly those three episodes.
  const std::string suite_lines = ReadText(testing::SuitesRoot() + "/id/single-id/episodes.jsonl");
  size_t end = 0;
  for (int k = 0; k < 3; ++k) end = suite_lines.find('\n', end) + 1;
  testing::WriteText(dir + "/three.jsonl", suite_lines.substr(0, end));
  // By default only the episodes the outputs name are read and scored; the others are counted.
  auto fast = RunToolshift({"score", "-s", dir + "/three.jsonl", "--outputs", dir + "/outputs.jsonl", "-o", dir + "/f.json"});
  REQUIRE(fast.exit_code == 0);
  CHECK_THAT(fast.err, Contains("1 episode(s) have no recorded output; not scored"));
  const Json fast_report = Json::parse(ReadText(dir + "/f.json"));
  CHECK(fast_report["totals"]["n"] == 3);
  CHECK(fast_report["totals"]["backend_errors"] == 0);
  CHECK(fast_report["totals"]["correct"] == 2);
  CHECK(JsonLines(dir + "/f.verdicts.jsonl").size() == 3);
  // --missing-as-errors reads every episode and counts the missing one as a backend error.
  auto s = RunToolshift({"score", "-s", dir + "/three.jsonl", "--outputs", dir + "/outputs.jsonl", "--missing-as-errors",
                         "-o", dir + "/s.json"});
  REQUIRE(s.exit_code == 0);
  CHECK_THAT(s.err, Contains("1 output line(s) match no episode"));
  CHECK_THAT(s.err, Contains("1 episode(s) have no recorded output; counted as backend errors"));
  const Json report = Json::parse(ReadText(dir + "/s.json"));
  CHECK(report["totals"]["n"] == 4);
  CHECK(report["totals"]["backend_errors"] == 1);
  CHECK(report["totals"]["correct"] == 2);
  CHECK(report["totals"]["accuracy"] == Approx(2.0 / 3.0));
  const auto verdicts = JsonLines(dir + "/s.verdicts.jsonl");
  REQUIRE(verdicts.size() == 4);
  CHECK(verdicts[1]["correct"] == false);
  CHECK(verdicts[1]["failure"] == "no_call");
  CHECK(verdicts[3]["failure"] == "backend_error");
  CHECK_FALSE(verdicts[3].contains("line"));

  // A bad line stops with its location and exit 2.
  testing::WriteText(dir + "/bad.jsonl", outputs + "{\"id\": 3}\n");
  auto bad = RunToolshift({"score", "-s", dir + "/three.jsonl", "--outputs", dir + "/bad.jsonl", "-o", dir + "/b.json"});
  CHECK(bad.exit_code == 2);
  CHECK_THAT(bad.err, Contains("bad.jsonl:5: id: missing or not a non-empty string"));
  // An episode absent from a replay file is a backend error, not a model failure; a third of the
  // run lost exceeds --max-backend-errors (0.05): exit 4, the report written all the same.
  auto rp = RunToolshift({"run", "-m", "replay:" + dir + "/outputs.jsonl", "-s", dir + "/three.jsonl", "-q", "-o", dir + "/rp.json"});
  REQUIRE(rp.exit_code == 4);
  const Json rpr = Json::parse(ReadText(dir + "/rp.json"));
  CHECK(rpr["totals"]["backend_errors"] == 1);
  CHECK(rpr["totals"]["correct"] == 2);
}

TEST_CASE("run and score with a dialect flag ask every episode for that dialect", "[replay][cli]") {
  const std::string dir = testing::ScratchDir("dialect_override");
  auto r = RunToolshift({"run", "-m", "reference:oracle", "-s", "single-id", "--limit", "20", "--dialect", "xml", "-q",
                         "-o", dir + "/x.json"});
  REQUIRE(r.exit_code == 0);
  // The suite runs as it is and as its paired dialect:xml twin (single-id@dialect-xml).
  const auto log = JsonLines(dir + "/x.episodes.jsonl");
  size_t twins = 0;
  for (const auto& l : log) {
    if (l["suite"] != "single-id@dialect-xml") continue;
    ++twins;
    CHECK(l["dialect"] == "xml");
  }
  CHECK(twins == 20);
  CHECK(log.size() == 40);
  CHECK(Json::parse(ReadText(dir + "/x.json"))["totals"]["accuracy"] == 1.0);
  // Outputs in hermes scored as xml are not calls.
  auto h = RunToolshift({"run", "-m", "reference:oracle", "-s", "single-id", "--limit", "20", "-q", "-o", dir + "/h.json"});
  REQUIRE(h.exit_code == 0);
  auto s = RunToolshift({"score", "-s", "single-id", "--outputs", dir + "/h.episodes.jsonl", "--dialect", "xml", "-o",
                         dir + "/s.json"});
  REQUIRE(s.exit_code == 0);
  CHECK(Json::parse(ReadText(dir + "/s.json"))["totals"]["accuracy"].get<double>() < 0.5);
  CHECK(RunToolshift({"run", "-s", "single-id", "--dialect", "klingon", "-o", dir + "/k.json"}).exit_code == 2);
}

}  // namespace toolshift
