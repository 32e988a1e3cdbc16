// MathAPI (BFCL's math_api.py): stateless arithmetic, statistics and unit conversions.
// BEHAVIOUR.md §2. Each function catches what BFCL's catches (usually TypeError) and turns it
// into its own {"error": ...}; anything else escapes as the Python exception. logarithm and
// square_root set mpmath's and decimal's precision, which is process-wide in Python: it lives
// in the BfclProcess, so a later call in the same process sees it (math_numerics.h does the
// arithmetic).
#include <cmath>
#include <stdexcept>

#include "src/interop/bfcl/apis/api.h"
#include "src/interop/bfcl/apis/math_numerics.h"
#include "src/interop/bfcl/apis/py_ops.h"

namespace toolshift::bfcl {
namespace {

PyValue S(const char* s) { return PyValue::Str(s); }
PyValue Error(std::string text) { return PyValue::Dict(PyDict{{S("error"), PyValue::Str(std::move(text))}}); }
PyValue Result(PyValue v) { return PyValue::Dict(PyDict{{S("result"), std::move(v)}}); }

// The process-wide precisions: mpmath's mp context and decimal's getcontext().prec.
struct MathSlot {
  mathnum::MpContext mp;
  int64_t decimal_prec = 28;
};

bool IsExactNumber(const PyValue& v) { return v.is_bool() || v.is_int() || v.is_float(); }  // isinstance(v, (int, float))

// Runs `body`; a Python exception of type `type` becomes Error(text).
template <typename Body>
PyValue Catching(const char* type, const char* text, Body body) {
  try {
    return body();
  } catch (const PyException& e) {
    if (e.type() != type) throw;
    return Error(text);
  }
}

// sum(items) from int 0, left to right (Python's + on each step).
PyValue Sum(const PyValue& numbers) {
  PyValue total = PyValue::Int(0);
  for (const PyValue& x : PyIterate(numbers)) total = PyAdd(total, x);
  return total;
}

class MathApi : public ApiInstance {
 public:
  explicit MathApi(BfclProcess& process) : slot_(process.Slot<MathSlot>("math_api")) {}

  std::string_view ClassName() const override { return "MathAPI"; }

  // BFCL never loads a scenario into MathAPI; it has no state to load.
  void LoadScenario(const PyDict& /*scenario*/, bool /*long_context*/) override {}

  const std::vector<MethodSig>& Methods() const override {
    static const std::vector<MethodSig> kMethods = [] {
      std::vector<MethodSig> sigs;
      for (const Method& m : Table()) sigs.push_back(m.sig);
      return sigs;
    }();
    return kMethods;
  }

  PyValue Invoke(std::string_view method, std::vector<PyValue> args) override {
    for (const Method& m : Table()) {
      if (m.sig.name != method) continue;
      if (args.size() != m.sig.params.size())
        throw std::logic_error("MathAPI." + m.sig.name + ": arguments not bound to the signature");
      return (this->*m.fn)(args);
    }
    throw PyException("AttributeError", "'MathAPI' object has no attribute '" + std::string(method) + "'");
  }

  PyDict PublicState() const override { return PyDict{}; }

 private:
  using Args = std::vector<PyValue>;
  struct Method {
    MethodSig sig;
    PyValue (MathApi::*fn)(Args&);
  };

  // In the order of BFCL's math_api.json; parameters in the Python signature's order.
  static const std::vector<Method>& Table() {
    static const std::vector<Method> kTable = {
        {{"absolute_value", {{"number", {}}}}, &MathApi::AbsoluteValue},
        {{"add", {{"a", {}}, {"b", {}}}}, &MathApi::Add},
        {{"divide", {{"a", {}}, {"b", {}}}}, &MathApi::Divide},
        {{"imperial_si_conversion", {{"value", {}}, {"unit_in", {}}, {"unit_out", {}}}}, &MathApi::ImperialSi},
        {{"logarithm", {{"value", {}}, {"base", {}}, {"precision", {}}}}, &MathApi::Logarithm},
        {{"max_value", {{"numbers", {}}}}, &MathApi::MaxValue},
        {{"mean", {{"numbers", {}}}}, &MathApi::Mean},
        {{"min_value", {{"numbers", {}}}}, &MathApi::MinValue},
        {{"multiply", {{"a", {}}, {"b", {}}}}, &MathApi::Multiply},
        {{"percentage", {{"part", {}}, {"whole", {}}}}, &MathApi::Percentage},
        {{"power", {{"base", {}}, {"exponent", {}}}}, &MathApi::Power},
        {{"round_number", {{"number", {}}, {"decimal_places", PyValue::Int(0)}}}, &MathApi::RoundNumber},
        {{"si_unit_conversion", {{"value", {}}, {"unit_in", {}}, {"unit_out", {}}}}, &MathApi::SiConversion},
        {{"square_root", {{"number", {}}, {"precision", {}}}}, &MathApi::SquareRoot},
        {{"standard_deviation", {{"numbers", {}}}}, &MathApi::StandardDeviation},
        {{"subtract", {{"a", {}}, {"b", {}}}}, &MathApi::Subtract},
        {{"sum_values", {{"numbers", {}}}}, &MathApi::SumValues},
    };
    return kTable;
  }

