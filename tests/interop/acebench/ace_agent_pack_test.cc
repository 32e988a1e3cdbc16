// ACEBench agent_multi_step episodes (ace_agent_pack.h, ace_agent_import.h): the loop's mechanics
// (prose answered with ACEBench's sentence, "finish conversation", the 20-reply cap, the process
// list, the scene created at the first decoded reply), near-miss end states judged as SPEC.md's
// rules say, and — on ACEBench's English data when ../shared is present — the oracle plan
// reaching every ground truth in the python-list and <tool_call> forms.
#include <catch2/catch.hpp>

#include <filesystem>

#include "adapters/reference/reference_policies.h"
#include "src/core/episode_json.h"
#include "src/engine/episode_loop.h"
#include "src/engine/runner.h"
#include "src/interop/acebench/ace_agent_check.h"
#include "src/interop/acebench/ace_agent_import.h"
#include "src/interop/acebench/ace_agent_pack.h"
#include "src/interop/acebench/ace_import.h"
#include "src/interop/acebench/ace_phone.h"
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
  return Json::array({Fn("turn_on_wifi", Json::object(), Json::array()), Fn("login_device", Json::object(), Json::array()),
                      Fn("send_message", Json{{"sender_name", Str()}, {"receiver_name", Str()}, {"message", Str()}},
                         Json::array({"sender_name", "receiver_name", "message"})),
                      Fn("delete_message", Json{{"message_id", Json{{"type", "integer"}}}}, Json::array({"message_id"})),
                      Fn("get_latest_message_id", Json::object(), Json::array())});
}

// The end state of a scene after `calls` (python-list agent messages), as ACEBench saves it.
Json StateAfter(const std::vector<std::string>& messages, const Json& config) {
  PhoneScene scene({"BaseApi", "MessageApi"}, config);
  for (const auto& m : messages) scene.Execute(DecodeAgentMessage(m, false).calls);
  return scene.Result();
}

const Json kConfig = Json{{"BaseApi", Json{{"wifi", false}, {"logged_in", true}}}};

// A record like ACEBench's agent_multi_step_4: delete the latest message, then send one.
Json Record() {
  return Json{{"id", "agent_multi_step_0"},
              {"question", "I am Eve. Delete the latest message and tell Frank: 'See you'."},
              {"initial_config", kConfig},
              {"path", Json::array()},
              {"function", PhoneFunctions()},
              {"involved_classes", Json::array({"BaseApi", "MessageApi"})}};
}

Json Answer() {
  const Json gt = StateAfter({"[turn_on_wifi()]", "[delete_message(message_id=4)]",
                              "[send_message(sender_name='Eve', receiver_name='Frank', message='See you')]"},
                             kConfig);
  return Json{{"id", "agent_multi_step_0"},
              {"ground_truth", gt},
              {"mile_stone", Json::array({"[turn_on_wifi()]", "[get_latest_message_id()]", "[delete_message(message_id=4)]",
                                          "[send_message(sender_name='Eve', receiver_name='Frank', message='See you')]"})}};
}

Episode MakeEpisode(const std::string& dialect) {
  Json tools = Json::array();
  for (const auto& f : PhoneFunctions()) tools.push_back(Json{{"name", f["name"]}, {"description", f["description"]}, {"parameters", f["parameters"]}});
  return ParseEpisode(BuildAgentEpisode(Record(), Answer(), false, dialect, tools, Json::object()), dialect);
}

EpisodeVerdict Play(const Episode& e, const std::vector<std::string>& replies, Trajectory* out = nullptr) {
  EpisodeLoop loop(e);
  for (const auto& r : replies) {
    if (loop.done()) break;
    loop.Feed(Message{Role::kAssistant, r, {}});
  }
  if (out) *out = loop.trajectory();
  return PackOf(e)->Score(e, loop.trajectory());
}

const std::string kWifi = "[turn_on_wifi()]";
const std::string kDelete4 = "[delete_message(message_id=4)]";
const std::string kSend = "[send_message(sender_name='Eve', receiver_name='Frank', message='See you')]";

