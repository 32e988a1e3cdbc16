// The toolshift command as a user runs it: help, exit codes, located errors, report files.
#include <catch2/catch.hpp>

#include <filesystem>

#include "src/core/json.h"
#include "tests/test_support.h"

namespace toolshift {
namespace {

using Catch::Matchers::Contains;
using testing::RunToolshift;

size_t CountLines(const std::string& text) { return static_cast<size_t>(std::count(text.begin(), text.end(), '\n')); }

}  // namespace

TEST_CASE("every command has --help, which exits 0", "[cli]") {
  for (std::vector<std::string> args : {std::vector<std::string>{"--help"}, {"run", "--help"}, {"suites", "--help"},
                                        {"generate", "--help"}, {"shift", "--help"}, {"score", "--help"},
                                        {"import", "bfcl", "--help"}, {"merge", "--help"}, {"gate", "--help"}, {"leaderboard", "--help"}}) {
    auto r = RunToolshift(args);
    INFO(args[0]);
    CHECK(r.exit_code == 0);
    CHECK_THAT(r.out, Contains("Exit codes"));
  }
  CHECK(RunToolshift({"--version"}).exit_code == 0);
}

TEST_CASE("usage errors exit 2", "[cli]") {
  CHECK(RunToolshift({}).exit_code == 2);
  CHECK(RunToolshift({"fly"}).exit_code == 2);
  CHECK(RunToolshift({"run", "--jobs", "-3"}).exit_code == 2);
  auto r = RunToolshift({"run", "--model", "reference:psychic", "-q"});
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Contains("--model reference:psychic: unknown model"));
  r = RunToolshift({"run", "--suite", "no-such-suite", "-q"});
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Contains("--suite no-such-suite"));
}

TEST_CASE("a malformed suite line is reported as path:line and exits 2", "[cli]") {
  const std::string dir = testing::ScratchDir("cli-bad-suite");
  const std::string good = testing::ReadText(testing::SuitesRoot() + "/id/single-id/episodes.jsonl");
  const std::string first = good.substr(0, good.find('\n') + 1);
  testing::WriteText(dir + "/broken.jsonl", first + "{\"id\": \"oops\", \"domain\": \"x\"\n");
  auto r = RunToolshift({"run", "-q", "--suite", dir + "/broken.jsonl", "--out", dir + "/r.json"});
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Contains(dir + "/broken.jsonl:2: invalid JSON"));
  CHECK_FALSE(std::filesystem::exists(dir + "/r.json"));

  // A number beyond a double is nlohmann's out_of_range, not a parse error: still located, still 2.
  testing::WriteText(dir + "/huge.jsonl", first + "{\"id\": \"big\", \"n\": 1e999999}\n");
  r = RunToolshift({"run", "-q", "--suite", dir + "/huge.jsonl", "--out", dir + "/r.json"});
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Contains(dir + "/huge.jsonl:2: invalid JSON"));
  testing::WriteText(dir + "/outputs.jsonl", "{\"id\": \"banking-simple-001\", \"output\": 1e999999}\n");
  r = RunToolshift({"score", "--suite", "single-id", "--outputs", dir + "/outputs.jsonl", "--out", dir + "/s.json"});
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Contains(dir + "/outputs.jsonl:1"));
}

TEST_CASE("run writes a report and an episode log and prints a summary", "[cli]") {
  const std::string dir = testing::ScratchDir("cli-run");
  auto r = RunToolshift({"run", "-q", "--model", "reference:overfit", "--suite", "single-id", "--suite", "single-fmt-dialect-xml",
                         "--limit", "10", "--jobs", "2", "--out", dir + "/overfit.json"});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK_THAT(r.out, Contains("model reference:overfit"));
  CHECK_THAT(r.out, Contains("gap format"));
  CHECK(r.err.empty());  // -q: no progress
  const Json report = Json::parse(testing::ReadText(dir + "/overfit.json"));
  CHECK(report["model"] == "reference:overfit");
  CHECK(report["splits"]["id"]["n"] == 10);
  CHECK(report["splits"]["format"]["n"] == 10);
  CHECK(report["config"]["limit"] == 10);
  const std::string log = testing::ReadText(dir + "/overfit.episodes.jsonl");
  CHECK(CountLines(log) == 20);
  const Json first = Json::parse(log.substr(0, log.find('\n')));
  for (const char* key : {"suite", "id", "prompt", "output", "parse", "correct", "failure", "latency_ms"}) {
    INFO(key);
    CHECK(first.contains(key));
  }
}

TEST_CASE("suite glob patterns select built-in suites", "[cli]") {
  const std::string dir = testing::ScratchDir("cli-glob");
  auto r = RunToolshift({"run", "-q", "--suite", "single-id", "--suite", "single-fmt-dialect-*", "--limit", "2",
                         "--out", dir + "/g.json"});
  REQUIRE(r.exit_code == 0);
  const Json report = Json::parse(testing::ReadText(dir + "/g.json"));
  CHECK(report["suites"].size() == 6);
  CHECK(report["gap"]["format"]["by_kind"].size() == 5);
  r = RunToolshift({"run", "-q", "--suite", "nothing-*"});
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Contains("matches no built-in suite"));
}

