// Remote and exec replies nesting far past the depth limit (2,000,000 levels, under 4 MB):
// every codec decodes them without building the deep value — copying one recurses — into a
// malformed reply that names the limit.
#include <catch2/catch.hpp>

#include <cstdlib>

#include "adapters/adapter.h"
#include "adapters/exec/exec_adapter.h"
#include "adapters/http/http_codec.h"
#include "src/net/http_transport.h"
#include "src/scoring/reply_limits.h"

namespace toolshift {

TEST_CASE("replies nesting 2,000,000 deep decode as malformed replies naming the limit", "[adapters][limits]") {
  setenv("TOOLSHIFT_TEST_DEEP_KEY", "k", 1);
  AdapterOptions options;
  options.api_key_env = "TOOLSHIFT_TEST_DEEP_KEY";
  const size_t depth = 2000000;
  const std::string deep = std::string(depth, '[') + std::string(depth, ']');
  const std::string as_string = "{\\\"x\\\": " + deep + "}";
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"openai:m@http://127.0.0.1:9/v1",
       R"({"choices":[{"message":{"role":"assistant","content":null,"tool_calls":[{"id":"c","type":"function","function":{"name":"f","arguments":")" +
           as_string + "\"}}]}}]}"},
      {"anthropic:m@http://127.0.0.1:9",
       R"({"content":[{"type":"tool_use","id":"c","name":"f","input":{"x":)" + deep + "}}]}"},
      {"ollama:m@http://127.0.0.1:9",
       R"({"message":{"role":"assistant","content":"","tool_calls":[{"function":{"name":"f","arguments":{"x":)" + deep + "}}}]}}"}};
  for (const auto& [spec, body] : cases) {
    INFO(spec);
    const auto adapter = MakeAdapter(spec, options);
    HttpResult result;
    result.status = 200;
    result.body = body;
    const ChatResponse r = adapter->http()->Decode(result);
    REQUIRE(r.ok());
    CHECK_THAT(UnreadReason(r.message, ReplyLimits{}), Catch::Contains("deeper than 512 levels"));
  }
  bool broken = false;
  const ChatResponse r = ParseExecReply(R"({"id": "s/1", "tool_calls": [{"name": "f", "arguments": {"x": )" + deep + "}}]}",
                                        "s/1", &broken);
  CHECK_FALSE(broken);
  REQUIRE(r.ok());
  CHECK(r.message.unread == "the reply nests deeper than 512 levels; not read");
}

}  // namespace toolshift
