// SplitJsonMembers: top-level members located in text, exactly for valid JSON, refused when
// the shape is not a plain object.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "src/core/json_members.h"

namespace toolshift {
namespace {

// "key=value" per member, the value as its span's text.
std::vector<std::string> Members(std::string_view text) {
  std::vector<JsonMember> m;
  REQUIRE(SplitJsonMembers(text, &m));
  std::vector<std::string> out;
  for (const auto& x : m) {
    out.push_back(std::string(x.key) + "=" + std::string(text.substr(x.value_begin, x.value_end - x.value_begin)));
  }
  return out;
}

bool Splits(std::string_view text) {
  std::vector<JsonMember> m;
  return SplitJsonMembers(text, &m);
}

}  // namespace

TEST_CASE("members of a plain object are found with their exact value text", "[core][json]") {
  using V = std::vector<std::string>;
  CHECK(Members("{}") == V{});
  CHECK(Members(" { } ") == V{});
  CHECK(Members(R"({"a":1,"b":"x"})") == V{"a=1", "b=\"x\""});
  CHECK(Members(" {\"a\" : [1, {\"b\": \"]\"}] , \"c\":null }\r\n") == V{"a=[1, {\"b\": \"]\"}]", "c=null"});
  // Quotes and brackets inside strings, escaped quotes, runs of backslashes.
  CHECK(Members(R"({"t":[{"d":"say \"]}\" now"}],"u":"a\\","v":"\\\"}"})") ==
        V{R"(t=[{"d":"say \"]}\" now"}])", R"(u="a\\")", R"(v="\\\"}")"});
  CHECK(Members(R"({"n":-1.5e3,"o":{"p":{}},"q":true})") == V{"n=-1.5e3", "o={\"p\":{}}", "q=true"});
  // Duplicate keys are reported as written; what they mean is the parser's business.
  CHECK(Members(R"({"a":1,"a":2})") == V{"a=1", "a=2"});
}

TEST_CASE("text that is not a plain object is refused, for the caller to parse whole", "[core][json]") {
  CHECK_FALSE(Splits(""));
  CHECK_FALSE(Splits("[1]"));
  CHECK_FALSE(Splits("{"));
  CHECK_FALSE(Splits(R"({"a":1)"));
  CHECK_FALSE(Splits(R"({"a":[1})"));
  CHECK_FALSE(Splits(R"({"a":"x})"));
  CHECK_FALSE(Splits(R"({"a" 1})"));
  CHECK_FALSE(Splits(R"({"a":})"));
  CHECK_FALSE(Splits(R"({"a":1,})"));
  CHECK_FALSE(Splits(R"({"a":1} x)"));
  CHECK_FALSE(Splits(R"({"a":1}{"b":2})"));
  CHECK_FALSE(Splits(R"({a:1})"));
  CHECK_FALSE(Splits(R"({"t\u006fols":1})"));  // a key with an escape
}

}  // namespace toolshift
