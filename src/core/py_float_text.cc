#include "src/core/py_float_text.h"

#include <charconv>
#include <cmath>
#include <cstdlib>

namespace toolshift {

void AppendPythonFloatRepr(double d, std::string* out_ptr) {
  std::string& out = *out_ptr;
  if (std::isnan(d)) {
    out += "nan";
    return;
  }
  if (std::isinf(d)) {
    out += d > 0 ? "inf" : "-inf";
    return;
  }
  char buf[40];
  const auto res = std::to_chars(buf, buf + sizeof buf, d, std::chars_format::scientific);  // "-1.2345e-05"
  const char* p = buf;
  if (*p == '-') {
    out += '-';
    ++p;
  }
  char digits[24];
  int n = 0;
  for (; *p != 'e'; ++p) {
    if (*p != '.') digits[n++] = *p;
  }
  ++p;  // past 'e'
  const bool negative_exp = *p == '-';
  ++p;  // past the sign to_chars always writes
  int exp = 0;
  std::from_chars(p, res.ptr, exp);
  if (negative_exp) exp = -exp;
  if (exp < -4 || exp >= 16) {
    out += digits[0];
    if (n > 1) {
      out += '.';
      out.append(digits + 1, static_cast<size_t>(n - 1));
    }
    out += 'e';
    out += exp < 0 ? '-' : '+';
    const int a = std::abs(exp);
    if (a < 10) out += '0';
    char e[8];
    const auto er = std::to_chars(e, e + sizeof e, a);
    out.append(e, static_cast<size_t>(er.ptr - e));
    return;
  }
  const int point = exp + 1;  // digits before the decimal point
  if (point <= 0) {
    out += "0.";
    out.append(static_cast<size_t>(-point), '0');
    out.append(digits, static_cast<size_t>(n));
  } else if (point >= n) {
    out.append(digits, static_cast<size_t>(n));
    out.append(static_cast<size_t>(point - n), '0');
    out += ".0";
  } else {
    out.append(digits, static_cast<size_t>(point));
    out += '.';
    out.append(digits + point, static_cast<size_t>(n - point));
  }
}

}  // namespace toolshift
