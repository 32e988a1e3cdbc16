// The engine against the test model server: faults, timeouts, client errors, the journal
// (SIGKILL and --resume), the response cache, and keys kept out of everything written.
#include <catch2/catch.hpp>

#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <set>
#include <thread>

#include "adapters/adapter.h"
#include "src/core/json.h"
#include "src/core/suite_catalog.h"
#include "src/engine/runner.h"
#include "src/report/report_builder.h"
#include "tests/net/hostile_server.h"
#include "tests/server/test_model_server.h"
#include "tests/test_support.h"

namespace toolshift {
namespace {

namespace fs = std::filesystem;

const std::vector<Suite>& Suites() {
  static const std::vector<Suite> suites = SuiteCatalog(testing::SuitesRoot()).Resolve(
      {"single-id", "single-fmt-dialect-native", "single-fmt-rename-tools", "single-content-distractors"});
  return suites;
}

RunOptions FastRetries(size_t limit) {
  RunOptions opt;
  opt.limit = limit;
  opt.concurrency = 8;
  opt.retry.base_delay_s = 0.002;
  opt.retry.max_delay_s = 0.02;
  return opt;
}

// Report fields that differ between two runs of the same evaluation by nature.
Json Stable(Json report) {
  report.erase("run");
  report.erase("latency_ms");
  return report;
}

}  // namespace

TEST_CASE("with 10% 5xx, 5% 429 and 2% resets nothing is lost or double-counted", "[engine][backends]") {
  testing::TestModelServer clean_server(Suites(), {});
  auto clean_adapter = MakeAdapter("openai:oracle@" + clean_server.Start() + "/v1");
  const auto clean = RunSuites(Suites(), *clean_adapter, FastRetries(60));

  testing::FaultKnobs knobs;
  knobs.rate_5xx = 0.10;
  knobs.rate_429 = 0.05;
  knobs.rate_reset = 0.02;
  knobs.retry_after_s = 0;
  testing::TestModelServer server(Suites(), knobs);
  auto adapter = MakeAdapter("openai:oracle@" + server.Start() + "/v1");

  SECTION("retries get every episode through") {
    RunStats stats;
    const auto faulty = RunSuites(Suites(), *adapter, FastRetries(60), &stats);
    REQUIRE(faulty.size() == clean.size());
    std::set<std::pair<std::string, std::string>> seen;
    for (size_t i = 0; i < faulty.size(); ++i) {
      CHECK(seen.insert({faulty[i].suite->manifest.name, faulty[i].episode->id}).second);  // once each
      CHECK(faulty[i].response.ok());
      CHECK(faulty[i].verdict.correct == clean[i].verdict.correct);
    }
    CHECK(stats.retries > 0);
    CHECK(stats.requests == faulty.size() + stats.retries);
    CHECK(server.requests() == stats.requests);  // every request counted once, on both sides
  }
  SECTION("without retries the faults are backend errors, outside accuracy") {
    RunOptions opt = FastRetries(60);
    opt.retry.max_retries = 0;
    RunStats stats;
    const auto faulty = RunSuites(Suites(), *adapter, opt, &stats);
    REQUIRE(faulty.size() == clean.size());
    size_t errors = 0;
    for (size_t i = 0; i < faulty.size(); ++i) {
      if (faulty[i].verdict.failure == FailureCategory::kBackendError) {
        ++errors;
        CHECK(!faulty[i].response.ok());
        CHECK(faulty[i].attempts == 1);
      } else {
        CHECK(faulty[i].verdict.correct == clean[i].verdict.correct);  // same accuracy on what got through
      }
    }
    CHECK(errors > faulty.size() / 12);  // ~17% injected
    CHECK(errors < faulty.size() / 3);
    CHECK(stats.requests == faulty.size());
    Json report = BuildReport(Suites(), faulty, RunInfo{});
    CHECK(report["totals"]["backend_errors"] == errors);
    CHECK(report["totals"]["accuracy"] == 1.0);
  }
}

TEST_CASE("a deterministic 4xx is not retried", "[engine][backends]") {
  testing::FaultKnobs knobs;
  knobs.rate_400 = 1.0;
  testing::TestModelServer server(Suites(), knobs);
  auto adapter = MakeAdapter("openai:oracle@" + server.Start() + "/v1");
  const auto records = RunSuites(Suites(), *adapter, FastRetries(10));
  for (const auto& r : records) {
    CHECK(r.verdict.failure == FailureCategory::kBackendError);
    CHECK(r.attempts == 1);
    CHECK(r.response.error.find("400") != std::string::npos);
  }
  CHECK(server.requests() == records.size());
}

TEST_CASE("a hanging server ends in timeouts, retried then given up, as backend errors", "[engine][backends]") {
  testing::FaultKnobs knobs;
  knobs.rate_hang = 1.0;
  knobs.hang_ms = 1500;
  testing::TestModelServer server(Suites(), knobs);
  AdapterOptions options;
  options.request_timeout_ms = 150;
  auto adapter = MakeAdapter("openai:oracle@" + server.Start() + "/v1", options);
  RunOptions opt = FastRetries(3);
  opt.concurrency = 16;  // all 12 at once: two rounds of 150 ms timeouts
  opt.retry.max_retries = 1;
  const auto t0 = std::chrono::steady_clock::now();
  const auto records = RunSuites(Suites(), *adapter, opt);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  REQUIRE(records.size() == 12);
  for (const auto& r : records) {
    CHECK(r.verdict.failure == FailureCategory::kBackendError);
    CHECK(r.attempts == 2);
    CHECK(r.response.error.find("imeout") != std::string::npos);
  }
  CHECK(seconds < 1.4);  // the client gave up, rather than waiting for the server's 1.5 s answers
}

TEST_CASE("the episode time budget bounds retries even when max-retries would allow more", "[engine][backends]") {
  testing::FaultKnobs knobs;
  knobs.rate_5xx = 1.0;
  testing::TestModelServer server(Suites(), knobs);
  auto adapter = MakeAdapter("openai:oracle@" + server.Start() + "/v1");
  RunOptions opt = FastRetries(2);
  opt.retry.max_retries = 100;
  opt.retry.base_delay_s = 0.05;
  opt.retry.max_delay_s = 0.05;
  opt.retry.episode_budget_s = 0.3;
  const auto records = RunSuites(Suites(), *adapter, opt);
  for (const auto& r : records) {
    CHECK(r.verdict.failure == FailureCategory::kBackendError);
    CHECK(r.attempts >= 2);
    CHECK(r.attempts < 100);
  }
}

TEST_CASE("run killed with SIGKILL and resumed gives the uninterrupted report without re-asking", "[engine][backends][cli]") {
  const std::vector<Suite> suites = SuiteCatalog(testing::SuitesRoot()).Resolve({"single-id", "single-fmt-dialect-native"});
  testing::FaultKnobs knobs;
  knobs.latency_ms = 20;
  testing::TestModelServer server(suites, knobs);
  const std::string model = "openai:oracle@" + server.Start() + "/v1";
  const std::string dir = testing::ScratchDir("resume");
  const std::vector<std::string> common = {"run", "--model", model, "--suite", "single-id", "--suite",
                                           "single-fmt-dialect-native", "--limit", "150", "--concurrency", "4",
                                           "--no-cache", "--quiet"};
  auto with = [&](std::vector<std::string> extra) {
    std::vector<std::string> args = common;
    args.insert(args.end(), extra.begin(), extra.end());
    return args;
  };
  const auto whole = testing::RunToolshift(with({"--out", dir + "/whole.json"}));
  REQUIRE(whole.exit_code == 0);
  const size_t n = 300;
  REQUIRE(server.requests() == n);

  const size_t before = server.requests();
  auto running = testing::StartToolshift(with({"--out", dir + "/killed.json"}));
  while (server.answered() - before < n / 2) std::this_thread::sleep_for(std::chrono::milliseconds(2));
  ::kill(running.pid, SIGKILL);
  const auto killed = testing::Wait(running);
  REQUIRE(killed.exit_code == 128 + SIGKILL);
  CHECK_FALSE(fs::exists(dir + "/killed.json"));
  const size_t asked_before_kill = server.requests() - before;

  const auto resumed = testing::RunToolshift({"run", "--resume", dir + "/killed.run", "--quiet"});
  REQUIRE(resumed.exit_code == 0);
  const size_t asked_in_total = server.requests() - before;
  // Finished requests are not asked again: at most the ones in flight at the kill are.
  CHECK(asked_in_total <= n + 4);
  CHECK(asked_before_kill >= n / 2);

  const Json a = Json::parse(testing::ReadText(dir + "/whole.json"));
  const Json b = Json::parse(testing::ReadText(dir + "/killed.json"));
  CHECK(b["run"]["resumed"].get<size_t>() >= n / 2 - 4);
  CHECK(b["run"]["resumed"].get<size_t>() + b["run"]["requests"].get<size_t>() >= n);
  CHECK(Stable(a).dump() == Stable(b).dump());
}

TEST_CASE("a second run with the response cache asks the server nothing", "[engine][backends][cli]") {
  testing::TestModelServer server(Suites(), {});
  const std::string model = "openai:oracle@" + server.Start() + "/v1";
  const std::string dir = testing::ScratchDir("cache");
  auto run = [&](const std::string& out, bool no_cache) {
    std::vector<std::string> args = {"run", "--model", model, "--suite", "single-id", "--limit", "40", "--quiet", "--concurrency", "4",
                                     "--out", out, "--cache", dir + "/cache.sqlite"};
    if (no_cache) args.push_back("--no-cache");
    return testing::RunToolshift(args);
  };
  REQUIRE(run(dir + "/first.json", false).exit_code == 0);
  CHECK(server.requests() == 40);
  REQUIRE(run(dir + "/second.json", false).exit_code == 0);
  CHECK(server.requests() == 40);
  const Json second = Json::parse(testing::ReadText(dir + "/second.json"));
  CHECK(second["run"]["cache_hits"] == 40);
  CHECK(second["run"]["requests"] == 0);
  CHECK(Stable(Json::parse(testing::ReadText(dir + "/first.json"))).dump() == Stable(second).dump());
  REQUIRE(run(dir + "/third.json", true).exit_code == 0);
  CHECK(server.requests() == 80);
  // A second epoch is another sample: epoch 0 comes from the cache, epoch 1 is asked for.
  auto args = std::vector<std::string>{"run", "--model", model, "--suite", "single-id", "--limit", "40", "--quiet",
                                       "--concurrency", "4", "--epochs", "2", "--out", dir + "/epochs.json", "--cache",
                                       dir + "/cache.sqlite"};
  REQUIRE(testing::RunToolshift(args).exit_code == 0);
  CHECK(server.requests() == 120);
  const Json epochs = Json::parse(testing::ReadText(dir + "/epochs.json"));
  CHECK(epochs["run"]["cache_hits"] == 40);
  CHECK(epochs["totals"]["n"] == 80);
}

TEST_CASE("a planted API key reaches no report, log, journal, cache or message", "[engine][backends][cli]") {
  const std::string key = "sk-planted-toolshift-7c1e55d0a9";
  testing::FaultKnobs knobs;
  knobs.require_key = key;
  knobs.rate_5xx = 0.2;  // error messages get written too
  testing::TestModelServer server(Suites(), knobs);
  const std::string base = server.Start();
  setenv("TOOLSHIFT_PLANTED_KEY", key.c_str(), 1);
  const std::string dir = testing::ScratchDir("planted-key");
  std::vector<std::string> outputs;
  for (const std::string& spec : {"openai:oracle@" + base + "/v1", "anthropic:oracle@" + base}) {
    const auto r = testing::RunToolshift({"run", "--model", spec, "--suite", "single-id", "--limit", "30",
                                          "--api-key-env", "TOOLSHIFT_PLANTED_KEY", "--max-retries", "0", "--concurrency", "4",
                                          "--max-backend-errors", "1",  // the 5xx are the point here
                                          "--cache",  // the cache must stay clean too
                                          "--out", dir + "/" + spec.substr(0, spec.find(':')) + ".json"});
    REQUIRE(r.exit_code == 0);
    outputs.push_back(r.out);
    outputs.push_back(r.err);  // the backend-error causes are printed there too
  }
  // A wrong key too: the 401 message must not carry what was sent.
  setenv("TOOLSHIFT_WRONG_KEY", "sk-wrong-toolshift-44b0e1", 1);
  const auto wrong = testing::RunToolshift({"run", "--model", "openai:oracle@" + base + "/v1", "--suite", "single-id",
                                            "--limit", "5", "--api-key-env", "TOOLSHIFT_WRONG_KEY", "--concurrency", "4", "--no-cache",
                                            "--out", dir + "/wrong.json"});
  REQUIRE(wrong.exit_code == 4);  // every request refused: never exit 0
  outputs.push_back(wrong.out);
  outputs.push_back(wrong.err);

  size_t files = 0;
  for (const auto& entry : fs::recursive_directory_iterator(dir)) {
    if (!entry.is_regular_file()) continue;
    ++files;
    const std::string text = testing::ReadText(entry.path().string());
    INFO(entry.path().string());
    CHECK(text.find(key) == std::string::npos);
    CHECK(text.find("sk-wrong-toolshift-44b0e1") == std::string::npos);
  }
  CHECK(files >= 10);  // reports, episode logs, run.json and journals, the cache
  for (const auto& o : outputs) {
    CHECK(o.find(key) == std::string::npos);
    CHECK(o.find("sk-wrong-toolshift-44b0e1") == std::string::npos);
  }
  const Json wrong_log = Json::parse(testing::ReadText(dir + "/wrong.json"));
  CHECK(wrong_log["totals"]["backend_errors"] == 5);
}

TEST_CASE("planted keys in echoed headers, URL queries, userinfo and runner environments reach nothing",
          "[engine][backends][cli][secrets]") {
  const std::string env_key = "sk-planted-env-5d1f0c77e2";
  const std::string query_key = "sk-planted-query-93ab10f4";
  const std::string user_key = "sk-planted-userinfo-0e6b2a";
  const std::string bad_url_key = "sk-planted-badurl-71c9d3";
  setenv("TOOLSHIFT_PLANTED_ENV_KEY", env_key.c_str(), 1);
  const std::string dir = testing::ScratchDir("planted-keys-2");
  std::vector<std::string> outputs;
  auto keep = [&](const testing::CommandResult& r) {
    outputs.push_back(r.out);
    outputs.push_back(r.err);
    return r;
  };
  {
    // A server that echoes the Authorization header (and the target) into its 401 body.
    testing::HostileServer echo_error(testing::Hostility::kEchoAuthError);
    const std::string base = echo_error.Start();
    const auto r = keep(testing::RunToolshift({"run", "--model", "openai:m@" + base + "/v1?key=" + query_key, "--suite",
                                               "single-id", "--limit", "3", "--api-key-env", "TOOLSHIFT_PLANTED_ENV_KEY",
                                               "--out", dir + "/echo-error.json"}));
    REQUIRE(r.exit_code == 4);  // every request refused (401): never exit 0; the causes on stderr are redacted too
    const std::string head = echo_error.last_request_head();
    CHECK(head.find("/v1/chat/completions?key=" + query_key + " HTTP") != std::string::npos);  // sent as given
    CHECK(head.find("Bearer " + env_key) != std::string::npos);
    const Json report = Json::parse(testing::ReadText(dir + "/echo-error.json"));
    CHECK(report["totals"]["backend_errors"] == 3);
    CHECK(report["model"].get<std::string>().find("?key=[REDACTED]") != std::string::npos);
    CHECK(testing::ReadText(dir + "/echo-error.episodes.jsonl").find("Bearer [REDACTED]") != std::string::npos);
  }
  {
    // The same echo inside a 200 reply, with userinfo in the URL: used (Basic auth), redacted.
    testing::HostileServer echo_reply(testing::Hostility::kEchoAuthReply);
    const std::string base = echo_reply.Start();
    const std::string url = "http://toolshift:" + user_key + "@" + base.substr(7) + "/v1";
    const auto r = keep(testing::RunToolshift({"run", "--model", "openai:m@" + url, "--suite", "single-id", "--limit",
                                               "3", "--out", dir + "/echo-reply.json"}));
    REQUIRE(r.exit_code == 0);
    CHECK(echo_reply.last_request_head().find("Authorization: Basic") != std::string::npos);
    CHECK(testing::ReadText(dir + "/echo-reply.episodes.jsonl").find("Authorization: Basic [REDACTED]") != std::string::npos);
    const Json report = Json::parse(testing::ReadText(dir + "/echo-reply.json"));
    CHECK(report["totals"]["backend_errors"] == 0);
    CHECK(report["model"] == "openai:m@http://[REDACTED]@" + base.substr(7) + "/v1");
    // --resume restores the key from the same --model given again, and only then.
    const auto bare = keep(testing::RunToolshift({"run", "--resume", dir + "/echo-reply.run"}));
    CHECK(bare.exit_code == 2);
    CHECK(bare.err.find("pass the same --model again") != std::string::npos);
    const auto again = keep(testing::RunToolshift({"run", "--resume", dir + "/echo-reply.run", "--model", "openai:m@" + url}));
    CHECK(again.exit_code == 0);
  }
  {
    // A URL that cannot be used: its message names the URL, not the key.
    const auto r = keep(testing::RunToolshift({"run", "--model", "openai:m@ftp://u:" + bad_url_key + "@h/v1", "--suite",
                                               "single-id", "--out", dir + "/bad.json"}));
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("[REDACTED]") != std::string::npos);
  }
  {
    // exec: runners get no key variable unless asked, and what they echo is redacted.
    setenv("OPENAI_API_KEY", env_key.c_str(), 1);
    const std::string runner = testing::ExecOracleRunner() + " --suites-dir " + testing::SuitesRoot() + " --echo-env OPENAI_API_KEY";
    const auto plain = keep(testing::RunToolshift({"run", "--model", "exec:" + runner, "--suite", "single-id", "--limit",
                                                   "2", "--out", dir + "/exec.json"}));
    REQUIRE(plain.exit_code == 0);
    CHECK(testing::ReadText(dir + "/exec.episodes.jsonl").find("env OPENAI_API_KEY unset") != std::string::npos);
    const auto asked = keep(testing::RunToolshift({"run", "--model", "exec:" + runner, "--suite", "single-id", "--limit",
                                                   "2", "--exec-env", "OPENAI_API_KEY", "--out", dir + "/exec-asked.json"}));
    REQUIRE(asked.exit_code == 0);
    CHECK(testing::ReadText(dir + "/exec-asked.episodes.jsonl").find("env OPENAI_API_KEY=[REDACTED]") != std::string::npos);
    CHECK(Json::parse(testing::ReadText(dir + "/exec-asked.run/run.json"))["exec_env"] == Json::array({"OPENAI_API_KEY"}));
  }
  unsetenv("OPENAI_API_KEY");

