// Request bodies written without a JSON tree are the bytes the tree gives: every built-in
// suite's prompts, and strings that need escaping or are not UTF-8.
#include <catch2/catch.hpp>

#include <set>

#include "adapters/adapter.h"
#include "adapters/http/http_codec.h"
#include "adapters/openai/openai_adapter.h"
#include "src/core/json_text.h"
#include "src/core/suite_catalog.h"
#include "src/dialects/prompt_builder.h"
#include "src/engine/episode_loop.h"
#include "src/engine/prompt_memo.h"
#include "tests/test_support.h"

namespace toolshift {
namespace {

// The body as Encode wrote it before it skipped the tree.
std::string TreeBody(const ChatRequest& request, const AdapterOptions& o, bool native) {
  Json body = {{"model", "m"},
               {"messages", OpenAiMessages(request.messages)},
               {"temperature", o.temperature},
               {"max_tokens", o.max_tokens},
               {"seed", request.seed & 0x7fffffff}};
  if (native && !request.tools.empty()) body["tools"] = OpenAiTools(request.tools);
  if (o.logprobs) {
    body["logprobs"] = true;
    if (o.top_logprobs > 0) body["top_logprobs"] = o.top_logprobs;
  }
  return DumpJson(body);
}

}  // namespace

TEST_CASE("AppendJsonString writes what DumpJson writes", "[adapters][encoding]") {
  const std::vector<std::string> cases = {
      "", "plain", "quote \" backslash \\ slash /", "tab\tnew\nline\rcr\bbs\fff", std::string("nul \0 one \x01 us \x1f", 16),
      "del \x7f", "caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80", "bad \xff byte", "overlong \xc0\xaf", "surrogate \xed\xa0\x80",
      "cut \xe2\x82", "past max \xf4\x90\x80\x80", "<|im_end|>\n<tool_call>{\"a\": 1}</tool_call>"};
  for (const auto& s : cases) {
    CAPTURE(s);
    std::string out;
    AppendJsonString(out, s);
    CHECK(out == DumpJson(Json(s)));
  }
}

TEST_CASE("openai request bodies are the tree's bytes for every built-in suite", "[adapters][encoding]") {
  const std::vector<Suite> suites = SuiteCatalog(testing::SuitesRoot()).LoadAll();
  for (bool logprobs : {false, true}) {
    AdapterOptions o;
    o.logprobs = logprobs;
    o.top_logprobs = logprobs ? 3 : 0;
    o.temperature = logprobs ? 0.7 : 0.0;
    auto adapter = MakeAdapter("openai:m@http://127.0.0.1:9/v1", o);
    size_t checked = 0;
    for (const auto& s : suites) {
      for (size_t i = 0; i < s.episodes.size(); i += 7) {  // a sample of each suite
        const Episode& ep = s.episodes[i];
        std::vector<Message> prompt;
        std::vector<Tool> tools = ep.tools;
        if (ep.multi) {
          EpisodeLoop loop(ep);
          prompt = loop.prompt();
          tools = loop.tools();
        } else {
          prompt = BuildPrompt(ep, *MakeDialect(ep.dialect, ep.presentation));
        }
        ChatRequest req{prompt, tools, ep.dialect, 0x1234567890ULL + i, s.manifest.name, &ep};
        CAPTURE(s.manifest.name, ep.id);
        CHECK(adapter->http()->Encode(req).body == TreeBody(req, o, ep.dialect == "native"));
        ++checked;
      }
    }
    CHECK(checked > 1000);
  }
  // A conversation with tool calls and results (a multi-step episode further along).
  std::vector<Message> conv = {Message{Role::kSystem, "sys", {}}, Message{Role::kUser, "do it", {}}};
  Message call{Role::kAssistant, "", {ToolCall{"f", Json{{"x", 1}}, "id1"}}};
  conv.push_back(call);
  Message result{Role::kTool, "{\"ok\":true}", {}};
  result.tool_call_id = "id1";
  conv.push_back(result);
  AdapterOptions o;
  auto adapter = MakeAdapter("openai:m@http://127.0.0.1:9/v1", o);
  ChatRequest req{conv, {}, "hermes", 5, "s", nullptr};
  CHECK(adapter->http()->Encode(req).body == TreeBody(req, o, false));
}

TEST_CASE("openai native bodies tell apart tool lists that differ only in a schema's number type", "[adapters][encoding]") {
  AdapterOptions o;
  o.tool_mode = "native";
  auto adapter = MakeAdapter("openai:m@http://127.0.0.1:9/v1", o);
  const Tool base{"f", "does f", Json::parse(R"({"type":"object","properties":{"x":{"type":"number","default":1}}})")};
  std::vector<std::vector<Tool>> lists(5, {base});
  lists[1][0].parameters["properties"]["x"]["default"] = 1.0;  // == 1 for nlohmann, not as text
  lists[2][0].parameters["properties"]["x"]["default"] = -0.0;
  lists[3][0].description = "does f \"quoted\"";
  lists[4].push_back(Tool{"g", "", Json::object()});
  std::set<std::string> bodies;
  for (int pass = 0; pass < 2; ++pass) {  // the second pass is served from the adapter's memo
    for (const auto& tools : lists) {
      ChatRequest req{{Message{Role::kUser, "go", {}}}, tools, "hermes", 1, "s", nullptr};
      const std::string body = adapter->http()->Encode(req).body;
      CHECK(body == TreeBody(req, o, true));
      bodies.insert(body);
    }
  }
  CHECK(bodies.size() == lists.size());
  for (const auto& tools : lists) CHECK(OpenAiToolsText(tools) == DumpJson(OpenAiTools(tools)));
}

// The engine's prompt memo (src/engine/prompt_memo.h) gives BuildPrompt's messages.
TEST_CASE("PromptMemo gives BuildPrompt's messages for every built-in suite", "[engine][encoding][library]") {
  const std::vector<Suite> suites = SuiteCatalog(testing::SuitesRoot()).LoadAll();
  PromptMemo memo(64);  // small: it fills and starts afresh during the sweep too
  size_t checked = 0;
  for (int pass = 0; pass < 2; ++pass) {  // the second pass finds what the first left
    for (const auto& s : suites) {
      for (const Episode& ep : s.episodes) {
        if (ep.multi) continue;
        const auto dialect = MakeDialect(ep.dialect, ep.presentation);
        CAPTURE(s.manifest.name, ep.id);
        REQUIRE(memo.Build(ep, *dialect) == BuildPrompt(ep, *dialect));
        ++checked;
      }
    }
  }
  CHECK(checked > 10000);
}

TEST_CASE("PromptMemo tells apart tools that differ only in a schema's number type or sign", "[engine][encoding]") {
  Episode a;
  a.id = "a";
  a.dialect = "hermes";
  a.messages = {Message{Role::kSystem, "You help.", {}}, Message{Role::kUser, "go", {}}};
  a.tools = {Tool{"f", "does f", Json::parse(R"({"type":"object","properties":{"x":{"type":"number","default":1}}})")}};
  Episode b = a, c = a, d = a, e = a, f = a;
  b.tools[0].parameters["properties"]["x"]["default"] = 1.0;   // == 1 for nlohmann, not as text
  c.tools[0].parameters["properties"]["x"]["default"] = 0.0;
  d.tools[0].parameters["properties"]["x"]["default"] = -0.0;  // == 0.0, dumps as -0.0
  e.messages.front().content = "You help more.";
  f.messages.erase(f.messages.begin());
  PromptMemo memo;
  for (const Episode* ep : {&a, &b, &c, &d, &e, &f, &a, &b, &c, &d, &e, &f}) {
    const auto dialect = MakeDialect(ep->dialect, ep->presentation);
    CAPTURE(ep->tools[0].parameters.dump(), ep->messages.size());
    CHECK(memo.Build(*ep, *dialect) == BuildPrompt(*ep, *dialect));
  }
  const auto hermes = MakeDialect("hermes", {});
  CHECK(memo.Build(b, *hermes) != memo.Build(a, *hermes));
  CHECK(memo.Build(d, *hermes) != memo.Build(c, *hermes));
}

}  // namespace toolshift
