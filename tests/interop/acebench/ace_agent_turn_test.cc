// ACEBench agent_multi_turn episodes (SPEC.md 6.2, 8), recorded agent results (`score`'s
// {"id", "result", "process"} lines), the summary's process accuracy, suite names, and — on
// ACEBench's data when ../shared is present — every agent file imported and the oracle's score
// with the scripted user.
#include <catch2/catch.hpp>

#include <filesystem>

#include "adapters/reference/reference_policies.h"
#include "adapters/replay/recorded_outputs.h"
#include "src/core/episode_json.h"
#include "src/core/input_error.h"
#include "src/engine/episode_loop.h"
#include "src/engine/output_scorer.h"
#include "src/engine/record_stream.h"
#include "src/engine/runner.h"
#include "src/interop/acebench/ace_agent_check.h"
#include "src/interop/acebench/ace_agent_import.h"
#include "src/interop/acebench/ace_agent_pack.h"
#include "src/interop/acebench/ace_agent_result.h"
#include "src/interop/acebench/ace_import.h"
#include "src/interop/acebench/ace_phone.h"
#include "src/interop/acebench/ace_summary.h"
#include "tests/test_support.h"

namespace toolshift::acebench {
namespace {

Json Fn(const std::string& name, Json props, Json required) {
  return Json{{"name", name},
              {"description", name},
              {"parameters", Json{{"type", "dict"}, {"required", std::move(required)}, {"properties", std::move(props)}}}};
}

Json Str() { return Json{{"type", "string"}}; }

Json PhoneFunctions() {
  return Json::array({Fn("turn_on_wifi", Json::object(), Json::array()),
                      Fn("send_message", Json{{"sender_name", Str()}, {"receiver_name", Str()}, {"message", Str()}},
                         Json::array({"sender_name", "receiver_name", "message"})),
                      Fn("delete_message", Json{{"message_id", Json{{"type", "integer"}}}}, Json::array({"message_id"}))});
}

const Json kConfig = Json{{"BaseApi", Json{{"wifi", false}, {"logged_in", true}}}};
const std::string kWifi = "[turn_on_wifi()]";
const std::string kDelete4 = "[delete_message(message_id=4)]";
const std::string kSend = "[send_message(sender_name='Eve', receiver_name='Frank', message='See you')]";

Json GroundTruth() {
  PhoneScene scene({"BaseApi", "MessageApi"}, kConfig);
  for (const auto& m : {kWifi, kDelete4, kSend}) scene.Execute(DecodeAgentMessage(m, false).calls);
  return scene.Result();
}

// A record shaped like ACEBench's (`category` from its id).
Episode MakeEpisode(const std::string& id, const std::string& dialect = "pythonic") {
  const Json q = {{"id", id},
                  {"question", "You are Eve. Delete the latest message, then send Frank the message \"See you\"."},
                  {"initial_config", kConfig},
                  {"path", Json::array()},
                  {"function", PhoneFunctions()},
                  {"involved_classes", Json::array({"BaseApi", "MessageApi"})}};
  const Json a = {{"id", id}, {"ground_truth", GroundTruth()}, {"mile_stone", Json::array({kWifi, kDelete4, kSend})}};
  Json tools = Json::array();
  for (const auto& f : PhoneFunctions()) tools.push_back(Json{{"name", f["name"]}, {"description", f["description"]}, {"parameters", f["parameters"]}});
  return ParseEpisode(BuildAgentEpisode(q, a, false, dialect, tools, Json::object()), dialect);
}

Message Agent(const std::string& text) { return Message{Role::kAssistant, text, {}}; }
Message UserSays(const std::string& text) { return Message{Role::kUser, text, {}}; }

TEST_CASE("ACEBench multi_turn: the user opens, prose goes to the user, calls to the executor", "[acebench][agent][users]") {
  const Episode e = MakeEpisode("agent_multi_turn_0");
  REQUIRE(e.multi->user);
  CHECK(e.multi->user->opening == "Is there anything you need help with today?");
  EpisodeLoop loop(e);
  REQUIRE(loop.awaiting_user());  // no user message in the episode: the simulated user speaks first
  loop.FeedUser(UserSays("Please delete my latest message."));
  loop.Feed(Agent("Sure. Who are you?"));
  CHECK(loop.awaiting_user());  // no [...]: addressed to the user
  loop.FeedUser(UserSays("I am Eve."));
  loop.Feed(Agent("[turn_on_wifi(\n)]"));  // the brackets are not on one line: prose
  CHECK(loop.awaiting_user());
  loop.FeedUser(UserSays("Go on."));
  for (const auto& r : {kWifi, kDelete4, kSend}) {
    loop.Feed(Agent(r));
    REQUIRE_FALSE(loop.awaiting_user());
  }
  loop.Feed(Agent("Done: the message was sent."));
  REQUIRE(loop.awaiting_user());
  loop.FeedUser(UserSays("finish conversation"));
  REQUIRE(loop.done());
  const AgentRun run = ReplayAgent(e, loop.trajectory());
  CHECK(run.process == std::vector<std::string>{kWifi, kDelete4, kSend});  // only what reached the executor
  CHECK(PackOf(e)->Score(e, loop.trajectory()).correct);
}

TEST_CASE("ACEBench multi_turn: an execution that raises answers with characters and creates no scene", "[acebench][agent]") {
  const Episode e = MakeEpisode("agent_multi_turn_0");
  EpisodeLoop loop(e);
  loop.FeedUser(UserSays("Hello"));
  loop.Feed(Agent("[delete_message(id=4)]"));  // a wrong keyword raises
  const Json& shown = loop.trajectory().steps[0].results.at(0);
  REQUIRE(shown.is_array());
  CHECK(shown.size() == std::string("Error during execution: {str(e)}").size());
  loop.Feed(Agent("I could not do it. finish conversation"));
  REQUIRE(loop.done());
  const AgentRun run = ReplayAgent(e, loop.trajectory());
  CHECK(run.result == Json::array());  // the only execution raised: ACEBench saves no objects
  CHECK(run.process.size() == 1);
  const EpisodeVerdict v = PackOf(e)->Score(e, loop.trajectory());
  CHECK_FALSE(v.correct);
  CHECK(v.trajectory->error_type == "wrong number of class");
}

TEST_CASE("ACEBench multi_turn: the oracle with the scripted user reaches the end state", "[acebench][agent][users]") {
  for (const char* dialect : {"pythonic", "hermes", "json"}) {
    Suite suite;
    suite.manifest.name = "ace-turn";
    suite.manifest.dialect = dialect;
    suite.episodes.push_back(MakeEpisode("agent_multi_turn_0", dialect));
    OraclePolicy oracle;
    RunOptions options;
    options.jobs = 1;
    const auto records = RunSuites({suite}, oracle, options);
    REQUIRE(records.size() == 1);
    INFO(dialect);
    CHECK(records[0].verdict.correct);
  }
}

TEST_CASE("ACEBench recorded agent results: lines are read and judged by SPEC.md's rules", "[acebench][agent][score]") {
  const Episode step = MakeEpisode("agent_multi_step_0");
  const Json gt = GroundTruth();
  auto line = [](const Json& result, const Json& process) {
    return Json{{"id", "agent_multi_step_0"}, {"result", result}, {"process", process}}.dump();
  };
  Suite suite;
  suite.manifest.name = "ace-step";
  suite.manifest.dialect = "pythonic";
  suite.episodes.push_back(step);
  auto judge = [&](const Json& result, const Json& process) {
    std::vector<RecordedOutput> outs = {ParseRecordedOutput(line(result, process), "r.jsonl:1")};
    ScoredOutputs s = ScoreOutputs({suite}, std::move(outs), "r.jsonl", 1);
    REQUIRE(s.records.size() == 1);
    return s.records[0].verdict;
  };
  const Json all_miles = Json::array({kWifi, kDelete4, kSend});
  CHECK(judge(gt, all_miles).correct);
  CHECK(judge(gt, Json::array()).correct);  // the end state decides; the process only scores wrong ones
  // An extra message (an extra key in a dict attribute) goes unnoticed.
  Json extra = gt;
  extra[1]["MessageApi"]["inbox"]["8"] = Json{{"sender_id", "USR100"}, {"receiver_id", "USR101"}, {"message", "x"}};
  CHECK(judge(extra, all_miles).correct);
  // A different value in a GT key fails, with the milestones' process accuracy.
  Json changed = gt;
  changed[1]["MessageApi"]["inbox"]["7"]["message"] = "See you!";
  EpisodeVerdict v = judge(changed, Json::array({kWifi, kDelete4}));
  CHECK_FALSE(v.correct);
  CHECK(v.trajectory->error_type == "class attributes wrong");
  CHECK(v.trajectory->per_turn[1].detail == "0.667");
  // A missing GT key fails; wifi off fails; [] (no scene) has the wrong number of classes.
  Json missing = gt;
  missing[1]["MessageApi"]["inbox"].erase("7");
  CHECK_FALSE(judge(missing, all_miles).correct);
  Json off = gt;
  off[0]["BaseApi"]["wifi"] = false;
  CHECK_FALSE(judge(off, all_miles).correct);
  v = judge(Json::array(), Json::array());
  CHECK(v.trajectory->error_type == "wrong number of class");
  CHECK(v.trajectory->per_turn[1].detail == "0.000");
  // Milestones compare exact text: double quotes are another message.
  v = judge(off, Json::array({kWifi, "[delete_message(message_id=4)]", "[send_message(sender_name=\"Eve\", receiver_name=\"Frank\", message=\"See you\")]"}));
  CHECK(v.trajectory->per_turn[1].detail == "0.667");
  // Lines that are not ACEBench's shape are refused with the field.
  CHECK_THROWS_WITH(ParseRecordedOutput(R"({"id": "x", "result": {}, "process": []})", "r.jsonl:3"), Catch::Contains("r.jsonl:3: result"));
  CHECK_THROWS_WITH(ParseRecordedOutput(R"({"id": "x", "result": [], "process": [1]})", "r.jsonl:4"), Catch::Contains("process[0]"));
  // A model cannot forge a recorded result: only the reader's reply carries its name.
  EpisodeLoop loop(step);
  loop.Feed(Agent(R"({"result": [], "process": []})"));
  CHECK_FALSE(RecordedAgentResult(loop.trajectory().steps[0].reply));
}

TEST_CASE("ACEBench recorded agent results: score judges multi_turn lines (the user turn reaches the loop)", "[acebench][agent][score]") {
  Suite suite;
  suite.manifest.name = "ace-turn";
  suite.manifest.dialect = "pythonic";
  suite.episodes.push_back(MakeEpisode("agent_multi_turn_0"));
  auto judge = [&](const Json& result) {
    std::vector<RecordedOutput> outs = {ParseRecordedOutput(
        Json{{"id", "agent_multi_turn_0"}, {"result", result}, {"process", Json::array({kWifi})}}.dump(), "r.jsonl:1")};
    REQUIRE(outs[0].user_turns.size() == 1);
    ScoredOutputs s = ScoreOutputs({suite}, std::move(outs), "r.jsonl", 1);
    REQUIRE(s.records.size() == 1);
    return s.records[0].verdict;
  };
  CHECK(judge(GroundTruth()).correct);
  const EpisodeVerdict empty = judge(Json::array());  // the scene never created
  CHECK_FALSE(empty.correct);
  REQUIRE(empty.trajectory);
  CHECK(empty.trajectory->error_type == "wrong number of class");
}

TEST_CASE("ACEBench summary: process accuracy outlives the runner's release of a record", "[acebench][agent]") {
  const Episode e = MakeEpisode("agent_multi_step_0");
  EpisodeRecord wrong;
  wrong.episode = &e;
  wrong.verdict = AgentVerdict(e, Json::array(), {kWifi}, 1);
  const EpisodeVerdict right = AgentVerdict(e, GroundTruth(), {}, 0);
  Json s = Summarize({PackOutcome{&e, &wrong.verdict, nullptr, false}, PackOutcome{&e, &right, nullptr, false}});
  CHECK(s["en/pythonic"]["categories"]["agent_multi_step"]["process_accuracy"] == Round3((1.0 + 0.333) / 2));
  ReleaseBulk(wrong);  // what the runner does once a record is logged
  REQUIRE(wrong.verdict.trajectory);
  CHECK(wrong.verdict.trajectory->per_turn.empty());
  s = Summarize({PackOutcome{&e, &wrong.verdict, nullptr, false}, PackOutcome{&e, &right, nullptr, false}});
  CHECK(s["en/pythonic"]["categories"]["agent_multi_step"]["process_accuracy"] == Round3((1.0 + 0.333) / 2));
  CHECK_FALSE(s["en/pythonic"]["categories"]["agent_multi_step"].contains("process_unknown"));
  CHECK(s["en/pythonic"]["categories"]["agent_multi_step"]["accuracy"] == 0.5);
}

TEST_CASE("ACEBench import: both agent categories, both languages, and distinct suite names per form", "[acebench][agent]") {
  const std::string dir = testing::ScratchDir("ace_agent_names");
  Json q = {{"id", "agent_multi_turn_0"},
            {"question", "You are Eve."},
            {"initial_config", kConfig},
            {"path", Json::array()},
            {"function", PhoneFunctions()},
            {"involved_classes", Json::array({"BaseApi", "MessageApi"})}};
  Json a = {{"id", "agent_multi_turn_0"}, {"ground_truth", GroundTruth()}, {"mile_stone", Json::array()}};
  testing::WriteText(dir + "/q.json", q.dump() + "\n");
  testing::WriteText(dir + "/a.json", a.dump() + "\n");
  AceImportOptions o;
  o.questions = dir + "/q.json";
  o.answers = dir + "/a.json";
  AceImportResult r = ImportAceBench(o);
  CHECK(r.suite.manifest.name == "acebench-en-agent_multi_turn");
  CHECK(r.unpassable.empty());
  o.dialect = "hermes";
  CHECK(ImportAceBench(o).suite.manifest.name == "acebench-en-agent_multi_turn-hermes");
  o.language = "zh";
  r = ImportAceBench(o);
  CHECK(r.suite.manifest.name == "acebench-zh-agent_multi_turn-hermes");
  CHECK(r.suite.episodes[0].multi->pack_data["language"] == "zh");
  CHECK(r.suite.episodes[0].messages[0].content.find("你需要遵守的规则如下") != std::string::npos);
}

struct FileScore {
  size_t records = 0, unpassable = 0, oracle = 0, overfit = 0;
};

// Imports one agent file, runs the oracle (and, in `form`, the overfit policy) with the scripted user.
FileScore ScoreFile(const std::string& path, const std::string& dialect) {
  AceImportOptions o;
  o.questions = path;
  o.dialect = dialect;
  const AceImportResult r = ImportAceBench(o);
  FileScore f;
  f.records = r.suite.episodes.size();
  f.unpassable = r.unpassable.size();
  for (const auto& u : r.unpassable) WARN(path << ": " << u);
  RunOptions options;
  options.jobs = 2;
  OraclePolicy oracle;
  const std::vector<Suite> suites = {r.suite};  // the records point into it
  for (const auto& rec : RunSuites(suites, oracle, options)) {
    if (rec.verdict.correct) ++f.oracle;
    else if (rec.episode->multi->pack_data.value("unpassable", "").empty()) WARN(rec.episode->id << " (oracle, " << dialect << ") failed");
  }
  OverfitPolicy overfit;
  for (const auto& rec : RunSuites(suites, overfit, options)) f.overfit += rec.verdict.correct ? 1 : 0;
  return f;
}

TEST_CASE("ACEBench agent data: every agent file imports, and the oracle passes all it can", "[acebench][agent][library]") {
  const std::string root = testing::SharedDir() + "/acebench";
  if (!std::filesystem::exists(root + "/data_zh/data_agent_multi_turn.json")) {
    TOOLSHIFT_SKIP("skipped: " << root << " is absent (ACEBench's data)");
    return;
  }
  for (const char* lang : {"en", "zh"}) {
    for (const char* cat : {"agent_multi_step", "agent_multi_turn"}) {
      const std::string path = root + "/data_" + lang + "/data_" + cat + ".json";
      for (const char* dialect : {"pythonic", "hermes"}) {
        const FileScore f = ScoreFile(path, dialect);
        INFO(path << " " << dialect << ": " << f.oracle << "/" << f.records << " oracle, " << f.overfit << " overfit, "
                  << f.unpassable << " unpassable");
        CHECK(f.records == (std::string(cat) == "agent_multi_step" ? 20u : 30u));
        CHECK(f.unpassable == 0);
        CHECK(f.oracle == f.records - f.unpassable);
        WARN(path << " " << dialect << ": oracle " << f.oracle << "/" << f.records << ", overfit " << f.overfit);
      }
    }
  }
}

}  // namespace
}  // namespace toolshift::acebench
