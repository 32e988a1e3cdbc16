// End to end on BFCL's data (skipped when ../shared/bfcl-multi-turn is absent): the oracle plays
// every imported entry through the shared runner and episode loop, in every dialect, and BFCL's
// checker passes it; the mechanics (turn ends, miss_func's message, force-termination) and
// result-file scoring are checked on real entries.
#include <catch2/catch.hpp>

#include <filesystem>

#include "adapters/reference/reference_policies.h"
#include "adapters/replay/recorded_outputs.h"
#include "src/engine/episode_loop.h"
#include "src/engine/output_scorer.h"
#include "src/engine/runner.h"
#include "src/interop/bfcl/apis/api.h"
#include "src/interop/bfcl/multi_turn/mt_entry.h"
#include "src/interop/bfcl/multi_turn/mt_executor.h"
#include "src/interop/bfcl/multi_turn/mt_import.h"
#include "src/interop/bfcl/multi_turn/mt_pack.h"
#include "src/scoring/trajectory_scorer.h"
#include "tests/test_support.h"

namespace toolshift::bfcl {
namespace {

std::string DataDir() { return testing::SharedDir() + "/bfcl-multi-turn"; }

bool HaveData() {
  if (std::filesystem::exists(DataDir() + "/BFCL_v4_multi_turn_base.json")) return true;
  TOOLSHIFT_SKIP("skipped: " << DataDir() << " is absent (BFCL's multi-turn data)");
  return false;
}

// The category's entries whose classes are all implemented (all of them once the eight land).
Suite Runnable(const std::string& category, const std::string& dialect) {
  MultiTurnImportOptions o;
  o.questions = DataDir() + "/BFCL_v4_multi_turn_" + category + ".json";
  o.answers = DataDir() + "/possible_answer/BFCL_v4_multi_turn_" + category + ".json";
  o.dialect = dialect;
  Suite s = ImportBfclMultiTurn(o).suite;
  std::vector<Episode> keep;
  for (auto& e : s.episodes) {
    bool ok = true;
    for (const auto& c : ReadEntry(e).involved_classes) ok = ok && FindApiClass(c) && FindApiClass(c)->make;
    if (ok) keep.push_back(std::move(e));
  }
  s.episodes = std::move(keep);
  return s;
}

size_t Correct(const std::vector<EpisodeRecord>& records, std::string* first_failure) {
  size_t n = 0;
  for (const auto& r : records) {
    if (r.verdict.correct) ++n;
    else if (first_failure->empty()) *first_failure = r.episode->id + ": " + r.verdict.detail;
  }
  return n;
}

TEST_CASE("BFCL multi-turn: the oracle passes BFCL's checker in every dialect", "[bfcl][multi_turn][library]") {
  if (!HaveData()) return;
  for (const char* category : {"base", "miss_func", "miss_param", "long_context"}) {
    for (const char* dialect : {"hermes", "pythonic", "json", "xml", "react", "native"}) {
      const std::vector<Suite> suites = {Runnable(category, dialect)};
      if (suites[0].episodes.empty()) continue;
      OraclePolicy oracle;
      RunOptions options;
      options.jobs = 2;
      const std::vector<EpisodeRecord> records = RunSuites(suites, oracle, options);
      std::string failure;
      const size_t correct = Correct(records, &failure);
      INFO(category << " in " << dialect << ": " << suites[0].episodes.size() << " runnable entries; " << failure);
      CHECK(correct == records.size());
      if (!failure.empty()) WARN(category << "/" << dialect << " first failure: " << failure);
    }
  }
}

// The ground truth as BFCL's result file records a model that follows it: per turn, one step
// with every call (none where the ground truth is empty), then a closing text step.
Json ResultOf(const Episode& e, const std::string& format) {
  const BfclEntry entry = ReadEntry(e);
  Json turns = Json::array();
  for (size_t t = 0; t < entry.ground_truth.size(); ++t) {
    Json steps = Json::array();
    const auto& calls = e.multi->turns[t].plan;
    if (!calls.empty()) {
      std::string text;
      if (format == "pythonic") {
        // Keyword arguments only: BFCL's prompting decoder drops positional ones.
        text = "[";
        for (size_t i = 0; i < calls[0].size(); ++i) text += (i ? ", " : "") + CallString(calls[0][i]);
        text += "]";
      } else {
        for (size_t i = 0; i < calls[0].size(); ++i) {
          text += (i ? "\n" : "") + std::string("<tool_call>\n") +
                  DumpJson(Json{{"name", calls[0][i].name}, {"arguments", calls[0][i].arguments}}) + "\n</tool_call>";
        }
      }
      steps.push_back(text);
    }
    steps.push_back("I have done what you asked.");
    turns.push_back(std::move(steps));
  }
  return Json{{"id", e.id}, {"result", std::move(turns)}};
}

TEST_CASE("BFCL multi-turn: result files are scored as BFCL's checker scores them", "[bfcl][multi_turn]") {
  if (!HaveData()) return;
  for (const char* format : {"pythonic", "hermes"}) {
    std::vector<Suite> suites = {Runnable("base", format)};
    if (suites[0].episodes.empty()) return;
    suites[0].episodes.resize(std::min<size_t>(suites[0].episodes.size(), 25));
    std::string lines;
    for (const auto& e : suites[0].episodes) lines += DumpJson(ResultOf(e, format)) + "\n";
    const std::string dir = testing::ScratchDir(std::string("bfcl-mt-result-") + format);
    testing::WriteText(dir + "/r.json", lines);
    const ScoredOutputs scored = ScoreOutputs(suites, ReadRecordedOutputs(dir + "/r.json"), dir + "/r.json", 2);
    std::string failure;
    const size_t correct = Correct(scored.records, &failure);
    INFO(format << ": " << failure);
    CHECK(correct == scored.records.size());
    // A result with a turn missing is force-terminated; a dropped call is a mismatch.
    Json short_one = ResultOf(suites[0].episodes[0], format);
    short_one["result"].erase(short_one["result"].size() - 1);
    Json wrong = ResultOf(suites[0].episodes[0], format);
    wrong["result"][0] = Json::array({"Sorry."});
    testing::WriteText(dir + "/bad.json", DumpJson(short_one) + "\n" + DumpJson(wrong) + "\n");
    const ScoredOutputs bad = ScoreOutputs(suites, ReadRecordedOutputs(dir + "/bad.json"), dir + "/bad.json", 2);
    REQUIRE(bad.records.size() >= 2);
    REQUIRE(bad.records[0].verdict.trajectory);
    CHECK(bad.records[0].verdict.trajectory->error_type == "multi_turn:force_terminated");
    CHECK(bad.records[1].verdict.trajectory->error_type == "multi_turn:empty_turn_model_response");
    CHECK(VerdictLogEntry(bad.records[1], 2)["error_type"] == "multi_turn:empty_turn_model_response");
    if (std::string(format) != "pythonic") continue;
    // A ground-truth string with a positional argument, written as is: BFCL's decoder drops the
    // positional argument, so the call fails and the state differs.
    for (const auto& e : suites[0].episodes) {
      const BfclEntry entry = ReadEntry(e);
      size_t turn = entry.ground_truth.size();
      for (size_t t = 0; t < entry.ground_truth.size() && turn == entry.ground_truth.size(); ++t) {
        for (const auto& c : entry.ground_truth[t]) {
          if (c.find("('") != std::string::npos) turn = t;
        }
      }
      if (turn == entry.ground_truth.size()) continue;
      Json positional = ResultOf(e, format);
      std::string text = "[";
      for (size_t i = 0; i < entry.ground_truth[turn].size(); ++i) text += (i ? ", " : "") + entry.ground_truth[turn][i];
      positional["result"][turn][0] = text + "]";
      testing::WriteText(dir + "/pos.json", DumpJson(positional) + "\n");
      const ScoredOutputs pos = ScoreOutputs(suites, ReadRecordedOutputs(dir + "/pos.json"), dir + "/pos.json", 2);
      CAPTURE(e.id, text);
      CHECK(!pos.records[0].verdict.correct);
      break;
    }
  }
}

TEST_CASE("BFCL multi-turn mechanics: turn ends, miss_func's message, 21 calling steps force-terminate",
          "[bfcl][multi_turn]") {
  if (!HaveData()) return;
  const Suite s = Runnable("miss_func", "pythonic");
  const Episode* e = nullptr;
  for (const auto& x : s.episodes) {
    if (!ReadEntry(x).missed_function.empty()) e = &x;
    if (e) break;
  }
  if (!e) return;
  const BfclEntry entry = ReadEntry(*e);
  const int held_turn = entry.missed_function.begin()->first;
  EpisodeLoop loop(*e);
  // A reply that fails to decode ends the turn at once, without a notice.
  for (int t = 0; t < held_turn; ++t) loop.Feed(Message{Role::kAssistant, "[unclosed(", {}});
  const Message& opened = loop.conversation().back();
  CHECK(opened.role == Role::kUser);
  CHECK(opened.content.find("\n" + std::string(kAdditionalFunctionMessage)) != std::string::npos);
  CHECK(opened.content.rfind("[{'name': '" + entry.missed_function.begin()->second.front() + "'", 0) == 0);
  CHECK(loop.trajectory().steps.back().kind == TrajectoryStep::Kind::kMalformed);
  // The per-turn limit: the 21st calling step ends the episode.
  const ToolCall probe = e->multi->turns[0].plan.empty() ? ToolCall{e->tools.front().name, Json::object()}
                                                         : e->multi->turns[0].plan[0][0];
  EpisodeLoop limited(*e);
  const Message calling = FindDialect("pythonic")->Write({probe});
  int steps = 0;
  while (!limited.done() && steps < 100) {
    limited.Feed(calling);
    ++steps;
  }
  CHECK(steps == kMaximumStepLimit + 1);
  CHECK(limited.trajectory().end == Trajectory::End::kStepLimit);
  const EpisodeVerdict v = ScoreTrajectory(*e, limited.trajectory());
  REQUIRE(v.trajectory);
  CHECK(v.trajectory->error_type == "multi_turn:force_terminated");
}

}  // namespace
}  // namespace toolshift::bfcl

