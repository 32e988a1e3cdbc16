// The AST matcher's BFCL rules, each with a passing and a failing output.
#include <catch2/catch.hpp>

#include "src/scoring/ast_matcher.h"

namespace toolshift {
namespace {

std::vector<Tool> Tools() {
  return {
      Tool{"calc_area", "", Json::parse(R"({"type": "dict", "properties": {
            "base": {"type": "integer"}, "height": {"type": "float"}, "unit": {"type": "string"},
            "dims": {"type": "tuple", "items": {"type": "integer"}}, "opts": {"type": "dict"},
            "shapes": {"type": "array", "items": {"type": "dict"}}, "exact": {"type": "boolean"}},
            "required": ["base", "height"]})")},
      Tool{"other_tool", "", Json::parse(R"({"type": "object", "properties": {"x": {"type": "string"}}})")},
  };
}

ExpectedCall Expect(const char* args) { return ExpectedCall{"calc_area", Json::parse(args)}; }

MatchVerdict One(const char* call_args, const char* expected_args) {
  return MatchCalls({ToolCall{"calc_area", Json::parse(call_args)}}, {Expect(expected_args)}, Tools());
}

}  // namespace

TEST_CASE("function name must match", "[scoring]") {
  auto v = MatchCalls({ToolCall{"other_tool", Json::object()}}, {Expect(R"({"base": [1], "height": [2]})")}, Tools());
  CHECK(v.failure == FailureCategory::kWrongTool);
  v = MatchCalls({ToolCall{"calc_volume", Json::object()}}, {Expect(R"({"base": [1], "height": [2]})")}, Tools());
  CHECK(v.failure == FailureCategory::kUnknownTool);
}

TEST_CASE("required parameters must be present", "[scoring]") {
  CHECK(One(R"({"base": 1, "height": 2.0})", R"({"base": [1], "height": [2.0]})").correct);
  CHECK(One(R"({"base": 1})", R"({"base": [1], "height": [2.0]})").failure == FailureCategory::kMissingArg);
}

TEST_CASE("an empty-string acceptable value marks an optional parameter", "[scoring]") {
  const char* exp = R"({"base": [1], "height": [2.0], "unit": ["cm", ""]})";
  CHECK(One(R"({"base": 1, "height": 2.0})", exp).correct);
  CHECK(One(R"({"base": 1, "height": 2.0, "unit": "cm"})", exp).correct);
  CHECK(One(R"({"base": 1, "height": 2.0})", R"({"base": [1], "height": [2.0], "unit": ["cm"]})").failure ==
        FailureCategory::kMissingArg);
}

TEST_CASE("unexpected parameters are extra arguments", "[scoring]") {
  CHECK(One(R"({"base": 1, "height": 2.0, "exact": true})", R"({"base": [1], "height": [2.0]})").failure ==
        FailureCategory::kExtraArg);
  CHECK(One(R"({"base": 1, "height": 2.0, "colour": "red"})", R"({"base": [1], "height": [2.0]})").failure ==
        FailureCategory::kExtraArg);
}

TEST_CASE("int is accepted for float but not the reverse", "[scoring]") {
  CHECK(One(R"({"base": 1, "height": 2})", R"({"base": [1], "height": [2.0]})").correct);
  CHECK(One(R"({"base": 1.0, "height": 2.0})", R"({"base": [1], "height": [2.0]})").failure == FailureCategory::kWrongType);
  CHECK(One(R"({"base": "1", "height": 2.0})", R"({"base": [1], "height": [2.0]})").failure == FailureCategory::kWrongType);
  CHECK(One(R"({"base": true, "height": 2.0})", R"({"base": [1], "height": [2.0]})").failure == FailureCategory::kWrongType);
}

