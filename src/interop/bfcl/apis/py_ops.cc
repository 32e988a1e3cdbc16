#include "src/interop/bfcl/apis/py_ops.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <optional>

namespace toolshift::bfcl {
namespace {

bool IsIntLike(const PyValue& v) { return v.is_bool() || v.is_int(); }

PyInt AsPyInt(const PyValue& v) { return v.is_bool() ? PyInt(v.as_bool() ? 1 : 0) : v.as_int(); }

double AsDouble(const PyValue& v) { return v.is_float() ? v.as_float() : AsPyInt(v).to_double(); }

// An integral, finite double as an exact PyInt (glibc prints integral doubles exactly).
PyInt IntegralDoubleToInt(double d) {
  char buf[400];
  std::snprintf(buf, sizeof buf, "%.0f", d);
  return PyInt::FromDecimal(buf);
}

// Three-way comparison of two numbers; nullopt when unordered (a NaN is involved).
std::optional<int> NumCompare(const PyValue& a, const PyValue& b) {
  if (IsIntLike(a) && IsIntLike(b)) return Compare(AsPyInt(a), AsPyInt(b));
  if (a.is_float() && b.is_float()) {
    double x = a.as_float(), y = b.as_float();
    if (std::isnan(x) || std::isnan(y)) return std::nullopt;
    return x < y ? -1 : (x > y ? 1 : 0);
  }
  // One int, one float: compared by exact value, as CPython's float_richcompare does.
  bool int_left = IsIntLike(a);
  PyInt i = AsPyInt(int_left ? a : b);
  double d = (int_left ? b : a).as_float();
  int c;  // sign of (i - d)
  if (std::isnan(d)) return std::nullopt;
  if (std::isinf(d)) {
    c = d > 0 ? -1 : 1;
  } else if (i.fits_int64() && std::llabs(i.as_int64()) <= (int64_t{1} << 53)) {
    double x = static_cast<double>(i.as_int64());
    c = x < d ? -1 : (x > d ? 1 : 0);
  } else {
    double fl = std::floor(d);
    c = Compare(i, IntegralDoubleToInt(fl));
    if (c == 0 && d > fl) c = -1;
  }
  return int_left ? c : -c;
}

const char* CmpText(PyCmp op) {
  switch (op) {
    case PyCmp::kLt: return "<";
    case PyCmp::kLe: return "<=";
    case PyCmp::kGt: return ">";
    case PyCmp::kGe: return ">=";
  }
  return "?";
}

bool Holds(int c, PyCmp op) {
  switch (op) {
    case PyCmp::kLt: return c < 0;
    case PyCmp::kLe: return c <= 0;
    case PyCmp::kGt: return c > 0;
    case PyCmp::kGe: return c >= 0;
  }
  return false;
}

[[noreturn]] void ThrowUnsupported(const char* op, const PyValue& a, const PyValue& b) {
  throw PyException("TypeError", std::string("unsupported operand type(s) for ") + op + ": '" + a.TypeName() +
                                     "' and '" + b.TypeName() + "'");
}

std::string Trim(std::string_view s) {
  const char* ws = " \t\n\r\v\f";
  size_t b = s.find_first_not_of(ws);
  if (b == std::string_view::npos) return "";
  size_t e = s.find_last_not_of(ws);
  return std::string(s.substr(b, e - b + 1));
}

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// Drops underscores that sit between two digits; nullopt if any other underscore occurs.
std::optional<std::string> StripDigitUnderscores(const std::string& s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '_') {
      if (i == 0 || i + 1 == s.size() || !IsDigit(s[i - 1]) || !IsDigit(s[i + 1])) return std::nullopt;
      continue;
    }
    out += s[i];
  }
  return out;
}

// The grammar of Python's float(): [sign] (digits [. digits] | . digits) [e [sign] digits], or
// inf/infinity/nan in any case.
bool IsFloatText(const std::string& s) {
  size_t i = 0;
  if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
  std::string rest = PyLower(s.substr(i));
  if (rest == "inf" || rest == "infinity" || rest == "nan") return true;
  size_t digits = 0;
  while (i < s.size() && IsDigit(s[i])) ++i, ++digits;
  if (i < s.size() && s[i] == '.') {
    ++i;
    while (i < s.size() && IsDigit(s[i])) ++i, ++digits;
  }
  if (digits == 0) return false;
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
    size_t exp_digits = 0;
    while (i < s.size() && IsDigit(s[i])) ++i, ++exp_digits;
    if (exp_digits == 0) return false;
  }
  return i == s.size();
}

}  // namespace