namespace toolshift::bfcl {
namespace {

// Near misses built from the ground truth, each judged as BFCL's checker judges it.
TEST_CASE("BFCL multi-turn result files: near misses", "[bfcl][multi_turn]") {
  if (!HaveData()) return;
  std::vector<Suite> suites = {Runnable("miss_param", "pythonic")};
  if (suites[0].episodes.empty()) return;
  const Episode& e = suites[0].episodes[0];
  const BfclEntry entry = ReadEntry(e);
  const std::string dir = testing::ScratchDir("bfcl-mt-near-miss");
  auto score = [&](const Json& line) {
    testing::WriteText(dir + "/r.json", DumpJson(line) + "\n");
    const ScoredOutputs s = ScoreOutputs(suites, ReadRecordedOutputs(dir + "/r.json"), dir + "/r.json", 1);
    for (const auto& r : s.records) {
      if (r.episode == &e) return r.verdict;
    }
    return EpisodeVerdict{};
  };
  const Json good = ResultOf(e, "pythonic");
  REQUIRE(score(good).correct);
  // A broken step and prose are dropped without penalty; an extra read-only call does not hurt.
  Json noisy = good;
  noisy["result"][0].insert(noisy["result"][0].begin(), "[cd(folder='x'");
  CHECK(score(noisy).correct);
  size_t first = 0;
  while (first < entry.ground_truth.size() && entry.ground_truth[first].empty()) ++first;
  REQUIRE(first < entry.ground_truth.size());
  const ToolCall& call = e.multi->turns[first].plan[0][0];
  // A wrong argument value: the state or the results differ.
  Json wrong = good;
  ToolCall changed = call;
  for (auto it = changed.arguments.begin(); it != changed.arguments.end(); ++it) {
    if (it->is_string()) {
      *it = it->get<std::string>() + "_zq";
      break;
    }
  }
  if (changed.arguments != call.arguments) {
    std::string text = "[" + CallString(changed);
    for (size_t i = 1; i < e.multi->turns[first].plan[0].size(); ++i) text += ", " + CallString(e.multi->turns[first].plan[0][i]);
    wrong["result"][first][0] = text + "]";
    const EpisodeVerdict v = score(wrong);
    CHECK(!v.correct);
    REQUIRE(v.trajectory);
    CHECK((v.trajectory->error_type == "multi_turn:instance_state_mismatch" ||
           v.trajectory->error_type == "multi_turn:execution_response_mismatch"));
  }
  // Acting in a turn that should ask (empty ground truth): the call still runs, so repeating the
  // turn's calls later changes the state.
  for (size_t t = 0; t + 1 < entry.ground_truth.size(); ++t) {
    if (!entry.ground_truth[t].empty() || entry.ground_truth[t + 1].empty()) continue;
    Json eager = good;
    eager["result"][t].insert(eager["result"][t].begin(), eager["result"][t + 1][0]);
    const EpisodeVerdict v = score(eager);
    CAPTURE(e.id, t, DumpJson(eager["result"][t]));
    // Either the early call changed nothing the later turn's check sees, or it made the state differ.
    if (!v.correct) CHECK(v.trajectory->error_type == "multi_turn:instance_state_mismatch");
    break;
  }
}

}  // namespace
}  // namespace toolshift::bfcl