  PyValue Logarithm(Args& a) {
    try {
      mathnum::SetMpDps(slot_.mp, a[2]);
      return Result(mathnum::MpLogRatio(slot_.mp, a[0], a[1]));
    } catch (const PyException& e) {  // `except Exception as e: return {"error": str(e)}`
      return Error(e.message());
    }
  }

  PyValue Mean(Args& a) {
    if (!a[0].Truthy()) return Error("Cannot calculate mean of an empty list");
    return Catching("TypeError", "All elements in the list must be numbers", [&] {
      return Result(mathnum::TrueDiv(Sum(a[0]), PyValue::Int(static_cast<int64_t>(PyLenOf(a[0])))));
    });
  }

  PyValue StandardDeviation(Args& a) {
    const PyValue& numbers = a[0];
    if (!numbers.Truthy()) return Error("Cannot calculate standard deviation of an empty list");
    return Catching("TypeError", "All elements in the list must be numbers", [&] {
      PyValue n = PyValue::Int(static_cast<int64_t>(PyLenOf(numbers)));
      PyValue mean = mathnum::TrueDiv(Sum(numbers), n);
      PyValue squares = PyValue::Int(0);
      for (const PyValue& x : PyIterate(numbers))
        squares = PyAdd(squares, mathnum::Pow(PySub(x, mean), PyValue::Int(2)));
      double variance = mathnum::TrueDiv(squares, n).as_float();
      return Result(PyValue::Float(std::sqrt(variance)));
    });
  }

  PyValue SiConversion(Args& a) {
    const PyValue& value = a[0];
    if (!IsExactNumber(value)) return Error("Value must be a number");
    auto factor = [](const PyValue& unit) -> std::optional<PyValue> {
      CheckHashable(unit);
      if (!unit.is_str()) return std::nullopt;
      const std::string& u = unit.as_str();
      if (u == "km") return PyValue::Int(1000);
      if (u == "m") return PyValue::Int(1);
      if (u == "cm") return PyValue::Float(0.01);
      if (u == "mm") return PyValue::Float(0.001);
      if (u == "um") return PyValue::Float(1e-6);
      if (u == "nm") return PyValue::Float(1e-9);
      return std::nullopt;
    };
    std::optional<PyValue> in = factor(a[1]);
    std::optional<PyValue> out = in ? factor(a[2]) : std::nullopt;
    if (!in || !out)
      return Error("Conversion from '" + PyStr(a[1]) + "' to '" + PyStr(a[2]) + "' is not supported");
    return Catching("OverflowError", "Conversion resulted in a value too large to represent", [&] {
      PyValue meters = PyMul(value, *in);
      return Result(PyMul(meters, mathnum::TrueDiv(PyValue::Int(1), *out)));  // from_meters = 1 / factor
    });
  }

  PyValue ImperialSi(Args& a) {
    const PyValue& value = a[0];
    const PyValue& unit_in = a[1];
    const PyValue& unit_out = a[2];
    if (!IsExactNumber(value)) return Error("Value must be a number");
    if (PyEquals(unit_in, unit_out)) return Result(value);
    static const std::vector<std::pair<std::string, double>> kFactors = {
        {"cm_to_in", 0.393701},     {"in_to_cm", 2.54},       {"m_to_ft", 3.28084},
        {"ft_to_m", 0.3048},        {"m_to_yd", 1.09361},     {"yd_to_m", 0.9144},
        {"km_to_miles", 0.621371},  {"miles_to_km", 1.60934}, {"kg_to_lb", 2.20462},
        {"lb_to_kg", 0.453592},     {"celsius_to_fahrenheit", 1.8}, {"fahrenheit_to_celsius", 5.0 / 9.0}};
    std::string key = PyStr(unit_in) + "_to_" + PyStr(unit_out);
    const double* factor = nullptr;
    for (const auto& [name, f] : kFactors)
      if (name == key) factor = &f;
    if (factor == nullptr)
      return Error("Conversion from '" + PyStr(unit_in) + "' to '" + PyStr(unit_out) + "' is not supported");
    return Catching("OverflowError", "Conversion resulted in a value too large to represent", [&] {
      PyValue f = PyValue::Float(*factor);
      if (key == "celsius_to_fahrenheit") return Result(PyAdd(PyMul(value, f), PyValue::Int(32)));
      if (key == "fahrenheit_to_celsius") return Result(PyMul(PySub(value, PyValue::Int(32)), f));
      return Result(PyMul(value, f));
    });
  }

