// The command line against a hostile user or an edited file: non-finite and wrapping numbers on
// every numeric flag, an edited run.json, suites that collide by name, outputs that would replace
// their inputs or a device, typos, replay recordings that do not fit, and megabyte values echoed.
#include <catch2/catch.hpp>

#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "src/core/json.h"
#include "tests/test_support.h"

namespace toolshift {
namespace {

using Catch::Matchers::Contains;
using testing::RunToolshift;
namespace fs = std::filesystem;

std::string FirstEpisodes(size_t n) {
  const std::string all = testing::ReadText(testing::SuitesRoot() + "/id/single-id/episodes.jsonl");
  size_t end = 0;
  for (size_t k = 0; k < n; ++k) end = all.find('\n', end) + 1;
  return all.substr(0, end);
}

// Each numeric flag of each subcommand with the values that slipped through before: nan, inf,
// negatives that wrap to the largest unsigned value, integers beyond 64 bits, values out of range.
struct BadFlag {
  std::vector<std::string> command;
  std::string flag;
  std::string value;
};

}  // namespace

TEST_CASE("every numeric flag refuses nan, inf, wrap-around and out-of-range values", "[cli]") {
  const std::string dir = testing::ScratchDir("hostile-flags");
  const std::vector<std::string> run = {"run", "-q", "--suite", "single-id", "--out", dir + "/r.json"};
  const std::vector<std::string> score = {"score", "--suite", "single-id", "--outputs", dir + "/none.jsonl", "--out",
                                          dir + "/s.json"};
  const std::vector<BadFlag> cases = {
      {run, "--request-timeout", "nan"}, {run, "--request-timeout", "inf"}, {run, "--request-timeout", "-1"},
      {run, "--request-timeout", "0"},   {run, "--request-timeout", "1e-9"},  // rounds to 0 ms: no timeout at all
      {run, "--episode-timeout", "nan"}, {run, "--episode-timeout", "-inf"}, {run, "--rpm", "nan"},
      {run, "--rpm", "-1"},              {run, "--rpm", "inf"},             {run, "--tpm", "nan"},
      {run, "--temperature", "nan"},     {run, "--temperature", "-0.5"},    {run, "--limit", "-1"},
      {run, "--limit", "99999999999999999999"},                             {run, "--limit", "1e3"},
      {run, "--seed", "18446744073709551616"},                              {run, "--seed", "-1"},
      {run, "--seed", "0x10"},           {run, "--jobs", "-7"},             {run, "--jobs", "4097"},
      {run, "--epochs", "1000000"},      {run, "--concurrency", "0"},       {run, "--max-retries", "-1"},
      {run, "--max-tokens", "0"},        {run, "--max-tokens", "4294967297"}, {run, "--max-output-bytes", "-1"},
      {run, "--max-calls", "0"},         {run, "--bootstrap", "1e9"},       {run, "--top-logprobs", "nan"},
      {run, "--exec-processes", "0"},    {run, "--tool-mode", "telepathy"},  {run, "--shard", "3/2"},
      {run, "--shard", "0/99999999999999999999"},
      {score, "--jobs", "-1"},           {score, "--seed", "-1"},           {score, "--max-output-bytes", "nan"},
      {score, "--max-calls", "-1"},      {score, "--bootstrap", "-5"},
      {{"shift", "--suite", "single-id", "--kind", "rename-params", "--out", dir + "/sh"}, "--seed", "-1"},
      {{"generate", "--out", dir + "/gen"}, "--seed", "1e3"},
      {{"merge", dir + "/a.json", "--out", dir + "/m.json"}, "--jobs", "-1"},
      {{"suites"}, "--jobs", "-1"},
      {{"gate", dir + "/a.json", "--min", "totals.accuracy=0"}, "--alpha", "nan"},
  };
  for (const auto& c : cases) {
    std::vector<std::string> args = c.command;
    args.insert(args.end(), {c.flag, c.value});
    const auto r = RunToolshift(args);
    INFO(c.command[0] << " " << c.flag << " " << c.value << ": " << r.err);
    CHECK(r.exit_code == 2);
    CHECK_THAT(r.err, Contains(c.flag));
    CHECK_FALSE(fs::exists(dir + "/r.json"));
  }
  // The edges themselves are accepted: the largest seed, a zero limit, a 1 ms timeout.
  auto r = RunToolshift({"run", "-q", "--suite", "single-id", "--limit", "1", "--seed", "18446744073709551615",
                         "--request-timeout", "0.001", "--rpm", "0", "--out", dir + "/edge.json"});
  INFO(r.err);
  CHECK(r.exit_code == 0);
  CHECK(Json::parse(testing::ReadText(dir + "/edge.json"))["seed"] == UINT64_MAX);
}

TEST_CASE("resume checks run.json with the flags' rules and names the line of an edited field", "[cli]") {
  const std::string dir = testing::ScratchDir("hostile-resume");
  const std::string runner = testing::ExecOracleRunner() + " --suite single-id";
  auto first = RunToolshift({"run", "-q", "--model", "exec:" + runner, "--suite", "single-id", "--limit", "2", "--out",
                             dir + "/r.json"});
  REQUIRE(first.exit_code == 0);
  const std::string run_json = dir + "/r.run/run.json";
  const std::string original = testing::ReadText(run_json);
  struct Edit {
    const char* key;
    Json value;
    const char* says;
  };
  for (const Edit& e : {Edit{"epochs", 1000000, "epochs: 1000000"}, Edit{"concurrency", 0, "concurrency: 0"},
                        Edit{"jobs", -7, "jobs: -7"}, Edit{"limit", -1, "limit: -1"},
                        Edit{"request_timeout_s", 1e300, "request_timeout_s"}, Edit{"seed", 1.5, "seed: 1.5"},
                        Edit{"rpm", "fast", "rpm: \"fast\""}, Edit{"tool_mode", "telepathy", "tool_mode"},
                        Edit{"shard", "3/2", "shard: \"3/2\""}, Edit{"shard", "-1/99999999999999999999", "shard"}}) {
    Json j = Json::parse(original);
    j[e.key] = e.value;
    const std::string text = j.dump(2) + "\n";
    testing::WriteText(run_json, text);
    size_t line = 1;
    for (size_t at = 0; at < text.find(std::string("\"") + e.key + "\":"); ++at) line += text[at] == '\n';
    const auto r = RunToolshift({"run", "-q", "--resume", dir + "/r.run"});
    INFO(e.key << ": " << r.err);
    CHECK(r.exit_code == 2);
    CHECK_THAT(r.err, Contains(run_json + ":" + std::to_string(line) + ": " + e.says));
    CHECK_THAT(r.err, Contains("edited"));
  }
  testing::WriteText(run_json, original);
  CHECK(RunToolshift({"run", "-q", "--resume", dir + "/r.run"}).exit_code == 0);
}

TEST_CASE("repeated --suite flags combine, and suites colliding by name are renamed or refused, never dropped", "[cli]") {
  const std::string dir = testing::ScratchDir("hostile-suites");
  fs::create_directories(dir + "/a");
  fs::create_directories(dir + "/b");
  const std::string episodes = FirstEpisodes(5);
  const size_t cut = episodes.find('\n', episodes.find('\n') + 1) + 1;
  testing::WriteText(dir + "/a/episodes.jsonl", episodes.substr(0, cut));  // 2 episodes
  testing::WriteText(dir + "/b/episodes.jsonl", episodes.substr(cut));     // 3 others, same file name
  // Bare files named alike: both run, the second under "episodes-2".
  auto r = RunToolshift({"run", "-q", "--suite", dir + "/a/episodes.jsonl", "--suite", dir + "/b/episodes.jsonl",
                         "--out", dir + "/r.json"});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  Json report = Json::parse(testing::ReadText(dir + "/r.json"));
  CHECK(report["totals"]["n"] == 5);
  REQUIRE(report["suites"].size() == 2);
  CHECK(report["suites"][0]["name"] == "episodes");
  CHECK(report["suites"][1]["name"] == "episodes-2");
  // Two different suites declaring one name in their manifests: refused, naming both.
  fs::copy(testing::SuitesRoot() + "/id/single-id", dir + "/trimmed", fs::copy_options::recursive);
  testing::WriteText(dir + "/trimmed/episodes.jsonl", episodes);
  r = RunToolshift({"run", "-q", "--suite", "single-id", "--suite", dir + "/trimmed", "--out", dir + "/t.json"});
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Contains(dir + "/trimmed"));
  CHECK_THAT(r.err, Contains("single-id"));
  CHECK_FALSE(fs::exists(dir + "/t.json"));
  // One suite reached twice (a copy of single-id and its name) is the same suite: loaded once.
  fs::copy(testing::SuitesRoot() + "/id/single-id", dir + "/copy", fs::copy_options::recursive);
  r = RunToolshift({"run", "-q", "--suite", "single-id", "--suite", dir + "/copy", "--limit", "3", "--out",
                    dir + "/r.json"});
  REQUIRE(r.exit_code == 0);
  CHECK(Json::parse(testing::ReadText(dir + "/r.json"))["totals"]["n"] == 3);
  // Different names combine.
  r = RunToolshift({"run", "-q", "--suite", "single-id", "--suite", "multi-id", "--limit", "2", "--out", dir + "/r.json"});
  REQUIRE(r.exit_code == 0);
  CHECK(Json::parse(testing::ReadText(dir + "/r.json"))["suites"].size() == 2);
  // shift derives from one base: a pattern selecting several is refused, not cut to its first.
  r = RunToolshift({"shift", "--suite", "single-*", "--kind", "rename-params", "--out", dir + "/sh"});
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Contains("one base suite"));
}

