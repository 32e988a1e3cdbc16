// Model output extremes: whatever a model emits is scored, within bounded time and memory,
// and the limits (--max-output-bytes, --max-calls) say what happened.
#include <catch2/catch.hpp>

#include <chrono>

#include "src/core/suite_catalog.h"
#include "src/engine/episode_loop.h"
#include "src/scoring/episode_scorer.h"
#include "src/scoring/trajectory_scorer.h"
#include "tests/test_support.h"

namespace toolshift {
namespace {

const Episode& FirstOf(const std::string& suite) {
  static const std::vector<Suite> suites = SuiteCatalog(testing::SuitesRoot()).Resolve({"single-id", "multi-id"});
  for (const auto& s : suites) {
    if (s.manifest.name == suite) return s.episodes.front();
  }
  throw std::logic_error("no suite " + suite);
}

std::string ManyHermesCalls(size_t n) {
  std::string text;
  for (size_t i = 0; i < n; ++i) text += "<tool_call>\n{\"name\": \"get_balance\", \"arguments\": {\"account_id\": \"ACC-1\"}}\n</tool_call>\n";
  return text;
}

}  // namespace

TEST_CASE("extreme outputs are scored in every dialect, never crash", "[scoring][limits]") {
  const Episode& ep = FirstOf("single-id");
  const std::vector<std::string> outputs = {
      "",
      std::string(1000000, 'a'),                                      // 1 MB of prose
      "```json\n{\"name\": \"x\", \"arguments\": {}}\n```",           // a call in a code fence
      "<tool_call>\n{\"name\": \"x\", \"arguments\": {\"a\": \"unterminated", 
      std::string("<tool_call>\n{\"name\": \"x\0y\", \"arguments\": {}}\n</tool_call>", 50),  // a NUL byte
      "[f(a='unterminated", "Action: f\nAction Input: {\"a\": ", "<invoke name=\"f\"><parameter name=\"a\">",
      std::string(100000, '['), std::string(100000, '{'),
  };
  for (const char* name : {"hermes", "pythonic", "json", "xml", "react", "native"}) {
    const Dialect& d = *FindDialect(name);
    for (const auto& out : outputs) {
      const auto t0 = std::chrono::steady_clock::now();
      const EpisodeVerdict v = ScoreReply(ep, d, Message{Role::kAssistant, out, {}});
      CHECK_FALSE(v.correct);
      CHECK(std::chrono::steady_clock::now() - t0 < std::chrono::seconds(2));
    }
  }
}

TEST_CASE("a reply over --max-output-bytes is malformed and not read", "[scoring][limits]") {
  const Episode& ep = FirstOf("single-id");
  ReplyLimits limits;
  limits.max_output_bytes = 100;
  const EpisodeVerdict v = ScoreReply(ep, *FindDialect("hermes"), Message{Role::kAssistant, std::string(101, 'x'), {}}, limits);
  CHECK(v.failure == FailureCategory::kMalformed);
  CHECK(v.detail == "reply of 101+ bytes exceeds --max-output-bytes 100; not read");
  // Native calls count too.
  Message native{Role::kAssistant, "", {ToolCall{"f", {{"a", std::string(200, 'y')}}}}};
  CHECK(ScoreReply(ep, *FindDialect("native"), native, limits).failure == FailureCategory::kMalformed);
  // Within the limit the same reply is read as usual.
  CHECK(ScoreReply(ep, *FindDialect("hermes"), Message{Role::kAssistant, std::string(100, 'x'), {}}, limits).failure ==
        FailureCategory::kNoCall);
}

TEST_CASE("10,000 calls in one reply exceed the default --max-calls and are never run", "[scoring][limits]") {
  const Episode& single = FirstOf("single-id");
  const std::string text = ManyHermesCalls(10000);
  const EpisodeVerdict v = ScoreReply(single, *FindDialect("hermes"), Message{Role::kAssistant, text, {}});
  CHECK(v.failure == FailureCategory::kMalformed);
  CHECK(v.detail == "10000 calls in one reply exceed --max-calls 1000");
  // Multi-step: the environment runs none of them; the step is a broken reply.
  const Episode& multi = FirstOf("multi-id");
  EpisodeLoop loop(multi);
  loop.Feed(Message{Role::kAssistant, text, {}});
  REQUIRE(loop.trajectory().steps.size() == 1);
  CHECK(loop.trajectory().steps[0].kind == TrajectoryStep::Kind::kMalformed);
  CHECK(loop.trajectory().steps[0].calls.empty());
  // A raised limit lets them through, and the loop runs every one.
  ReplyLimits raised;
  raised.max_calls = 20000;
  EpisodeLoop big(multi, raised);
  big.Feed(Message{Role::kAssistant, text, {}});
  CHECK(big.trajectory().steps[0].calls.size() == 10000);
}

}  // namespace toolshift
