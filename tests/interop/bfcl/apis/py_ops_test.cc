// Python operators and conversions of apis/py_ops.h and the strptime of apis/py_datetime.h,
// against what CPython 3.11 computes and raises (values checked with python3 while writing).
#include <catch2/catch.hpp>

#include <cmath>
#include <functional>

#include "src/interop/bfcl/apis/py_datetime.h"
#include "src/interop/bfcl/apis/py_ops.h"

namespace toolshift::bfcl {
namespace {

PyValue I(int64_t i) { return PyValue::Int(PyInt(i)); }
PyValue F(double d) { return PyValue::Float(d); }
PyValue S(const char* s) { return PyValue::Str(s); }

// "<type>: <message>" of the PyException `f` raises, or "(none)".
std::string Raised(const std::function<void()>& f) {
  try {
    f();
  } catch (const PyException& e) {
    return e.type() + ": " + e.message();
  }
  return "(none)";
}

TEST_CASE("PyCompare: exact int/float comparison, str, sequences, TypeError", "[bfcl][apis]") {
  const PyValue two63 = PyValue::Int(PyInt::FromDecimal("9223372036854775808"));
  CHECK(PyCompare(two63, PyCmp::kLe, F(9223372036854775808.0)));
  CHECK_FALSE(PyCompare(two63, PyCmp::kLt, F(9223372036854775808.0)));
  CHECK(PyCompare(I((int64_t{1} << 53) + 1), PyCmp::kGt, F(9007199254740992.0)));
  CHECK(PyCompare(F(0.5), PyCmp::kLt, I(1)));
  CHECK(PyCompare(PyValue::Bool(true), PyCmp::kLt, I(2)));
  CHECK_FALSE(PyCompare(F(std::nan("")), PyCmp::kLt, I(1)));
  CHECK_FALSE(PyCompare(F(std::nan("")), PyCmp::kGe, I(1)));
  CHECK(PyCompare(F(-INFINITY), PyCmp::kLt, two63));
  CHECK(PyCompare(S("a"), PyCmp::kLt, S("b")));
  CHECK(PyCompare(PyValue::List({I(1), I(2)}), PyCmp::kLt, PyValue::List({I(1), I(3)})));
  CHECK(PyCompare(PyValue::List({I(1)}), PyCmp::kLt, PyValue::List({I(1), I(0)})));
  CHECK(Raised([] { PyCompare(S("a"), PyCmp::kLt, I(1)); }) ==
        "TypeError: '<' not supported between instances of 'str' and 'int'");
  CHECK(Raised([] { PyCompare(PyValue::None(), PyCmp::kGe, F(1)); }) ==
        "TypeError: '>=' not supported between instances of 'NoneType' and 'float'");
}

TEST_CASE("PyAdd, PySub, PyMul, PyAbs", "[bfcl][apis]") {
  CHECK(PyRepr(PyAdd(I(1), I(2))) == "3");
  CHECK(PyRepr(PyAdd(I(1), F(2.5))) == "3.5");
  CHECK(PyRepr(PyAdd(PyValue::Bool(true), PyValue::Bool(true))) == "2");
  CHECK(PyRepr(PyAdd(F(0.1), F(0.2))) == "0.30000000000000004");
  CHECK(PyRepr(PyAdd(S("a"), S("b"))) == "'ab'");
  CHECK(PyRepr(PyAdd(PyValue::List({I(1)}), PyValue::List({I(2)}))) == "[1, 2]");
  CHECK(Raised([] { PyAdd(I(1), S("a")); }) == "TypeError: unsupported operand type(s) for +: 'int' and 'str'");
  CHECK(Raised([] { PyAdd(I(1), S("a"), true); }) == "TypeError: unsupported operand type(s) for +=: 'int' and 'str'");
  CHECK(Raised([] { PyAdd(S("a"), I(1)); }) == "TypeError: can only concatenate str (not \"int\") to str");
  CHECK(Raised([] { PyAdd(PyValue::List({I(1)}), PyValue::Tuple({I(2)})); }) ==
        "TypeError: can only concatenate list (not \"tuple\") to list");
  CHECK(PyRepr(PySub(F(10000.0), I(500))) == "9500.0");
  CHECK(PyRepr(PySub(I(5), I(7))) == "-2");
  CHECK(Raised([] { PySub(PyValue::None(), I(1)); }) ==
        "TypeError: unsupported operand type(s) for -: 'NoneType' and 'int'");
  CHECK(PyRepr(PyMul(F(100.005), I(100))) == "10000.5");
  CHECK(PyRepr(PyMul(S("ab"), I(2))) == "'abab'");
  CHECK(Raised([] { PyMul(S("a"), S("b")); }) == "TypeError: can't multiply sequence by non-int of type 'str'");
  CHECK(PyRepr(PyAbs(I(-3))) == "3");
  CHECK(PyRepr(PyAbs(F(-0.12))) == "0.12");
  CHECK(Raised([] { PyAbs(S("x")); }) == "TypeError: bad operand type for abs(): 'str'");
}

TEST_CASE("Hashability, membership, iteration, subscripts", "[bfcl][apis]") {
  CHECK(Raised([] { CheckHashable(PyValue::List({I(1)})); }) == "TypeError: unhashable type: 'list'");
  CHECK(Raised([] { CheckHashable(PyValue::Tuple({I(1), PyValue::List({})})); }) == "TypeError: unhashable type: 'list'");
  CHECK(Raised([] { CheckHashable(PyValue::Tuple({I(1), S("a")})); }) == "(none)");
  const PyValue d = PyValue::Dict(PyDict{{I(1), S("a")}});
  CHECK(PyContains(d, F(1.0)));
  CHECK_FALSE(PyContains(d, S("1")));
  CHECK(PyContains(PyValue::List({I(1), S("x")}), S("x")));
  CHECK(PyContains(S("cat"), S("at")));
  CHECK(Raised([] { PyContains(S("cat"), I(1)); }) == "TypeError: 'in <string>' requires string as left operand, not int");
  CHECK(Raised([] { PyContains(I(5), I(1)); }) == "TypeError: argument of type 'int' is not iterable");
  CHECK(PyRepr(PyValue::List(PyIterate(S("aé")))) == "['a', 'é']");
  CHECK(PyRepr(PyValue::List(PyIterate(d))) == "[1]");
  CHECK(Raised([] { PyIterate(I(5)); }) == "TypeError: 'int' object is not iterable");
  CHECK(PyRepr(PyDictGet(d, I(2), S("none"))) == "'none'");
  CHECK(Raised([&] { PySubscript(d, S("k")); }) == "KeyError: 'k'");
  CHECK(PyRepr(PySubscript(PyValue::List({I(1), I(2)}), I(-1))) == "2");
  CHECK(Raised([] { PySubscript(PyValue::List({}), I(0)); }) == "IndexError: list index out of range");
  CHECK(PyLenOf(S("aé")) == 2);
  CHECK(Raised([] { PyStrLower(I(1)); }) == "AttributeError: 'int' object has no attribute 'lower'");
}

TEST_CASE("float(), int() and %.2f as Python's", "[bfcl][apis]") {
  CHECK(PyToFloat(S(" 1_000.5 ")) == 1000.5);
  CHECK(std::isinf(PyToFloat(S("-Infinity"))));
  CHECK(PyToFloat(PyValue::Bool(true)) == 1.0);
  CHECK(Raised([] { PyToFloat(S("1__0")); }) == "ValueError: could not convert string to float: '1__0'");
  CHECK(Raised([] { PyToFloat(PyValue::List({})); }) ==
        "TypeError: float() argument must be a string or a real number, not 'list'");
  CHECK(PyToInt(F(10.9)).ToString() == "10");
  CHECK(PyToInt(F(-10.9)).ToString() == "-10");
  CHECK(PyToInt(F(1e20)).ToString() == "100000000000000000000");
  CHECK(PyToInt(S(" +12 ")).ToString() == "12");
  CHECK(PyToInt(S("007")).ToString() == "7");
  CHECK(PyToInt(S("-0")).ToString() == "0");
  CHECK(PyToInt(S("1_000")).ToString() == "1000");
  CHECK(PyToInt(F(1e300)).ToString().size() == 301);
  CHECK(Raised([] { PyToInt(S("_1")); }) == "ValueError: invalid literal for int() with base 10: '_1'");
  CHECK(Raised([] { PyToFloat(S(" ")); }) == "ValueError: could not convert string to float: ' '");
  CHECK(PyToFloat(S("+.5e-3")) == 0.0005);
  CHECK(Raised([] { PyToInt(S("1.5")); }) == "ValueError: invalid literal for int() with base 10: '1.5'");
  CHECK(Raised([] { PyToInt(F(std::nan(""))); }) == "ValueError: cannot convert float NaN to integer");
  CHECK(Raised([] { PyToInt(F(INFINITY)); }) == "OverflowError: cannot convert float infinity to integer");
  CHECK(Raised([] { PyToInt(PyValue::List({})); }) ==
        "TypeError: int() argument must be a string, a bytes-like object or a real number, not 'list'");
  CHECK(PyFormatFixed(F(2.675), 2) == "2.67");
  CHECK(PyFormatFixed(F(0.125), 2) == "0.12");
  CHECK(PyFormatFixed(F(0.375), 2) == "0.38");
  CHECK(PyFormatFixed(F(1e22), 2) == "10000000000000000000000.00");
  CHECK(PyFormatFixed(I(5000), 2) == "5000.00");
}

TEST_CASE("PyStrptime: CPython's patterns, errors and datetime arithmetic", "[bfcl][apis]") {
  auto parse = [](const char* text, const char* format) {
    try {
      PyDateTime dt = PyStrptime(S(text), format);
      return FormatYmdHms(dt);
    } catch (const PyException& e) {
      return e.type() + ": " + e.message();
    }
  };
  CHECK(parse("2024-09-01", "%Y-%m-%d") == "2024-09-01 00:00:00");
  CHECK(parse("2024-1-5", "%Y-%m-%d") == "2024-01-05 00:00:00");
  CHECK(parse("2024-01- 5", "%Y-%m-%d") == "2024-01-05 00:00:00");
  CHECK(parse("2024-02-29", "%Y-%m-%d") == "2024-02-29 00:00:00");
  CHECK(parse("2024-13-01", "%Y-%m-%d") == "ValueError: time data '2024-13-01' does not match format '%Y-%m-%d'");
  CHECK(parse(" 2024-01-01", "%Y-%m-%d") == "ValueError: time data ' 2024-01-01' does not match format '%Y-%m-%d'");
  CHECK(parse("2024-09-01x", "%Y-%m-%d") == "ValueError: unconverted data remains: x");
  CHECK(parse("2024-01-011", "%Y-%m-%d") == "ValueError: unconverted data remains: 1");
  CHECK(parse("2023-02-29", "%Y-%m-%d") == "ValueError: day is out of range for month");
  CHECK(parse("2024-09-01 10:30:00", "%Y-%m-%d %H:%M:%S") == "2024-09-01 10:30:00");
  CHECK(parse("2024-09-01   7:5:9", "%Y-%m-%d %H:%M:%S") == "2024-09-01 07:05:09");
  CHECK(parse("2024-05-01 22:14:05.858817", "%Y-%m-%d %H:%M:%S") == "ValueError: unconverted data remains: .858817");
  CHECK(parse("12:15 am", "%I:%M %p") == "1900-01-01 00:15:00");
  CHECK(parse("04:00 PM", "%I:%M %p") == "1900-01-01 16:00:00");
  CHECK(Raised([] { PyStrptime(I(5), "%Y"); }) == "TypeError: strptime() argument 1 must be str, not int");
  CHECK_FALSE(PyDateTimeMin() < PyStrptime(S("0001-01-01"), "%Y-%m-%d"));
  CHECK(PyStrptime(S("9999-12-31 23:59:59"), "%Y-%m-%d %H:%M:%S") < PyDateTimeMax());
  const PyDateTime now{2024, 9, 1, 10, 30, 0, 0};
  CHECK(FormatYmdHms(AddSeconds(now, 69015)) == "2024-09-02 05:40:15");
  CHECK(FormatYmdHms(AddSeconds(now, 86400)) == "2024-09-02 10:30:00");
  CHECK(FormatYmdHms(AddSeconds(PyDateTime{2024, 12, 31, 23, 59, 59, 0}, 1)) == "2025-01-01 00:00:00");
  CHECK(FormatYmdHms(AddSeconds(PyDateTime{2024, 3, 1, 0, 0, 0, 0}, -1)) == "2024-02-29 23:59:59");
}

}  // namespace
}  // namespace toolshift::bfcl
