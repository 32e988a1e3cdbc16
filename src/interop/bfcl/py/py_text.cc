// Python's texts for values (repr, str, json.dumps), JSON conversion, and the str methods
// (py_value.h), on UTF-8 strings decoded to code points where Python counts code points.
#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>

#include "src/core/py_float_text.h"
#include "src/core/utf8.h"
#include "src/interop/bfcl/py/py_unicode.h"
#include "src/interop/bfcl/py/py_value.h"

namespace toolshift::bfcl {
namespace {

// Decodes the code point at s[*i] and advances *i. A byte that does not start a valid UTF-8
// sequence becomes U+DC80..U+DCFF, as Python's surrogateescape would read it.
uint32_t NextCodePoint(std::string_view s, size_t* i) {
  const auto b0 = static_cast<unsigned char>(s[*i]);
  if (b0 < 0x80) {
    ++*i;
    return b0;
  }
  int len = b0 >= 0xF0 ? 4 : b0 >= 0xE0 ? 3 : b0 >= 0xC0 ? 2 : 0;
  if (len == 0 || b0 > 0xF4 || *i + len > s.size()) {
    ++*i;
    return 0xDC00 + b0;
  }
  uint32_t cp = b0 & (0x7F >> len);
  for (int k = 1; k < len; ++k) {
    const auto b = static_cast<unsigned char>(s[*i + k]);
    if ((b & 0xC0) != 0x80) {
      ++*i;
      return 0xDC00 + b0;
    }
    cp = (cp << 6) | (b & 0x3F);
  }
  static constexpr uint32_t kMin[] = {0, 0, 0x80, 0x800, 0x10000};
  if (cp < kMin[len] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
    ++*i;
    return 0xDC00 + b0;
  }
  *i += len;
  return cp;
}

bool InRanges(uint32_t cp, const unicode::CodeRange* begin, size_t count);

bool IsPrintable(uint32_t cp) {
  if (cp >= 0x20 && cp < 0x7F) return true;
  return !InRanges(cp, unicode::kNonPrintable, unicode::kNonPrintableCount);
}

void AppendHex(std::string& out, const char* prefix, uint32_t v, int digits) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%s%0*x", prefix, digits, v);
  out += buf;
}

std::string StrRepr(std::string_view s) {
  const bool has_single = s.find('\'') != std::string_view::npos;
  const bool has_double = s.find('"') != std::string_view::npos;
  const char quote = has_single && !has_double ? '"' : '\'';
  std::string out;
  out.reserve(s.size() + 2);
  out += quote;
  for (size_t i = 0; i < s.size();) {
    const uint32_t cp = NextCodePoint(s, &i);
    if (cp == static_cast<uint32_t>(quote) || cp == '\\') {
      out += '\\';
      out += static_cast<char>(cp);
    } else if (cp == '\t') {
      out += "\\t";
    } else if (cp == '\n') {
      out += "\\n";
    } else if (cp == '\r') {
      out += "\\r";
    } else if (cp < 0x20 || cp == 0x7F) {
      AppendHex(out, "\\x", cp, 2);
    } else if (cp < 0x7F || IsPrintable(cp)) {
      AppendUtf8(cp, &out);
    } else if (cp <= 0xFF) {
      AppendHex(out, "\\x", cp, 2);
    } else if (cp <= 0xFFFF) {
      AppendHex(out, "\\u", cp, 4);
    } else {
      AppendHex(out, "\\U", cp, 8);
    }
  }
  out += quote;
  return out;
}

void AppendRepr(std::string& out, const PyValue& v);

void AppendItems(std::string& out, const PyList& items) {
  for (size_t i = 0; i < items.size(); ++i) {
    if (i) out += ", ";
    AppendRepr(out, items[i]);
  }
}

void AppendRepr(std::string& out, const PyValue& v) {
  using K = PyValue::Kind;
  switch (v.kind()) {
    case K::kNone: out += "None"; return;
    case K::kBool: out += v.as_bool() ? "True" : "False"; return;
    case K::kInt: out += v.as_int().ToString(); return;
    case K::kFloat: AppendPythonFloatRepr(v.as_float(), &out); return;
    case K::kStr: out += StrRepr(v.as_str()); return;
    case K::kList:
      out += '[';
      AppendItems(out, v.as_list());
      out += ']';
      return;
    case K::kTuple:
      out += '(';
      AppendItems(out, v.as_list());
      if (v.as_list().size() == 1) out += ',';
      out += ')';
      return;
    case K::kDict: {
      out += '{';
      bool first = true;
      for (const auto& [k, val] : v.as_dict().items()) {
        if (!first) out += ", ";
        first = false;
        AppendRepr(out, k);
        out += ": ";
        AppendRepr(out, val);
      }
      out += '}';
      return;
    }
    case K::kOpaque: out += v.opaque_repr(); return;
  }
}

// ---- json.dumps ----

void AppendJsonString(std::string& out, std::string_view s) {
  out += '"';
  for (size_t i = 0; i < s.size();) {
    // A run of printable ASCII that needs no escape is copied as it is.
    size_t run = i;
    while (run < s.size()) {
      const auto c = static_cast<unsigned char>(s[run]);
      if (c < 0x20 || c >= 0x7F || c == '"' || c == '\\') break;
      ++run;
    }
    if (run > i) {
      out.append(s.data() + i, run - i);
      i = run;
      continue;
    }
    const uint32_t cp = NextCodePoint(s, &i);
    switch (cp) {
      case '"': out += "\\\""; continue;
      case '\\': out += "\\\\"; continue;
      case '\n': out += "\\n"; continue;
      case '\r': out += "\\r"; continue;
      case '\t': out += "\\t"; continue;
      case '\b': out += "\\b"; continue;
      case '\f': out += "\\f"; continue;
      default: break;
    }
    if (cp >= 0x20 && cp < 0x7F) {
      out += static_cast<char>(cp);
    } else if (cp < 0x10000) {
      AppendHex(out, "\\u", cp, 4);
    } else {
      const uint32_t v = cp - 0x10000;
      AppendHex(out, "\\u", 0xD800 | (v >> 10), 4);
      AppendHex(out, "\\u", 0xDC00 | (v & 0x3FF), 4);
    }
  }
  out += '"';
}

// json.dumps of a float: repr, but NaN and Infinity as JavaScript spells them.
void AppendJsonFloat(std::string& out, double d) {
  if (std::isnan(d)) out += "NaN";
  else if (std::isinf(d)) out += d > 0 ? "Infinity" : "-Infinity";
  else AppendPythonFloatRepr(d, &out);
}

// CPython 3.11+ refuses int -> str past 4,300 digits (sys.int_info.default_max_str_digits).
bool IntTooLongForStr(const PyInt& i) {
  if (i.fits_int64()) return false;
  std::string s = i.ToString();
  return s.size() - (s[0] == '-') > 4300;
}

bool AppendJson(std::string& out, const PyValue& v) {
  using K = PyValue::Kind;
  switch (v.kind()) {
    case K::kNone: out += "null"; return true;
    case K::kBool: out += v.as_bool() ? "true" : "false"; return true;
    case K::kInt:
      if (IntTooLongForStr(v.as_int())) return false;
      out += v.as_int().ToString();
      return true;
    case K::kFloat: AppendJsonFloat(out, v.as_float()); return true;
    case K::kStr: AppendJsonString(out, v.as_str()); return true;
    case K::kList:
    case K::kTuple: {
      if (const std::string* frozen = v.frozen_json()) {
        out += *frozen;
        return true;
      }
      out += '[';
      const PyList& items = v.as_list();
      for (size_t i = 0; i < items.size(); ++i) {
        if (i) out += ", ";
        if (!AppendJson(out, items[i])) return false;
      }
      out += ']';
      return true;
    }
    case K::kDict: {
      out += '{';
      bool first = true;
      for (const auto& [k, val] : v.as_dict().items()) {
        if (!first) out += ", ";
        first = false;
        switch (k.kind()) {
          case K::kStr: AppendJsonString(out, k.as_str()); break;
          case K::kFloat:
            out += '"';
            AppendJsonFloat(out, k.as_float());
            out += '"';
            break;
          case K::kBool: out += k.as_bool() ? "\"true\"" : "\"false\""; break;
          case K::kNone: out += "\"null\""; break;
          case K::kInt:
            if (IntTooLongForStr(k.as_int())) return false;
            out += '"' + k.as_int().ToString() + '"';
            break;
          default: return false;  // TypeError: keys must be str, int, float, bool or None
        }
        out += ": ";
        if (!AppendJson(out, val)) return false;
      }
      out += '}';
      return true;
    }
    case K::kOpaque: return false;  // TypeError: Object of type ... is not JSON serializable
  }
  return false;
}

bool IsPyWhitespace(uint32_t cp) {
  return (cp >= 0x09 && cp <= 0x0D) || (cp >= 0x1C && cp <= 0x20) || cp == 0x85 || cp == 0xA0 ||
         cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200A) || cp == 0x2028 || cp == 0x2029 || cp == 0x202F ||
         cp == 0x205F || cp == 0x3000;
}