bool PyCompare(const PyValue& a, PyCmp op, const PyValue& b) {
  if (a.is_number() && b.is_number()) {
    std::optional<int> c = NumCompare(a, b);
    return c && Holds(*c, op);
  }
  if (a.is_str() && b.is_str()) return Holds(a.as_str().compare(b.as_str()), op);
  if ((a.is_list() && b.is_list()) || (a.is_tuple() && b.is_tuple())) {
    const PyList& x = a.as_list();
    const PyList& y = b.as_list();
    for (size_t i = 0; i < x.size() && i < y.size(); ++i) {
      if (PyEquals(x[i], y[i])) continue;
      return PyCompare(x[i], op, y[i]);  // Python compares the first differing items
    }
    return Holds(x.size() < y.size() ? -1 : (x.size() > y.size() ? 1 : 0), op);
  }
  throw PyException("TypeError", std::string("'") + CmpText(op) + "' not supported between instances of '" +
                                     a.TypeName() + "' and '" + b.TypeName() + "'");
}

PyValue PyAdd(const PyValue& a, const PyValue& b, bool augmented) {
  const char* op = augmented ? "+=" : "+";
  if (a.is_number() && b.is_number()) {
    if (IsIntLike(a) && IsIntLike(b)) return PyValue::Int(AsPyInt(a) + AsPyInt(b));
    return PyValue::Float(AsDouble(a) + AsDouble(b));
  }
  if (a.is_str()) {
    if (b.is_str()) return PyValue::Str(a.as_str() + b.as_str());
    throw PyException("TypeError", "can only concatenate str (not \"" + b.TypeName() + "\") to str");
  }
  if (a.is_list() || a.is_tuple()) {
    if (a.is_list() && augmented) {  // list += iterable extends
      PyList out = a.as_list();
      for (PyValue& v : PyIterate(b)) out.push_back(std::move(v));
      return PyValue::List(std::move(out));
    }
    if (a.kind() == b.kind()) {
      PyList out = a.as_list();
      out.insert(out.end(), b.as_list().begin(), b.as_list().end());
      return a.is_list() ? PyValue::List(std::move(out)) : PyValue::Tuple(std::move(out));
    }
    throw PyException("TypeError", "can only concatenate " + a.TypeName() + " (not \"" + b.TypeName() + "\") to " +
                                       a.TypeName());
  }
  ThrowUnsupported(op, a, b);
}

PyValue PySub(const PyValue& a, const PyValue& b, bool augmented) {
  if (a.is_number() && b.is_number()) {
    if (IsIntLike(a) && IsIntLike(b)) return PyValue::Int(AsPyInt(a) - AsPyInt(b));
    return PyValue::Float(AsDouble(a) - AsDouble(b));
  }
  ThrowUnsupported(augmented ? "-=" : "-", a, b);
}

PyValue PyMul(const PyValue& a, const PyValue& b) {
  if (a.is_number() && b.is_number()) {
    if (IsIntLike(a) && IsIntLike(b)) return PyValue::Int(AsPyInt(a) * AsPyInt(b));
    return PyValue::Float(AsDouble(a) * AsDouble(b));
  }
  bool a_seq = a.is_str() || a.is_list() || a.is_tuple();
  bool b_seq = b.is_str() || b.is_list() || b.is_tuple();
  if ((a_seq && !IsIntLike(b)) || (b_seq && !IsIntLike(a)))
    throw PyException("TypeError", "can't multiply sequence by non-int of type '" + (a_seq ? b : a).TypeName() + "'");
  if (a_seq || b_seq) {
    const PyValue& seq = a_seq ? a : b;
    PyInt n = AsPyInt(a_seq ? b : a);
    int64_t times = n.sign() <= 0 ? 0 : n.as_int64();
    if (seq.is_str()) {
      std::string out;
      for (int64_t i = 0; i < times; ++i) out += seq.as_str();
      return PyValue::Str(std::move(out));
    }
    PyList out;
    for (int64_t i = 0; i < times; ++i) out.insert(out.end(), seq.as_list().begin(), seq.as_list().end());
    return seq.is_list() ? PyValue::List(std::move(out)) : PyValue::Tuple(std::move(out));
  }
  ThrowUnsupported("*", a, b);
}

PyValue PyAbs(const PyValue& x) {
  if (x.is_float()) return PyValue::Float(std::fabs(x.as_float()));
  if (IsIntLike(x)) {
    PyInt i = AsPyInt(x);
    return PyValue::Int(i.sign() < 0 ? -i : i);
  }
  throw PyException("TypeError", "bad operand type for abs(): '" + x.TypeName() + "'");
}

void CheckHashable(const PyValue& key) {
  if (key.is_list() || key.is_dict() || (key.is_opaque() && key.opaque_type() == "set"))
    throw PyException("TypeError", "unhashable type: '" + key.TypeName() + "'");
  if (key.is_tuple())
    for (const PyValue& item : key.as_list()) CheckHashable(item);
}

