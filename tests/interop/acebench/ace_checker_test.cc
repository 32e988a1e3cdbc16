// Near misses built from SPEC.md's rules for ACEBench's normal and special checkers: every
// expected verdict follows from one rule (most are the opposite of BFCL's).
#include <catch2/catch.hpp>

#include "src/interop/acebench/ace_checker.h"
#include "src/interop/acebench/ace_decode.h"

namespace toolshift::acebench {
namespace {

// One function with parameters of every kind the data uses.
const Json& Functions() {
  static const Json kFunctions = Json::parse(R"([
    {"name": "book", "description": "", "parameters": {"type": "object", "properties": {
      "city": {"type": "string"}, "nights": {"type": "integer"}, "budget": {"type": "number"},
      "pets": {"type": "boolean"}, "tags": {"type": "array", "items": {"type": "string"}},
      "guests": {"type": "array", "items": {"type": "object"}}, "notes": {"type": "array"},
      "prefs": {"type": "object", "properties": {"floor": {"type": "integer"}, "view": {"type": "string"},
                                                  "extras": {"type": "array"}}}},
      "required": ["city"]}},
    {"name": "cancel", "description": "", "parameters": {"type": "object", "properties": {"id": {"type": "string"}}, "required": ["id"]}}
  ])");
  return kFunctions;
}

// The verdict on `reply` (python-list, single-turn) against `gt` (JSON text).
AceVerdict Check(std::string_view reply, const std::string& gt) {
  const DecodeResult d = DecodePythonList(reply, false);
  REQUIRE(d.ok);
  return CheckNormal(d.calls, Json::parse(gt), Functions());
}

bool Passes(std::string_view reply, const std::string& gt) { return Check(reply, gt).valid; }
std::string ErrorType(std::string_view reply, const std::string& gt) { return Check(reply, gt).error_type; }

TEST_CASE("strings pass when the standardised ground truth is a substring of the value", "[acebench]") {
  const std::string gt = R"({"book": {"city": "Athens"}})";
  CHECK(Passes("[book(city='Athens, Greece')]", gt));
  CHECK(Passes("[book(city='ATHENS')]", gt));
  CHECK(Passes("[book(city='a-t.h_e n*s^')]", gt));
  CHECK(ErrorType("[book(city='Athen')]", gt) == "value_error:string");
  CHECK(ErrorType("[book(city=5)]", gt) == "type_error");
}

TEST_CASE("top-level integers, numbers and booleans are type-checked only", "[acebench]") {
  CHECK(Passes("[book(city='Rome', nights=7)]", R"({"book": {"city": "Rome", "nights": 3}})"));
  CHECK(Passes("[book(city='Rome', nights=3.0)]", R"({"book": {"city": "Rome", "nights": 3}})"));  // Python 3.0 == 3
  CHECK(ErrorType("[book(city='Rome', nights=3.5)]", R"({"book": {"city": "Rome", "nights": 3}})") == "type_error");
  CHECK(ErrorType("[book(city='Rome', budget=5.5)]", R"({"book": {"city": "Rome", "budget": 5}})") == "type_error");  // number means int
  CHECK(Passes("[book(city='Rome', budget=9)]", R"({"book": {"city": "Rome", "budget": 2.5}})"));   // a float GT is a variable
  CHECK(Passes("[book(city='Rome', budget=9.75)]", R"({"book": {"city": "Rome", "budget": 2.5}})"));
  CHECK(Passes("[book(city='Rome', pets=False)]", R"({"book": {"city": "Rome", "pets": true}})"));
  CHECK(Passes("[book(city='Rome', pets='true')]", R"({"book": {"city": "Rome", "pets": false}})"));
  CHECK(Passes("[book(city='Rome', pets=1)]", R"({"book": {"city": "Rome", "pets": true}})"));     // 1 == True
  CHECK(ErrorType("[book(city='Rome', pets=0)]", R"({"book": {"city": "Rome", "pets": true}})") == "type_error");
}

TEST_CASE("optional parameters may be omitted — required and unexpected ones are errors", "[acebench]") {
  const std::string gt = R"({"book": {"city": "Rome", "nights": 3, "pets": true}})";
  CHECK(Passes("[book(city='Rome')]", gt));
  CHECK(ErrorType("[book(nights=3)]", gt) == "lack_args");
  CHECK(ErrorType("[book(city='Rome', budget=4)]", gt) == "addition_args");  // a property, but not in the GT
  CHECK(ErrorType("[book(city='Rome', color='red')]", gt) == "addition_args");
  CHECK(ErrorType("[book()]", gt) == "wrong_param");  // a call without arguments always fails
}

TEST_CASE("calls are counted and named as the ground truth's, but not matched one to one", "[acebench]") {
  const std::string two = R"({"book_1": {"city": "x"}, "book_2": {"city": "xy"}})";
  CHECK(Passes("[book(city='xy'), book(city='xy')]", two));  // one call satisfies both GT calls
  CHECK(ErrorType("[book(city='xy')]", two) == "wrong functions number");
  CHECK(ErrorType("[book(city='x'), cancel(id='1')]", two) == "function_mismatch");
  CHECK(ErrorType("[book(city='a'), book(city='b')]", two) == "value_error:string");
  CHECK(Passes("[cancel(id='7'), book(city='Rome')]", R"({"book": {"city": "Rome"}, "cancel": {"id": "7"}})"));
}

TEST_CASE("lists of scalars compare exactly after standardising their strings", "[acebench]") {
  const std::string gt = R"({"book": {"city": "x", "tags": ["New York", "quiet"]}})";
  CHECK(Passes("[book(city='x', tags=['new-york', 'QUIET'])]", gt));
  CHECK(ErrorType("[book(city='x', tags=['quiet', 'New York'])]", gt) == "value_error:list/tuple");  // order matters
  CHECK(ErrorType("[book(city='x', tags=['New York'])]", gt) == "value_error:list/tuple");
  CHECK(ErrorType("[book(city='x', tags=('New York', 'quiet'))]", gt) == "type_error");  // a tuple is not a list
  CHECK(ErrorType("[book(city='x', tags=[])]", R"({"book": {"city": "x", "tags": []}})") == "type_error");  // empty GT never passes
}

TEST_CASE("arrays of objects, and arrays without items, compare element by element with the dict rule", "[acebench]") {
  const std::string gt = R"({"book": {"city": "x", "guests": [{"name": "Ann", "age": 5}]}})";
  CHECK(Passes("[book(city='x', guests=[{'name': 'Ann Lee', 'age': 15}])]", gt));  // str() substrings: 15 holds 5
  CHECK(ErrorType("[book(city='x', guests=[{'name': 'Ann'}])]", gt) == "value_error:dict_items");
  CHECK(ErrorType("[book(city='x', guests=[])]", gt) == "value_error:list_dict_count");
  CHECK(ErrorType("[book(city='x', notes=['None'])]", R"({"book": {"city": "x", "notes": ["None"]}})") ==
        "value_error:dict_items");  // an array without items counts as an array of objects
}

TEST_CASE("objects compare by key count and the str() of each value", "[acebench]") {
  CHECK(Passes("[book(city='x', prefs={'floor': 5.0, 'view': 'Sea view'})]",
               R"({"book": {"city": "x", "prefs": {"floor": 5, "view": "sea"}}})"));
  CHECK(ErrorType("[book(city='x', prefs={'floor': 5})]", R"({"book": {"city": "x", "prefs": {"floor": 5.0}}})") ==
        "value_error");  // '5.0' is not in '5'
  CHECK(ErrorType("[book(city='x', prefs={'extras': ['ab']})]", R"({"book": {"city": "x", "prefs": {"extras": ["a b"]}}})") ==
        "value_error");  // strings inside nested lists are not standardised
  CHECK(Passes("[book(city='x', prefs={'extras': ['x']})]", R"({"book": {"city": "x", "prefs": {"extras": "x"}}})"));  // 'x' is in "['x']"
  CHECK(ErrorType("[book(city='x', prefs={'floor': 5, 'view': 'sea'})]", R"({"book": {"city": "x", "prefs": {"floor": 5}}})") ==
        "value_error:dict_items");
  CHECK(ErrorType("[book(city='x', prefs={})]", R"({"book": {"city": "x", "prefs": {}}})") == "type_error");
}

TEST_CASE("a list of ground truths passes when any alternative does", "[acebench]") {
  const std::string gt = R"([{"book": {"city": "Paris"}}, {"cancel": {"id": "9"}}])";
  CHECK(Passes("[cancel(id='9')]", gt));
  CHECK(Passes("[book(city='Paris')]", gt));
  CHECK_FALSE(Passes("[cancel(id='8')]", gt));
}

TEST_CASE("GT keys lose a _<digits> suffix, so an API named so can never match", "[acebench]") {
  CHECK(StripIndexSuffix("api_12") == "api");
  CHECK(StripIndexSuffix("api") == "api");
  CHECK(StripIndexSuffix("api_x1") == "api_x1");
  const Json fns = Json::parse(R"([{"name": "learn_2", "parameters": {"type": "object", "properties": {"a": {"type": "string"}}}}])");
  const DecodeResult d = DecodePythonList("[learn_2(a='x')]", false);
  CHECK_FALSE(CheckNormal(d.calls, Json::parse(R"({"learn_2": {"a": "x"}})"), fns).valid);
}

TEST_CASE("special categories need ACEBench's phrase and the ground truth's words in the reply", "[acebench]") {
  const Json incomplete = Json::parse(R"({"Flights_search": ["origin", "date"]})");
  CHECK(CheckSpecial("special_incomplete", "Sorry: Missing necessary parameters (date, origin) for the api (Flights_search)", incomplete).valid);
  CHECK(CheckSpecial("special_incomplete", "missing necessary parameters (origin, date) for the api (Flights_search)", incomplete)
            .error_type == "error_detection");
  CHECK(CheckSpecial("special_incomplete", "Missing necessary parameters (origin) for the api (Flights_search)", incomplete)
            .error_type == "error_correction");
  const Json wrong = Json::parse(R"({"plan_id": ["1234WrongID"]})");
  CHECK(CheckSpecial("special_error_param", "There is incorrect value (1234WrongID) for the parameters (whatever)", wrong).valid);
  CHECK(CheckSpecial("special_error_param", "There is incorrect value (1234) for the parameters (plan_id)", wrong).error_type ==
        "error_correction");
  const Json irrelevant = "Due to the limitations of the function, I cannot solve this problem.";
  CHECK(CheckSpecial("special_irrelevant", "I can't: the limitations of the function prevent it.", irrelevant).valid);
  CHECK_FALSE(CheckSpecial("special_irrelevant", "The limitations of the function prevent it.", irrelevant).valid);
  CHECK_FALSE(CheckSpecial("special_irrelevant", "[]", irrelevant).valid);
}

}  // namespace
}  // namespace toolshift::acebench
