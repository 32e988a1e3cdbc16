// What each dialect reads as calls, as no call, and as a malformed call attempt.
#include <catch2/catch.hpp>

#include <cmath>

#include "src/dialects/dialect.h"

namespace toolshift {
namespace {

using Status = ParseResult::Status;

ParseResult ParseText(const char* dialect, const std::string& text) {
  const Tool weather{"get_weather", "", Json::parse(R"({"type":"object","properties":{"city":{"type":"string"},"days":{"type":"integer"}}})")};
  return FindDialect(dialect)->Parse(Message{Role::kAssistant, text, {}}, {weather});
}

}  // namespace

TEST_CASE("hermes", "[dialects][hermes]") {
  auto r = ParseText("hermes", "Sure!\n<tool_call>\n{\"name\": \"get_weather\", \"arguments\": {\"city\": \"Paris\"}}\n</tool_call>\nDone.");
  REQUIRE(r.status == Status::kCalls);
  CHECK(r.calls[0].arguments["city"] == "Paris");
  CHECK(ParseText("hermes", "It is sunny in Paris.").status == Status::kNoCall);
  CHECK(ParseText("hermes", "<tool_call>{\"name\": \"get_weather\", \"arguments\": {}}").status == Status::kMalformed);
  CHECK(ParseText("hermes", "<tool_call>{\"name\": \"get_weather\", \"arguments\": {\"city\": }</tool_call>").status == Status::kMalformed);
  CHECK(ParseText("hermes", "{\"name\": \"x\"}</tool_call>").status == Status::kMalformed);
  CHECK(ParseText("hermes", "<tool_call>{\"arguments\": {}}</tool_call>").status == Status::kMalformed);
  CHECK(ParseText("hermes", "<tool_call>{\"name\": \"a\", \"arguments\": \"city=Paris\"}</tool_call>").status == Status::kMalformed);
  CHECK(ParseText("hermes", "<tool_call>{\"name\": \"a\"} <tool_call>{\"name\": \"b\"}</tool_call>").status == Status::kMalformed);
  // A list of calls inside one tag, and a code fence inside the tag, are accepted.
  r = ParseText("hermes", "<tool_call>[{\"name\": \"a\"}, {\"name\": \"b\", \"arguments\": {\"k\": 1}}]</tool_call>");
  REQUIRE(r.status == Status::kCalls);
  CHECK(r.calls.size() == 2);
  CHECK(ParseText("hermes", "<tool_call>\n```json\n{\"name\": \"a\"}\n```\n</tool_call>").status == Status::kCalls);
}

TEST_CASE("pythonic", "[dialects][pythonic]") {
  auto r = ParseText("pythonic", "[get_weather(city='Paris', days=3), math.factorial(n=5,)]");
  REQUIRE(r.status == Status::kCalls);
  CHECK(r.calls[1].name == "math.factorial");
  CHECK(r.calls[0].arguments["days"] == 3);
  r = ParseText("pythonic", "get_weather(city=\"Oslo\")");  // bare call, as BFCL's decoder accepts
  REQUIRE(r.status == Status::kCalls);
  r = ParseText("pythonic", "```python\n[f(x=(1, 2), y={'a': [True, None]}, z=-1.5e3, w=r'\\d')]\n```");
  REQUIRE(r.status == Status::kCalls);
  CHECK(r.calls[0].arguments["x"] == Json::array({1, 2}));
  CHECK(r.calls[0].arguments["y"]["a"][1].is_null());
  CHECK(r.calls[0].arguments["z"].get<double>() == -1500.0);
  CHECK(r.calls[0].arguments["w"] == "\\d");
  CHECK(ParseText("pythonic", "[]").status == Status::kNoCall);
  CHECK(ParseText("pythonic", "I cannot help with that.").status == Status::kNoCall);
  CHECK(ParseText("pythonic", "[get_weather(city='Paris']").status == Status::kMalformed);
  CHECK(ParseText("pythonic", "[get_weather('Paris')]").status == Status::kMalformed);  // positional
  CHECK(ParseText("pythonic", "[get_weather(city='Paris)]").status == Status::kMalformed);
  CHECK(ParseText("pythonic", "[get_weather(city=Paris)]").status == Status::kMalformed);  // bare name
  // A keyword twice still reads as a call, the last value kept: the scorer judges the duplicate.
  r = ParseText("pythonic", "[get_weather(city='a', city='b')]");
  REQUIRE(r.status == Status::kCalls);
  CHECK(r.calls[0].arguments["city"] == "b");
  CHECK(ParseText("pythonic", "Let me call get_weather(city='Paris') now").status == Status::kMalformed);
  // Escapes: \u with a surrogate pair, \x, unknown escapes kept.
  r = ParseText("pythonic", R"([f(s="\ud83c\udf89 \x41 \q")])");
  REQUIRE(r.status == Status::kCalls);
  CHECK(r.calls[0].arguments["s"] == "\xF0\x9F\x8E\x89 A \\q");
}

TEST_CASE("json", "[dialects][json]") {
  auto r = ParseText("json", "```json\n{\"name\": \"get_weather\", \"arguments\": {\"city\": \"Paris\"}}\n```");
  REQUIRE(r.status == Status::kCalls);
  r = ParseText("json", "[{\"name\": \"a\"}, {\"name\": \"b\"}]");
  REQUIRE(r.status == Status::kCalls);
  CHECK(r.calls.size() == 2);
  CHECK(ParseText("json", "The answer is 42.").status == Status::kNoCall);
  CHECK(ParseText("json", "[]").status == Status::kNoCall);
  CHECK(ParseText("json", "{\"name\": \"a\", \"arguments\": {").status == Status::kMalformed);
  CHECK(ParseText("json", "{\"city\": \"Paris\"}").status == Status::kMalformed);
  CHECK(ParseText("json", "Calling: {\"name\": \"a\", \"arguments\": {}}").status == Status::kMalformed);
}

TEST_CASE("xml", "[dialects][xml]") {
  auto r = ParseText("xml",
                     "<function_calls>\n<invoke name=\"get_weather\">\n<parameter name=\"city\">Rock &amp; Roll &lt;3</parameter>\n"
                     "<parameter name=\"days\">7</parameter>\n</invoke>\n</function_calls>");
  REQUIRE(r.status == Status::kCalls);
  CHECK(r.calls[0].arguments["city"] == "Rock & Roll <3");
  CHECK(r.calls[0].arguments["days"] == 7);  // decoded by schema type
  r = ParseText("xml", "<invoke name=\"get_weather\"><parameter name=\"city\">42</parameter></invoke>");
  REQUIRE(r.status == Status::kCalls);
  CHECK(r.calls[0].arguments["city"] == "42");  // string-typed parameter stays a string
  r = ParseText("xml", "<invoke name=\"get_weather\"><parameter name=\"days\">seven</parameter></invoke>");
  REQUIRE(r.status == Status::kCalls);
  CHECK(r.calls[0].arguments["days"] == "seven");  // left as text for the scorer's type check
  CHECK(ParseText("xml", "No tools needed.").status == Status::kNoCall);
  CHECK(ParseText("xml", "<invoke name=\"get_weather\"><parameter name=\"city\">Paris</parameter>").status == Status::kMalformed);
  CHECK(ParseText("xml", "<invoke name=\"get_weather\"><parameter name=\"city\">Paris</invoke>").status == Status::kMalformed);
  CHECK(ParseText("xml", "<invoke><parameter name=\"city\">Paris</parameter></invoke>").status == Status::kMalformed);
  CHECK(ParseText("xml", "<function_calls></function_calls>").status == Status::kMalformed);
  CHECK(ParseText("xml", "<invoke name=\"a\">stray text</invoke>").status == Status::kMalformed);
  CHECK(ParseText("xml", "<parameter name=\"city\">Paris</parameter>").status == Status::kMalformed);
}

TEST_CASE("react", "[dialects][react]") {
  auto r = ParseText("react", "Thought: need weather\nAction: get_weather\nAction Input: {\"city\": \"Paris\"}\nObservation:");
  REQUIRE(r.status == Status::kCalls);
  CHECK(r.calls[0].arguments["city"] == "Paris");
  r = ParseText("react", "Action: a\nAction Input: {\"x\": \"}\"}\nAction: b\nAction Input: {}");
  REQUIRE(r.status == Status::kCalls);
  CHECK(r.calls.size() == 2);
  CHECK(r.calls[0].arguments["x"] == "}");
  CHECK(ParseText("react", "Thought: easy\nFinal Answer: 4").status == Status::kNoCall);
  CHECK(ParseText("react", "Action: get_weather\nThought: hmm").status == Status::kMalformed);
  CHECK(ParseText("react", "Action: get_weather\nAction Input: {\"city\": \"Paris\"").status == Status::kMalformed);
  CHECK(ParseText("react", "Action: get_weather\nAction Input: city=Paris").status == Status::kMalformed);
  CHECK(ParseText("react", "Action: \nAction Input: {}").status == Status::kMalformed);
}

TEST_CASE("native reads structured calls only", "[dialects][native]") {
  const Dialect* d = FindDialect("native");
  Message m{Role::kAssistant, "<tool_call>{\"name\": \"a\"}</tool_call>", {}};
  CHECK(d->Parse(m, {}).status == Status::kNoCall);
  m.tool_calls = {ToolCall{"a", Json::object({{"k", 1}})}};
  CHECK(d->Parse(m, {}).status == Status::kCalls);
  m.tool_calls = {ToolCall{"a", Json("{not json")}};
  CHECK(d->Parse(m, {}).status == Status::kMalformed);
  m.tool_calls = {ToolCall{"", Json::object()}};
  CHECK(d->Parse(m, {}).status == Status::kMalformed);
}

}  // namespace toolshift

