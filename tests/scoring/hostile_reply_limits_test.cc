// Model text built to overflow a recursive reader: every dialect gives a malformed parse
// (naming the limit where it is the depth limit), never a crash; an unread reply keeps its
// verdict when it is cut for storage; recorded outputs past the depth limit are malformed
// replies, not input errors.
#include <catch2/catch.hpp>

#include "adapters/replay/recorded_outputs.h"
#include "src/core/json_limits.h"
#include "src/dialects/dialect.h"
#include "src/scoring/reply_limits.h"

namespace toolshift {
namespace {

Tool AnyTool() { return Tool{"f", "", Json{{"type", "object"}, {"properties", {{"x", {{"type", "string"}}}}}}}; }

ParseResult Parse(const std::string& dialect, const std::string& text) {
  const auto d = MakeDialect(dialect, Presentation{});
  return ParseWithinLimits(*d, Message{Role::kAssistant, text, {}}, {AnyTool()}, ReplyLimits{});
}

std::string Repeat(const std::string& s, size_t n) {
  std::string out;
  out.reserve(s.size() * n);
  for (size_t i = 0; i < n; ++i) out += s;
  return out;
}

}  // namespace

TEST_CASE("arguments nested 100,000 deep in text are malformed in every dialect", "[scoring][limits]") {
  const std::string deep = Repeat("{\"a\":", 100000) + "1" + std::string(100000, '}');
  for (const auto& [dialect, text] : std::vector<std::pair<std::string, std::string>>{
           {"hermes", "<tool_call>{\"name\": \"f\", \"arguments\": " + deep + "}</tool_call>"},
           {"json", "{\"name\": \"f\", \"arguments\": " + deep + "}"},
           {"react", "Action: f\nAction Input: " + deep},
           {"xml", "<invoke name=\"f\"><parameter name=\"y\">" + deep + "</parameter></invoke>"},
           {"pythonic", "[f(x=" + std::string(100000, '[') + std::string(100000, ']') + ")]"}}) {
    INFO(dialect);
    const ParseResult r = Parse(dialect, text);
    CHECK(r.status == ParseResult::Status::kMalformed);
    if (dialect != "pythonic") CHECK_THAT(r.error, Catch::Contains("deeper than 512 levels"));
  }
}

TEST_CASE("python expressions that nest by chaining are bounded too", "[scoring][limits]") {
  for (const std::string& arg : {std::string(100000, '-') + "1", "a" + Repeat("[0]", 100000), "1" + Repeat("+1", 100000),
                                 "2" + Repeat("**2", 100000), "f" + Repeat("(1)", 100000), "a" + Repeat(".b", 100000)}) {
    const ParseResult r = Parse("pythonic", "[f(x=" + arg + ")]");
    CHECK(r.status == ParseResult::Status::kMalformed);
  }
}

TEST_CASE("an unread reply is cut for storage and keeps its verdict", "[scoring][limits]") {
  const auto hermes = MakeDialect("hermes", Presentation{});
  const ReplyLimits limits{1000, 10};
  Message big{Role::kAssistant, std::string(kUnreadPrefixBytes * 3, 'x'), {}};
  const ParseResult before = ParseWithinLimits(*hermes, big, {AnyTool()}, limits);
  REQUIRE(before.status == ParseResult::Status::kMalformed);
  BoundReply(big, limits);
  CHECK(big.content.size() == kUnreadPrefixBytes);
  CHECK(big.unread == before.error);
  CHECK(ParseWithinLimits(*hermes, big, {AnyTool()}, limits).error == before.error);
  BoundReply(big, limits);  // idempotent
  CHECK(big.content.size() == kUnreadPrefixBytes);

  Message read{Role::kAssistant, "<tool_call>{\"name\": \"f\", \"arguments\": {}}</tool_call>", {}};
  const Message copy = read;
  BoundReply(read, limits);
  CHECK(read == copy);  // a reply that is read is left alone

  Json deep = 1;
  for (int i = 0; i < 100000; ++i) {  // moved in, never copied: Json::array({...}) copies its elements, recursively
    Json outer = Json::array();
    outer.push_back(std::move(deep));
    deep = std::move(outer);
  }
  Message native{Role::kAssistant, "", {}};
  native.tool_calls.push_back(ToolCall{"f", std::move(deep), "c"});  // moved: a braced list would copy it
  const std::string why = UnreadReason(native, ReplyLimits{});
  CHECK(why == "tool call 1's arguments nest deeper than 512 levels; not read");
  BoundReply(native, ReplyLimits{});
  CHECK(native.tool_calls.empty());
  CHECK(native.unread == why);
}

TEST_CASE("a recorded output past the depth limit is a malformed reply — an episode log's mark is read", "[scoring][limits]") {
  const std::string deep = std::string(100000, '[') + std::string(100000, ']');
  RecordedOutput o = ParseRecordedOutput(
      "{\"id\": \"e\", \"tool_calls\": [{\"name\": \"f\", \"arguments\": {\"x\": " + deep + "}}]}", "o.jsonl:1");
  CHECK(o.id == "e");
  CHECK_THAT(o.response.message.unread, Catch::Contains("deeper than 512 levels"));
  RecordedOutput as_string = ParseRecordedOutput(
      "{\"id\": \"e\", \"tool_calls\": [{\"name\": \"f\", \"arguments\": \"{\\\"x\\\": " + deep + "}\"}]}", "o.jsonl:2");
  CHECK(as_string.response.message.unread == "the recorded tool_calls[0].arguments nest deeper than 512 levels; not read");
  RecordedOutput logged = ParseRecordedOutput(
      R"({"id": "e", "output": {"role": "assistant", "content": "xxx", "unread": "reply of 9+ bytes exceeds --max-output-bytes 8; not read"}})",
      "log.jsonl:1");
  CHECK(logged.response.message.unread == "reply of 9+ bytes exceeds --max-output-bytes 8; not read");
}

}  // namespace toolshift