  PyValue Add(Args& a) {
    return Catching("TypeError", "Both inputs must be numbers", [&] { return Result(PyAdd(a[0], a[1])); });
  }

  PyValue Subtract(Args& a) {
    return Catching("TypeError", "Both inputs must be numbers", [&] { return Result(PySub(a[0], a[1])); });
  }

  PyValue Multiply(Args& a) {
    if (!IsExactNumber(a[0]) || !IsExactNumber(a[1])) return Error("Both inputs must be numbers");
    return Catching("TypeError", "Both inputs must be numbers", [&] { return Result(PyMul(a[0], a[1])); });
  }

  PyValue Divide(Args& a) {
    return Catching("TypeError", "Both inputs must be numbers", [&] {
      if (PyEquals(a[1], PyValue::Int(0))) return Error("Cannot divide by zero");
      return Result(mathnum::TrueDiv(a[0], a[1]));
    });
  }

  PyValue Power(Args& a) {
    return Catching("TypeError", "Both inputs must be numbers", [&] { return Result(mathnum::Pow(a[0], a[1])); });
  }

  PyValue SquareRoot(Args& a) {
    const PyValue& number = a[0];
    const PyValue& precision = a[1];
    const char* kInvalid = "Input must be a number or computation resulted in an invalid operation";
    return Catching("TypeError", kInvalid, [&] {
      if (PyCompare(number, PyCmp::kLt, PyValue::Int(0)))
        return Error("Cannot calculate square root of a negative number");
      // getcontext().prec = precision: an int in [1, MAX_PREC].
      if (!precision.is_int() && !precision.is_bool())
        throw PyException("TypeError", "'" + precision.TypeName() + "' object cannot be interpreted as an integer");
      PyInt prec = precision.is_bool() ? PyInt(precision.as_bool() ? 1 : 0) : precision.as_int();
      if (prec.sign() <= 0 || !prec.fits_int64() || prec.as_int64() > 999999999999999999)
        throw PyException("ValueError", "valid range for prec is [1, MAX_PREC]");
      if (prec.as_int64() > 100000)
        throw PyException("ValueError", "toolshift: decimal precisions above 100000 digits are not supported");
      slot_.decimal_prec = prec.as_int64();
      // Decimal(number) needs a number (a str was refused by the comparison above).
      return Result(mathnum::DecimalSqrt(number, slot_.decimal_prec));
    });
  }

  PyValue AbsoluteValue(Args& a) {
    return Catching("TypeError", "Input must be a number", [&] { return Result(PyAbs(a[0])); });
  }

  PyValue RoundNumber(Args& a) {
    return Catching("TypeError", "First input must be a number, second input must be an integer",
                    [&] { return Result(mathnum::Round(a[0], a[1])); });
  }

  PyValue Percentage(Args& a) {
    return Catching("TypeError", "Both inputs must be numbers", [&] {
      if (PyEquals(a[1], PyValue::Int(0))) return Error("Whole value cannot be zero");
      return Result(PyMul(mathnum::TrueDiv(a[0], a[1]), PyValue::Int(100)));
    });
  }

  // min()/max(): the first item no other item is strictly below (above).
  PyValue Extreme(const PyValue& numbers, PyCmp better, const char* empty_text) {
    if (!numbers.Truthy()) return Error(empty_text);
    return Catching("TypeError", "All elements in the list must be numbers", [&] {
      PyList items = PyIterate(numbers);
      if (items.empty()) throw PyException("ValueError", "min() arg is an empty sequence");
      PyValue best = items[0];
      for (size_t i = 1; i < items.size(); ++i)
        if (PyCompare(items[i], better, best)) best = items[i];
      return Result(best);
    });
  }
  PyValue MinValue(Args& a) { return Extreme(a[0], PyCmp::kLt, "Cannot find minimum of an empty list"); }
  PyValue MaxValue(Args& a) { return Extreme(a[0], PyCmp::kGt, "Cannot find maximum of an empty list"); }

  PyValue SumValues(Args& a) {
    if (!a[0].Truthy()) return Error("Cannot calculate sum of an empty list");
    return Catching("TypeError", "All elements in the list must be numbers", [&] { return Result(Sum(a[0])); });
  }

  MathSlot& slot_;
};

}  // namespace

std::unique_ptr<ApiInstance> MakeMathApi(BfclProcess& process) { return std::make_unique<MathApi>(process); }

}  // namespace toolshift::bfcl