TEST_CASE("ACEBench agent: the oracle plan comes from the end state and reaches it", "[acebench][agent]") {
  const Episode e = MakeEpisode("pythonic");
  const auto& plan = e.multi->turns[0].plan;
  REQUIRE(plan.size() == 3);
  CHECK(plan[0][0].name == "turn_on_wifi");
  CHECK(plan[1][0].name == "delete_message");
  CHECK(plan[1][0].arguments["message_id"] == 4);
  CHECK(plan[2][0].name == "send_message");
  CHECK(AgentSelfCheck(EpisodeToJson(e, "pythonic")).empty());
  for (const char* dialect : {"pythonic", "hermes", "json", "xml"}) {
    Suite suite;
    suite.manifest.name = "ace-agent";
    suite.manifest.dialect = dialect;
    suite.episodes.push_back(MakeEpisode(dialect));
    const std::vector<Suite> suites = {suite};
    OraclePolicy oracle;
    RunOptions options;
    options.jobs = 1;
    const auto records = RunSuites(suites, oracle, options);
    REQUIRE(records.size() == 1);
    INFO(dialect << ": " << records[0].verdict.detail);
    CHECK(records[0].verdict.correct);
  }
}

TEST_CASE("ACEBench agent: the loop's mechanics are ACEBench's", "[acebench][agent]") {
  const Episode e = MakeEpisode("pythonic");
  Trajectory t;
  SECTION("prose is answered with ACEBench's sentence, runs nothing, and is part of the process") {
    EpisodeLoop loop(e);
    loop.Feed(Message{Role::kAssistant, "Let me think about which message is the latest.", {}});
    REQUIRE_FALSE(loop.done());
    CHECK(loop.conversation().back().content == kNoQuestionsReply);
    for (const auto& r : {kWifi, kDelete4, kSend, std::string("finish conversation")}) loop.Feed(Message{Role::kAssistant, r, {}});
    CHECK(loop.done());
    const AgentRun run = ReplayAgent(e, loop.trajectory());
    CHECK(run.process.size() == 4);  // the finishing message never reached the executor
    CHECK(run.process[0] == "Let me think about which message is the latest.");
    CHECK(PackOf(e)->Score(e, loop.trajectory()).correct);
  }
  SECTION("a message with the phrase ends the episode before its calls run") {
    const EpisodeVerdict v = Play(e, {kWifi, kDelete4, kSend + " finish conversation"}, &t);
    CHECK(t.end == Trajectory::End::kFinished);
    CHECK_FALSE(v.correct);  // the send never ran
  }
  SECTION("no decoded reply: the scene is never created and the end state is []") {
    Play(e, {"Hello?", "finish conversation"}, &t);
    CHECK(ReplayAgent(e, t).result == Json::array());
    CHECK(CheckEndState(ReplayAgent(e, t).result, e.multi->pack_data["ground_truth"]).error_type == "wrong number of class");
  }
  SECTION("a bare word decodes to no call, runs nothing, but creates the scene") {
    Play(e, {"Done", "finish conversation"}, &t);
    CHECK(ReplayAgent(e, t).result.size() == 2);
  }
  SECTION("at most 20 agent messages; the 20th still runs") {
    std::vector<std::string> replies(19, "[get_latest_message_id()]");
    replies.push_back(kWifi);
    replies.push_back(kDelete4);
    Play(e, replies, &t);
    CHECK(t.steps.size() == 20);
    CHECK(t.end == Trajectory::End::kStepLimit);
    CHECK(ReplayAgent(e, t).result[0]["BaseApi"]["wifi"] == true);
  }
  SECTION("the verdict carries the process accuracy against the milestones") {
    const EpisodeVerdict v = Play(e, {kWifi, "[get_latest_message_id()]", "finish conversation"});
    CHECK_FALSE(v.correct);
    REQUIRE(v.trajectory->per_turn.size() == 2);
    CHECK(v.trajectory->per_turn[1].verdict == "process");
    CHECK(v.trajectory->per_turn[1].detail == "0.500");
  }
}