bool IsLineBreak(uint32_t cp) {
  return cp == '\n' || cp == '\r' || cp == 0x0B || cp == 0x0C || (cp >= 0x1C && cp <= 0x1E) || cp == 0x85 ||
         cp == 0x2028 || cp == 0x2029;
}

bool InRanges(uint32_t cp, const unicode::CodeRange* begin, size_t count) {
  const unicode::CodeRange* end = begin + count;
  auto it = std::upper_bound(begin, end, cp, [](uint32_t c, const unicode::CodeRange& r) { return c < r.first; });
  return it != begin && cp <= (it - 1)->last;
}

// CPython's handle_capital_sigma: U+03A3 lowers to final U+03C2 after a cased code point and
// not before one, case-ignorable code points skipped on both sides.
bool FinalSigma(const std::vector<uint32_t>& cps, size_t i) {
  auto ignorable = [](uint32_t c) { return InRanges(c, unicode::kCaseIgnorable, unicode::kCaseIgnorableCount); };
  auto cased = [](uint32_t c) { return InRanges(c, unicode::kCased, unicode::kCasedCount); };
  size_t j = i;
  while (j > 0 && ignorable(cps[j - 1])) --j;
  if (j == 0 || !cased(cps[j - 1])) return false;
  size_t k = i + 1;
  while (k < cps.size() && ignorable(cps[k])) ++k;
  return k == cps.size() || !cased(cps[k]);
}

