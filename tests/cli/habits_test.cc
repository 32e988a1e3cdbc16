// The habits of lm-eval and Inspect users: comma-separated suites, a share as --limit (paired),
// their flag names, one meaning per short flag, one default seed, examples in every --help.
#include <catch2/catch.hpp>

#include <algorithm>
#include <set>

#include "src/core/json.h"
#include "tests/test_support.h"

namespace toolshift {
namespace {

using Catch::Matchers::Contains;
using testing::RunToolshift;

Json Report(const std::string& path) { return Json::parse(testing::ReadText(path)); }

TEST_CASE("comma-separated suites run as repeated suite flags do", "[cli][habits]") {
  const std::string dir = testing::ScratchDir("habits-comma");
  REQUIRE(RunToolshift({"run", "-q", "--suite", "single-id,multi-id", "--limit", "3", "--out", dir + "/a.json"}).exit_code == 0);
  REQUIRE(RunToolshift({"run", "-q", "--suite", "single-id", "--suite", "multi-id", "--limit", "3", "--out", dir + "/b.json"})
              .exit_code == 0);
  const Json a = Report(dir + "/a.json"), b = Report(dir + "/b.json");
  CHECK(a["suites"].size() == 2);
  CHECK(a["totals"] == b["totals"]);
  // lm-eval's --tasks and --output_path mean the same.
  REQUIRE(RunToolshift({"run", "-q", "--tasks", "single-id,multi-id", "--limit", "3", "--output_path", dir + "/c.json"})
              .exit_code == 0);
  CHECK(Report(dir + "/c.json")["totals"] == a["totals"]);
  // Inspect's --log-dir: the default report name in that folder.
  REQUIRE(RunToolshift({"run", "-q", "--suite", "single-id", "--limit", "2", "--log-dir", dir + "/logs"}).exit_code == 0);
  CHECK(Report(dir + "/logs/reference_oracle.json")["totals"]["n"] == 2);
}

TEST_CASE("a share as limit samples each suite with every shifted episode's twin", "[cli][habits]") {
  const std::string dir = testing::ScratchDir("habits-share");
  const auto r = RunToolshift({"run", "--model", "reference:overfit", "--suite", "single-id,single-fmt-dialect-*",
                               "--limit", "0.1", "--out", dir + "/r.json"});
  REQUIRE(r.exit_code == 0);
  const Json report = Report(dir + "/r.json");
  const uint64_t id_n = report["splits"]["id"]["n"].get<uint64_t>();
  CHECK(id_n > 60);   // about 0.1 of 1,008
  CHECK(id_n < 150);
  const Json& gap = report["gap"]["format"];
  CHECK(gap["pairs"] == report["splits"]["format"]["scored"]);  // paired, all of them
  CHECK(gap["pairs"].get<uint64_t>() > 40);
  CHECK(report["config"]["limit_share"] == 0.1);
  CHECK(report["config"]["limit"] == 0);
  CHECK_THAT(r.out, !Contains("warning: only"));

  // The first N instead: most shifted episodes lose their twin, and the summary says so.
  const auto first = RunToolshift({"run", "--model", "reference:overfit", "--suite", "single-id,single-fmt-dialect-*",
                                   "--limit", "20", "--out", dir + "/first.json"});
  REQUIRE(first.exit_code == 0);
  CHECK_THAT(first.out, Contains("warning: only"));
  CHECK_THAT(first.out, Contains("--limit 0.1"));

  // Not a share, not a count.
  for (const char* bad : {"1.5", "-0.1", "0.0", "abc", "1e-3"}) {
    INFO(bad);
    CHECK(RunToolshift({"run", "-q", "--suite", "single-id", "--limit", bad, "--out", dir + "/x.json"}).exit_code == 2);
  }
}

TEST_CASE("one meaning per short flag and one default seed and examples in every help and described kinds", "[cli][habits]") {
  // -c is --concurrency in run; import spells --category out.
  CHECK_THAT(RunToolshift({"import", "bfcl", "--help"}).out, !Contains("-c,"));
  // -q is --quiet in run; import spells --questions out.
  CHECK_THAT(RunToolshift({"import", "bfcl", "--help"}).out, !Contains("-q,"));
  CHECK_THAT(RunToolshift({"import", "acebench", "--help"}).out, !Contains("-q,"));
  CHECK_THAT(RunToolshift({"shift", "--help"}).out, Contains("--seed UINT:0..2^64-1=0"));
  CHECK_THAT(RunToolshift({"run", "--help"}).out, Contains("--seed UINT:0..2^64-1=0"));
  for (std::vector<std::string> args : {std::vector<std::string>{"--help"}, {"run", "--help"}, {"suites", "--help"},
                                        {"generate", "--help"}, {"shift", "--help"}, {"score", "--help"},
                                        {"import", "bfcl", "--help"}, {"import", "acebench", "--help"}, {"view", "--help"},
                                        {"merge", "--help"}, {"gate", "--help"},
                                        {"leaderboard", "--help"}}) {
    INFO(args[0]);
    CHECK_THAT(RunToolshift(args).out, Contains("Example"));
  }
  const auto list = RunToolshift({"shift", "--list"});
  REQUIRE(list.exit_code == 0);
  size_t lines = 0;
  for (size_t at = 0; (at = list.out.find('\n', at)) != std::string::npos; ++at) ++lines;
  CHECK(lines > 20);
  CHECK_THAT(list.out, Contains("dialect:pythonic"));
  CHECK_THAT(list.out, Contains("the same task, calls asked in another syntax"));
  CHECK_THAT(list.out, Contains("near-miss tools"));
}

}  // namespace
}  // namespace toolshift
