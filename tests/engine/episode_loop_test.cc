// The multi-step episode loop and its scoring on a real generated episode (ms-bank-001:
// "move 17.50 EUR from my savings account to my checking account"), in hermes and native.
#include <catch2/catch.hpp>

#include "adapters/reference/oracle_moves.h"
#include "src/core/suite_catalog.h"
#include "src/dialects/observation.h"
#include "src/engine/episode_loop.h"
#include "src/scoring/trajectory_scorer.h"
#include "tests/test_support.h"

namespace toolshift {
namespace {

const Episode& Find(const std::string& suite, const std::string& id) {
  static const std::vector<Suite> suites = SuiteCatalog(testing::SuitesRoot()).Resolve(
      {"multi-id", "multi-fmt-dialect-native", "multi-fmt-rename-tools", "multi-fmt-rotbench-heavy"});
  for (const auto& s : suites) {
    if (s.manifest.name != suite) continue;
    for (const auto& e : s.episodes) {
      if (e.id == id) return e;
    }
  }
  FAIL("no episode " << id << " in " << suite);
  throw std::logic_error("unreachable");
}

Message Hermes(const std::string& name, const Json& args) {
  return FindDialect("hermes")->Write({ToolCall{name, args}});
}

// Plays the oracle until the loop ends.
void PlayOracle(EpisodeLoop& loop) {
  while (!loop.done()) loop.Feed(NextMove(loop.episode(), loop.conversation()).Write(loop.dialect()));
}

}  // namespace

TEST_CASE("the loop runs calls, shows results as observations, and a correct play scores correct", "[engine][multistep]") {
  const Episode& ep = Find("multi-id", "ms-bank-001");
  EpisodeLoop loop(ep);
  loop.Feed(Hermes("list_accounts", {{"owner", "Dana Reyes"}}));
  const Message& obs = loop.conversation().back();
  CHECK(obs.role == Role::kUser);
  CHECK(obs.content.rfind("<tool_response>\n{\"name\":\"list_accounts\"", 0) == 0);
  REQUIRE(ReadObservation(obs).size() == 1);
  CHECK(ReadObservation(obs)[0]["accounts"][1]["account_id"] == "ACC-1062");
  PlayOracle(loop);
  const Trajectory& t = loop.trajectory();
  CHECK(t.end == Trajectory::End::kFinished);
  CHECK(t.steps.size() == 3);
  CHECK(t.final_state["accounts"]["ACC-1062"]["balance"] == 2664.0);
  const EpisodeVerdict v = ScoreTrajectory(ep, t);
  CHECK(v.correct);
  REQUIRE(v.trajectory);
  CHECK(v.trajectory->minimal_steps == 3);
  CHECK(v.trajectory->first_failed_step == -1);
}

TEST_CASE("a wrong transfer ends in a readable state diff", "[engine][multistep]") {
  const Episode& ep = Find("multi-id", "ms-bank-001");
  EpisodeLoop loop(ep);
  loop.Feed(Hermes("list_accounts", {{"owner", "Dana Reyes"}}));
  loop.Feed(Hermes("transfer", {{"from_account", "ACC-1062"}, {"to_account", "ACC-1061"}, {"amount", 71.5}}));
  loop.Feed(Message{Role::kAssistant, "Moved 17.50 EUR.", {}});
  const EpisodeVerdict v = ScoreTrajectory(ep, loop.trajectory());
  CHECK_FALSE(v.correct);
  CHECK(v.failure == FailureCategory::kStateMismatch);
  REQUIRE(v.trajectory);
  const auto& diff = v.trajectory->state_diff;
  REQUIRE(diff.size() == 3);
  CHECK(diff[0] == "/accounts/ACC-1061/balance: expected 4016.0, got 4070.0");
  CHECK(diff[1] == "/accounts/ACC-1062/balance: expected 2664.0, got 2610.0");
  CHECK(diff[2] == "/transfers/0/amount: expected 17.5, got 71.5");
  CHECK(v.detail.find("final state differs: /accounts/ACC-1061/balance") == 0);
}

TEST_CASE("refused calls, wrong answers and broken replies are judged per step", "[engine][multistep]") {
  const Episode& ep = Find("multi-id", "ms-bank-001");
  SECTION("a refused call the model recovers from still succeeds, and the step says where it went wrong") {
    EpisodeLoop loop(ep);
    loop.Feed(Hermes("transfer", {{"from_account", "ACC-1062"}, {"to_account", "ACC-1061"}, {"amount", "17.50"}}));
    CHECK(ReadObservation(loop.conversation().back())[0]["error"] == "argument 'amount' must be a number");
    loop.Feed(Hermes("transfer", {{"from_account", "ACC-1062"}, {"to_account", "ACC-1061"}, {"amount", 17.5}}));
    loop.Feed(Message{Role::kAssistant, "Done, 17.50 EUR moved.", {}});
    const EpisodeVerdict v = ScoreTrajectory(ep, loop.trajectory());
    CHECK(v.correct);
    CHECK(v.trajectory->tool_errors == 1);
    CHECK(v.trajectory->first_failed_step == 0);
    CHECK(v.trajectory->per_step[0].verdict == "tool_error");
  }
  SECTION("the right state with the wrong words is a wrong answer") {
    EpisodeLoop loop(ep);
    loop.Feed(Hermes("transfer", {{"from_account", "ACC-1062"}, {"to_account", "ACC-1061"}, {"amount", 17.5}}));
    loop.Feed(Message{Role::kAssistant, "All done.", {}});
    const EpisodeVerdict v = ScoreTrajectory(ep, loop.trajectory());
    CHECK(v.failure == FailureCategory::kWrongAnswer);
    CHECK(v.trajectory->per_step[1].verdict == "wrong_answer");
  }
  SECTION("broken call attempts get a notice, and using up the steps with them is format collapse") {
    EpisodeLoop loop(ep);
    int sent = 0;
    while (!loop.done()) {
      loop.Feed(Message{Role::kAssistant, "<tool_call>\n{\"name\": \"list_accounts\", \"argum", {}});
      ++sent;
      CHECK(IsParseErrorNotice(loop.conversation().back()));
    }
    CHECK(sent == ep.multi->StepLimit());
    const EpisodeVerdict v = ScoreTrajectory(ep, loop.trajectory());
    CHECK(v.failure == FailureCategory::kMalformed);
    CHECK(v.trajectory->end == "step_limit");
  }
  SECTION("the same call three times in a row is a loop, and the episode stops there") {
    EpisodeLoop loop(ep);
    for (int i = 0; i < 3; ++i) loop.Feed(Hermes("get_balance", {{"account_id", "ACC-1061"}}));
    CHECK(loop.done());
    const EpisodeVerdict v = ScoreTrajectory(ep, loop.trajectory());
    CHECK(v.failure == FailureCategory::kLoop);
    CHECK(v.trajectory->per_step.back().verdict == "loop");
  }
  SECTION("a state-changing call in the wrong place is off plan") {
    EpisodeLoop loop(ep);
    loop.Feed(Hermes("transfer", {{"from_account", "ACC-1061"}, {"to_account", "ACC-1062"}, {"amount", 1}}));
    const EpisodeVerdict v = ScoreTrajectory(ep, loop.trajectory());
    CHECK(v.trajectory->per_step[0].verdict == "off_plan");
  }
}

TEST_CASE("native episodes get tool messages that answer each call by id", "[engine][multistep]") {
  const Episode& ep = Find("multi-fmt-dialect-native", "ms-bank-001~dialect:native");
  EpisodeLoop loop(ep);
  Message reply{Role::kAssistant, "", {ToolCall{"list_accounts", {{"owner", "Dana Reyes"}}}}};
  loop.Feed(reply);
  const auto& c = loop.conversation();
  REQUIRE(c.size() >= 2);
  CHECK(c[c.size() - 2].tool_calls.at(0).id == "call_0_0");  // a backend that gave no id gets ours
  CHECK(c.back().role == Role::kTool);
  CHECK(c.back().tool_call_id == "call_0_0");
  CHECK(c.back().name == "list_accounts");
  PlayOracle(loop);
  CHECK(ScoreTrajectory(ep, loop.trajectory()).correct);
}

TEST_CASE("renamed tools reach the environment under its own names, and only the shown names work", "[engine][multistep]") {
  const Episode& ep = Find("multi-fmt-rename-tools", "ms-bank-001~rename-tools");
  REQUIRE(FindTool(ep.tools, "show_accounts"));
  EpisodeLoop loop(ep);
  loop.Feed(Hermes("list_accounts", {{"owner", "Dana Reyes"}}));  // the environment's name, not offered
  CHECK(ReadObservation(loop.conversation().back())[0]["error"] == "unknown tool 'list_accounts'");
  loop.Feed(Hermes("show_accounts", {{"owner", "Dana Reyes"}}));
  CHECK(ReadObservation(loop.conversation().back())[0]["accounts"].size() == 2);
  EpisodeLoop fresh(ep);
  PlayOracle(fresh);
  CHECK(fresh.trajectory().steps[1].calls.at(0).name == "transfer");  // what the environment ran
  CHECK(ScoreTrajectory(ep, fresh.trajectory()).correct);
}

TEST_CASE("RoTBench heavy's added mandatory parameter must be passed but never reaches the environment", "[engine][multistep]") {
  const Episode& ep = Find("multi-fmt-rotbench-heavy", "ms-bank-001~rotbench:heavy");
  EpisodeLoop oracle(ep);
  PlayOracle(oracle);
  CHECK(ScoreTrajectory(ep, oracle.trajectory()).correct);
  // Leaving it out is refused in the shown names.
  const OracleMove first = NextMove(ep, EpisodeLoop(ep).conversation());
  REQUIRE(first.calls.size() == 1);
  ToolCall without = first.calls[0];
  without.arguments.erase("trace_tag");
  EpisodeLoop loop(ep);
  loop.Feed(loop.dialect().Write({without}));
  const std::string error = ReadObservation(loop.conversation().back())[0]["error"];
  CHECK(error.find("missing required argument 'trace_tag'") == 0);
}

TEST_CASE("StateDiff compares what the task is about and reads free text by pattern", "[scoring][multistep]") {
  const Json expected = {{"sent", {{{"to", "C-1"}, {"text", {{"$pattern", "running ten"}}}}}}};
  CHECK(StateDiff(expected, {{"sent", {{{"to", "C-1"}, {"text", "Running ten minutes late!"}}}}, {"inbox", {1, 2}}}).empty());
  const auto diff = StateDiff(expected, {{"sent", {{{"to", "C-2"}, {"text", "on my way"}}, {{"to", "C-1"}, {"text", "x"}}}}});
  REQUIRE(diff.size() == 3);
  CHECK(diff[0] == "/sent/0/to: expected \"C-1\", got \"C-2\"");
  CHECK(diff[1] == "/sent/0/text: expected text matching /running ten/, got \"on my way\"");
  CHECK(diff[2] == "/sent/1: not expected, got {\"to\":\"C-1\",\"text\":\"x\"}");
  CHECK(StateDiff({{"a", {{"x", 1}}}}, {{"a", {{"x", 1}, {"y", 2}}}}) == std::vector<std::string>{"/a/y: not expected, got 2"});
  CHECK(StateDiff({{"n", 0.1 + 0.2}}, {{"n", 0.3}}).empty());
}

}  // namespace toolshift