  size_t files = 0;
  for (const auto& entry : fs::recursive_directory_iterator(dir)) {
    if (!entry.is_regular_file()) continue;
    ++files;
    const std::string text = testing::ReadText(entry.path().string());
    INFO(entry.path().string());
    for (const auto& key : {env_key, query_key, user_key, bad_url_key}) CHECK(text.find(key) == std::string::npos);
  }
  CHECK(files >= 10);  // reports, episode logs, run.json, journals, caches
  for (const auto& o : outputs) {
    for (const auto& key : {env_key, query_key, user_key, bad_url_key}) CHECK(o.find(key) == std::string::npos);
  }
}

}  // namespace toolshift

namespace toolshift {

TEST_CASE("three shards merged equal the unsharded run", "[engine][backends][cli]") {
  const std::vector<Suite> suites = SuiteCatalog(testing::SuitesRoot()).Resolve({"single-id", "single-fmt-rename-params"});
  testing::FaultKnobs knobs;
  knobs.rate_5xx = 0.05;  // retried, so it changes request counts but never scores
  testing::TestModelServer server(suites, knobs);
  const std::string model = "openai:oracle@" + server.Start() + "/v1";
  const std::string dir = testing::ScratchDir("merge");
  auto run = [&](const std::string& out, const std::string& shard) {
    std::vector<std::string> args = {"run", "--model", model, "--suite", "single-id", "--suite",
                                     "single-fmt-rename-params", "--limit", "50", "--seed", "3", "--epochs", "2",
                                     "--concurrency", "4", "--no-cache", "--quiet", "--out", out};
    if (!shard.empty()) {
      args.push_back("--shard");
      args.push_back(shard);
    }
    return testing::RunToolshift(args);
  };
  REQUIRE(run(dir + "/whole.json", "").exit_code == 0);
  size_t shard_episodes = 0;
  for (int i = 0; i < 3; ++i) {
    const std::string path = dir + "/shard" + std::to_string(i) + ".json";
    REQUIRE(run(path, std::to_string(i) + "/3").exit_code == 0);
    shard_episodes += Json::parse(testing::ReadText(path))["totals"]["n"].get<size_t>();
  }
  CHECK(shard_episodes == 200);  // 100 episodes x 2 epochs, every epoch of an episode in one shard
  const auto merged = testing::RunToolshift({"merge", dir + "/shard2.json", dir + "/shard0.json", dir + "/shard1.json",
                                             "--out", dir + "/merged.json"});
  REQUIRE(merged.exit_code == 0);
  Json whole = Json::parse(testing::ReadText(dir + "/whole.json"));
  Json all = Json::parse(testing::ReadText(dir + "/merged.json"));
  CHECK(all["totals"]["n"] == 200);
  CHECK(all["splits"]["id"]["pass"]["epochs"] == 2);
  CHECK(Stable(whole).dump() == Stable(all).dump());
  // The merged episode log lists the episodes in the unsharded run's order.
  const std::string whole_log = testing::ReadText(dir + "/whole.episodes.jsonl");
  const std::string merged_log = testing::ReadText(dir + "/merged.episodes.jsonl");
  CHECK(std::count(merged_log.begin(), merged_log.end(), '\n') == 200);
  CHECK(whole_log.substr(0, whole_log.find("\"prompt\"")) == merged_log.substr(0, merged_log.find("\"prompt\"")));

  SECTION("a missing shard is refused, naming it") {
    const auto r = testing::RunToolshift({"merge", dir + "/shard0.json", dir + "/shard2.json", "--out", dir + "/x.json"});
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("shard 1/3 is missing") != std::string::npos);
  }
  SECTION("a shard of another run is refused, naming the field") {
    REQUIRE(run(dir + "/other.json", "1/3").exit_code == 0);
    Json other = Json::parse(testing::ReadText(dir + "/other.json"));
    other["seed"] = 4;
    testing::WriteText(dir + "/other.json", other.dump());
    const auto r = testing::RunToolshift({"merge", dir + "/shard0.json", dir + "/other.json", dir + "/shard2.json",
                                          "--out", dir + "/x.json"});
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("/seed") != std::string::npos);
  }
  SECTION("an unsharded report is refused") {
    const auto r = testing::RunToolshift({"merge", dir + "/whole.json", "--out", dir + "/x.json"});
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("config.shard") != std::string::npos);
  }
}

}  // namespace toolshift

