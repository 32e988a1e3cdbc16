// The episode log line written without a tree (src/report/episode_log_line.h) is the tree's
// bytes: for every built-in suite under a model that fails in every way, and for the record
// fields a run rarely sets (backend errors, the cache, resumption, usage, text that is not UTF-8).
#include <catch2/catch.hpp>

#include <cmath>
#include <limits>

#include "adapters/adapter.h"
#include "src/core/suite_catalog.h"
#include "src/engine/runner.h"
#include "src/report/episode_log_line.h"
#include "src/report/report_builder.h"
#include "tests/test_support.h"

namespace toolshift {
namespace {

std::string Line(const EpisodeRecord& r) {
  std::string out;
  AppendEpisodeLogLine(out, r);
  return out;
}

}  // namespace

TEST_CASE("episode log lines are the tree's bytes for every built-in suite", "[report][log]") {
  const std::vector<Suite> suites = SuiteCatalog(testing::SuitesRoot()).LoadAll();
  for (const char* model : {"reference:oracle", "reference:noisy:0.5", "reference:overfit"}) {
    auto adapter = MakeAdapter(model);
    RunOptions opt;
    opt.limit = 12;
    const std::vector<EpisodeRecord> records = RunSuites(suites, *adapter, opt);
    REQUIRE(records.size() > 400);
    size_t failed = 0;
    for (const auto& r : records) {
      CAPTURE(model, r.suite->manifest.name, r.episode->id);
      REQUIRE(Line(r) == DumpJson(EpisodeLogEntry(r)));
      failed += r.verdict.correct ? 0 : 1;
    }
    if (std::string(model) != "reference:oracle") CHECK(failed > 50);  // failures of every kind were written
  }
}

TEST_CASE("episode log lines are the tree's bytes for the rarer record fields", "[report][log]") {
  const std::vector<Suite> suites = SuiteCatalog(testing::SuitesRoot()).Resolve({"single-fmt-dialect-native", "multi-id"});
  auto adapter = MakeAdapter("reference:oracle");
  RunOptions opt;
  opt.limit = 3;
  std::vector<EpisodeRecord> records = RunSuites(suites, *adapter, opt);
  REQUIRE(records.size() == 6);
  std::vector<EpisodeRecord> variants;
  for (const auto& base : records) {
    variants.push_back(base);
    EpisodeRecord e = base;  // a backend error
    e.response = ChatResponse{};
    e.response.error = "HTTP 503: busy \"now\"\n\x01";
    e.verdict = EpisodeVerdict{};
    e.verdict.failure = FailureCategory::kBackendError;
    e.verdict.detail = "backend";
    variants.push_back(e);
    EpisodeRecord c = base;  // from the cache, resumed, with usage and odd numbers
    c.from_cache = true;
    c.resumed = true;
    c.attempts = 0;
    c.latency_ms = 80.0;
    c.seed = std::numeric_limits<uint64_t>::max();
    c.epoch = 7;
    c.response.usage = Usage{1234, 56, true, 1000, true};
    variants.push_back(c);
    c.response.usage.cache_reported = false;
    c.latency_ms = std::nan("");
    c.verdict.other_dialect = "pythonic";
    c.verdict.other_dialect_correct = false;
    c.verdict.parse.error = "bad \xff byte";
    c.response.message.content = "caf\xc3\xa9 \xed\xa0\x80 <tool_call>\t";
    c.response.message.unread = "too long";
    c.response.message.finish_reason = "length";
    c.response.message.tool_calls = {ToolCall{"f", Json{{"x", 1.5}, {"y", Json::array({1, "two"})}}, "call_1"},
                                     ToolCall{"g", Json::object(), ""}};
    if (!c.prompt.empty()) {
      c.prompt.back().tool_call_id = "id";
      c.prompt.back().name = "tool";
    }
    c.verdict.signatures = {{"tag_imbalance", "2 open, 1 closed"}, {"truncated", ""}};
    variants.push_back(c);
    EpisodeRecord l = base;  // log-probabilities: written through the tree
    l.response.logprobs = Json{{"content", Json::array()}};
    variants.push_back(l);
  }
  for (const auto& r : variants) {
    CAPTURE(r.suite->manifest.name, r.episode->id, r.response.error);
    CHECK(Line(r) == DumpJson(EpisodeLogEntry(r)));
  }
}

}  // namespace toolshift
