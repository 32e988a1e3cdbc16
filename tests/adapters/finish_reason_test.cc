// The backend's finish reason: every adapter reads it (in OpenAI's words), it survives the
// store, the episode log and replay, and "length" raises the truncated signature.
#include <catch2/catch.hpp>

#include <cstdlib>

#include "adapters/adapter.h"
#include "adapters/exec/exec_adapter.h"
#include "adapters/replay/recorded_outputs.h"
#include "src/core/suite_catalog.h"
#include "src/engine/run_store.h"
#include "src/engine/runner.h"
#include "tests/server/test_model_server.h"
#include "tests/test_support.h"

namespace toolshift {
namespace {

const std::vector<Suite>& TextSuites() {
  static const std::vector<Suite> suites =
      SuiteCatalog(testing::SuitesRoot()).Resolve({"single-id", "single-fmt-dialect-pythonic"});
  return suites;
}

}  // namespace

TEST_CASE("every HTTP adapter reads the finish reason - a reply cut at max_tokens is truncated", "[adapters][signatures]") {
  testing::TestModelServer server(TextSuites(), {});
  const std::string base = server.Start();
  for (const std::string& spec : {"openai:m@" + base + "/v1", "openai-completions:m@" + base + "/v1",
                                 "anthropic:m@" + base, "ollama:m@" + base}) {
    DYNAMIC_SECTION(spec.substr(0, spec.find(':'))) {
      AdapterOptions options;
      setenv("TOOLSHIFT_TEST_API_KEY", "k", 1);
      options.api_key_env = "TOOLSHIFT_TEST_API_KEY";
      options.tool_mode = "prompt";
      RunOptions run;
      run.limit = 10;
      run.jobs = 2;
      SECTION("a generous limit: stopped, nothing truncated") {
        options.max_tokens = 512;
        auto adapter = MakeAdapter(spec, options);
        for (const auto& r : RunSuites(TextSuites(), *adapter, run)) {
          REQUIRE(r.response.ok());
          CHECK(r.response.message.finish_reason == "stop");
          CHECK_FALSE(HasSignature(r.verdict.signatures, "truncated"));
          CHECK(r.verdict.correct);
        }
      }
      SECTION("a limit of 3 tokens: every call is cut and says so") {
        options.max_tokens = 3;
        auto adapter = MakeAdapter(spec, options);
        size_t truncated = 0;
        for (const auto& r : RunSuites(TextSuites(), *adapter, run)) {
          REQUIRE(r.response.ok());
          CHECK(r.response.message.finish_reason == "length");
          truncated += HasSignature(r.verdict.signatures, "truncated");
          CHECK_FALSE(r.verdict.correct);
        }
        CHECK(truncated == 20);
      }
    }
  }
}

TEST_CASE("the finish reason survives the store - replay lines and the exec protocol", "[adapters][signatures]") {
  ChatResponse r;
  r.message.content = "<tool_call>";
  r.message.finish_reason = "length";
  CHECK(ReplyFromJson(ReplyToJson(r)).message.finish_reason == "length");

  const RecordedOutput as_line = ParseRecordedOutput(R"({"id": "e1", "output": "<tool_call>", "finish_reason": "length"})", "o.jsonl:1");
  CHECK(as_line.response.message.finish_reason == "length");
  const RecordedOutput logged =
      ParseRecordedOutput(R"({"id": "e1", "output": {"role": "assistant", "content": "x", "finish_reason": "length"}})", "o.jsonl:2");
  CHECK(logged.response.message.finish_reason == "length");
  CHECK_THROWS_WITH(ParseRecordedOutput(R"({"id": "e1", "output": {"content": "x", "finish_reason": 3}})", "o.jsonl:3"),
                    Catch::Contains("o.jsonl:3") && Catch::Contains("output.finish_reason"));

  bool broken = false;
  const ChatResponse exec = ParseExecReply(R"({"id": "7", "content": "[f(", "finish_reason": "length"})", "7", &broken);
  CHECK_FALSE(broken);
  CHECK(exec.message.finish_reason == "length");
}

}  // namespace toolshift
