#include "src/scoring/bfcl_type_conversion.h"

#include <algorithm>
#include <charconv>
#include <deque>
#include <cmath>
#include <regex>
#include <vector>

namespace toolshift {
namespace {

// ECMAScript regexes behave as Python's `re` for these patterns (same backtracking order,
// lazy quantifiers, alternation); DOTALL patterns spell `.` as [\s\S].
const std::regex& Re(const char* pattern) {
  // A memo of compiled patterns, keyed by the literal's address (a deque: references stay
  // valid while callers hold them). Per thread, so no locking; it changes no result.
  struct Entry { const char* p; std::regex re; };
  static thread_local std::deque<Entry> cache;
  for (const auto& e : cache) {
    if (e.p == pattern) return e.re;
  }
  cache.push_back({pattern, std::regex(pattern, std::regex::ECMAScript)});
  return cache.back().re;
}

// re.match(^...$) with Python's `$`: also matches before one final "\n".
bool FullMatch(const std::string& s, const char* pattern) {
  if (std::regex_match(s, Re(pattern))) return true;
  return !s.empty() && s.back() == '\n' && std::regex_match(s.substr(0, s.size() - 1), Re(pattern));
}

// re.match: anchored at the start only.
bool MatchStart(const std::string& s, const char* pattern, std::smatch* m) {
  return std::regex_search(s, *m, Re(pattern), std::regex_constants::match_continuous);
}

bool Search(const std::string& s, const char* pattern, std::smatch* m) { return std::regex_search(s, *m, Re(pattern)); }

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

std::string Strip(const std::string& s, const std::string& chars = "") {
  size_t b = 0, e = s.size();
  auto strip = [&](char c) { return chars.empty() ? IsSpace(c) : chars.find(c) != std::string::npos; };
  while (b < e && strip(s[b])) ++b;
  while (e > b && strip(s[e - 1])) --e;
  return s.substr(b, e - b);
}

bool StartsWith(const std::string& s, char c) { return !s.empty() && s.front() == c; }
bool EndsWith(const std::string& s, char c) { return !s.empty() && s.back() == c; }

// Python's s[1:-1].
std::string Inner(const std::string& s) { return s.size() >= 2 ? s.substr(1, s.size() - 2) : ""; }

// Python's str.split(","): always at least one piece.
std::vector<std::string> SplitComma(const std::string& s) {
  std::vector<std::string> out;
  size_t start = 0;
  for (size_t i = 0; i <= s.size(); ++i) {
    if (i == s.size() || s[i] == ',') {
      out.push_back(s.substr(start, i - start));
      start = i + 1;
    }
  }
  return out;
}

// A decimal integer as Json (beyond 64 bits: nlohmann's own number reading).
Json IntOf(const std::string& digits) {
  std::string d = digits;
  d.erase(std::remove(d.begin(), d.end(), '_'), d.end());
  if (!d.empty() && d[0] == '+') d.erase(0, 1);
  int64_t v = 0;
  const auto [p, ec] = std::from_chars(d.data(), d.data() + d.size(), v);
  if (ec == std::errc() && p == d.data() + d.size()) return v;
  return Json::parse(d, nullptr, false);
}

// Python's int(s) and float(s) on a string: nullopt where Python raises ValueError.
std::optional<Json> PyInt(const std::string& raw) {
  const std::string s = Strip(raw);
  if (!std::regex_match(s, Re(R"([+-]?\d(_?\d)*)"))) return std::nullopt;
  return IntOf(s);
}

std::optional<Json> PyFloat(const std::string& raw) {
  std::string s = Strip(raw);
  std::string lower;
  for (char c : s) lower.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  if (std::regex_match(lower, Re(R"([+-]?(inf|infinity))"))) return Json(lower[0] == '-' ? -INFINITY : INFINITY);
  if (std::regex_match(lower, Re(R"([+-]?nan)"))) return Json(NAN);
  if (!std::regex_match(s, Re(R"([+-]?((\d(_?\d)*)?\.\d(_?\d)*|\d(_?\d)*\.?)([eE][+-]?\d(_?\d)*)?)"))) return std::nullopt;
  s.erase(std::remove(s.begin(), s.end(), '_'), s.end());
  return Json(std::strtod(s.c_str(), nullptr));
}

Json FloatOf(const std::string& s) { return *PyFloat(s); }

// ---- Java --------------------------------------------------------------------------------

// parse_java_value: a value read without its type.
Json ParseJavaValue(const std::string& v) {
  if (v == "true") return true;
  if (v == "false") return false;
  if (StartsWith(v, '"') && EndsWith(v, '"')) return Inner(v);
  if (FullMatch(v, R"(-?\d+[lL])")) return IntOf(v.substr(0, v.size() - 1));
  if (FullMatch(v, R"(-?\d+(\.\d+)?([eE][+-]?\d+)?[fF])")) return FloatOf(v.substr(0, v.size() - 1));
  if (auto i = PyInt(v)) return *i;
  if (auto f = PyFloat(v)) return *f;
  return v;
}

Json JavaElement(const std::string& e, const std::string& nested) {
  if (nested == "char" || nested == "String") return Inner(e);  // quotes removed, whatever they are
  return nested.empty() ? ParseJavaValue(e) : ConvertJavaValue(e, nested);
}

Json ParseArrayList(const std::string& s, const std::string& nested) {
  std::smatch m;
  if (Search(s, R"(new\s+ArrayList<\w*>\(Arrays\.asList\((.+?)\)\))", &m)) {
    Json out = Json::array();
    for (const auto& e : SplitComma(m[1].str())) out.push_back(JavaElement(Strip(e), nested));
    return out;
  }
  if (Search(s, R"(new\s+ArrayList<\w*>\(\)\s*\{\{\s*([\s\S]+?)\s*\}\})", &m)) {
    Json out = Json::array();
    const std::string adds = m[1].str();
    const std::regex& add = Re(R"(add\((.+?)\))");
    for (auto it = std::sregex_iterator(adds.begin(), adds.end(), add); it != std::sregex_iterator(); ++it) {
      out.push_back(JavaElement(Strip((*it)[1].str()), nested));
    }
    return out;
  }
  if (Search(s, R"(new\s+ArrayList<\w*>\(\))", &m)) return Json::array();
  return s;
}

Json ParseArray(const std::string& s, const std::string& nested) {
  std::smatch m;
  if (!Search(s, R"(new\s+\w+\[\]\s*\{(.*?)\})", &m)) return s;
  Json out = Json::array();
  for (const auto& e : SplitComma(m[1].str())) {
    const std::string x = Strip(e);
    if (x.empty()) continue;
    out.push_back(nested.empty() ? ParseJavaValue(x) : ConvertJavaValue(x, nested));
  }
  return out;
}

Json ParseHashMap(const std::string& s) {
  std::smatch m;
  if (Search(s, R"(new\s+HashMap<[\s\S]*?>\s*\(\)\s*\{\s*\{?\s*([\s\S]*?)\s*\}?\s*\})", &m)) {
    Json out = Json::object();
    const std::string puts = m[1].str();
    if (!Strip(puts).empty()) {
      const std::regex& put = Re(R"(put\(\"(.*?)\",\s*(.*?)\))");
      for (auto it = std::sregex_iterator(puts.begin(), puts.end(), put); it != std::sregex_iterator(); ++it) {
        out[(*it)[1].str()] = ParseJavaValue(Strip((*it)[2].str()));
      }
    }
    return out;
  }
  if (Search(s, R"(new\s+HashMap<[\s\S]*?>\s*\(\))", &m)) return Json::object();
  return s;
}

// ---- JavaScript --------------------------------------------------------------------------

Json ParseJsValue(const std::string& raw) {
  const std::string v = Strip(raw);
  if (v == "true") return true;
  if (v == "false") return false;
  if ((StartsWith(v, '"') && EndsWith(v, '"')) || (StartsWith(v, '\'') && EndsWith(v, '\''))) return Inner(v);
  if (auto i = PyInt(v)) return *i;
  if (auto f = PyFloat(v)) return *f;
  return v;
}

Json ParseJsCollection(const std::string& raw, const std::string& type, const std::string& nested);

Json ParseJsArray(const std::string& code, const std::string& nested) {
  std::smatch m;
  if (MatchStart(code,
                 R"(\[\s*\[.*?\]\s*(,\s*\[.*?\]\s*)*\]|\bnew\s+Array\(\s*\[.*?\]\s*(,\s*\[.*?\]\s*)*\))", &m)) {
    const std::string all = m[0].str();
    Json out = Json::array();
    const std::regex& inner = Re(R"(\[(.*?)\])");
    size_t idx = 0;
    for (auto it = std::sregex_iterator(all.begin(), all.end(), inner); it != std::sregex_iterator(); ++it, ++idx) {
      std::string a = Strip((*it)[1].str());
      if (idx == 0 && StartsWith(a, '[')) a = a.substr(1);
      Json row = Json::array();
      for (const auto& e : SplitComma(a)) row.push_back(ParseJsValue(Strip(e)));
      out.push_back(std::move(row));
    }
    return out;
  }
  if (!MatchStart(code, R"(\[(.*?)\]|\bnew\s+Array\((.*?)\))", &m)) return code;
  const std::string body = Strip(m[1].matched ? m[1].str() : m[2].matched ? m[2].str() : "");
  std::vector<std::string> elements;
  if (!body.empty()) elements = SplitComma(body);
  Json out = Json::array();
  for (const auto& e : elements) {
    const std::string x = Strip(e);
    out.push_back(nested.empty() ? ParseJsValue(x) : ConvertJsValue(x, nested));
  }
  return out;
}

Json ParseJsDict(const std::string& code) {
  if (code == "{}") return Json::object();
  std::smatch m;
  if (!MatchStart(code, R"(\{(.*?)\})", &m)) return code;
  const std::string content = m[1].str();
  Json out = Json::object();
  const std::regex& pair = Re(R"(([^:]+):\s*(.*?)(?:,\s*(?=[^,]+:)|$))");
  for (auto it = std::sregex_iterator(content.begin(), content.end(), pair); it != std::sregex_iterator(); ++it) {
    const std::string key = Strip(Strip((*it)[1].str()), "'\"");
    const std::string value = Strip((*it)[2].str());
    if (StartsWith(value, '[') && EndsWith(value, ']')) out[key] = ParseJsCollection(value, "array", "");
    else if (StartsWith(value, '{') && EndsWith(value, '}')) out[key] = ParseJsCollection(value, "dict", "");
    else out[key] = ParseJsValue(Strip(value, "'\""));
  }
  return out;
}

// parse_js_collection: any failure inside gives back the (stripped) code, as BFCL's
// try/except does.
Json ParseJsCollection(const std::string& raw, const std::string& type, const std::string& nested) {
  const std::string code = Strip(raw);
  try {
    return type == "array" ? ParseJsArray(code, nested) : ParseJsDict(code);
  } catch (const BfclConversionError&) {
    return code;
  }
}

// ---- source forms (the oracle's side) ----------------------------------------------------

// Python's repr of a float, which BFCL's data was written from: shortest round trip, ".0"
// for integral values.
std::string FloatRepr(double d) {
  char buf[64];
  const auto r = std::to_chars(buf, buf + sizeof buf, d);
  std::string s(buf, r.ptr);
  if (s.find_first_of(".eEn") == std::string::npos) s += ".0";
  return s;
}

std::string NumberText(const Json& v) {
  if (v.is_number_float()) return FloatRepr(v.get<double>());
  return v.dump();
}

// Fixed notation (JavaScript's float pattern has no exponent).
std::string FixedFloat(double d) {
  std::string s = FloatRepr(d);
  if (s.find_first_of("eE") == std::string::npos) return s;
  char buf[512];
  const auto r = std::to_chars(buf, buf + sizeof buf, d, std::chars_format::fixed);
  s.assign(buf, r.ptr);
  if (s.find('.') == std::string::npos) s += ".0";
  return s;
}

std::string Quoted(const std::string& s) { return "\"" + s + "\""; }

// A value parse_java_value / parse_js_value reads back: strings quoted, the rest literal.
std::string UntypedSource(const Json& v) {
  if (v.is_string()) return Quoted(v.get<std::string>());
  if (v.is_boolean()) return v.get<bool>() ? "true" : "false";
  if (v.is_number()) return NumberText(v);
  return v.dump();
}

std::string JavaArrayElementType(const std::string& nested) {
  if (nested == "integer") return "int";
  if (nested == "String" || nested == "long" || nested == "double" || nested == "float" ||
      nested == "boolean" || nested == "char" || nested == "byte" || nested == "short") {
    return nested;
  }
  return "Object";
}

}  // namespace

std::optional<std::string> JavaPythonType(const std::string& t) {
  if (t == "byte" || t == "short" || t == "integer" || t == "long") return "int";
  if (t == "float" || t == "double") return "float";
  if (t == "boolean") return "bool";
  if (t == "char" || t == "String" || t == "any") return "str";
  if (t == "Array" || t == "ArrayList" || t == "Queue" || t == "Stack") return "list";
  if (t == "HashMap" || t == "Hashtable") return "dict";
  if (t == "Set") return "set";
  return std::nullopt;
}

std::optional<std::string> JsPythonType(const std::string& t) {
  if (t == "String" || t == "any") return "str";
  if (t == "integer" || t == "Bigint") return "int";
  if (t == "float") return "float";
  if (t == "Boolean") return "bool";
  if (t == "dict") return "dict";
  if (t == "array") return "list";
  return std::nullopt;
}

Json ConvertJavaValue(const std::string& value, const std::string& type, const std::string& nested) {
  if (!JavaPythonType(type)) throw BfclConversionError("Unsupported type: " + type);
  if (type == "byte" || type == "short" || type == "integer") {
    return FullMatch(value, R"(-?\d+)") ? IntOf(Strip(value)) : Json(value);
  }
  if (type == "float") {
    if (!FullMatch(value, R"(-?\d+(\.\d+)?([eE][+-]?\d+)?[fF])")) return value;
    std::string v = Strip(value);
    return FloatOf(v.substr(0, v.size() - 1));
  }
  if (type == "double") return FullMatch(value, R"(-?\d+(\.\d+)?([eE][+-]?\d+)?)") ? FloatOf(value) : Json(value);
  if (type == "long") {
    if (!FullMatch(value, R"(-?\d+[lL])")) return value;
    std::string v = Strip(value);
    return IntOf(v.substr(0, v.size() - 1));
  }
  if (type == "boolean") return value == "true" ? Json(true) : value == "false" ? Json(false) : Json(value);
  // char: BFCL's pattern ^\'.$\' can never match, so a char is always the string as given.
  if (type == "char" || type == "String" || type == "any") return value;
  if (type == "Array") return ParseArray(value, nested);
  if (type == "ArrayList") return ParseArrayList(value, nested);
  if (type == "HashMap") return ParseHashMap(value);
  throw BfclConversionError(type + " conversion is not implemented");
}

Json ConvertJsValue(const std::string& value, const std::string& type, const std::string& nested) {
  if (!JsPythonType(type)) throw BfclConversionError("Unsupported type: " + type);
  if (type == "String") {
    const bool quoted = (StartsWith(value, '"') && EndsWith(value, '"')) ||
                        (StartsWith(value, '\'') && EndsWith(value, '\''));
    return quoted ? Json(Inner(value)) : Json(value);
  }
  if (type == "integer") return FullMatch(value, R"(-?\d+)") ? IntOf(Strip(value)) : Json(value);
  if (type == "float") return FullMatch(value, R"(-?\d+(\.\d+)?)") ? FloatOf(value) : Json(value);
  if (type == "Bigint") {
    if (!FullMatch(value, R"(-?\d+n)")) return value;
    std::string v = Strip(value);
    return IntOf(v.substr(0, v.size() - 1));
  }
  if (type == "Boolean") return value == "true" ? Json(true) : value == "false" ? Json(false) : Json(value);
  if (type == "dict" || type == "array") return ParseJsCollection(value, type, nested);
  return value;  // any
}

std::string JavaSourceOf(const Json& value, const std::string& type, const std::string& nested) {
  if (value.is_string()) return value.get<std::string>();
  if (value.is_boolean()) return value.get<bool>() ? "true" : "false";
  if (value.is_number()) {
    if (type == "long") return NumberText(value) + "L";
    if (type == "float") return NumberText(value) + "f";
    if (type == "double" && value.is_number_integer()) return value.dump() + ".0";
    return NumberText(value);
  }
  if (value.is_array() && type == "ArrayList") {
    if (value.empty()) return "new ArrayList<>()";
    std::string out = "new ArrayList<>(Arrays.asList(";
    for (size_t i = 0; i < value.size(); ++i) {
      if (i) out += ", ";
      const Json& e = value[i];
      if (nested == "String" || nested == "char") out += Quoted(e.is_string() ? e.get<std::string>() : e.dump());
      else if (nested.empty()) out += UntypedSource(e);
      else out += JavaSourceOf(e, nested);
    }
    return out + "))";
  }
  if (value.is_array()) {  // Array (and the types BFCL reads as one)
    std::string out = "new " + JavaArrayElementType(nested) + "[]{";
    for (size_t i = 0; i < value.size(); ++i) {
      if (i) out += ", ";
      out += nested.empty() ? UntypedSource(value[i]) : JavaSourceOf(value[i], nested);
    }
    return out + "}";
  }
  if (value.is_object()) {
    std::string out = "new HashMap<String, Object>() {{";
    for (auto it = value.begin(); it != value.end(); ++it) out += " put(" + Quoted(it.key()) + ", " + UntypedSource(*it) + ");";
    return out + " }}";
  }
  return value.dump();
}

std::string JsSourceOf(const Json& value, const std::string& type, const std::string& nested) {
  if (value.is_string()) return type == "String" ? Quoted(value.get<std::string>()) : value.get<std::string>();
  if (value.is_boolean()) return value.get<bool>() ? "true" : "false";
  if (value.is_number()) {
    if (type == "Bigint") return value.dump() + "n";
    if (type == "float") return FixedFloat(value.get<double>());
    return NumberText(value);
  }
  if (value.is_array()) {
    std::string out = "[";
    for (size_t i = 0; i < value.size(); ++i) {
      if (i) out += ", ";
      out += nested.empty() || nested == "any" ? UntypedSource(value[i]) : JsSourceOf(value[i], nested);
    }
    return out + "]";
  }
  if (value.is_object()) {
    std::string out = "{";
    bool first = true;
    for (auto it = value.begin(); it != value.end(); ++it) {
      if (!first) out += ", ";
      first = false;
      out += Quoted(it.key()) + ": ";
      if (it->is_array()) out += JsSourceOf(*it, "array");
      else if (it->is_object()) out += JsSourceOf(*it, "dict");
      else out += UntypedSource(*it);
    }
    return out + "}";
  }
  return value.dump();
}

}  // namespace toolshift
