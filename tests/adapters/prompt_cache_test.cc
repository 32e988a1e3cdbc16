// What servers say about their prompt cache reaches Usage, the journal and the report; and a
// prefix key sends requests that share a prefix to one replica.
#include <catch2/catch.hpp>

#include <set>

#include "adapters/adapter.h"
#include "adapters/http/http_codec.h"
#include "adapters/openai/openai_adapter.h"
#include "src/engine/run_store.h"
#include "src/report/report_builder.h"

namespace toolshift {

TEST_CASE("cached prompt tokens are read from OpenAI's and llama.cpp's fields", "[adapters][cache]") {
  const Json openai = Json::parse(
      R"({"usage": {"prompt_tokens": 93, "completion_tokens": 8, "prompt_tokens_details": {"cached_tokens": 64}}})");
  Usage u = ReadOpenAiUsage(openai);
  CHECK(u.reported);
  CHECK(u.cache_reported);
  CHECK(u.prompt_tokens == 93);
  CHECK(u.cached_prompt_tokens == 64);

  const Json llama = Json::parse(R"({"usage": {"prompt_tokens": 93, "completion_tokens": 8},
                                     "timings": {"cache_n": 65, "prompt_n": 28}})");
  u = ReadOpenAiUsage(llama);
  CHECK(u.cache_reported);
  CHECK(u.cached_prompt_tokens == 65);

  u = ReadOpenAiUsage(Json::parse(R"({"usage": {"prompt_tokens": 5, "completion_tokens": 1}})"));
  CHECK(u.reported);
  CHECK_FALSE(u.cache_reported);  // a server that says nothing about a cache
}

TEST_CASE("cached prompt tokens survive the journal", "[adapters][cache]") {
  ChatResponse r;
  r.usage = {93, 8, true, 65, true};
  const ChatResponse back = ReplyFromJson(ReplyToJson(r));
  CHECK(back.usage.cache_reported);
  CHECK(back.usage.cached_prompt_tokens == 65);
}

TEST_CASE("the report shows cached vs processed prompt tokens only when the server reported them", "[report][cache]") {
  Suite suite;
  suite.manifest.name = "s";
  Episode e;
  e.id = "e1";
  e.dialect = "hermes";
  suite.episodes = {e};
  const std::vector<Suite> suites = {suite};
  EpisodeRecord r;
  r.suite = &suites[0];
  r.episode = &suites[0].episodes[0];
  r.scored = true;
  r.response.usage = {100, 5, true, 0, false};
  RunInfo info;
  Json report = BuildReport(suites, {r}, info);
  CHECK_FALSE(report["tokens"].contains("prompt_cached"));
  r.response.usage = {100, 5, true, 80, true};
  report = BuildReport(suites, {r}, info);
  CHECK(report["tokens"]["prompt_cached"] == 80);
  CHECK(report["tokens"]["prompt_processed"] == 20);
  CHECK(EpisodeLogEntry(r)["usage"]["cached_prompt_tokens"] == 80);
}

TEST_CASE("a prefix key sends a request to the same replica every time", "[adapters][cache]") {
  auto adapter = MakeAdapter("openai:m@http://a:1/v1,http://b:2/v1,http://c:3/v1");
  const HttpCodec& codec = *adapter->http();
  ChatRequest req{{Message{Role::kUser, "hi", {}}}, {}, "hermes", 1, "s", nullptr};
  std::set<std::string> round_robin;
  for (int i = 0; i < 3; ++i) round_robin.insert(codec.Encode(req).url);
  CHECK(round_robin.size() == 3);  // no key: every replica in turn
  req.prefix_key = 12345;
  const std::string first = codec.Encode(req).url;
  for (int i = 0; i < 5; ++i) CHECK(codec.Encode(req).url == first);
  std::set<std::string> spread;
  for (uint64_t k = 1; k <= 30; ++k) {
    req.prefix_key = k;
    spread.insert(codec.Encode(req).url);
  }
  CHECK(spread.size() == 3);  // different prefixes still use every replica
}

}  // namespace toolshift