std::string MapCase(std::string_view s, const unicode::CaseMap* table, size_t count, bool lower) {
  std::string out;
  out.reserve(s.size());
  std::vector<uint32_t> cps;  // decoded only when a capital sigma needs its context
  size_t index = 0;
  if (lower && s.find("\xce\xa3") != std::string_view::npos)
    for (size_t i = 0; i < s.size();) cps.push_back(NextCodePoint(s, &i));
  for (size_t i = 0; i < s.size(); ++index) {
    const size_t start = i;
    const uint32_t cp = NextCodePoint(s, &i);
    if (cp == 0x3A3 && !cps.empty()) {
      out += FinalSigma(cps, index) ? "\xcf\x82" : "\xcf\x83";
      continue;
    }
    if (cp < 0x80) {
      const bool change = lower ? (cp >= 'A' && cp <= 'Z') : (cp >= 'a' && cp <= 'z');
      out += static_cast<char>(change ? cp ^ 0x20 : cp);
      continue;
    }
    auto it = std::lower_bound(table, table + count, cp,
                               [](const unicode::CaseMap& m, uint32_t c) { return m.code_point < c; });
    if (it != table + count && it->code_point == cp)
      out += it->utf8;
    else
      out.append(s.substr(start, i - start));
  }
  return out;
}

}  // namespace

std::string PyFloatRepr(double d) {
  std::string out;
  AppendPythonFloatRepr(d, &out);
  return out;
}

std::string PyRepr(const PyValue& v) {
  std::string out;
  AppendRepr(out, v);
  return out;
}

std::string PyStr(const PyValue& v) {
  if (v.is_str()) return v.as_str();
  if (v.is_opaque()) return v.opaque_str();
  return PyRepr(v);
}

std::optional<std::string> PyJsonDumps(const PyValue& v) {
  std::string out;
  if (!AppendJson(out, v)) return std::nullopt;
  return out;
}