TEST_CASE("values must be among the acceptable ones", "[scoring]") {
  CHECK(One(R"({"base": 2, "height": 2.0})", R"({"base": [1, 2], "height": [2.0]})").correct);
  CHECK(One(R"({"base": 3, "height": 2.0})", R"({"base": [1, 2], "height": [2.0]})").failure == FailureCategory::kWrongValue);
  CHECK(One(R"({"base": 1, "height": 2.5})", R"({"base": [1], "height": [2.0]})").failure == FailureCategory::kWrongValue);
  CHECK(One(R"({"base": 1, "height": 2.0, "exact": false})", R"({"base": [1], "height": [2], "exact": [true]})").failure ==
        FailureCategory::kWrongValue);
}

TEST_CASE("strings compare after BFCL standardisation", "[scoring]") {
  CHECK(StandardizeString("New York, N.Y.") == "newyorkny");
  CHECK(StandardizeString("it's a-b_c/d*e^f") == "it\"sabcdef");
  const char* exp = R"({"base": [1], "height": [2.0], "unit": ["Square Meters"]})";
  CHECK(One(R"({"base": 1, "height": 2.0, "unit": "square_meters"})", exp).correct);
  CHECK(One(R"({"base": 1, "height": 2.0, "unit": "square-meters."})", exp).correct);
  CHECK(One(R"({"base": 1, "height": 2.0, "unit": "square feet"})", exp).failure == FailureCategory::kWrongValue);
}

TEST_CASE("tuples are lists and lists compare in order with standardised strings", "[scoring]") {
  const char* exp = R"({"base": [1], "height": [2.0], "dims": [[3, 4], [4, 3]]})";
  CHECK(One(R"({"base": 1, "height": 2.0, "dims": [4, 3]})", exp).correct);
  CHECK(One(R"({"base": 1, "height": 2.0, "dims": [3, 5]})", exp).failure == FailureCategory::kWrongValue);
  CHECK(One(R"({"base": 1, "height": 2.0, "dims": [3, "4"]})", exp).failure == FailureCategory::kWrongType);
}

TEST_CASE("nested objects are checked key by key", "[scoring]") {
  const char* exp = R"({"base": [1], "height": [2.0], "opts": [{"mode": ["fast", "quick"], "retries": [3, ""]}]})";
  CHECK(One(R"({"base": 1, "height": 2.0, "opts": {"mode": "Quick"}})", exp).correct);
  CHECK(One(R"({"base": 1, "height": 2.0, "opts": {"mode": "fast", "retries": 3}})", exp).correct);
  CHECK(One(R"({"base": 1, "height": 2.0, "opts": {"mode": "slow"}})", exp).failure == FailureCategory::kWrongValue);
  CHECK(One(R"({"base": 1, "height": 2.0, "opts": {"mode": "fast", "x": 1}})", exp).failure == FailureCategory::kWrongValue);
  CHECK(One(R"({"base": 1, "height": 2.0, "opts": {"retries": 3}})", exp).failure == FailureCategory::kWrongValue);
  const char* list_exp = R"({"base": [1], "height": [2.0], "shapes": [[{"k": ["a"]}, {"k": ["b"]}]]})";
  CHECK(One(R"({"base": 1, "height": 2.0, "shapes": [{"k": "a"}, {"k": "b"}]})", list_exp).correct);
  CHECK(One(R"({"base": 1, "height": 2.0, "shapes": [{"k": "b"}, {"k": "a"}]})", list_exp).failure ==
        FailureCategory::kWrongValue);
  CHECK(One(R"({"base": 1, "height": 2.0, "shapes": [{"k": "a"}]})", list_exp).failure == FailureCategory::kWrongValue);
}

TEST_CASE("parallel calls match in any order and counts must agree", "[scoring]") {
  std::vector<ExpectedCall> exp = {Expect(R"({"base": [1], "height": [2.0]})"), Expect(R"({"base": [5], "height": [6.0]})")};
  auto call = [](int b, double h) { return ToolCall{"calc_area", Json{{"base", b}, {"height", h}}}; };
  CHECK(MatchCalls({call(5, 6), call(1, 2)}, exp, Tools()).correct);
  CHECK(MatchCalls({call(1, 2), call(5, 6)}, exp, Tools()).correct);
  CHECK(MatchCalls({call(1, 2)}, exp, Tools()).failure == FailureCategory::kWrongCount);
  CHECK(MatchCalls({call(1, 2), call(1, 2)}, exp, Tools()).failure == FailureCategory::kWrongValue);
  CHECK(MatchCalls({call(1, 2), ToolCall{"other_tool", Json::object()}}, exp, Tools()).failure ==
        FailureCategory::kWrongTool);
}