TEST_CASE("an output never replaces an input or a device", "[cli]") {
  const std::string dir = testing::ScratchDir("hostile-out");
  testing::WriteText(dir + "/s.jsonl", FirstEpisodes(3));
  const std::string suite = testing::ReadText(dir + "/s.jsonl");
  // A report whose episode log would land on the suite: suite "x.episodes.jsonl", report "x.json".
  testing::WriteText(dir + "/x.episodes.jsonl", suite);
  auto r = RunToolshift({"run", "-q", "--suite", dir + "/x.episodes.jsonl", "--out", dir + "/x.json"});
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Contains("is the input"));
  CHECK(testing::ReadText(dir + "/x.episodes.jsonl") == suite);
  // The report itself on the suite, through another spelling and through a hard link.
  r = RunToolshift({"run", "-q", "--suite", dir + "/s.jsonl", "--out", dir + "/./s.jsonl"});
  CHECK(r.exit_code == 2);
  REQUIRE(::link((dir + "/s.jsonl").c_str(), (dir + "/hard.json").c_str()) == 0);
  r = RunToolshift({"run", "-q", "--suite", dir + "/s.jsonl", "--out", dir + "/hard.json"});
  CHECK(r.exit_code == 2);
  CHECK(testing::ReadText(dir + "/s.jsonl") == suite);

  // score: the report on the outputs it reads; replay: the report on the recording.
  testing::WriteText(dir + "/outputs.jsonl", "{\"id\": \"banking-simple-001\", \"output\": \"no\"}\n");
  r = RunToolshift({"score", "--suite", "single-id", "--outputs", dir + "/outputs.jsonl", "--out", dir + "/outputs.jsonl"});
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Contains("--out " + dir + "/outputs.jsonl: is the input"));
  r = RunToolshift({"run", "-q", "--model", "replay:" + dir + "/outputs.jsonl", "--suite", "single-id", "--limit", "1",
                    "--out", dir + "/outputs.jsonl"});
  CHECK(r.exit_code == 2);
  CHECK(testing::ReadText(dir + "/outputs.jsonl") == "{\"id\": \"banking-simple-001\", \"output\": \"no\"}\n");

  // A device node stays a device node; a FIFO is never opened for a report.
  r = RunToolshift({"run", "-q", "--suite", "single-id", "--limit", "1", "--out", "/dev/null"});
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Contains("character device"));
  struct stat st;
  REQUIRE(::stat("/dev/null", &st) == 0);
  CHECK(S_ISCHR(st.st_mode));
  REQUIRE(::mkfifo((dir + "/fifo.json").c_str(), 0600) == 0);
  r = RunToolshift({"run", "-q", "--suite", "single-id", "--limit", "1", "--out", dir + "/fifo.json"});
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Contains("FIFO"));

  // gate, merge, leaderboard and shift: their outputs against their inputs.
  REQUIRE(RunToolshift({"run", "-q", "--suite", "single-id", "--limit", "5", "--out", dir + "/rep.json"}).exit_code == 0);
  const std::string report = testing::ReadText(dir + "/rep.json");
  r = RunToolshift({"gate", dir + "/rep.json", "--min", "totals.accuracy=0", "--junit", dir + "/rep.json"});
  CHECK(r.exit_code == 2);
  r = RunToolshift({"gate", dir + "/rep.json", "--min", "totals.accuracy=0", "--summary", dir + "/rep.episodes.jsonl"});
  CHECK(r.exit_code == 2);
  CHECK(RunToolshift({"gate", dir + "/rep.json", "--min", "totals.accuracy=0", "--summary", "/dev/null"}).exit_code == 0);
  fs::create_directories(dir + "/board");
  fs::copy_file(dir + "/rep.json", dir + "/board/leaderboard.json");
  r = RunToolshift({"leaderboard", dir + "/board/leaderboard.json", "--out", dir + "/board"});
  CHECK(r.exit_code == 2);
  CHECK(testing::ReadText(dir + "/board/leaderboard.json") == report);
  fs::create_directories(dir + "/base");
  testing::WriteText(dir + "/base/episodes.jsonl", suite);
  r = RunToolshift({"shift", "--suite", dir + "/base/episodes.jsonl", "--kind", "rename-params", "--out", dir + "/base"});
  CHECK(r.exit_code == 2);
  CHECK(testing::ReadText(dir + "/base/episodes.jsonl") == suite);
  CHECK(testing::ReadText(dir + "/rep.json") == report);
}

