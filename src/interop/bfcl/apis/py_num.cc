#include "src/interop/bfcl/apis/py_num.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <string>

namespace toolshift::bfcl::pynum {

namespace {

// The number as a double, as CPython converts an int operand of a float operation.
double AsDouble(const PyValue& v) {
  if (v.is_bool()) return v.as_bool() ? 1.0 : 0.0;
  if (v.is_int()) return v.as_int().to_double();
  return v.as_float();
}

bool IsIntLike(const PyValue& v) { return v.is_bool() || v.is_int(); }

}  // namespace

PyValue TrueDiv(const PyValue& a, const PyValue& b) {
  if (!a.is_number() || !b.is_number())
    throw PyException("TypeError",
                      "unsupported operand type(s) for /: '" + a.TypeName() + "' and '" + b.TypeName() + "'");
  const bool both_ints = IsIntLike(a) && IsIntLike(b);
  const double divisor = AsDouble(b);
  if (divisor == 0.0) throw PyException("ZeroDivisionError", both_ints ? "division by zero" : "float division by zero");
  // Two ints below 2^53 are exact doubles, so IEEE division rounds the exact quotient once,
  // as CPython's int true division does. Larger ints are converted first (a rare last-bit gap).
  return PyValue::Float(AsDouble(a) / divisor);
}

double Round(double x, int ndigits) {
  if (!std::isfinite(x)) return x;
  // glibc's printf converts the exact binary value and rounds it half-even in the current
  // (default, to-nearest) mode: exactly CPython's correctly rounded dtoa in mode 3.
  char buf[512];
  int n = std::snprintf(buf, sizeof buf, "%.*f", ndigits, x);
  if (n < 0 || n >= static_cast<int>(sizeof buf)) {
    std::string big(static_cast<size_t>(n > 0 ? n : 0) + 1, '\0');
    std::snprintf(big.data(), big.size(), "%.*f", ndigits, x);
    return std::strtod(big.c_str(), nullptr);
  }
  return std::strtod(buf, nullptr);
}

}  // namespace toolshift::bfcl::pynum