bool PyContains(const PyValue& container, const PyValue& item) {
  if (container.is_dict()) {
    CheckHashable(item);
    return container.as_dict().Contains(item);
  }
  if (container.is_list() || container.is_tuple()) {
    for (const PyValue& v : container.as_list())
      if (PyEquals(v, item)) return true;
    return false;
  }
  if (container.is_str()) {
    if (!item.is_str())
      throw PyException("TypeError", "'in <string>' requires string as left operand, not " + item.TypeName());
    return container.as_str().find(item.as_str()) != std::string::npos;
  }
  throw PyException("TypeError", "argument of type '" + container.TypeName() + "' is not iterable");
}

PyValue PyDictGet(const PyValue& dict, const PyValue& key, const PyValue& fallback) {
  if (!dict.is_dict()) ThrowNoAttribute(dict, "get");
  CheckHashable(key);
  const PyValue* found = dict.as_dict().Find(key);
  return found ? *found : fallback;
}

const PyValue& PySubscript(const PyValue& container, const PyValue& key) {
  if (container.is_dict()) {
    CheckHashable(key);
    return container.as_dict().At(key);
  }
  if (container.is_list() || container.is_tuple()) {
    if (!IsIntLike(key))
      throw PyException("TypeError", container.TypeName() + " indices must be integers or slices, not " +
                                         key.TypeName());
    const PyList& items = container.as_list();
    PyInt i = AsPyInt(key);
    PyInt n(static_cast<int64_t>(items.size()));
    if (i.sign() < 0) i = i + n;
    if (i.sign() < 0 || Compare(i, n) >= 0)
      throw PyException("IndexError", container.TypeName() + " index out of range");
    return items[static_cast<size_t>(i.as_int64())];
  }
  throw PyException("TypeError", "'" + container.TypeName() + "' object is not subscriptable");
}

PyList PyIterate(const PyValue& v) {
  if (std::optional<PyList> items = PyIterItems(v)) return std::move(*items);
  throw PyException("TypeError", "'" + v.TypeName() + "' object is not iterable");
}

size_t PyLenOf(const PyValue& v) {
  if (v.is_str()) return PyLen(v.as_str());
  if (v.is_list() || v.is_tuple()) return v.as_list().size();
  if (v.is_dict()) return v.as_dict().size();
  throw PyException("TypeError", "object of type '" + v.TypeName() + "' has no len()");
}

double PyToFloat(const PyValue& x) {
  if (x.is_number()) return AsDouble(x);
  if (x.is_str()) {
    std::optional<std::string> text = StripDigitUnderscores(Trim(x.as_str()));
    if (text && IsFloatText(*text)) return std::strtod(text->c_str(), nullptr);
    throw PyException("ValueError", "could not convert string to float: " + PyRepr(x));
  }
  throw PyException("TypeError", "float() argument must be a string or a real number, not '" + x.TypeName() + "'");
}

PyInt PyToInt(const PyValue& x) {
  if (IsIntLike(x)) return AsPyInt(x);
  if (x.is_float()) {
    double d = x.as_float();
    if (std::isnan(d)) throw PyException("ValueError", "cannot convert float NaN to integer");
    if (std::isinf(d)) throw PyException("OverflowError", "cannot convert float infinity to integer");
    return IntegralDoubleToInt(std::trunc(d));
  }
  if (x.is_str()) {
    std::optional<std::string> text = StripDigitUnderscores(Trim(x.as_str()));
    bool ok = text.has_value() && !text->empty();
    if (ok) {
      size_t start = ((*text)[0] == '+' || (*text)[0] == '-') ? 1 : 0;
      ok = start < text->size();
      for (size_t i = start; ok && i < text->size(); ++i) ok = IsDigit((*text)[i]);
    }
    if (ok) {
      std::string digits = (*text)[0] == '+' ? text->substr(1) : *text;
      return PyInt::FromDecimal(digits);
    }
    throw PyException("ValueError", "invalid literal for int() with base 10: " + PyRepr(x));
  }
  throw PyException("TypeError", "int() argument must be a string, a bytes-like object or a real number, not '" +
                                     x.TypeName() + "'");
}

std::string PyFormatFixed(const PyValue& x, int digits) {
  if (!x.is_number())
    throw PyException("TypeError", "must be real number, not " + x.TypeName());
  double d = AsDouble(x);
  char buf[512];
  std::snprintf(buf, sizeof buf, "%.*f", digits, d);
  return buf;
}

void ThrowNoAttribute(const PyValue& v, std::string_view name) {
  throw PyException("AttributeError", "'" + v.TypeName() + "' object has no attribute '" + std::string(name) + "'");
}

std::string PyStrLower(const PyValue& v) {
  if (!v.is_str()) ThrowNoAttribute(v, "lower");
  return PyLower(v.as_str());
}

}  // namespace toolshift::bfcl