TEST_CASE("typos in commands and flags get a did-you-mean and exit 2", "[cli]") {
  struct Typo {
    std::vector<std::string> args;
    std::string says;
  };
  for (const Typo& t : {Typo{{"runn"}, "did you mean 'run'?"}, Typo{{"sores"}, "did you mean 'score'?"},
                        Typo{{"run", "--job", "4"}, "did you mean --jobs?"},
                        Typo{{"run", "--sede=3"}, "did you mean --seed?"},
                        Typo{{"run", "--max-out", "5"}, "did you mean --max-output-bytes?"},
                        Typo{{"gate", "r.json", "--mni", "x=1"}, "did you mean --min?"},
                        Typo{{"import", "bfcl", "--questoins", "q.json"}, "did you mean --questions?"},
                        Typo{{"import", "bfl"}, "did you mean 'bfcl'?"}}) {
    const auto r = RunToolshift(t.args);
    INFO(t.args[0] << " " << r.err);
    CHECK(r.exit_code == 2);
    CHECK_THAT(r.err, Contains(t.says));
  }
  // Nothing near: no guess, but the commands are listed.
  const auto r = RunToolshift({"xyzzy"});
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Contains("unknown command 'xyzzy'"));
  CHECK_THAT(r.err, Contains("commands: run, suites"));
  CHECK(r.err.find("did you mean") == std::string::npos);
}

