// ToolList: copies share, writes copy first, equal lists parsed apart are interned to one copy.
#include <catch2/catch.hpp>

#include <string>

#include "src/core/suite.h"
#include "src/core/suite_catalog.h"
#include "src/core/tool_list.h"
#include "tests/test_support.h"

namespace toolshift {
namespace {

Tool MakeTool(const std::string& name, const char* schema = R"({"type": "object", "properties": {}})") {
  return Tool{name, "d", Json::parse(schema)};
}

TEST_CASE("ToolList copies share until one is written", "[core][tool_list]") {
  ToolList a = std::vector<Tool>{MakeTool("x"), MakeTool("y")};
  ToolList b = a;
  CHECK(b.SharesWith(a));
  b[0].name = "renamed";  // non-const access: b takes its own copy first
  CHECK_FALSE(b.SharesWith(a));
  CHECK(a[0].name == "x");
  CHECK(b[0].name == "renamed");
  b.insert(b.begin(), MakeTool("first"));
  CHECK(b.size() == 3);
  CHECK(b.front().name == "first");
  CHECK(a.size() == 2);
  ToolList empty;
  CHECK(empty.empty());
  empty.push_back(MakeTool("z"));
  CHECK(empty.size() == 1);
  const std::vector<Tool>& as_vector = a;  // reads as the vector it wraps
  CHECK(as_vector.size() == 2);
}

TEST_CASE("ToolListInterner shares equal lists and keeps different ones apart", "[core][tool_list]") {
  ToolList a = std::vector<Tool>{MakeTool("x")};
  ToolList same = std::vector<Tool>{MakeTool("x")};
  ToolList other_name = std::vector<Tool>{MakeTool("w")};
  // nlohmann's == calls 1 and 1.0 equal; shown to a model they differ, so they are not merged.
  ToolList integer = std::vector<Tool>{MakeTool("x", R"({"type": "object", "minimum": 1})")};
  ToolList floating = std::vector<Tool>{MakeTool("x", R"({"type": "object", "minimum": 1.0})")};
  // Key order is part of a schema's text (ordered_json).
  ToolList ab = std::vector<Tool>{MakeTool("x", R"({"a": 1, "b": 2})")};
  ToolList ba = std::vector<Tool>{MakeTool("x", R"({"b": 2, "a": 1})")};
  ToolListInterner interner;
  for (ToolList* l : {&a, &same, &other_name, &integer, &floating, &ab, &ba}) interner.Intern(*l);
  CHECK(same.SharesWith(a));
  CHECK_FALSE(other_name.SharesWith(a));
  CHECK_FALSE(integer.SharesWith(floating));
  CHECK_FALSE(ab.SharesWith(ba));
  CHECK(interner.distinct() == 6);
  // A write after interning copies: the other list keeps its tools.
  same[0].name = "changed";
  CHECK(a[0].name == "x");
}

TEST_CASE("Loaded suites share equal tool lists within and across suites", "[core][tool_list]") {
  const std::string dir = testing::ScratchDir("tool-list-suites");
  const std::string tools =
      R"("tools": [{"name": "get_weather", "description": "d", "parameters": {"type": "object", "properties": )"
      R"({"city": {"type": "string"}}, "required": ["city"]}}], )";
  auto episode = [&](const std::string& id) {
    return R"({"id": ")" + id + R"(", "domain": "weather", "category": "simple", )" + tools +
           R"("messages": [{"role": "user", "content": "Weather in Paris?"}], )"
           R"("expected": [{"name": "get_weather", "args": {"city": ["Paris"]}}]})" + "\n";
  };
  testing::WriteText(dir + "/one.jsonl", episode("a") + episode("b"));
  testing::WriteText(dir + "/two.jsonl", episode("c"));
  const std::vector<Suite> suites = SuiteCatalog(dir).Resolve({dir + "/one.jsonl", dir + "/two.jsonl"});
  REQUIRE(suites.size() == 2);
  CHECK(suites[0].episodes[1].tools.SharesWith(suites[0].episodes[0].tools));
  CHECK(suites[1].episodes[0].tools.SharesWith(suites[0].episodes[0].tools));
  CHECK(suites[1].episodes[0].tools.front().name == "get_weather");
}

}  // namespace
}  // namespace toolshift
