// A report says how it was made: every flag that can change a reply or a score lands in its
// config, with the user's --name and --label; `--dialect X` runs as a paired format shift.
#include <catch2/catch.hpp>

#include "src/core/json.h"
#include "tests/test_support.h"

namespace toolshift {
namespace {

using Catch::Matchers::Contains;
using testing::RunToolshift;

Json RunReport(const std::vector<std::string>& flags, const std::string& name) {
  const std::string out = testing::ScratchDir("provenance-" + name) + "/r.json";
  std::vector<std::string> args = {"run", "-q", "--out", out};
  args.insert(args.end(), flags.begin(), flags.end());
  const auto r = RunToolshift(args);
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  return Json::parse(testing::ReadText(out));
}

TEST_CASE("every run flag that shapes a reply or a score round-trips into the report's config", "[cli][report][provenance]") {
  // flag, value, where it lands in the report (a JSON pointer), the value expected there.
  struct Case {
    std::string flag, value, pointer;
    Json expected;
  };
  const std::vector<Case> cases = {
      {"--temperature", "0.7", "/config/generation/temperature", 0.7},
      {"--max-tokens", "300", "/config/generation/max_tokens", 300},
      {"--tool-mode", "prompt", "/config/generation/tool_mode", "prompt"},
      {"--chat-template", "llama3", "/config/generation/chat_template", "llama3"},
      {"--top-logprobs", "2", "/config/generation/top_logprobs", 2},
      {"--dialect", "json", "/config/dialect_override", "json"},
      {"--limit", "3", "/config/limit", 3},
      {"--epochs", "2", "/config/epochs", 2},
      {"--shard", "0/2", "/config/shard", "0/2"},
      {"--max-output-bytes", "5000", "/config/max_output_bytes", 5000},
      {"--max-calls", "9", "/config/max_calls", 9},
      {"--max-response-bytes", "9000", "/config/max_response_bytes", 9000},
      {"--concurrency", "5", "/config/backend/concurrency", 5},
      {"--rpm", "100", "/config/backend/rpm", 100.0},
      {"--tpm", "1000", "/config/backend/tpm", 1000.0},
      {"--max-retries", "2", "/config/backend/max_retries", 2},
      {"--request-timeout", "30", "/config/backend/request_timeout_s", 30.0},
      {"--episode-timeout", "60", "/config/backend/episode_timeout_s", 60.0},
      {"--exec-processes", "3", "/config/backend/exec_processes", 3},
      {"--max-backend-errors", "0.5", "/config/max_backend_errors", 0.5},
      {"--bootstrap", "100", "/config/bootstrap_resamples", 100},
      {"--seed", "7", "/seed", 7},
      {"--name", "ckpt-4000", "/config/name", "ckpt-4000"},
      {"--suite", "single-id", "/config/suites", Json::array({"single-id"})},
  };
  std::vector<std::string> flags = {"--logprobs", "--label", "step=4000", "--label", "lr=3e-4"};
  for (const auto& c : cases) {
    flags.push_back(c.flag);
    flags.push_back(c.value);
  }
  const Json report = RunReport(flags, "all-flags");
  for (const auto& c : cases) {
    INFO(c.flag << " -> " << c.pointer);
    REQUIRE(report.contains(Json::json_pointer(c.pointer)));
    CHECK(report[Json::json_pointer(c.pointer)] == c.expected);
  }
  CHECK(report["config"]["generation"]["logprobs"] == true);
  CHECK(report["config"]["labels"] == Json{{"step", "4000"}, {"lr", "3e-4"}});
  CHECK(report["config"]["toolshift"]["version"] == report["toolshift_version"]);
  CHECK(report["config"]["toolshift"]["compiler"].is_string());
  CHECK(report["run"]["started_at"].is_string());
  CHECK(report["run"]["finished_at"].is_string());

  // The defaults are recorded too, not left out.
  const Json plain = RunReport({"--suite", "single-id", "--limit", "2"}, "defaults");
  CHECK(plain["config"]["generation"]["temperature"] == 0.0);
  CHECK(plain["config"]["generation"]["tool_mode"] == "auto");
  CHECK(plain["config"]["dialect_override"].is_null());
  CHECK(plain["config"]["name"].is_null());
  CHECK(plain["config"]["labels"] == Json::object());
}

TEST_CASE("a label that is not KEY=VALUE or a key given twice exits 2 before anything runs", "[cli][report][provenance]") {
  for (const std::vector<std::string>& labels :
       {std::vector<std::string>{"--label", "novalue"}, {"--label", "=x"}, {"--label", "a=1", "--label", "a=2"}}) {
    std::vector<std::string> args = {"run", "-q", "--suite", "single-id", "--limit", "1", "--out",
                                     testing::ScratchDir("bad-label") + "/r.json"};
    args.insert(args.end(), labels.begin(), labels.end());
    const auto r = RunToolshift(args);
    CHECK(r.exit_code == 2);
    CHECK_THAT(r.err, Contains("--label"));
  }
}

TEST_CASE("a dialect override runs each in-distribution suite also as its paired dialect:X format shift", "[cli][report][provenance]") {
  const Json report = RunReport({"--model", "reference:overfit", "--suite", "multi-id", "--limit", "30", "--dialect",
                                 "pythonic"},
                                "dialect-override");
  REQUIRE(report["splits"].contains("id"));
  REQUIRE(report["splits"].contains("format"));
  CHECK(report["splits"]["id"]["n"] == 30);
  CHECK(report["splits"]["format"]["n"] == 30);
  const Json& gap = report["gap"]["format"];
  CHECK(gap["pairs"] == 30);  // every shifted episode has its twin
  REQUIRE(gap["by_kind"].contains("dialect:pythonic"));
  CHECK(gap["delta"].get<double>() > 0.3);  // the overfit policy collapses outside hermes
  bool twin_listed = false;
  for (const auto& s : report["suites"]) {
    if (s["name"] == "multi-id@dialect-pythonic") {
      twin_listed = true;
      CHECK(s["split"] == "format");
      CHECK(s["shift"] == "dialect:pythonic");
      CHECK(s["base_suite"] == "multi-id");
    }
  }
  CHECK(twin_listed);
  CHECK(report["config"]["dialect_override"] == "pythonic");
  // The oracle is right in any dialect: no gap.
  const Json oracle = RunReport({"--suite", "single-id", "--limit", "20", "--dialect", "xml"}, "dialect-oracle");
  CHECK(oracle["gap"]["format"]["delta"] == 0.0);
  CHECK(oracle["gap"]["format"]["pairs"] == 20);
}

}  // namespace
}  // namespace toolshift
