// PyValue against texts CPython 3.11 prints (hard-coded; generated once with python3).
#include <catch2/catch.hpp>

#include <cmath>
#include <limits>

#include "src/interop/bfcl/py/py_value.h"

namespace toolshift::bfcl {
namespace {

PyValue S(const char* s) { return PyValue::Str(s); }
PyValue I(int64_t i) { return PyValue::Int(PyInt(i)); }
PyValue F(double d) { return PyValue::Float(d); }

TEST_CASE("float repr is Python's shortest round-trip text", "[bfcl][py]") {
  CHECK(PyFloatRepr(0.1) == "0.1");
  CHECK(PyFloatRepr(2.0) == "2.0");
  CHECK(PyFloatRepr(1e-06) == "1e-06");
  CHECK(PyFloatRepr(1e16) == "1e+16");
  CHECK(PyFloatRepr(1e15) == "1000000000000000.0");
  CHECK(PyFloatRepr(123456789012345678.0) == "1.2345678901234568e+17");
  CHECK(PyFloatRepr(1.5e-5) == "1.5e-05");
  CHECK(PyFloatRepr(0.0001) == "0.0001");
  CHECK(PyFloatRepr(3.0e-4) == "0.0003");
  CHECK(PyFloatRepr(-0.0) == "-0.0");
  CHECK(PyFloatRepr(5e-324) == "5e-324");
  CHECK(PyFloatRepr(1.7976931348623157e308) == "1.7976931348623157e+308");
  CHECK(PyFloatRepr(12345.678) == "12345.678");
  CHECK(PyFloatRepr(1e22) == "1e+22");
  CHECK(PyFloatRepr(100.0) == "100.0");
  CHECK(PyFloatRepr(-2.5) == "-2.5");
  CHECK(PyFloatRepr(std::numeric_limits<double>::infinity()) == "inf");
  CHECK(PyFloatRepr(-std::numeric_limits<double>::infinity()) == "-inf");
  CHECK(PyFloatRepr(std::nan("")) == "nan");
}

TEST_CASE("str repr chooses quotes and escapes as CPython", "[bfcl][py]") {
  CHECK(PyRepr(S("it's")) == "\"it's\"");
  CHECK(PyRepr(S("say \"hi\"")) == "'say \"hi\"'");
  CHECK(PyRepr(S("both ' \"")) == "'both \\' \"'");
  CHECK(PyRepr(PyValue::Str(std::string("tab\tnl\n\x7f\0\xc3\xa9", 11))) == "'tab\\tnl\\n\\x7f\\x00\xc3\xa9'");
  // U+200B (Cf) and U+00A0 (Zs), U+00AD (Cf) are not printable; the emoji is.
  CHECK(PyRepr(S("\u200b\U0001F600\u00a0\u00ad\\")) == "'\\u200b\U0001F600\\xa0\\xad\\\\'");
  CHECK(PyRepr(S("\r")) == "'\\r'");
  CHECK(PyRepr(S("\U000E0001")) == "'\\U000e0001'");
  CHECK(PyStr(S("plain")) == "plain");
}

TEST_CASE("containers print as Python's repr", "[bfcl][py]") {
  CHECK(PyRepr(PyValue::Tuple({I(1)})) == "(1,)");
  CHECK(PyRepr(PyValue::Tuple({})) == "()");
  CHECK(PyRepr(PyValue::Dict()) == "{}");
  PyDict inner;
  inner.Set("k", PyValue::Tuple({I(1), S("x")}));
  CHECK(PyRepr(PyValue::List({PyValue::Tuple({}), PyValue::Dict(inner)})) == "[(), {'k': (1, 'x')}]");
  CHECK(PyStr(PyValue::List({PyValue::None(), PyValue::Bool(true), F(1.0)})) == "[None, True, 1.0]");
  PyDict with_mpf;
  with_mpf.Set("result", PyValue::Opaque("mpf", "mpf('2.0')"));
  CHECK(ResultText(PyValue::Dict(with_mpf)) == "{'result': mpf('2.0')}");
  CHECK(PyStr(PyValue::Opaque("Decimal", "Decimal('3.1')", "3.1")) == "3.1");
  CHECK(PyRepr(PyValue::List({PyValue::Opaque("Decimal", "Decimal('3.1')", "3.1")})) == "[Decimal('3.1')]");
}

TEST_CASE("for-loop items: list and tuple items, dict keys, str characters, else none", "[bfcl][py]") {
  const PyValue d = PyValue::Dict(PyDict{{I(1), S("one")}});
  CHECK(PyRepr(PyValue::List(*PyIterItems(S("a\xc3\xa9\xe2\x82\xac")))) == "['a', '\xc3\xa9', '\xe2\x82\xac']");
  CHECK(PyRepr(PyValue::List(*PyIterItems(d))) == "[1]");
  CHECK(PyRepr(PyValue::List(*PyIterItems(PyValue::Tuple({I(2), I(3)})))) == "[2, 3]");
  CHECK_FALSE(PyIterItems(I(5)).has_value());
  CHECK_FALSE(PyIterItems(F(1.5)).has_value());
}

TEST_CASE("json.dumps texts", "[bfcl][py]") {
  PyDict d;
  d.Set("a", PyValue::List({I(1), F(2.5), PyValue::Tuple({I(1), I(2)})}));
  d.Set(I(1), PyValue::None());
  d.Set(PyValue::Bool(true), F(std::numeric_limits<double>::infinity()));  // same key as 1
  d.Set(PyValue::None(), F(std::nan("")));
  d.Set(F(2.5), S("\u00e9\U0001F600\x7f\u2028"));
  CHECK(PyJsonDumps(PyValue::Dict(d)) ==
        "{\"a\": [1, 2.5, [1, 2]], \"1\": Infinity, \"null\": NaN, \"2.5\": \"\\u00e9\\ud83d\\ude00\\u007f\\u2028\"}");
  PyDict b;
  b.Set(PyValue::Bool(false), S("q\"\\\b\f\n\r\t\x01"));
  CHECK(PyJsonDumps(PyValue::Dict(b)) == "{\"false\": \"q\\\"\\\\\\b\\f\\n\\r\\t\\u0001\"}");
  PyDict tuple_key;
  tuple_key.Set(PyValue::Tuple({I(1)}), I(2));
  CHECK_FALSE(PyJsonDumps(PyValue::Dict(tuple_key)).has_value());
  CHECK(ResultText(PyValue::Dict(tuple_key)) == "{(1,): 2}");
  CHECK_FALSE(PyJsonDumps(PyValue::List({PyValue::Opaque("ellipsis", "Ellipsis")})).has_value());
  CHECK(PyJsonDumps(PyValue::Int(PyInt::Pow(PyInt(10), 4299))).has_value());
  CHECK_FALSE(PyJsonDumps(PyValue::Int(PyInt::Pow(PyInt(10), 4300))).has_value());
  CHECK(ResultText(S("text")) == "text");
  CHECK(ResultText(PyValue::None()) == "None");
  CHECK(ResultText(PyValue::List({S("a"), S("b")})) == "['a', 'b']");
}

TEST_CASE("equality follows Python", "[bfcl][py]") {
  CHECK(PyEquals(I(1), F(1.0)));
  CHECK(PyEquals(I(1), PyValue::Bool(true)));
  CHECK(PyEquals(F(0.0), PyValue::Bool(false)));
  CHECK_FALSE(PyEquals(I(1), S("1")));
  CHECK_FALSE(PyEquals(F(std::nan("")), F(std::nan(""))));
  CHECK_FALSE(PyEquals(PyValue::List({I(1)}), PyValue::Tuple({I(1)})));
  CHECK(PyEquals(PyValue::Tuple({I(1), F(2.0)}), PyValue::Tuple({F(1.0), I(2)})));
  // 2**53 + 1 is not 2.0**53 although both convert to the same double.
  const PyInt two53 = PyInt::Pow(PyInt(2), 53);
  CHECK(PyEquals(PyValue::Int(two53), F(9007199254740992.0)));
  CHECK_FALSE(PyEquals(PyValue::Int(two53 + PyInt(1)), F(9007199254740992.0)));
  CHECK(PyEquals(PyValue::Int(PyInt::Pow(PyInt(10), 22)), F(1e22)));
  CHECK_FALSE(PyEquals(PyValue::Int(PyInt::Pow(PyInt(10), 23)), F(1e23)));  // 1e23 is not exact
  PyDict a, b;
  a.Set("x", I(1));
  a.Set("y", PyValue::List({S("z")}));
  b.Set("y", PyValue::List({S("z")}));
  b.Set("x", F(1.0));
  CHECK(PyEquals(PyValue::Dict(a), PyValue::Dict(b)));
  b.Set("w", I(0));
  CHECK_FALSE(PyEquals(PyValue::Dict(a), PyValue::Dict(b)));
  CHECK(PyEquals(PyValue::None(), PyValue::None()));
  CHECK_FALSE(PyEquals(PyValue::None(), PyValue::Bool(false)));
}

TEST_CASE("dict keeps insertion order — Set keeps position, Erase+Set moves to the end", "[bfcl][py]") {
  PyDict d;
  d.Set("a", I(1));
  d.Set("b", I(2));
  d.Set("a", I(3));
  CHECK(PyRepr(PyValue::Dict(d)) == "{'a': 3, 'b': 2}");
  CHECK(d.Erase(S("a")));
  CHECK_FALSE(d.Erase(S("a")));
  d.Set("a", I(4));
  CHECK(PyRepr(PyValue::Dict(d)) == "{'b': 2, 'a': 4}");
  d.Set(F(1.0), S("one"));
  d.Set(PyValue::Bool(true), S("uno"));  // the key stays 1.0, as in Python
  CHECK(PyRepr(PyValue::Dict(d)) == "{'b': 2, 'a': 4, 1.0: 'uno'}");
  CHECK(d.Find(I(1)) != nullptr);
  try {
    d.At(S("alice"));
    FAIL("no KeyError");
  } catch (const PyException& e) {
    CHECK(e.type() == "KeyError");
    CHECK(e.message() == "'alice'");
  }
}

TEST_CASE("copies never alias, even through a kept mutable reference", "[bfcl][py]") {
  PyValue a = PyValue::List({I(1)});
  PyValue b = a;
  a.as_list().push_back(I(2));
  CHECK(PyRepr(a) == "[1, 2]");
  CHECK(PyRepr(b) == "[1]");
  PyList& kept = a.as_list();
  PyValue c = a;
  kept.push_back(I(3));
  CHECK(PyRepr(c) == "[1, 2]");
  CHECK(PyRepr(a) == "[1, 2, 3]");
  PyValue nested = PyValue::Dict();
  nested.as_dict().Set("l", PyValue::List());
  PyList& inner = nested.as_dict().Find("l")->as_list();
  PyValue snapshot = nested;
  inner.push_back(S("x"));
  CHECK(PyRepr(snapshot) == "{'l': []}");
  CHECK(PyRepr(nested) == "{'l': ['x']}");
}

TEST_CASE("type names and truthiness", "[bfcl][py]") {
  CHECK(PyValue().TypeName() == "NoneType");
  CHECK(PyValue::Bool(false).TypeName() == "bool");
  CHECK(I(1).TypeName() == "int");
  CHECK(PyValue::Opaque("mpf", "mpf('1.0')").TypeName() == "mpf");
  CHECK_FALSE(S("").Truthy());
  CHECK(F(std::nan("")).Truthy());
  CHECK_FALSE(I(0).Truthy());
  CHECK(PyValue::List({PyValue()}).Truthy());
  CHECK_THROWS_AS(I(1).as_str(), std::logic_error);
  CHECK(I(1).is_number());
  CHECK_FALSE(I(1).is_bool());
}

TEST_CASE("big ints: arithmetic, text, floor division", "[bfcl][py]") {
  const PyInt big = PyInt::FromDecimal("123456789012345678901234567890");
  CHECK(big.ToString() == "123456789012345678901234567890");
  CHECK_FALSE(big.fits_int64());
  CHECK((big * big).ToString() == "15241578753238836750495351562536198787501905199875019052100");
  CHECK((big - big).ToString() == "0");
  CHECK((big - big).fits_int64());
  CHECK((-big).ToString() == "-123456789012345678901234567890");
  const PyInt max = PyInt(INT64_MAX);
  CHECK((max + PyInt(1)).ToString() == "9223372036854775808");
  CHECK((PyInt(INT64_MIN) - PyInt(1)).ToString() == "-9223372036854775809");
  CHECK(((max + PyInt(1)) - PyInt(1)).fits_int64());
  CHECK(PyInt::FloorDiv(PyInt(-7), PyInt(2)) == PyInt(-4));
  CHECK(PyInt::Mod(PyInt(-7), PyInt(2)) == PyInt(1));
  CHECK(PyInt::Mod(PyInt(7), PyInt(-2)) == PyInt(-1));
  CHECK(PyInt::FloorDiv(PyInt(INT64_MIN), PyInt(-1)).ToString() == "9223372036854775808");
  CHECK(PyInt::FloorDiv(big, PyInt::FromDecimal("-98765432109876543210")).ToString() == "-1249999989");
  CHECK(PyInt::Mod(big, PyInt::FromDecimal("-98765432109876543210")).ToString() == "-38580246902623456800");
  CHECK(PyInt::FloorDiv(-big, PyInt(1000)).ToString() == "-123456789012345678901234568");
  CHECK(PyInt::Mod(-big, PyInt(1000)).ToString() == "110");
  try {
    PyInt::Mod(big, PyInt(0));
    FAIL("no ZeroDivisionError");
  } catch (const PyException& e) {
    CHECK(e.type() == "ZeroDivisionError");
    CHECK(e.message() == "integer modulo by zero");  // CPython 3.11; // says "integer division or modulo by zero"
  }
  CHECK_THROWS_WITH(PyInt::FloorDiv(PyInt(1), PyInt(0)), Catch::Contains("integer division or modulo by zero"));
  CHECK(PyInt::Pow(PyInt(2), 100).ToString() == "1267650600228229401496703205376");
  CHECK(PyInt::Pow(PyInt(-3), 41).ToString() == "-36472996377170786403");
  CHECK(PyInt::Pow(PyInt(2), 100).bit_length() == 101);
  CHECK(PyInt(255).bit_length() == 8);
  CHECK(PyInt(-256).bit_length() == 9);
  CHECK(PyInt(0).bit_length() == 0);
  CHECK(Compare(big, -big) == 1);
  CHECK(Compare(-big, PyInt(INT64_MIN)) == -1);
  CHECK(Compare(PyInt(3), PyInt(3)) == 0);
  CHECK(PyInt::Pow(PyInt(10), 30).to_double() == 1e30);
  CHECK(PyInt::FromDecimal("9007199254740993").to_double() == 9007199254740992.0);  // ties to even
  CHECK_THROWS_AS(PyInt::Pow(PyInt(10), 400).to_double(), PyException);
  CHECK(PyInt::FromDouble(1e20).ToString() == "100000000000000000000");
  CHECK(PyInt::FromDouble(-2.9).ToString() == "-2");
  CHECK_THROWS_AS(PyInt::FromDouble(std::nan("")), PyException);
  CHECK_THROWS_AS(PyInt::FromDecimal("12a"), std::invalid_argument);
  const std::vector<uint32_t> words = PyInt::Pow(PyInt(2), 64).AbsWords32();
  CHECK(words == std::vector<uint32_t>{0, 0, 1});
  CHECK(PyInt::FromWords32({0x89abcdefu, 0x01234567u, 0x1u}).ToString() == "18528729602926038511");
}

TEST_CASE("str helpers count and split as Python", "[bfcl][py]") {
  CHECK(PyLen("h\u00e9llo\U0001F600") == 6);
  CHECK(PySplitLines("a\nb\r\nc\rd\x0b" "e\u2028f\n") ==
        std::vector<std::string>{"a", "b", "c", "d", "e", "f"});
  CHECK(PySplitLines("").empty());
  CHECK(PySplitLines("\n\n") == std::vector<std::string>{"", ""});
  CHECK(PySplitWhitespace("  a b\t\n c\u3000d  ") == std::vector<std::string>{"a", "b", "c", "d"});
  CHECK(PySplitWhitespace("   ").empty());
  CHECK(PyLower("HeLLo \u00c9\u0130") == "hello \u00e9i\u0307");
  CHECK(PyUpper("stra\u00dfe") == "STRASSE");
  // The final-sigma rule, case-ignorable code points ('.', U+0301) skipped around it.
  CHECK(PyLower("\u0391\u03a3") == "\u03b1\u03c2");
  CHECK(PyLower("\u03a3") == "\u03c3");
  CHECK(PyLower("A\u03a3b") == "a\u03c3b");
  CHECK(PyLower("A.\u03a3") == "a.\u03c2");
  CHECK(PyLower("A\u03a3\u0301 x") == "a\u03c2\u0301 x");
  CHECK(PyLower("\u039f\u0394\u039f\u03a3 \u03a3\u039f") == "\u03bf\u03b4\u03bf\u03c2 \u03c3\u03bf");
}

TEST_CASE("JSON conversion", "[bfcl][py]") {
  const Json j = Json::parse(R"({"a": [1, 2.0, "x", null, true], "b": {"$python": "Ellipsis"}, "c": {}})");
  const PyValue v = FromJson(j);
  CHECK(PyRepr(v) == "{'a': [1, 2.0, 'x', None, True], 'b': Ellipsis, 'c': {}}");
  CHECK(ToJson(v) == j);
  CHECK(ToJson(PyValue::Tuple({I(1)})) == Json::parse("[1]"));
}

TEST_CASE("PyValue::Freeze: json.dumps from the kept text, dropped by a change", "[bfcl][py]") {
  PyValue v = PyValue::List({F(0.1), I(2), F(1e16)});
  v.Freeze();
  REQUIRE(v.frozen_json() != nullptr);
  CHECK(*v.frozen_json() == "[0.1, 2, 1e+16]");
  PyValue copy = v;
  CHECK(copy.frozen_json() == v.frozen_json());
  CHECK(*PyJsonDumps(PyValue::Dict({{S("ma"), copy}})) == "{\"ma\": [0.1, 2, 1e+16]}");
  copy.as_list().push_back(PyValue::None());  // a change: the copy's text goes, the original's stays
  CHECK(copy.frozen_json() == nullptr);
  CHECK(*PyJsonDumps(copy) == "[0.1, 2, 1e+16, null]");
  CHECK(*PyJsonDumps(v) == "[0.1, 2, 1e+16]");
  PyValue opaque = PyValue::List({PyValue::Opaque("set", "{1}")});
  opaque.Freeze();  // json.dumps raises: nothing kept
  CHECK(opaque.frozen_json() == nullptr);
  CHECK(!PyJsonDumps(opaque));
}

}  // namespace
}  // namespace toolshift::bfcl
