// Hostile inputs through the toolshift binary: deep suites, devices and FIFOs where a file is
// expected, wrong-shaped environment states, and the memory a --limit run of a large suite
// takes (measured as the child's peak RSS against a one-episode baseline: a memory bound,
// never a time bound).
#include <catch2/catch.hpp>

#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include <fstream>

#include "src/core/json.h"
#include "tests/test_support.h"

namespace toolshift {
namespace {

using testing::RunToolshift;

std::string FirstLine(const std::string& path) {
  std::ifstream in(path);
  std::string line;
  std::getline(in, line);
  return line;
}

// Runs toolshift and returns its exit code and peak resident set (KiB).
std::pair<int, long> RunMeasured(const std::vector<std::string>& args) {
  const testing::RunningCommand c = testing::StartToolshift(args);
  int status = 0;
  struct rusage ru {};
  wait4(c.pid, &status, 0, &ru);
  return {WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status), ru.ru_maxrss};
}

}  // namespace

TEST_CASE("run and shift refuse a suite whose tool schema nests 40,000 deep, located", "[cli][limits]") {
  const std::string dir = testing::ScratchDir("cli-deep-suite");
  std::string line = FirstLine(testing::SuitesRoot() + "/id/single-id/episodes.jsonl");
  const std::string marker = "\"description\":\"Amount in US dollars\"";
  REQUIRE(line.find(marker) != std::string::npos);
  line.replace(line.find(marker), marker.size(), marker + ",\"items\":" + std::string(40000, '[') + std::string(40000, ']'));
  const std::string suite = dir + "/deep.jsonl";
  testing::WriteText(suite, line + "\n");
  auto run = RunToolshift({"run", "-q", "--suite", suite, "--out", dir + "/r.json"});
  CHECK(run.exit_code == 2);
  CHECK_THAT(run.err, Catch::Contains(suite + ":1: the episode nests deeper than 512 levels"));
  auto shift = RunToolshift({"shift", "--suite", suite, "--kind", "rename-params", "--out", dir + "/shifted"});
  CHECK(shift.exit_code == 2);
  CHECK_THAT(shift.err, Catch::Contains(suite + ":1:"));
}

TEST_CASE("devices and FIFOs given as suites, replay files or outputs are refused with exit 2", "[cli][limits]") {
  const std::string dir = testing::ScratchDir("cli-not-regular");
  const std::string fifo = dir + "/fifo.jsonl";
  REQUIRE(mkfifo(fifo.c_str(), 0600) == 0);
  const std::string out = dir + "/r.json";
  for (const auto& args : std::vector<std::vector<std::string>>{
           {"run", "-q", "--suite", "/dev/zero", "--out", out},
           {"run", "-q", "--suite", fifo, "--out", out},
           {"run", "-q", "--suite", "single-id", "--limit", "1", "--model", "replay:/dev/zero", "--out", out},
           {"run", "-q", "--suite", "single-id", "--limit", "1", "--model", "replay:" + fifo, "--out", out},
           {"score", "--suite", "single-id", "--outputs", "/dev/zero", "--out", out},
           {"score", "--suite", "single-id", "--outputs", fifo, "--out", out}}) {
    auto r = RunToolshift(args);
    INFO(args[3] << " " << r.err);
    CHECK(r.exit_code == 2);
    CHECK((r.err.find("character device") != std::string::npos || r.err.find("is a FIFO") != std::string::npos));
  }
}

TEST_CASE("a wrong-shaped environment state is a located input error, not an internal one", "[cli][limits]") {
  const std::string dir = testing::ScratchDir("cli-bad-state");
  Json ep = Json::parse(FirstLine(testing::SuitesRoot() + "/id/multi-id/episodes.jsonl"));
  ep["multi_step"]["initial_state"]["accounts"] = "not a collection";
  const std::string suite = dir + "/bad-state.jsonl";
  testing::WriteText(suite, DumpJson(ep) + "\n");
  auto r = RunToolshift({"run", "-q", "--suite", suite, "--out", dir + "/r.json"});
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Catch::Contains("episode " + ep["id"].get<std::string>() + ": multi_step.initial_state: the bank environment"));
}

TEST_CASE("the flag --limit 1 on a large suite keeps memory to what it runs", "[cli][limits]") {
  const std::string dir = testing::ScratchDir("cli-large-suite");
  Json ep = Json::parse(FirstLine(testing::SuitesRoot() + "/id/single-id/episodes.jsonl"));
  const std::string small = dir + "/small.jsonl";
  const std::string large = dir + "/large.jsonl";
  testing::WriteText(small, DumpJson(ep) + "\n");
  {
    std::ofstream out(large, std::ios::binary);
    std::string padding(4000, 'p');
    ep["meta"] = {{"pad", padding}};
    for (int i = 0; i < 40000; ++i) {  // about 200 MB: read whole (twice, as it was), hundreds of MB
      ep["id"] = "e" + std::to_string(i);
      out << DumpJson(ep) << '\n';
    }
  }
  const auto [small_rc, small_kb] = RunMeasured({"run", "-q", "--suite", small, "--limit", "1", "--out", dir + "/s.json"});
  const auto [large_rc, large_kb] = RunMeasured({"run", "-q", "--suite", large, "--limit", "1", "--out", dir + "/l.json"});
  INFO("peak RSS: one-episode suite " << small_kb << " KiB, 200 MB suite " << large_kb << " KiB");
  REQUIRE(small_rc == 0);
  REQUIRE(large_rc == 0);
  CHECK(large_kb - small_kb < 48 * 1024);
}

}  // namespace toolshift