std::string ResultText(const PyValue& v) {
  if (v.is_str()) return v.as_str();
  if (v.is_dict()) {
    if (auto j = PyJsonDumps(v)) return *j;
  }
  return PyStr(v);
}

PyValue FromJson(const Json& j) {
  switch (j.type()) {
    case Json::value_t::null: return PyValue::None();
    case Json::value_t::boolean: return PyValue::Bool(j.get<bool>());
    case Json::value_t::number_integer: return PyValue::Int(PyInt(j.get<int64_t>()));
    case Json::value_t::number_unsigned: {
      const uint64_t u = j.get<uint64_t>();
      return PyValue::Int(u <= static_cast<uint64_t>(INT64_MAX) ? PyInt(static_cast<int64_t>(u))
                                                                 : PyInt::FromDecimal(std::to_string(u)));
    }
    case Json::value_t::number_float: return PyValue::Float(j.get<double>());
    case Json::value_t::string: return PyValue::Str(j.get<std::string>());
    case Json::value_t::array: {
      PyList items;
      items.reserve(j.size());
      for (const auto& e : j) items.push_back(FromJson(e));
      return PyValue::List(std::move(items));
    }
    case Json::value_t::object: {
      if (j.size() == 1 && j.contains("$python") && j["$python"] == "Ellipsis")
        return PyValue::Opaque("ellipsis", "Ellipsis");
      PyDict d;
      d.mutable_items().reserve(j.size());
      for (const auto& [k, e] : j.items()) d.mutable_items().emplace_back(PyValue::Str(k), FromJson(e));
      return PyValue::Dict(std::move(d));
    }
    default: throw std::invalid_argument("FromJson: unsupported JSON value (binary or discarded)");
  }
}

Json ToJson(const PyValue& v) {
  using K = PyValue::Kind;
  switch (v.kind()) {
    case K::kNone: return nullptr;
    case K::kBool: return v.as_bool();
    case K::kInt:
      if (v.as_int().fits_int64()) return v.as_int().as_int64();
      return v.as_int().ToString();
    case K::kFloat: return v.as_float();
    case K::kStr: return v.as_str();
    case K::kList:
    case K::kTuple: {
      Json a = Json::array();
      for (const auto& e : v.as_list()) a.push_back(ToJson(e));
      return a;
    }
    case K::kDict: {
      Json o = Json::object();
      for (const auto& [k, e] : v.as_dict().items()) o[PyStr(k)] = ToJson(e);
      return o;
    }
    case K::kOpaque: return Json{{"$python", v.opaque_repr()}};
  }
  return nullptr;
}

size_t PyLen(std::string_view s) {
  size_t n = 0;
  for (size_t i = 0; i < s.size();) {
    NextCodePoint(s, &i);
    ++n;
  }
  return n;
}

std::vector<std::string> PySplitLines(std::string_view s) {
  std::vector<std::string> lines;
  size_t line_start = 0;
  for (size_t i = 0; i < s.size();) {
    const size_t at = i;
    const uint32_t cp = NextCodePoint(s, &i);
    if (!IsLineBreak(cp)) continue;
    lines.emplace_back(s.substr(line_start, at - line_start));
    if (cp == '\r' && i < s.size() && s[i] == '\n') ++i;
    line_start = i;
  }
  if (line_start < s.size()) lines.emplace_back(s.substr(line_start));
  return lines;
}

std::vector<std::string> PySplitWhitespace(std::string_view s) {
  std::vector<std::string> words;
  size_t word_start = std::string_view::npos;
  for (size_t i = 0; i < s.size();) {
    const size_t at = i;
    const uint32_t cp = NextCodePoint(s, &i);
    if (IsPyWhitespace(cp)) {
      if (word_start != std::string_view::npos) words.emplace_back(s.substr(word_start, at - word_start));
      word_start = std::string_view::npos;
    } else if (word_start == std::string_view::npos) {
      word_start = at;
    }
  }
  if (word_start != std::string_view::npos) words.emplace_back(s.substr(word_start));
  return words;
}

std::string PyLower(std::string_view s) { return MapCase(s, unicode::kLower, unicode::kLowerCount, true); }
std::string PyUpper(std::string_view s) { return MapCase(s, unicode::kUpper, unicode::kUpperCount, false); }

}  // namespace toolshift::bfcl