TEST_CASE("shift writes a paired suite that runs and --check passes on the library", "[cli][library]") {
  const std::string dir = testing::ScratchDir("cli-shift");
  auto r = RunToolshift({"shift", "--suite", "single-id", "--kind", "rename-params", "--kind", "dialect:react",
                         "--out", dir + "/s"});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK_THAT(r.out, Contains("1008 of 1008 episodes"));
  r = RunToolshift({"run", "-q", "--suite", "single-id", "--suite", dir + "/s", "--out", dir + "/r.json"});
  REQUIRE(r.exit_code == 0);
  const Json report = Json::parse(testing::ReadText(dir + "/r.json"));
  CHECK(report["splits"]["format"]["accuracy"] == 1.0);
  CHECK(report["gap"]["format"]["by_kind"].contains("rename-params+dialect:react"));
  CHECK(RunToolshift({"shift", "--suite", "single-id", "--kind", "bogus", "--out", dir + "/x"}).exit_code == 2);
  r = RunToolshift({"suites", "--check"});
  CHECK(r.exit_code == 0);
  CHECK_THAT(r.out, Contains("all checks passed"));
}

TEST_CASE("suites --check fails on a leaking or twinless library", "[cli]") {
  const std::string dir = testing::ScratchDir("cli-check");
  const std::string ep = testing::ReadText(testing::SuitesRoot() + "/id/single-id/episodes.jsonl");
  const std::string first = ep.substr(0, ep.find('\n'));
  testing::WriteText(dir + "/id/base/manifest.json", R"({"name": "base", "split": "id"})");
  testing::WriteText(dir + "/id/base/episodes.jsonl", first + "\n");
  // A "held-out" suite that reuses the in-distribution episode's tools and names a missing twin.
  Json leak = Json::parse(first);
  leak["id"] = "leak-1";
  leak["base_id"] = "no-such-episode";
  testing::WriteText(dir + "/content/leak/manifest.json",
                     R"({"name": "leak", "split": "content", "provenance": {"base_suite": "base", "shift": "heldout-domains", "seed": 1}})");
  testing::WriteText(dir + "/content/leak/episodes.jsonl", leak.dump() + "\n");
  auto r = RunToolshift({"suites", "--check", "--suites-dir", dir});
  CHECK(r.exit_code == 1);
  CHECK_THAT(r.out, Contains("no-leak  FAIL"));
  CHECK_THAT(r.out, Contains("held-out domain"));
  CHECK_THAT(r.out, Contains("twins    FAIL"));
  CHECK_THAT(r.out, Contains("oracle   ok"));
}

TEST_CASE("progress goes to stderr as plain lines when not a terminal", "[cli]") {
  const std::string dir = testing::ScratchDir("cli-progress");
  auto r = RunToolshift({"run", "--suite", "single-id", "--limit", "3", "--out", dir + "/p.json"});
  REQUIRE(r.exit_code == 0);
  CHECK_THAT(r.err, Contains("progress: 3/3 100%"));
  CHECK(r.out.find("progress:") == std::string::npos);
}

TEST_CASE("an unwritable report path exits 3 and still prints the report", "[cli]") {
  auto r = RunToolshift({"run", "-q", "--suite", "single-id", "--limit", "2", "--out", "/proc/nope/r.json"});
  CHECK(r.exit_code == 3);
  CHECK_THAT(r.err, Contains("/proc/nope"));
  const Json report = Json::parse(r.out);
  CHECK(report["splits"]["id"]["n"] == 2);
}

TEST_CASE("suites lists the built-in suites as a table and as JSON", "[cli][library]") {
  auto table = RunToolshift({"suites"});
  REQUIRE(table.exit_code == 0);
  CHECK_THAT(table.out, Contains("single-id"));
  CHECK_THAT(table.out, Contains("dialect:pythonic"));
  auto json = RunToolshift({"suites", "--json"});
  REQUIRE(json.exit_code == 0);
  const Json list = Json::parse(json.out);
  REQUIRE(list.size() >= 5);
  for (const auto& s : list) {
    for (const char* key : {"name", "split", "shift", "episodes", "domains"}) CHECK(s.contains(key));
  }
}

TEST_CASE("a report that cannot be written loses nothing: the run resumes from its journal", "[cli]") {
  // Something in the way of the report file (as root, permissions do not stop writes; a directory
  // where the file should go does). Journaled backend: exec, a local runner.
  const std::string dir = testing::ScratchDir("nothing-lost");
  const std::string out = dir + "/report.json";
  std::filesystem::create_directories(out + "/in-the-way");
  const std::string runner = testing::ExecOracleRunner() + " --suite single-id --suite multi-id";
  auto failed = RunToolshift({"run", "-q", "--model", "exec:" + runner, "--suite", "single-id", "--suite", "multi-id",
                              "--limit", "15", "--out", out});
  CHECK(failed.exit_code == 3);
  CHECK_THAT(failed.err, Contains(out));
  CHECK_THAT(failed.err, Contains("--resume"));
  const Json printed = Json::parse(failed.out);  // nothing computed is lost: the report is on stdout
  CHECK(printed["totals"]["correct"] == 30);
  REQUIRE(std::filesystem::exists(dir + "/report.run/journal.sqlite"));
  // The obstacle removed, --resume finishes from the journal without asking the model again.
  std::filesystem::remove_all(out);
  auto resumed = RunToolshift({"run", "-q", "--resume", dir + "/report.run"});
  REQUIRE(resumed.exit_code == 0);
  const Json report = Json::parse(testing::ReadText(out));
  CHECK(report["totals"]["correct"] == 30);
  CHECK(report["run"]["requests"] == 0);
  CHECK(report["run"]["resumed"] == 30);
  CHECK(report["splits"] == printed["splits"]);
}

}  // namespace toolshift
