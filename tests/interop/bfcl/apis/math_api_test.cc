// MathAPI against BEHAVIOUR.md §2. The expected texts were produced by CPython 3.11 with
// mpmath 1.3.0 (BFCL's pinned version) and the decimal module, running each function's
// documented semantics; they pin the digits mpmath and decimal print, CPython's round() and
// float_pow, and every error text.
#include <catch2/catch.hpp>

#include <fstream>
#include <limits>
#include <sstream>

#include "tests/test_support.h"
#include "src/core/build_info.h"
#include "src/interop/bfcl/apis/api.h"
#include "src/interop/bfcl/apis/math_numerics.h"
#include "tests/interop/bfcl/apis/call_support.h"

namespace toolshift::bfcl {
namespace {

using testing_calls::Exec;

struct Vector {
  const char* call;
  const char* text;
};

// The text of a call with already-built arguments (for values no literal spells: inf, nan).
std::string Text(ApiInstance& api, const char* method, std::vector<PyValue> args) {
  try {
    return ResultText(api.Invoke(method, std::move(args)));
  } catch (const PyException& e) {
    return "Error during execution: " + e.message();
  }
}

void CheckAll(ApiInstance& api, const std::vector<Vector>& vectors) {
  for (const Vector& v : vectors) {
    INFO(v.call);
    CHECK(Exec(api, v.call) == v.text);
  }
}

TEST_CASE("MathAPI: signatures in the doc file's order", "[bfcl][apis]") {
  BfclProcess process;
  auto api = MakeMathApi(process);
  std::vector<std::string> names;
  for (const MethodSig& m : api->Methods()) names.push_back(m.name);
  CHECK(names == std::vector<std::string>{"absolute_value", "add", "divide", "imperial_si_conversion", "logarithm",
                                          "max_value", "mean", "min_value", "multiply", "percentage", "power",
                                          "round_number", "si_unit_conversion", "square_root",
                                          "standard_deviation", "subtract", "sum_values"});
  CHECK(api->PublicState().empty());
  CHECK(Exec(*api, "logarithm(10, 2)") ==
        "Error during execution: MathAPI.logarithm() missing 1 required positional argument: 'precision'");
}

TEST_CASE("MathAPI: mpmath's precision and digits in logarithm", "[bfcl][apis]") {
  CHECK(mathnum::DpsToPrec(2) == 10);
  CHECK(mathnum::DpsToPrec(4) == 17);
  CHECK(mathnum::DpsToPrec(5) == 20);
  CHECK(mathnum::DpsToPrec(10) == 37);
  CHECK(mathnum::DpsToPrec(15) == 53);
  CHECK(mathnum::ReprDigits(53) == 17);
  CHECK(mathnum::ReprDigits(10) == 5);
  CHECK(mathnum::MpfToStr(false, "1", 0, 17) == "1.0");
  CHECK(mathnum::MpfToStr(true, "3", -1, 5) == "-1.5");
  CHECK(mathnum::MpfToStr(false, "1", 70, 5) == "1.1806e+21");
  CHECK(mathnum::MpfToStr(false, "1", -30, 5) == "9.3132e-10");
  BfclProcess process;
  auto api = MakeMathApi(process);
  CheckAll(*api, {
      {"logarithm(value=20, base=10, precision=2)", "{'result': mpf('1.3027')}"},
      {"logarithm(value=980.0, base=20, precision=10)", "{'result': mpf('2.299121531134')}"},
      {"logarithm(value=36.0,base=6.0,precision=4)", "{'result': mpf('2.0')}"},
      {"logarithm(value=630.0, base=10, precision=5)", "{'result': mpf('2.7993393')}"},
      {"logarithm(2, 10, 1)", "{'result': mpf('0.3008')}"},
      {"logarithm(1000, 10, 3)", "{'result': mpf('3.0')}"},
      {"logarithm(0.001, 10, 6)", "{'result': mpf('-3.0')}"},
      {"logarithm(1e-10, 10, 8)", "{'result': mpf('-10.0')}"},
      {"logarithm(123456789, 2, 30)", "{'result': mpf('26.87943093286047382106388298173')}"},
      {"logarithm(7, 3, 14)", "{'result': mpf('1.7712437491614228')}"},
      {"logarithm(7, 3, 15)", "{'result': mpf('1.7712437491614221')}"},
      {"logarithm(7, 3, 16)", "{'result': mpf('1.771243749161422271')}"},
      {"logarithm(3, 7, 50)", "{'result': mpf('0.56457503405357961380455016717490853614322791118679221')}"},
      {"logarithm(2.5, 0.5, 7)", "{'result': mpf('-1.321928084')}"},
      {"logarithm(0.3, 0.7, 9)", "{'result': mpf('3.37554634782')}"},
      {"logarithm(99, 10, 2)", "{'result': mpf('1.9961')}"},
      {"logarithm(999999, 10, 2)", "{'result': mpf('6.0')}"},
      {"logarithm(1e300, 1.0000001, 12)", "{'result': mpf('6907755620.33691')}"},
      {"logarithm(5e-324, 10, 20)", "{'result': mpf('-323.30621534311580365928')}"},
      {"logarithm(100, 10, 0)", "{'result': mpf('2.0')}"},
      {"logarithm(100, 10, -3)", "{'result': mpf('2.0')}"},
      {"logarithm(1, 10, 5)", "{'result': mpf('0.0')}"},
      {"logarithm(True, 10, 3)", "{'result': mpf('0.0')}"},
      {"logarithm(0, 10, 5)", "{'result': mpf('-inf')}"},
      {"logarithm(-8, 2, 6)", "{'result': mpc(real='3.0', imag='4.53236008')}"},
      {"logarithm(8, -2, 6)", "{'result': mpc(real='0.139260978', imag='-0.631180882')}"},
      {"logarithm(-8, -2, 6)", "{'result': mpc(real='1.09284067', imag='-0.420787275')}"},
      {"logarithm('20', 10, 4)", "{'result': mpf('1.301025')}"},
      {"logarithm(10, 10, '4')", "{'result': mpf('1.0')}"},
      {"logarithm(10, 1, 5)", R"({"error": ""})"},
      {"logarithm(1, 1, 5)", R"({"error": ""})"},
      {"logarithm('a', 10, 4)", R"({"error": "cannot create mpf from 'a'"})"},
      {"logarithm(None, 10, 4)", R"({"error": "cannot create mpf from None"})"},
  });
}

TEST_CASE("MathAPI: infinities and NaN", "[bfcl][apis]") {
  BfclProcess process;
  auto api = MakeMathApi(process);
  const double inf = std::numeric_limits<double>::infinity();
  const double nan = std::numeric_limits<double>::quiet_NaN();
  auto f = [](double d) { return PyValue::Float(d); };
  auto i = [](int64_t v) { return PyValue::Int(v); };
  CHECK(Text(*api, "logarithm", {f(inf), i(10), i(5)}) == "{'result': mpf('+inf')}");
  CHECK(Text(*api, "logarithm", {f(nan), i(10), i(5)}) == "{'result': mpf('nan')}");
  CHECK(Text(*api, "square_root", {f(nan), i(4)}) == "{'result': Decimal('NaN')}");
  CHECK(Text(*api, "square_root", {f(inf), i(4)}) == "{'result': Decimal('Infinity')}");
  PyValue huge = PyValue::Int(PyInt::FromDecimal("1" + std::string(400, '0')));
  CHECK(Text(*api, "si_unit_conversion", {huge, PyValue::Str("km"), PyValue::Str("m")}) ==
        R"({"error": "Conversion resulted in a value too large to represent"})");
  CHECK(Text(*api, "power", {f(nan), i(0)}) == R"({"result": 1.0})");
}

TEST_CASE("MathAPI: logarithm turns every exception into its error dict", "[bfcl][apis]") {
  BfclProcess process;
  auto first = MakeMathApi(process);
  auto second = MakeMathApi(process);
  CHECK(Exec(*first, "logarithm(20, 10, 2)") == "{'result': mpf('1.3027')}");
  // A failed conversion leaves the precision the call set.
  CHECK(Exec(*second, "logarithm('x', 10, 4)") == R"({"error": "cannot create mpf from 'x'"})");
  CHECK(Exec(*first, "logarithm(20, 10, 'y')") ==
        R"({"error": "invalid literal for int() with base 10: 'y'"})");
}

TEST_CASE("MathAPI: decimal square roots", "[bfcl][apis]") {
  BfclProcess process;
  auto api = MakeMathApi(process);
  CheckAll(*api, {
      {"square_root(10, 5)", "{'result': Decimal('3.1623')}"},
      {"square_root(2, 10)", "{'result': Decimal('1.414213562')}"},
      {"square_root(16, 3)", "{'result': Decimal('4')}"},
      {"square_root(0.25, 4)", "{'result': Decimal('0.5')}"},
      {"square_root(0.1, 5)", "{'result': Decimal('0.31623')}"},
      {"square_root(1e22, 3)", "{'result': Decimal('1.00E+11')}"},
      {"square_root(2, 1)", "{'result': Decimal('1')}"},
      {"square_root(100, 1)", "{'result': Decimal('1E+1')}"},
      {"square_root(0, 5)", "{'result': Decimal('0')}"},
      {"square_root(-0.0, 5)", "{'result': Decimal('-0')}"},
      {"square_root(1e-300, 10)", "{'result': Decimal('1.000000000E-150')}"},
      {"square_root(12345678901234567890, 8)", "{'result': Decimal('3.5136418E+9')}"},
      {"square_root(2.0, 28)", "{'result': Decimal('1.414213562373095048801688724')}"},
      {"square_root(99, 2)", "{'result': Decimal('9.9')}"},
      {"square_root(9999, 3)", "{'result': Decimal('100')}"},
      {"square_root(0.5, 50)", "{'result': Decimal('0.70710678118654752440084436210484903928483593768847')}"},
      {"square_root(-4, 3)", R"({"error": "Cannot calculate square root of a negative number"})"},
      {"square_root('4', 3)",
       R"({"error": "Input must be a number or computation resulted in an invalid operation"})"},
      {"square_root(4, 2.0)",
       R"({"error": "Input must be a number or computation resulted in an invalid operation"})"},
      {"square_root(4, 0)", "Error during execution: valid range for prec is [1, MAX_PREC]"},
  });
}

TEST_CASE("MathAPI: statistics", "[bfcl][apis]") {
  BfclProcess process;
  auto api = MakeMathApi(process);
  CheckAll(*api, {
      {"mean(numbers=[3,16,60])", R"({"result": 26.333333333333332})"},
      {"mean([37])", R"({"result": 37.0})"},
      {"mean([0.1, 0.2, 0.3])", R"({"result": 0.20000000000000004})"},
      {"mean(numbers=[750.0, 320.0, 450.0, 290.0])", R"({"result": 452.5})"},
      {"mean([1000000000000000000000000000000, 1])", R"({"result": 5e+29})"},
      {"mean([])", R"({"error": "Cannot calculate mean of an empty list"})"},
      {"mean(None)", R"({"error": "Cannot calculate mean of an empty list"})"},
      {"mean([1, 'a'])", R"({"error": "All elements in the list must be numbers"})"},
      {"mean('12')", R"({"error": "All elements in the list must be numbers"})"},
      {"mean(5)", R"({"error": "All elements in the list must be numbers"})"},
      {"standard_deviation(numbers=[100, 95, 85, 90, 88, 92])", R"({"result": 4.85340659285368})"},
      {"standard_deviation([0.1, 0.2, 0.3, 0.4])", R"({"result": 0.11180339887498948})"},
      {"standard_deviation([1e200, -1e200])", "Error during execution: (34, 'Numerical result out of range')"},
      {"standard_deviation([])", R"({"error": "Cannot calculate standard deviation of an empty list"})"},
      {"standard_deviation([1, None])", R"({"error": "All elements in the list must be numbers"})"},
      {"min_value([3, 1.5, 2])", R"({"result": 1.5})"},
      {"max_value([3, 1.5, 2])", R"({"result": 3})"},
      {"min_value(['b', 'a'])", R"({"result": "a"})"},
      {"max_value([1, 'a'])", R"({"error": "All elements in the list must be numbers"})"},
      {"min_value([])", R"({"error": "Cannot find minimum of an empty list"})"},
      {"max_value([])", R"({"error": "Cannot find maximum of an empty list"})"},
      {"sum_values([1, 2, 3.5])", R"({"result": 6.5})"},
      {"sum_values([])", R"({"error": "Cannot calculate sum of an empty list"})"},
      {"sum_values(['a'])", R"({"error": "All elements in the list must be numbers"})"},
  });
}

TEST_CASE("MathAPI: arithmetic", "[bfcl][apis]") {
  BfclProcess process;
  auto api = MakeMathApi(process);
  CheckAll(*api, {
      {"add(2, 3)", R"({"result": 5})"},
      {"add(0.1, 0.2)", R"({"result": 0.30000000000000004})"},
      {"add('a', 'b')", R"({"result": "ab"})"},
      {"add(1, 'b')", R"({"error": "Both inputs must be numbers"})"},
      {"subtract(10, 2.5)", R"({"result": 7.5})"},
      {"subtract('a', 'b')", R"({"error": "Both inputs must be numbers"})"},
      {"multiply(3, 4)", R"({"result": 12})"},
      {"multiply('a', 3)", R"({"error": "Both inputs must be numbers"})"},
      {"multiply(True, 2.5)", R"({"result": 2.5})"},
      {"divide(1, 3)", R"({"result": 0.3333333333333333})"},
      {"divide(1000000000000000000000000000000, 3)", R"({"result": 3.333333333333333e+29})"},
      {"divide(1, 0)", R"({"error": "Cannot divide by zero"})"},
      {"divide(1, 0.0)", R"({"error": "Cannot divide by zero"})"},
      {"divide(1, False)", R"({"error": "Cannot divide by zero"})"},
      {"divide('a', 2)", R"({"error": "Both inputs must be numbers"})"},
      {"power(2, 100)", R"({"result": 1267650600228229401496703205376})"},
      {"power(2, -2)", R"({"result": 0.25})"},
      {"power(-8, 1/3)", "{'result': (1.0000000000000002+1.7320508075688772j)}"},
      {"power(-2, 0.5)", "{'result': (8.659560562354934e-17+1.4142135623730951j)}"},
      {"power(2.0, 0.5)", R"({"result": 1.4142135623730951})"},
      {"power(-2.0, 3)", R"({"result": -8.0})"},
      {"power(3, 0)", R"({"result": 1})"},
      {"power(0.0, 0)", R"({"result": 1.0})"},
      {"power(1e-300, 50)", R"({"result": 0.0})"},
      {"power(0, -1)", "Error during execution: 0.0 cannot be raised to a negative power"},
      {"power(10.0, 400)", "Error during execution: (34, 'Numerical result out of range')"},
      {"power(-1e300, 1.5)", "Error during execution: complex exponentiation"},
      {"power(2, 20000)",
       "Error during execution: Exceeds the limit (4300 digits) for integer string conversion; use "
       "sys.set_int_max_str_digits() to increase the limit"},
      {"power('2', 2)", R"({"error": "Both inputs must be numbers"})"},
      {"absolute_value(-3)", R"({"result": 3})"},
      {"absolute_value(-2.5)", R"({"result": 2.5})"},
      {"absolute_value('x')", R"({"error": "Input must be a number"})"},
      {"percentage(1, 3)", R"({"result": 33.33333333333333})"},
      {"percentage(5, 0)", R"({"error": "Whole value cannot be zero"})"},
      {"percentage('a', 2)", R"({"error": "Both inputs must be numbers"})"},
  });
}

TEST_CASE("MathAPI: round_number is CPython's round", "[bfcl][apis]") {
  BfclProcess process;
  auto api = MakeMathApi(process);
  CheckAll(*api, {
      {"round_number(2.675, 2)", R"({"result": 2.67})"},
      {"round_number(2.5)", R"({"result": 2.0})"},
      {"round_number(3.5)", R"({"result": 4.0})"},
      {"round_number(-0.4)", R"({"result": -0.0})"},
      {"round_number(0.125, 2)", R"({"result": 0.12})"},
      {"round_number(1234.5678, -2)", R"({"result": 1200.0})"},
      {"round_number(1250, -2)", R"({"result": 1200})"},
      {"round_number(1350, -2)", R"({"result": 1400})"},
      {"round_number(-1250, -2)", R"({"result": -1200})"},
      {"round_number(5, -10)", R"({"result": 0})"},
      {"round_number(7, 3)", R"({"result": 7})"},
      {"round_number(True, 2)", R"({"result": 1})"},
      {"round_number(3.7, None)", R"({"result": 4})"},
      {"round_number(2.5, None)", R"({"result": 2})"},
      {"round_number(1e300, -299)", R"({"result": 1e+300})"},
      {"round_number(1e-320, 322)", R"({"result": 1e-320})"},
      {"round_number(5e-324, 323)", R"({"result": 0.0})"},
      {"round_number(1.7976931348623157e308, -308)", "Error during execution: rounded value too large to represent"},
      {"round_number(3.0, 1.5)", R"({"error": "First input must be a number, second input must be an integer"})"},
      {"round_number('x')", R"({"error": "First input must be a number, second input must be an integer"})"},
  });
}

TEST_CASE("MathAPI: unit conversions", "[bfcl][apis]") {
  BfclProcess process;
  auto api = MakeMathApi(process);
  CheckAll(*api, {
      {"si_unit_conversion(5, 'km', 'm')", R"({"result": 5000.0})"},
      {"si_unit_conversion(3, 'cm', 'mm')", R"({"result": 30.0})"},
      {"si_unit_conversion(1500, 'm', 'km')", R"({"result": 1.5})"},
      {"si_unit_conversion(2, 'nm', 'um')", R"({"result": 0.002})"},
      {"si_unit_conversion('5', 'km', 'm')", R"({"error": "Value must be a number"})"},
      {"si_unit_conversion(5, 'km', 'mile')", R"({"error": "Conversion from 'km' to 'mile' is not supported"})"},
      {"imperial_si_conversion(100, 'celsius', 'fahrenheit')", R"({"result": 212.0})"},
      {"imperial_si_conversion(212, 'fahrenheit', 'celsius')", R"({"result": 100.0})"},
      {"imperial_si_conversion(10, 'in', 'cm')", R"({"result": 25.4})"},
      {"imperial_si_conversion(7, 'kg', 'kg')", R"({"result": 7})"},
      {"imperial_si_conversion(1, 'kg', 'm')", R"({"error": "Conversion from 'kg' to 'm' is not supported"})"},
      {"imperial_si_conversion(None, 'kg', 'lb')", R"({"error": "Value must be a number"})"},
  });
}

// 1,600 reference results written by gen_math_vectors.py (CPython 3.11, mpmath 1.3.0).
TEST_CASE("MathAPI: logarithm, square_root and round digits equal CPython's on random vectors", "[bfcl][apis]") {
  const std::string path = SourceDir() + "/tests/interop/bfcl/apis/math_vectors.tsv";
  std::ifstream in(path);
  REQUIRE(in.good());
  size_t checked = 0;
  for (std::string line; std::getline(in, line);) {
    std::vector<std::string> f;
    std::stringstream fields(line);
    for (std::string x; std::getline(fields, x, '\t');) f.push_back(x);
    REQUIRE(f.size() >= 4);
    std::string got;
    if (f[0] == "L") {
      mathnum::MpContext ctx;
      mathnum::SetMpDps(ctx, ParsePyLiteral(f[3]));
      got = PyRepr(mathnum::MpLogRatio(ctx, ParsePyLiteral(f[1]), ParsePyLiteral(f[2])));
    } else if (f[0] == "S") {
      got = PyRepr(mathnum::DecimalSqrt(ParsePyLiteral(f[1]), std::stoll(f[2])));
    } else {
      got = PyRepr(mathnum::Round(ParsePyLiteral(f[1]), ParsePyLiteral(f[2])));
    }
    INFO(line);
    CHECK(got == f.back());
    ++checked;
  }
  CHECK(checked == 1600);
}

TEST_CASE("MathAPI: every ground-truth call runs without an exception", "[bfcl][apis]") {
  if (!testing_calls::HaveBfclData()) {
    TOOLSHIFT_SKIP("skipped: " + testing_calls::BfclDataDir() + " is absent");
    return;
  }
  testing_calls::ReplayStats stats = testing_calls::ReplayGroundTruth("MathAPI", MakeMathApi);
  INFO((stats.failures.empty() ? std::string() : stats.failures.front()));
  CHECK(stats.calls == 56);
  CHECK(stats.failures.empty());
}

}  // namespace
}  // namespace toolshift::bfcl
