// Simulated users end to end through the toolshift binary: users-id with the scripted user
// offline, with --user-model pointed at the test server (beside a local and a remote model), and
// a run SIGKILLed mid-episode that resumes without asking either side again and reports what
// an uninterrupted run reports.
#include <catch2/catch.hpp>

#include <signal.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <thread>

#include "src/core/json.h"
#include "src/core/suite.h"
#include "src/core/suite_catalog.h"
#include "tests/server/test_model_server.h"
#include "tests/test_support.h"

namespace toolshift {
namespace {

namespace fs = std::filesystem;
using testing::RunToolshift;

const std::vector<Suite>& UserSuites() {
  static const std::vector<Suite> suites = SuiteCatalog(testing::SuitesRoot()).Resolve({"users-id"});
  return suites;
}

// What two runs of one evaluation share: the scores (not timings, counts or who was asked).
Json Scores(const Json& report) {
  Json j;
  for (const char* key : {"splits", "suites", "totals"}) {
    if (report.contains(key)) j[key] = report[key];
  }
  return j;
}

// Report fields that differ between two runs of the same evaluation by nature.
Json Stable(Json report) {
  report.erase("run");
  report.erase("latency_ms");
  return report;
}

std::vector<Json> LogLines(const std::string& report_path) {
  std::vector<Json> lines;
  const std::string text = testing::ReadText(report_path.substr(0, report_path.size() - 5) + ".episodes.jsonl");
  size_t at = 0;
  while (at < text.size()) {
    const size_t end = text.find('\n', at);
    const std::string line = text.substr(at, end == std::string::npos ? std::string::npos : end - at);
    if (!line.empty()) lines.push_back(Json::parse(line));
    if (end == std::string::npos) break;
    at = end + 1;
  }
  return lines;
}

// Every users-id episode in the log solved with its user's turns, ending on the finish phrase.
size_t CheckUserLog(const std::string& report_path) {
  const std::vector<Json> lines = LogLines(report_path);
  REQUIRE(lines.size() == 4);
  size_t turns = 0;
  for (const Json& e : lines) {
    INFO(e.dump());
    CHECK(e["correct"] == true);
    REQUIRE(e.contains("user_turns"));
    REQUIRE(e["user_turns"].size() >= 2);
    CHECK(e["user_turns"].back() == "finish conversation");
    bool step_says_user = false;
    for (const auto& s : e["steps"]) step_says_user = step_says_user || s.contains("user");
    CHECK(step_says_user);
    turns += e["user_turns"].size();
  }
  return turns;
}

}  // namespace

TEST_CASE("users-id runs offline with the scripted user and says so", "[cli][users]") {
  const std::string dir = testing::ScratchDir("users-cli-scripted");
  const auto r = RunToolshift({"run", "-q", "--model", "reference:oracle", "--suite", "users-id", "--out", dir + "/s.json"});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  const Json report = Json::parse(testing::ReadText(dir + "/s.json"));
  CHECK(report["config"]["user"] == "scripted");
  CHECK(report["totals"]["n"] == 4);
  CHECK(report["totals"]["accuracy"] == 1.0);
  CheckUserLog(dir + "/s.json");
  // The reference oracle is instant: nothing to journal, as without a user.
  CHECK_FALSE(fs::exists(dir + "/s.run/journal.sqlite"));
}

TEST_CASE("score re-scores a users-id episode log with its user turns and names a bad user_turns field", "[cli][users][score]") {
  const std::string dir = testing::ScratchDir("users-cli-score");
  REQUIRE(RunToolshift({"run", "-q", "--model", "reference:oracle", "--suite", "users-id", "--out", dir + "/s.json"}).exit_code == 0);
  const auto scored = RunToolshift({"score", "--suite", "users-id", "--outputs", dir + "/s.episodes.jsonl", "--out", dir + "/sc.json"});
  INFO(scored.err);
  REQUIRE(scored.exit_code == 0);
  const Json report = Json::parse(testing::ReadText(dir + "/sc.json"));
  CHECK(report["totals"]["n"] == 4);
  CHECK(report["totals"]["accuracy"] == 1.0);
  // Without the user's turns the episodes stop where the user is awaited: the field is what scores them.
  std::string stripped;
  for (const Json& line : LogLines(dir + "/s.json")) {
    Json l = line;
    l.erase("user_turns");
    stripped += l.dump() + "\n";
  }
  testing::WriteText(dir + "/stripped.jsonl", stripped);
  REQUIRE(RunToolshift({"score", "--suite", "users-id", "--outputs", dir + "/stripped.jsonl", "--out", dir + "/st.json"}).exit_code == 0);
  CHECK(Json::parse(testing::ReadText(dir + "/st.json"))["totals"]["accuracy"] < 1.0);
  Json bad = LogLines(dir + "/s.json")[0];
  bad["user_turns"] = Json::array({1});
  testing::WriteText(dir + "/bad.jsonl", bad.dump() + "\n");
  const auto refused = RunToolshift({"score", "--suite", "users-id", "--outputs", dir + "/bad.jsonl", "--out", dir + "/b.json"});
  CHECK(refused.exit_code == 2);
  CHECK_THAT(refused.err, Catch::Contains("bad.jsonl:1") && Catch::Contains("user_turns[0]"));
}

TEST_CASE("merge keeps the shards' user turns: the merged report is the unsharded one's", "[cli][users]") {
  const std::string dir = testing::ScratchDir("users-cli-merge");
  REQUIRE(RunToolshift({"run", "-q", "--suite", "users-id", "--out", dir + "/whole.json"}).exit_code == 0);
  std::vector<std::string> shards;
  for (const std::string shard : {"0/2", "1/2"}) {
    shards.push_back(dir + "/s" + shard.substr(0, 1) + ".json");
    REQUIRE(RunToolshift({"run", "-q", "--suite", "users-id", "--shard", shard, "--out", shards.back()}).exit_code == 0);
  }
  const auto merged = RunToolshift({"merge", shards[0], shards[1], "--out", dir + "/m.json"});
  INFO(merged.err);
  REQUIRE(merged.exit_code == 0);
  // Re-scored from the logs: without the user turns the episodes would stop where the user was awaited.
  CHECK(Scores(Json::parse(testing::ReadText(dir + "/m.json"))) == Scores(Json::parse(testing::ReadText(dir + "/whole.json"))));
  CheckUserLog(dir + "/m.json");
  // The viewer shows them.
  const auto view = RunToolshift({"view", dir + "/m.episodes.jsonl", "--out", dir + "/m.html"});
  INFO(view.err);
  REQUIRE(view.exit_code == 0);
  const std::string html = testing::ReadText(dir + "/m.html");
  CHECK(html.find("\"user_turns\"") != std::string::npos);
  CHECK(html.find("Simulated user (") != std::string::npos);
}

TEST_CASE("users-id with --user-model at the test server, beside a local and a remote model", "[cli][users][backends]") {
  testing::TestModelServer server(UserSuites());
  const std::string url = server.Start() + "/v1";
  const std::string dir = testing::ScratchDir("users-cli-remote");
  const auto scripted = RunToolshift({"run", "-q", "--model", "reference:oracle", "--suite", "users-id", "--out", dir + "/s.json"});
  REQUIRE(scripted.exit_code == 0);
  const Json expected = Scores(Json::parse(testing::ReadText(dir + "/s.json")));
  for (const std::string& model : std::vector<std::string>{"reference:oracle", "openai:oracle@" + url}) {
    INFO(model);
    const size_t users_before = server.user_requests();
    const std::string out = dir + (model == "reference:oracle" ? "/local.json" : "/remote.json");
    const auto r = RunToolshift({"run", "-q", "--model", model, "--suite", "users-id", "--user-model",
                                 "openai:user@" + url, "--no-cache", "--out", out});
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    const Json report = Json::parse(testing::ReadText(out));
    CHECK(report["config"]["user"] == "openai:user@" + url);
    CHECK(Scores(report) == expected);
    CHECK(server.user_requests() - users_before == CheckUserLog(out));
    // run.json keeps the user model for --resume.
    CHECK(Json::parse(testing::ReadText(out.substr(0, out.size() - 5) + ".run/run.json"))["user_model"] ==
          "openai:user@" + url);
  }
  // A user model that cannot be built is bad input, before any request.
  const auto bad = RunToolshift({"run", "-q", "--model", "reference:oracle", "--suite", "users-id", "--user-model",
                                 "nosuch:thing", "--out", dir + "/bad.json"});
  CHECK(bad.exit_code == 2);
  CHECK_FALSE(fs::exists(dir + "/bad.json"));
}

TEST_CASE("ACEBench agent_multi_turn with --user-model at the test server: ACEBench's user, played remotely", "[cli][users][backends][acebench]") {
  const std::string data = testing::SharedDir() + "/acebench/data_en/data_agent_multi_turn.json";
  if (!fs::exists(data)) {
    TOOLSHIFT_SKIP("../shared/acebench is missing: ACEBench's agent data comes with it");
    return;
  }
  const std::string dir = testing::ScratchDir("users-cli-ace");
  const auto imported = RunToolshift({"import", "acebench", "--questions", data, "--dialect", "hermes", "--out", dir + "/ace"});
  INFO(imported.err);
  REQUIRE(imported.exit_code == 0);
  const std::vector<Suite> suites = {LoadSuite(dir + "/ace")};
  REQUIRE(suites[0].episodes.size() == 30);
  testing::TestModelServer server(suites);
  const std::string url = server.Start() + "/v1";
  const auto offline = RunToolshift({"run", "-q", "--model", "reference:oracle", "--suite", dir + "/ace", "--out", dir + "/s.json"});
  REQUIRE(offline.exit_code == 0);
  const Json scripted = Json::parse(testing::ReadText(dir + "/s.json"));
  CHECK(scripted["config"]["user"] == "scripted");
  CHECK(scripted["totals"]["accuracy"] == 1.0);
  // The agent is the local oracle (the ACEBench pack plans its calls; the test server's oracle knows
  // toolshift's own plans only); the user is the server, answering as ACEBench's scripted user.
  const auto r = RunToolshift({"run", "-q", "--model", "reference:oracle", "--suite", dir + "/ace", "--user-model",
                               "openai:user@" + url, "--no-cache", "--out", dir + "/r.json"});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  const Json report = Json::parse(testing::ReadText(dir + "/r.json"));
  CHECK(report["config"]["user"] == "openai:user@" + url);
  CHECK(Scores(report) == Scores(scripted));
  size_t turns = 0;
  for (const Json& e : LogLines(dir + "/r.json")) {
    INFO(e.dump());
    REQUIRE(e.contains("user_turns"));
    CHECK(e["user_turns"].size() >= 1);  // ACEBench's user opens every dialogue
    turns += e["user_turns"].size();
  }
  CHECK(server.user_requests() == turns);
}

TEST_CASE("a users-id run SIGKILLed mid-episode resumes without asking either side again", "[cli][users][backends]") {
  testing::FaultKnobs knobs;
  knobs.latency_ms = 60;  // slow enough to be killed between the episodes' first and last user turns
  testing::TestModelServer server(UserSuites(), knobs);
  const std::string url = server.Start() + "/v1";
  const std::string dir = testing::ScratchDir("users-cli-resume");
  for (const std::string& model : std::vector<std::string>{"openai:oracle@" + url, "reference:oracle"}) {
    INFO(model);
    const bool remote = model != "reference:oracle";
    const std::string tag = remote ? "remote" : "local";
    auto args = [&](const std::string& out) {
      return std::vector<std::string>{"run", "-q", "--model", model, "--suite", "users-id", "--user-model",
                                      "openai:user@" + url, "--concurrency", "1", "--jobs", "1", "--no-cache",
                                      "--out", out};
    };
    auto model_requests = [&] { return server.requests() - server.user_requests(); };
    const size_t m0 = model_requests(), u0 = server.user_requests();
    REQUIRE(RunToolshift(args(dir + "/" + tag + "-whole.json")).exit_code == 0);
    const size_t whole_models = model_requests() - m0, whole_users = server.user_requests() - u0;
    REQUIRE(whole_users >= 8);

    const size_t m1 = model_requests(), u1 = server.user_requests();
    auto running = testing::StartToolshift(args(dir + "/" + tag + "-killed.json"));
    // Killed once some user turns have been answered (so journaled), well before the last.
    while (server.user_requests() - u1 < 3) std::this_thread::sleep_for(std::chrono::milliseconds(2));
    std::this_thread::sleep_for(std::chrono::milliseconds(knobs.latency_ms * 2));  // its answer arrived
    ::kill(running.pid, SIGKILL);
    const auto killed = testing::Wait(running);
    REQUIRE(killed.exit_code == 128 + SIGKILL);
    CHECK_FALSE(fs::exists(dir + "/" + tag + "-killed.json"));
    const size_t users_before_kill = server.user_requests() - u1;
    REQUIRE(users_before_kill < whole_users);  // killed mid-run

    const auto resumed = RunToolshift({"run", "-q", "--resume", dir + "/" + tag + "-killed.run"});
    INFO(resumed.err);
    REQUIRE(resumed.exit_code == 0);
    // Nothing answered before the kill is asked again: at most the one request in flight.
    CHECK(server.user_requests() - u1 <= whole_users + 1);
    if (remote) CHECK(model_requests() - m1 <= whole_models + 1);
    CHECK(server.user_requests() - u1 >= whole_users);
    const Json a = Json::parse(testing::ReadText(dir + "/" + tag + "-whole.json"));
    const Json b = Json::parse(testing::ReadText(dir + "/" + tag + "-killed.json"));
    CHECK(Stable(a).dump() == Stable(b).dump());
    CheckUserLog(dir + "/" + tag + "-killed.json");
  }
}

}  // namespace toolshift
