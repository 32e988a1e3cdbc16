// Every text dialect must read back exactly what it writes, for awkward values.
#include <catch2/catch.hpp>

#include "src/dialects/dialect.h"

namespace toolshift {
namespace {

Tool NastyTool() {
  Tool t;
  t.name = "do.thing_v2";
  t.description = "A tool with every kind of parameter.";
  t.parameters = Json::parse(R"({"type": "object", "properties": {
    "text": {"type": "string"}, "count": {"type": "integer"}, "ratio": {"type": "number"},
    "flag": {"type": "boolean"}, "tags": {"type": "array", "items": {"type": "string"}},
    "nested": {"type": "object"}, "anything": {}},
    "required": ["text"]})");
  return t;
}

std::vector<ToolCall> NastyCalls() {
  ToolCall a{"do.thing_v2", Json::object()};
  a.arguments["text"] = "He said \"hi\" & left; 'quoted' \\ back\\slash\nnew line\ttab <tag> </tool_call> ]) Ünïcødé 日本語 🎉";
  a.arguments["count"] = -42;
  a.arguments["ratio"] = 1.5e-7;
  a.arguments["flag"] = false;
  a.arguments["tags"] = Json::array({"a", "b,c", "", "x]y"});
  a.arguments["nested"] = Json::parse(R"({"deep": {"list": [1, 2.0, -3.25e10, true, null, "s"]}, "empty": {}, "arr": []})");
  a.arguments["anything"] = nullptr;
  ToolCall b{"do.thing_v2", Json::object()};
  b.arguments["text"] = "";
  b.arguments["count"] = 9007199254740993LL;  // beyond double precision
  b.arguments["ratio"] = 2.0;                 // a float with an integral value stays a float
  ToolCall c{"do.thing_v2", Json::object()};
  c.arguments["text"] = "123";  // a string that looks like a number stays a string
  c.arguments["flag"] = true;
  return {a, b, c};
}

}  // namespace

TEST_CASE("text dialects round-trip nasty values", "[dialects]") {
  const std::vector<Tool> tools = {NastyTool()};
  const auto calls = NastyCalls();
  for (const char* name : {"hermes", "pythonic", "json", "xml", "react", "native"}) {
    const Dialect* d = FindDialect(name);
    REQUIRE(d != nullptr);
    SECTION(name) {
      for (size_t n = 1; n <= calls.size(); ++n) {
        std::vector<ToolCall> some(calls.begin(), calls.begin() + static_cast<long>(n));
        const Message reply = d->Write(some);
        const ParseResult parsed = d->Parse(reply, tools);
        INFO(reply.content);
        INFO(parsed.error);
        REQUIRE(parsed.status == ParseResult::Status::kCalls);
        REQUIRE(parsed.calls.size() == some.size());
        for (size_t i = 0; i < some.size(); ++i) {
          CHECK(parsed.calls[i].name == some[i].name);
          CHECK(parsed.calls[i].arguments.dump() == some[i].arguments.dump());
          // Int vs float survives: dump() would print 2 for an int and 2.0 for a float.
        }
      }
    }
  }
}

TEST_CASE("no calls written parses as no call in every dialect", "[dialects]") {
  for (const char* name : {"hermes", "pythonic", "json", "xml", "react", "native"}) {
    const Dialect* d = FindDialect(name);
    const ParseResult r = d->Parse(d->Write({}), {});
    INFO(name);
    CHECK(r.status == ParseResult::Status::kNoCall);
  }
}

TEST_CASE("every dialect name core accepts is implemented", "[dialects]") {
  for (const char* name : {"hermes", "pythonic", "json", "xml", "react", "native"}) {
    CHECK(FindDialect(name) != nullptr);
    CHECK(FindDialect(name)->name() == name);
  }
  CHECK(FindDialect("yaml") == nullptr);
}

TEST_CASE("render shows every tool and the calling convention", "[dialects]") {
  const std::vector<Tool> tools = {NastyTool()};
  for (const char* name : {"hermes", "pythonic", "json", "xml", "react"}) {
    const std::string r = FindDialect(name)->Render(tools);
    INFO(name);
    CHECK(r.find("do.thing_v2") != std::string::npos);
    CHECK(r.find("\"required\"") != std::string::npos);
  }
  CHECK(FindDialect("hermes")->Render(tools).find("<tool_call>") != std::string::npos);
  CHECK(FindDialect("pythonic")->Render(tools).find("[func_name1(") != std::string::npos);
  CHECK(FindDialect("xml")->Render(tools).find("<invoke name=") != std::string::npos);
  CHECK(FindDialect("react")->Render(tools).find("Action Input:") != std::string::npos);
  CHECK(FindDialect("native")->Render(tools).empty());
}

}  // namespace toolshift
