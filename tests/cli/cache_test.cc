// The response cache cannot lie: it is opt-in (--cache), and keyed by what the backend says it
// serves, so a server that changes its model under one name (a training loop serving each new
// checkpoint) never gets the previous checkpoint's replies back, with or without --cache.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

#include "adapters/adapter.h"
#include "adapters/http/served_identity.h"
#include "src/core/json.h"
#include "src/core/suite_catalog.h"
#include "tests/server/test_model_server.h"
#include "tests/test_support.h"

namespace toolshift {
namespace {

namespace fs = std::filesystem;

const std::vector<Suite>& SingleId() {
  static const std::vector<Suite> suites = SuiteCatalog(testing::SuitesRoot()).Resolve({"single-id"});
  return suites;
}

struct Outcome {
  int exit_code = -1;
  double accuracy = -1;
  size_t cache_hits = 0;
  size_t requests = 0;
  Json config;
};

Outcome RunOnce(const std::string& model, const std::string& out, const std::vector<std::string>& extra) {
  std::vector<std::string> args = {"run", "-q", "--model", model, "--suite", "single-id", "--limit", "20",
                                   "--concurrency", "4", "--out", out};
  args.insert(args.end(), extra.begin(), extra.end());
  const auto r = testing::RunToolshift(args);
  Outcome o;
  o.exit_code = r.exit_code;
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  const Json report = Json::parse(testing::ReadText(out));
  o.accuracy = report["splits"]["id"]["accuracy"].get<double>();
  o.cache_hits = report["run"]["cache_hits"].get<size_t>();
  o.requests = report["run"]["requests"].get<size_t>();
  o.config = report["config"];
  return o;
}

TEST_CASE("a server that changes its checkpoint under one name never gets a stale reply", "[cli][cache][backends]") {
  testing::TestModelServer server(SingleId(), {});
  const std::string model = "openai:oracle@" + server.Start() + "/v1";
  const std::string dir = testing::ScratchDir("cache-checkpoints");
  const std::string cache = dir + "/cache.sqlite";

  // Checkpoint 0 answers like the oracle.
  const Outcome first = RunOnce(model, dir + "/a.json", {"--cache", cache});
  CHECK(first.accuracy == 1.0);
  CHECK(first.requests == 20);
  CHECK(first.config["cache"]["served_model"]["model"]["root"] == "/checkpoints/step-0");
  // The same checkpoint again: every reply from the cache.
  const Outcome again = RunOnce(model, dir + "/b.json", {"--cache", cache});
  CHECK(again.cache_hits == 20);
  CHECK(again.requests == 0);

  // The next checkpoint under the same name answers differently (never with a call).
  testing::FaultKnobs next;
  next.checkpoint = 1;
  server.set_knobs(next);
  SECTION("with --cache: the new identity misses the cache") {
    const Outcome o = RunOnce(model, dir + "/c.json", {"--cache", cache});
    CHECK(o.cache_hits == 0);
    CHECK(o.requests == 20);
    CHECK(o.accuracy == 0.0);
    CHECK(o.config["cache"]["served_model"]["model"]["root"] == "/checkpoints/step-1");
  }
  SECTION("without --cache: nothing is read from the cache, nor written") {
    const auto before = fs::last_write_time(cache);
    const Outcome o = RunOnce(model, dir + "/c.json", {});
    CHECK(o.cache_hits == 0);
    CHECK(o.accuracy == 0.0);
    CHECK(o.config["cache"].is_null());
    CHECK(fs::last_write_time(cache) == before);
  }
  SECTION("--no-cache wins over --cache") {
    const Outcome o = RunOnce(model, dir + "/c.json", {"--cache", cache, "--no-cache"});
    CHECK(o.cache_hits == 0);
    CHECK(o.accuracy == 0.0);
  }
}

TEST_CASE("the cache is off unless asked for and leaves no file beside the report", "[cli][cache][backends]") {
  testing::TestModelServer server(SingleId(), {});
  const std::string model = "openai:oracle@" + server.Start() + "/v1";
  const std::string dir = testing::ScratchDir("cache-off");
  RunOnce(model, dir + "/a.json", {});
  CHECK_FALSE(fs::exists(dir + "/cache.sqlite"));
  const Outcome o = RunOnce(model, dir + "/b.json", {});
  CHECK(o.cache_hits == 0);
  CHECK(o.requests == 20);
  // --cache without a file: cache.sqlite beside the report.
  RunOnce(model, dir + "/c.json", {"--cache"});
  CHECK(fs::exists(dir + "/cache.sqlite"));
  CHECK(RunOnce(model, dir + "/d.json", {"--cache"}).cache_hits == 20);
}

TEST_CASE("a server that says nothing about its model is cached by name with a warning", "[cli][cache][backends]") {
  testing::FaultKnobs knobs;
  knobs.hide_identity = true;
  testing::TestModelServer server(SingleId(), knobs);
  const std::string model = "openai:oracle@" + server.Start() + "/v1";
  const std::string dir = testing::ScratchDir("cache-silent");
  const auto r = testing::RunToolshift({"run", "--model", model, "--suite", "single-id", "--limit", "5", "--cache",
                                        "--out", dir + "/a.json"});
  REQUIRE(r.exit_code == 0);
  CHECK_THAT(r.err, Catch::Contains("does not say which model it serves"));
  const Json report = Json::parse(testing::ReadText(dir + "/a.json"));
  CHECK(report["config"]["cache"]["served_model"].is_null());
}

TEST_CASE("exec: is cached only when asked and keyed by the files its command line names", "[cli][cache]") {
  const std::string dir = testing::ScratchDir("cache-exec");
  const std::string weights = dir + "/weights.bin";
  testing::WriteText(weights, "checkpoint 0");
  // The runner ignores flags it does not know: --weights only puts a file on its command line.
  const std::string model = "exec:" + testing::ExecOracleRunner() + " --suites-dir '" + testing::SuitesRoot() +
                            "' --suite single-id --weights " + weights;
  CHECK(RunOnce(model, dir + "/a.json", {}).cache_hits == 0);
  CHECK_FALSE(fs::exists(dir + "/cache.sqlite"));
  const Outcome first = RunOnce(model, dir + "/b.json", {"--cache"});
  CHECK(first.cache_hits == 0);
  CHECK(first.accuracy == 1.0);
  CHECK(first.config["cache"]["served_model"]["files"].size() == 2);  // the runner and the weights
  CHECK(RunOnce(model, dir + "/c.json", {"--cache"}).cache_hits == 20);
  testing::WriteText(weights, "checkpoint 1");  // new weights under the same command line
  const Outcome after = RunOnce(model, dir + "/d.json", {"--cache"});
  CHECK(after.cache_hits == 0);
  CHECK(after.requests == 20);
}

TEST_CASE("served identity drops a created stamp that is only the time of asking", "[adapters][cache]") {
  const Json entry = {{"id", "m"}, {"created", 1000000}, {"root", "/ckpt/7"}};
  CHECK(StableIdentityFields(entry, 1000000 + 5).contains("created") == false);  // vLLM, llama.cpp: now
  CHECK(StableIdentityFields(entry, 1000000 + 100000)["created"] == 1000000);   // a real date is kept
  CHECK(StableIdentityFields(entry, 1000000 + 5)["root"] == "/ckpt/7");
}

}  // namespace
}  // namespace toolshift