namespace toolshift {

TEST_CASE("with --logprobs the episode log keeps the backend's token log-probabilities in the episode log", "[engine][backends][cli]") {
  testing::TestModelServer server(Suites(), {});
  const std::string base = server.Start() + "/v1";
  const std::string dir = testing::ScratchDir("logprobs");
  for (const std::string& spec : {"openai:oracle@" + base, "openai-completions:oracle@" + base}) {
    const std::string out = dir + "/" + spec.substr(0, spec.find(':')) + ".json";
    const auto r = testing::RunToolshift({"run", "--model", spec, "--suite", "single-id", "--limit", "5", "--logprobs",
                                          "--top-logprobs", "2", "--concurrency", "4", "--no-cache", "-q", "--out", out});
    REQUIRE(r.exit_code == 0);
    const std::string log = testing::ReadText(dir + "/" + spec.substr(0, spec.find(':')) + ".episodes.jsonl");
    size_t lines = 0;
    for (size_t at = 0, next; (next = log.find('\n', at)) != std::string::npos; at = next + 1) {
      const Json line = Json::parse(log.substr(at, next - at));
      ++lines;
      REQUIRE(line.contains("logprobs"));
      const Json& lp = line["logprobs"];
      // Each shape as the API gives it; the tokens spell the output.
      std::string text;
      if (lp.contains("content")) {
        for (const auto& t : lp["content"]) text += t["token"].get<std::string>();
      } else {
        for (const auto& t : lp["tokens"]) text += t.get<std::string>();
      }
      CHECK(text == line["output"]["content"].get<std::string>());
    }
    CHECK(lines == 5);
  }
}

}  // namespace toolshift