namespace toolshift {

TEST_CASE("numbers too large for a double are a malformed call, never an exception", "[dialects]") {
  // nlohmann/json reports 1e999999 as out_of_range, not as a parse error; it once escaped the
  // parsers and stopped a whole scoring run.
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"hermes", R"(<tool_call>{"name": "get_weather", "arguments": {"city": 1e999999}}</tool_call>)"},
      {"json", R"({"name": "get_weather", "arguments": {"city": -1e999999}})"},
      {"react", "Action: get_weather\nAction Input: {\"city\": 1e999999}"},
  };
  for (const auto& [dialect, text] : cases) {
    INFO(dialect << ": " << text);
    ParseResult r;
    REQUIRE_NOTHROW(r = ParseText(dialect.c_str(), text));
    CHECK(r.status == ParseResult::Status::kMalformed);
  }
  // Python reads 1e999999 as inf, and so does the pythonic dialect: a call, with a value no
  // schema accepts as the expected one.
  ParseResult r;
  REQUIRE_NOTHROW(r = ParseText("pythonic", "[get_weather(city=1e999999)]"));
  REQUIRE(r.status == ParseResult::Status::kCalls);
  CHECK(std::isinf(r.calls[0].arguments["city"].get<double>()));
}

}  // namespace toolshift
