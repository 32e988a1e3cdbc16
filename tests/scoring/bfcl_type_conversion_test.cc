// BFCL's Java / JavaScript converters, case by case. Expectations marked "BFCL" are the
// asserted examples in BFCL's own converter files; the others follow from its regexes.
#include <catch2/catch.hpp>

#include "src/scoring/bfcl_type_conversion.h"

namespace toolshift {
namespace {

Json J(const char* text) { return Json::parse(text); }

// Python's == on the converted value, and the same Python type (a float stays a float; JSON's
// signed and unsigned integers are both Python ints).
bool Same(const Json& a, const Json& b) { return a == b && a.is_number_float() == b.is_number_float(); }

}  // namespace

TEST_CASE("Java converter: scalars", "[bfcl][scoring]") {
  CHECK(Same(ConvertJavaValue("true", "boolean"), J("true")));          // BFCL
  CHECK(Same(ConvertJavaValue("false", "boolean"), J("false")));        // BFCL
  CHECK(Same(ConvertJavaValue("123", "integer"), J("123")));            // BFCL
  CHECK(Same(ConvertJavaValue("-123", "integer"), J("-123")));          // BFCL
  CHECK(Same(ConvertJavaValue("3.14f", "float"), J("3.14")));           // BFCL
  CHECK(Same(ConvertJavaValue("3f", "float"), J("3.0")));               // BFCL
  CHECK(Same(ConvertJavaValue("3e-3F", "float"), J("0.003")));          // BFCL
  CHECK(Same(ConvertJavaValue("3.14e2", "double"), J("314.0")));        // BFCL
  CHECK(Same(ConvertJavaValue("5", "double"), J("5.0")));               // float("5")
  CHECK(Same(ConvertJavaValue("123L", "long"), J("123")));              // BFCL
  CHECK(Same(ConvertJavaValue("9223372036854775807L", "long"), J("9223372036854775807")));  // BFCL
  CHECK(Same(ConvertJavaValue("-9223372036854775808L", "long"), J("-9223372036854775808")));
  CHECK(Same(ConvertJavaValue("127", "byte"), J("127")));               // BFCL
  CHECK(Same(ConvertJavaValue("-32768", "short"), J("-32768")));        // BFCL
  CHECK(Same(ConvertJavaValue("a", "char"), J("\"a\"")));               // BFCL
  CHECK(Same(ConvertJavaValue("'a'", "char"), J("\"'a'\"")));           // its pattern never matches
  CHECK(Same(ConvertJavaValue("abc", "String"), J("\"abc\"")));         // BFCL
  CHECK(Same(ConvertJavaValue("\"abc\"", "String"), J("\"\\\"abc\\\"\"")));  // quotes kept
  CHECK(Same(ConvertJavaValue("123", "any"), J("\"123\"")));            // BFCL
  // Default to string where the pattern does not match.
  CHECK(Same(ConvertJavaValue("true", "integer"), J("\"true\"")));
  CHECK(Same(ConvertJavaValue("5L", "integer"), J("\"5L\"")));
  CHECK(Same(ConvertJavaValue("5", "long"), J("\"5\"")));
  CHECK(Same(ConvertJavaValue("3.14", "float"), J("\"3.14\"")));
  CHECK(Same(ConvertJavaValue("3.14f", "double"), J("\"3.14f\"")));
  CHECK(Same(ConvertJavaValue("True", "boolean"), J("\"True\"")));
  CHECK(Same(ConvertJavaValue("+5", "integer"), J("\"+5\"")));
  CHECK(Same(ConvertJavaValue("5\n", "integer"), J("5")));  // Python's $ before a final newline
  CHECK_THROWS_AS(ConvertJavaValue("abc", "Set"), BfclConversionError);
  CHECK_THROWS_AS(ConvertJavaValue("abc", "Stack"), BfclConversionError);
  CHECK_THROWS_AS(ConvertJavaValue("abc", "str"), BfclConversionError);
}

TEST_CASE("Java converter: collections", "[bfcl][scoring]") {
  CHECK(Same(ConvertJavaValue("new int[]{1, 2, 3}", "Array"), J("[1,2,3]")));  // BFCL
  CHECK(Same(ConvertJavaValue("new int[] { 1, 2, 3 }", "Array"), J("[1,2,3]")));  // BFCL
  CHECK(Same(ConvertJavaValue("new int[] { }", "Array"), J("[]")));  // BFCL
  CHECK(Same(ConvertJavaValue("new Object[]{1, \"abc\", true}", "Array"), J("[1,\"abc\",true]")));  // BFCL
  CHECK(Same(ConvertJavaValue("new long[]{1L, 2, 3L}", "Array", "long"), J("[1,\"2\",3]")));  // BFCL
  CHECK(Same(ConvertJavaValue("new long[]{1L, 2.0, 3L}", "Array", "long"), J("[1,\"2.0\",3]")));  // BFCL
  // With items String, elements keep their quotes (java_type_converter(x, "String") is str(x)).
  CHECK(Same(ConvertJavaValue("new String[]{\"a\", b}", "Array", "String"), J("[\"\\\"a\\\"\",\"b\"]")));
  CHECK(Same(ConvertJavaValue("args", "Array", "String"), J("\"args\"")));  // a variable
  CHECK(Same(ConvertJavaValue("new ArrayList<>(Arrays.asList(\"a\", \"b\"))", "ArrayList"), J("[\"a\",\"b\"]")));  // BFCL
  CHECK(Same(ConvertJavaValue("new ArrayList<>(Arrays.asList(1, \"abc\", true))", "ArrayList"),
             J("[1,\"abc\",true]")));  // BFCL
  CHECK(Same(ConvertJavaValue("new ArrayList<Integer>(Arrays.asList(1, 2, 3))", "ArrayList", "integer"),
             J("[1,2,3]")));  // BFCL
  CHECK(Same(ConvertJavaValue("new ArrayList<Float>() {{ add(1.0f); add(2.0f); }}", "ArrayList", "float"),
             J("[1.0,2.0]")));  // BFCL
  CHECK(Same(ConvertJavaValue("new ArrayList<>(Arrays.asList(\"a\", b))", "ArrayList", "String"),
             J("[\"a\",\"\"]")));  // [1:-1] whatever the element
  CHECK(Same(ConvertJavaValue("new ArrayList<>()", "ArrayList"), J("[]")));  // BFCL
  CHECK(Same(ConvertJavaValue("new ArrayList<>(Arrays.asList(x, 42))", "ArrayList", "any"), J("[\"x\",\"42\"]")));
  CHECK(Same(ConvertJavaValue("new HashMap<String, String>() {{ put(\"key\", \"value\"); }}", "HashMap"),
             J("{\"key\":\"value\"}")));  // BFCL
  CHECK(Same(ConvertJavaValue("new HashMap<String, Object>() {{ put(\"key1\", 1); put(\"key2\", \"value\"); "
                              "put(\"key3\", true); }}",
                              "HashMap"),
             J("{\"key1\":1,\"key2\":\"value\",\"key3\":true}")));  // BFCL
  CHECK(Same(ConvertJavaValue("new HashMap<>() {{ }}", "HashMap"), J("{}")));  // BFCL
  CHECK(Same(ConvertJavaValue("new HashMap<>()", "HashMap"), J("{}")));        // BFCL
  CHECK(Same(ConvertJavaValue("{\"key\": 1}", "HashMap"), J("\"{\\\"key\\\": 1}\"")));  // no HashMap: a string
}

TEST_CASE("JavaScript converter", "[bfcl][scoring]") {
  CHECK(Same(ConvertJsValue("true", "Boolean"), J("true")));      // BFCL
  CHECK(Same(ConvertJsValue("123", "integer"), J("123")));        // BFCL
  CHECK(Same(ConvertJsValue("3.14", "float"), J("3.14")));        // BFCL
  CHECK(Same(ConvertJsValue("4", "float"), J("4.0")));            // float("4")
  CHECK(Same(ConvertJsValue("1e3", "float"), J("\"1e3\"")));      // no exponent in its pattern
  CHECK(Same(ConvertJsValue("123n", "Bigint"), J("123")));        // BFCL
  CHECK(Same(ConvertJsValue("abc", "String"), J("\"abc\"")));     // BFCL
  CHECK(Same(ConvertJsValue("'abc'", "String"), J("\"abc\"")));
  CHECK(Same(ConvertJsValue("\"abc\"", "String"), J("\"abc\"")));
  CHECK(Same(ConvertJsValue("\"abc'", "String"), J("\"\\\"abc'\"")));
  CHECK(Same(ConvertJsValue("x", "any"), J("\"x\"")));
  CHECK(Same(ConvertJsValue("[1, 2, 3]", "array"), J("[1,2,3]")));                 // BFCL
  CHECK(Same(ConvertJsValue("new Array(1, 2, 3)", "array"), J("[1,2,3]")));        // BFCL
  CHECK(Same(ConvertJsValue("[1, 'two', true]", "array"), J("[1,\"two\",true]")));  // BFCL
  CHECK(Same(ConvertJsValue("[]", "array"), J("[]")));                             // BFCL
  CHECK(Same(ConvertJsValue("[1.1, 2.2]", "array", "float"), J("[1.1,2.2]")));     // BFCL
  CHECK(Same(ConvertJsValue("[60, 30]", "array", "float"), J("[60.0,30.0]")));
  CHECK(Same(ConvertJsValue("[1n, 2n]", "array", "Bigint"), J("[1,2]")));          // BFCL
  CHECK(Same(ConvertJsValue("[\"hello\", \"world\"]", "array", "String"), J("[\"hello\",\"world\"]")));  // BFCL
  CHECK(Same(ConvertJsValue(" [ [ 1, 2 ], [ 3,   4], [5, 6]]", "array", "array"), J("[[1,2],[3,4],[5,6]]")));  // BFCL
  CHECK(Same(ConvertJsValue("new Array([1, 2], [3, 4])", "array", "array"), J("[[1,2],[3,4]]")));  // BFCL
  CHECK(Same(ConvertJsValue("items", "array", "String"), J("\"items\"")));         // a variable
  CHECK(Same(ConvertJsValue("[a, b]", "array", "str"), J("\"[a, b]\"")));           // converter raises: the code
  CHECK(Same(ConvertJsValue("{'key': 'value'}", "dict"), J("{\"key\":\"value\"}")));  // BFCL
  CHECK(Same(ConvertJsValue("{'key': 123}", "dict"), J("{\"key\":123}")));            // BFCL
  CHECK(Same(ConvertJsValue("{}", "dict"), J("{}")));                                  // BFCL
  CHECK(Same(ConvertJsValue("{'key1': 123, 'key2': 'value', 'key3': false}", "dict"),
             J("{\"key1\":123,\"key2\":\"value\",\"key3\":false}")));  // BFCL
  CHECK(Same(ConvertJsValue("{\"initialState\": initialStateObject, \"reducers\": reducersMap, \"middlewares\": "
                            "[\"loggerMiddleware\"], \"enhancers\": [\"applyMiddleware\", \"myMiddleWare\"]}",
                            "dict"),
             J("{\"initialState\":\"initialStateObject\",\"reducers\":\"reducersMap\",\"middlewares\":"
               "[\"loggerMiddleware\"],\"enhancers\":[\"applyMiddleware\",\"myMiddleWare\"]}")));  // BFCL
  CHECK(Same(ConvertJsValue("{'n': '50'}", "dict"), J("{\"n\":50}")));  // quotes stripped, then read as a number
  CHECK_THROWS_AS(ConvertJsValue("x", "Number"), BfclConversionError);
}

TEST_CASE("source forms convert back to the value", "[bfcl][scoring]") {
  struct Case { const char* value; const char* type; const char* nested; };
  for (const Case& c : {Case{"5", "integer", ""}, Case{"42", "long", ""}, Case{"0.5", "double", ""},
                        Case{"2.5", "float", ""}, Case{"true", "boolean", ""}, Case{"\"x y\"", "String", ""},
                        Case{"[2, 7, 11]", "Array", "integer"}, Case{"[101, 202]", "ArrayList", "long"},
                        Case{"[\"GC pause\"]", "ArrayList", "String"}, Case{"[\"a\", \"b\"]", "Array", "String"},
                        Case{"{\"limit\": 50, \"f\": \"public\"}", "HashMap", ""}}) {
    INFO(c.value << " as " << c.type);
    const std::string src = JavaSourceOf(J(c.value), c.type, c.nested);
    INFO(src);
    CHECK(ConvertJavaValue(src, c.type, c.nested) == J(c.value));
  }
  for (const Case& c : {Case{"5", "integer", ""}, Case{"4.0", "float", ""}, Case{"1e-7", "float", ""},
                        Case{"12", "Bigint", ""}, Case{"true", "Boolean", ""}, Case{"\"utf-8\"", "String", ""},
                        Case{"[\"completed\", \"failed\"]", "array", "String"}, Case{"[60.0, 30.5]", "array", "float"},
                        Case{"{\"method\": \"GET\", \"n\": [\"a\"]}", "dict", ""}}) {
    INFO(c.value << " as " << c.type);
    const std::string src = JsSourceOf(J(c.value), c.type, c.nested);
    INFO(src);
    CHECK(ConvertJsValue(src, c.type, c.nested) == J(c.value));
  }
  CHECK(JavaSourceOf(J("42"), "long") == "42L");
  CHECK(JavaSourceOf(J("[1, 2]"), "Array", "integer") == "new int[]{1, 2}");
  CHECK(JsSourceOf(J("[1, 2]"), "array", "integer") == "[1, 2]");
  CHECK(JsSourceOf(J("\"abc\""), "String") == "\"abc\"");
  CHECK(JavaSourceOf(J("\"abc\""), "String") == "abc");
}

}  // namespace toolshift