TEST_CASE("replay warns, as score does, about ids that match nothing, repeat, or are missing", "[cli]") {
  const std::string dir = testing::ScratchDir("hostile-replay");
  testing::WriteText(dir + "/rec.jsonl",
                     "{\"id\": \"banking-simple-001\", \"output\": \"a\"}\n"
                     "{\"id\": \"banking-simple-001\", \"output\": \"b\"}\n"
                     "{\"id\": \"no-such-episode\", \"output\": \"c\"}\n");
  testing::WriteText(dir + "/s.jsonl", FirstEpisodes(4));
  // 3 of the 4 episodes have no recorded output (backend errors): the rate is allowed here, to reach the warnings.
  const auto r = RunToolshift({"run", "-q", "--model", "replay:" + dir + "/rec.jsonl", "--suite", dir + "/s.jsonl",
                               "--max-backend-errors", "1", "--out", dir + "/r.json"});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK_THAT(r.err, Contains("1 line(s) of " + dir + "/rec.jsonl match no episode"));
  CHECK_THAT(r.err, Contains("1 line(s) of " + dir + "/rec.jsonl repeat an earlier line's id"));
  CHECK_THAT(r.err, Contains("episode(s) have no recorded output"));
}

TEST_CASE("a megabyte value is never echoed whole", "[cli]") {
  const std::string dir = testing::ScratchDir("hostile-echo");
  const std::string huge(10 << 20, 'n');
  // A 10 MB tool name in a suite.
  Json ep = Json::parse(FirstEpisodes(1));
  ep["tools"][0]["name"] = huge;
  testing::WriteText(dir + "/s.jsonl", ep.dump() + "\n");
  auto r = RunToolshift({"run", "-q", "--suite", dir + "/s.jsonl", "--out", dir + "/r.json"});
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Contains(dir + "/s.jsonl:1"));
  CHECK(r.err.size() < 4096);
  // A 100 KB model name, flag value and unexpected argument (an argument of 10 MB exceeds what
  // execve takes, 128 KB).
  const std::string big(100000, 'v');
  for (const std::vector<std::string>& args :
       {std::vector<std::string>{"run", "-q", "--model", "reference:" + big}, {"run", "--seed", big},
        {"run", "--" + big}, {"gate", big, big}, {"run", "--suite", big}, {big}}) {
    r = RunToolshift(args);
    INFO(args.front().substr(0, 20) << " " << args.back().substr(0, 20));
    CHECK(r.exit_code == 2);
    CHECK(r.err.size() < 4096);
  }
  // Terminal escapes in a value come back inert.
  r = RunToolshift({"run", "-q", "--model", "reference:\x1b[2J\x1b]0;pwned\x07", "--out", dir + "/r.json"});
  CHECK(r.exit_code == 2);
  CHECK(r.err.find('\x1b') == std::string::npos);
  CHECK_THAT(r.err, Contains("\\x1B[2J"));
}

}  // namespace toolshift
