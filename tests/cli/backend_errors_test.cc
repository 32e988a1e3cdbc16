// Loud infrastructure: a run whose backend fails says so on stderr, with the causes grouped, and
// exits 4 when the share of backend errors exceeds --max-backend-errors (or every episode failed);
// the report and the episode log are written all the same. Also the summary's "n/a" for a gap
// without pairs.
#include <catch2/catch.hpp>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <filesystem>

#include "src/core/json.h"
#include "src/core/suite_catalog.h"
#include "tests/server/test_model_server.h"
#include "tests/test_support.h"

namespace toolshift {
namespace {

using Catch::Matchers::Contains;
using testing::RunToolshift;
namespace fs = std::filesystem;

// A loopback port nothing listens on: bound to port 0, read, closed.
int DeadPort() {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  REQUIRE(fd >= 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  REQUIRE(::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
  socklen_t len = sizeof addr;
  REQUIRE(::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) == 0);
  ::close(fd);
  return ntohs(addr.sin_port);
}

}  // namespace

TEST_CASE("a run against a dead port exits 4, names the cause and still writes the report", "[cli]") {
  const std::string dir = testing::ScratchDir("backend-errors-dead");
  const std::string model = "openai:m@http://127.0.0.1:" + std::to_string(DeadPort()) + "/v1";
  for (const std::string max : {"", "1"}) {  // every episode failed: exit 4 whatever the threshold
    const std::string out = dir + "/dead" + max + ".json";
    std::vector<std::string> args = {"run",           "-q", "--suite",   "single-id", "--limit", "6", "--model",
                                     model,           "--max-retries", "0", "--no-cache", "--out", out};
    if (!max.empty()) args.insert(args.end(), {"--max-backend-errors", max});
    const auto r = RunToolshift(args);
    INFO(r.err);
    CHECK(r.exit_code == 4);
    CHECK_THAT(r.err, Contains("6 of 6 episodes"));
    CHECK_THAT(r.err, Contains("Couldn't connect to server x6"));
    CHECK_THAT(r.err, Contains("every episode is a backend error"));
    REQUIRE(fs::exists(out));
    CHECK(fs::exists(dir + "/dead" + max + ".episodes.jsonl"));
    const Json report = Json::parse(testing::ReadText(out));
    CHECK(report["config"]["max_backend_errors"] == (max.empty() ? 0.05 : 1.0));
    CHECK(report["splits"]["id"]["backend_errors"] == 6);
  }
  // run.json keeps the threshold for --resume, and an edited one is refused by the same rule.
  const std::string run_dir = dir + "/dead1.run";
  Json saved = Json::parse(testing::ReadText(run_dir + "/run.json"));
  CHECK(saved["max_backend_errors"] == 1.0);
  const auto resumed = RunToolshift({"run", "-q", "--resume", run_dir});
  CHECK(resumed.exit_code == 4);
  CHECK(Json::parse(testing::ReadText(dir + "/dead1.json"))["config"]["max_backend_errors"] == 1.0);
  saved["max_backend_errors"] = 2;
  testing::WriteText(run_dir + "/run.json", DumpJson(saved, 2) + "\n");
  const auto edited = RunToolshift({"run", "-q", "--resume", run_dir});
  CHECK(edited.exit_code == 2);
  CHECK_THAT(edited.err, Contains("max_backend_errors"));
}

TEST_CASE("merge applies the shards' --max-backend-errors to the merged run", "[cli]") {
  const std::string dir = testing::ScratchDir("backend-errors-merge");
  const std::string model = "openai:m@http://127.0.0.1:" + std::to_string(DeadPort()) + "/v1";
  std::vector<std::string> shards;
  for (const std::string shard : {"0/2", "1/2"}) {
    shards.push_back(dir + "/s" + shard.substr(0, 1) + ".json");
    const auto r = RunToolshift({"run", "-q", "--suite", "single-id", "--limit", "4", "--model", model,
                                 "--max-retries", "0", "--no-cache", "--shard", shard, "--out", shards.back()});
    REQUIRE(r.exit_code == 4);
  }
  const auto merged = RunToolshift({"merge", shards[0], shards[1], "--out", dir + "/m.json"});
  INFO(merged.err);
  CHECK(merged.exit_code == 4);
  CHECK_THAT(merged.err, Contains("toolshift merge: 4 of 4 episodes"));
  CHECK_THAT(merged.err, Contains("Couldn't connect to server x4"));
  CHECK(Json::parse(testing::ReadText(dir + "/m.json"))["config"]["max_backend_errors"] == 0.05);
}

TEST_CASE("a 30% 5xx server exits 4 at the default rate and 0 with --max-backend-errors 1", "[cli]") {
  const std::vector<Suite> suites = SuiteCatalog(testing::SuitesRoot()).Resolve({"single-id"});
  testing::FaultKnobs knobs;
  knobs.rate_5xx = 0.3;
  testing::TestModelServer server(suites, knobs);
  const std::string model = "openai:m@" + server.Start() + "/v1";
  const std::string dir = testing::ScratchDir("backend-errors-5xx");
  // 60 episodes: fewer than 4 failures (the 5% default) at a 30% rate has a chance under 1e-5.
  auto run = [&](const std::string& out, std::vector<std::string> extra) {
    std::vector<std::string> args = {"run",          "-q", "--suite",    "single-id", "--limit", "60", "--model",
                                     model,          "--max-retries", "0", "--no-cache", "--out", out};
    args.insert(args.end(), extra.begin(), extra.end());
    return RunToolshift(args);
  };
  const auto strict = run(dir + "/strict.json", {});
  INFO(strict.err);
  CHECK(strict.exit_code == 4);
  CHECK_THAT(strict.err, Contains("HTTP 503 x"));
  CHECK_THAT(strict.err, Contains("exceeds --max-backend-errors 0.05"));
  CHECK(fs::exists(dir + "/strict.json"));
  CHECK(Json::parse(testing::ReadText(dir + "/strict.run/run.json"))["max_backend_errors"] == 0.05);

  const auto lenient = run(dir + "/lenient.json", {"--max-backend-errors", "1"});
  INFO(lenient.err);
  CHECK(lenient.exit_code == 0);
  CHECK_THAT(lenient.err, Contains("HTTP 503 x"));  // still stated, only not fatal
  CHECK(Json::parse(testing::ReadText(dir + "/lenient.json"))["config"]["max_backend_errors"] == 1.0);
}

TEST_CASE("the flag --max-backend-errors is checked by the flag rules", "[cli]") {
  const std::string dir = testing::ScratchDir("backend-errors-flag");
  for (const std::string bad : {"nan", "-0.1", "1.5", "inf"}) {
    const auto r = RunToolshift({"run", "-q", "--suite", "single-id", "--limit", "1", "--max-backend-errors", bad,
                                 "--out", dir + "/r.json"});
    INFO(bad << ": " << r.err);
    CHECK(r.exit_code == 2);
    CHECK_THAT(r.err, Contains("--max-backend-errors"));
  }
  CHECK_FALSE(fs::exists(dir + "/r.json"));
  // A clean run is exit 0 and prints no backend-error lines.
  const auto ok = RunToolshift({"run", "-q", "--suite", "single-id", "--limit", "2", "--out", dir + "/ok.json"});
  CHECK(ok.exit_code == 0);
  CHECK_THAT(ok.out, Contains("elapsed "));
  CHECK(ok.err.find("backend error") == std::string::npos);
}

TEST_CASE("a gap without pairs prints n/a in the summary", "[cli]") {
  const std::string dir = testing::ScratchDir("backend-errors-gap");
  // A format suite without its in-distribution twins: the format gap has no pairs.
  const auto r = RunToolshift({"run", "-q", "--suite", "single-fmt-dialect-native", "--limit", "3", "--out",
                               dir + "/fmt.json"});
  INFO(r.out << r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(Json::parse(testing::ReadText(dir + "/fmt.json"))["gap"]["format"]["pairs"] == 0);
  CHECK_THAT(r.out, Contains("gap format   n/a"));
  CHECK(r.out.find("over 0 pairs") == std::string::npos);
}

}  // namespace toolshift