TEST_CASE("ACEBench agent: near-miss end states get the verdicts SPEC.md's rules give", "[acebench][agent]") {
  const Episode e = MakeEpisode("pythonic");
  const std::string fin = "finish conversation";
  // The right end state by another path passes: only the state is judged.
  CHECK(Play(e, {kWifi, "[get_latest_message_id()]", kDelete4, kSend, fin}).correct);
  // A wrong argument: the message text differs.
  CHECK_FALSE(Play(e, {kWifi, kDelete4, "[send_message(sender_name='Eve', receiver_name='Frank', message='See you!')]", fin}).correct);
  // Double quotes instead of single: the same value, so the same state (only milestones compare text).
  CHECK(Play(e, {kWifi, kDelete4, "[send_message(sender_name=\"Eve\", receiver_name=\"Frank\", message=\"See you\")]", fin}).correct);
  // A missing call: without wifi the send fails.
  CHECK_FALSE(Play(e, {kDelete4, kSend, fin}).correct);
  // Without the deletion the inbox is full and the send fails.
  CHECK_FALSE(Play(e, {kWifi, kSend, fin}).correct);
  // Deleting another message: the GT's message 3 is missing from the result.
  CHECK_FALSE(Play(e, {kWifi, "[delete_message(message_id=3)]", kSend, fin}).correct);
  // An extra state-changing call that removes a GT key is detected...
  CHECK_FALSE(Play(e, {kWifi, kDelete4, "[delete_message(message_id=5)]", kSend, fin}).correct);
  // ...and a second send takes the next id, so the GT's message 7 is gone after deleting it.
  CHECK_FALSE(Play(e, {kWifi, kDelete4, kSend, "[delete_message(message_id=7)]", kSend, fin}).correct);
  // A call with a bad keyword raises inside the scene; nothing changes.
  CHECK_FALSE(Play(e, {kWifi, kDelete4, "[send_message(sender='Eve', receiver_name='Frank', message='See you')]", fin}).correct);
  // The message id given as a float finds the message (Python's key lookup).
  CHECK(Play(e, {kWifi, "[delete_message(message_id=4.0)]", kSend, fin}).correct);
  // A trailing space after the list breaks ACEBench's agent decoder: prose, nothing runs.
  CHECK_FALSE(Play(e, {kWifi, kDelete4, kSend + " ", fin}).correct);
}

TEST_CASE("ACEBench agent: recorded end states are judged without replaying", "[acebench][agent]") {
  const Episode e = MakeEpisode("pythonic");
  const Json gt = e.multi->pack_data["ground_truth"];
  CHECK(AgentVerdict(e, gt, {}, 0).correct);
  Json extra = gt;
  extra[1]["MessageApi"]["inbox"]["8"] = Json{{"sender_id", "USR100"}, {"receiver_id", "USR101"}, {"message", "x"}};
  CHECK(AgentVerdict(e, extra, {}, 0).correct);  // extra keys in a dict attribute are not detected
  Json wrong = gt;
  wrong[0]["BaseApi"]["wifi"] = false;
  const EpisodeVerdict v = AgentVerdict(e, wrong, {kWifi}, 1);
  CHECK_FALSE(v.correct);
  CHECK(v.trajectory->error_type == "class attributes wrong");
  CHECK(v.trajectory->per_turn[1].detail == "0.250");
}

TEST_CASE("ACEBench agent: a record imports as it is, with its GT self-checked", "[acebench][agent]") {
  const std::string dir = testing::ScratchDir("ace_agent_import");
  testing::WriteText(dir + "/q.json", Record().dump() + "\n");
  testing::WriteText(dir + "/a.json", Answer().dump() + "\n");
  AceImportOptions o;
  o.questions = dir + "/q.json";
  o.answers = dir + "/a.json";
  const AceImportResult r = ImportAceBench(o);
  CHECK(r.suite.episodes.size() == 1);
  CHECK(r.unpassable.empty());
  // The same record against the Chinese scene: its messages 2 and 3 differ from the English GT.
  o.language = "zh";
  CHECK(ImportAceBench(o).unpassable.size() == 1);
}

std::string EnglishData() { return testing::SharedDir() + "/acebench/data_en"; }

TEST_CASE("ACEBench agent: the oracle reaches every English agent_multi_step ground truth", "[acebench][agent][library]") {
  const std::string q = EnglishData() + "/data_agent_multi_step.json";
  if (!std::filesystem::exists(q)) {
    TOOLSHIFT_SKIP("skipped: " << q << " is absent (ACEBench's data)");
    return;
  }
  for (const char* dialect : {"pythonic", "hermes"}) {
    AceImportOptions o;
    o.questions = q;
    o.dialect = dialect;
    const AceImportResult r = ImportAceBench(o);
    CHECK(r.suite.episodes.size() == 20);
    CHECK(r.unpassable.empty());
    OraclePolicy oracle;
    RunOptions options;
    options.jobs = 2;
    const auto records = RunSuites({r.suite}, oracle, options);
    size_t correct = 0;
    for (const auto& rec : records) {
      if (rec.verdict.correct) ++correct;
      else WARN(rec.episode->id << ": " << rec.verdict.detail);
    }
    CHECK(correct == 20);
  }
}

}  // namespace
}  // namespace toolshift::acebench