TEST_CASE("irrelevance wants no call and any call is spurious while other episodes need a call", "[scoring]") {
  CHECK(MatchCalls({}, {}, Tools()).correct);
  CHECK(MatchCalls({ToolCall{"calc_area", Json::object()}}, {}, Tools()).failure == FailureCategory::kSpuriousCall);
  CHECK(MatchCalls({}, {Expect(R"({"base": [1], "height": [2.0]})")}, Tools()).failure == FailureCategory::kNoCall);
}

}  // namespace toolshift

namespace toolshift {

TEST_CASE("BFCL rules check list items one level deep and keep its int-for-float quirk there", "[scoring]") {
  const std::vector<Tool> tools = {Tool{"f", "", Json::parse(R"({"type": "dict", "properties": {
      "xs": {"type": "array", "items": {"type": "float"}}, "tags": {"type": "array", "items": {"type": "string"}},
      "anything": {"type": "any"}}})")}};
  auto match = [&](const char* args, const char* expected, ScoringRules rules) {
    return MatchCalls({ToolCall{"f", Json::parse(args)}}, {ExpectedCall{"f", Json::parse(expected)}}, tools, rules);
  };
  // BFCL converts only top-level ints to float: [1.5, 2] fails its nested type check.
  CHECK(match(R"({"xs": [1.5, 2]})", R"({"xs": [[1.5, 2.0]]})", ScoringRules::kBfcl).failure == FailureCategory::kWrongType);
  CHECK(match(R"({"xs": [1.5, 2]})", R"({"xs": [[1.5, 2.0]]})", ScoringRules::kToolshift).correct);
  CHECK(match(R"({"xs": [1.5, 2.0]})", R"({"xs": [[1.5, 2.0]]})", ScoringRules::kBfcl).correct);
  CHECK(match(R"({"tags": ["a", 3]})", R"({"tags": [["a", "3"]]})", ScoringRules::kBfcl).failure == FailureCategory::kWrongType);
  // "any" is str in BFCL's type mapping.
  CHECK(match(R"({"anything": "x"})", R"({"anything": ["X"]})", ScoringRules::kBfcl).correct);
  CHECK(match(R"({"anything": 3})", R"({"anything": ["3"]})", ScoringRules::kBfcl).failure == FailureCategory::kWrongType);
}

TEST_CASE("a schema shown without types is compared in the shape of the answer", "[scoring]") {
  const std::vector<Tool> tools = {Tool{"f", "", Json::parse(R"({"type": "object", "properties": {
      "opts": {}, "items": {}, "n": {}}})")}};
  auto match = [&](const char* args, const char* expected) {
    return MatchCalls({ToolCall{"f", Json::parse(args)}}, {ExpectedCall{"f", Json::parse(expected)}}, tools);
  };
  CHECK(match(R"({"opts": {"a": 1, "b": "Low"}})", R"({"opts": [{"a": [1], "b": ["low"]}]})").correct);
  CHECK_FALSE(match(R"({"opts": {"a": 2, "b": "low"}})", R"({"opts": [{"a": [1], "b": ["low"]}]})").correct);
  CHECK(match(R"({"items": [{"k": "v"}]})", R"({"items": [[{"k": ["v"]}]]})").correct);
  CHECK(match(R"({"n": 3})", R"({"n": [3.0]})").correct);
  CHECK_FALSE(match(R"({"n": "3"})", R"({"n": [3.0]})").correct);
}

}  // namespace toolshift
