#include "src/dialects/bfcl_return_format.h"

#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <memory>
#include <stdexcept>

#include <re2/re2.h>

#include "src/core/json_limits.h"
#include "src/core/utf8.h"
#include "src/dialects/python_literal.h"

namespace toolshift {
namespace {

constexpr std::string_view kPyWhitespace = " \t\n\r\v\f";

std::string_view StripChars(std::string_view s, std::string_view chars) {
  const size_t b = s.find_first_not_of(chars);
  if (b == std::string_view::npos) return {};
  return s.substr(b, s.find_last_not_of(chars) - b + 1);
}

struct DecodeError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// --- a small XML reader: what xml.etree.ElementTree.fromstring accepts of BFCL's call markup ---

struct XmlNode {
  std::string name;
  std::vector<std::pair<std::string, std::string>> attributes;
  std::string text;  // ElementTree's .text: the character data before the first child
  std::vector<std::unique_ptr<XmlNode>> children;

  const std::string* Attribute(std::string_view key) const {
    for (const auto& [k, v] : attributes) {
      if (k == key) return &v;
    }
    return nullptr;
  }
  const XmlNode* Child(std::string_view n) const {
    for (const auto& c : children) {
      if (c->name == n) return c.get();
    }
    return nullptr;
  }
};

class XmlReader {
 public:
  explicit XmlReader(std::string_view s) : s_(s) {}

  std::unique_ptr<XmlNode> ReadDocument() {
    SkipMisc();
    if (!Peek('<')) Fail("not well-formed (no element found)");
    auto root = ReadElement(0);
    SkipMisc();
    if (i_ != s_.size()) Fail("junk after document element");
    return root;
  }

 private:
  [[noreturn]] void Fail(const std::string& what) const {
    throw DecodeError("XML: " + what + " at offset " + std::to_string(i_));
  }
  bool Peek(char c) const { return i_ < s_.size() && s_[i_] == c; }
  bool StartsWith(std::string_view p) const { return s_.substr(i_, p.size()) == p; }
  void SkipSpace() {
    while (i_ < s_.size() && (s_[i_] == ' ' || s_[i_] == '\t' || s_[i_] == '\n' || s_[i_] == '\r')) ++i_;
  }
  // Whitespace, comments and processing instructions around the root element.
  void SkipMisc() {
    for (;;) {
      SkipSpace();
      if (StartsWith("<!--")) SkipPast("-->");
      else if (StartsWith("<?")) SkipPast("?>");
      else return;
    }
  }
  void SkipPast(std::string_view end) {
    const size_t at = s_.find(end, i_);
    if (at == std::string_view::npos) Fail("unclosed token");
    i_ = at + end.size();
  }
  static bool NameStart(unsigned char c) { return std::isalpha(c) || c == '_' || c == ':' || c >= 0x80; }
  static bool NameChar(unsigned char c) { return NameStart(c) || std::isdigit(c) || c == '-' || c == '.'; }
  std::string ReadName() {
    if (i_ >= s_.size() || !NameStart(static_cast<unsigned char>(s_[i_]))) Fail("not well-formed (invalid token)");
    const size_t b = i_;
    while (i_ < s_.size() && NameChar(static_cast<unsigned char>(s_[i_]))) ++i_;
    return std::string(s_.substr(b, i_ - b));
  }
  void ReadEntity(std::string* out) {
    const size_t semi = s_.find(';', i_);
    if (semi == std::string_view::npos || semi - i_ > 12) Fail("not well-formed (invalid token)");
    const std::string_view ent = s_.substr(i_ + 1, semi - i_ - 1);
    i_ = semi + 1;
    if (ent == "lt") *out += '<';
    else if (ent == "gt") *out += '>';
    else if (ent == "amp") *out += '&';
    else if (ent == "quot") *out += '"';
    else if (ent == "apos") *out += '\'';
    else if (ent.size() > 1 && ent[0] == '#') {
      const bool hex = ent[1] == 'x';
      const std::string digits(ent.substr(hex ? 2 : 1));
      char* end = nullptr;
      const unsigned long cp = std::strtoul(digits.c_str(), &end, hex ? 16 : 10);
      if (digits.empty() || *end || cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
        Fail("reference to invalid character number");
      }
      AppendUtf8(static_cast<uint32_t>(cp), out);
    } else {
      Fail("undefined entity");
    }
  }
  std::unique_ptr<XmlNode> ReadElement(int depth) {
    if (depth > 64) Fail("nesting too deep");
    ++i_;  // '<'
    auto node = std::make_unique<XmlNode>();
    node->name = ReadName();
    for (;;) {
      const size_t before = i_;
      SkipSpace();
      if (StartsWith("/>")) {
        i_ += 2;
        return node;
      }
      if (Peek('>')) {
        ++i_;
        break;
      }
      if (i_ == before) Fail("not well-formed (invalid token)");  // attributes need whitespace between them
      std::string key = ReadName();
      SkipSpace();
      if (!Peek('=')) Fail("not well-formed (invalid token)");
      ++i_;
      SkipSpace();
      if (!Peek('"') && !Peek('\'')) Fail("not well-formed (invalid token)");
      const char q = s_[i_++];
      std::string value;
      while (i_ < s_.size() && s_[i_] != q) {
        const char c = s_[i_];
        if (c == '<') Fail("not well-formed (invalid token)");
        if (c == '&') {
          ReadEntity(&value);
          continue;
        }
        value.push_back(c == '\t' || c == '\n' || c == '\r' ? ' ' : c);  // attribute-value normalisation
        ++i_;
      }
      if (i_ >= s_.size()) Fail("unclosed token");
      ++i_;
      if (node->Attribute(key)) Fail("duplicate attribute");
      node->attributes.emplace_back(std::move(key), std::move(value));
    }
    for (;;) {
      if (i_ >= s_.size()) Fail("no element found");
      if (StartsWith("</")) {
        i_ += 2;
        if (ReadName() != node->name) Fail("mismatched tag");
        SkipSpace();
        if (!Peek('>')) Fail("not well-formed (invalid token)");
        ++i_;
        return node;
      }
      if (StartsWith("<!--")) {
        SkipPast("-->");
      } else if (StartsWith("<![CDATA[")) {
        const size_t b = i_ + 9;
        SkipPast("]]>");
        if (node->children.empty()) node->text += std::string(s_.substr(b, i_ - 3 - b));
      } else if (StartsWith("<?")) {
        SkipPast("?>");
      } else if (Peek('<')) {
        node->children.push_back(ReadElement(depth + 1));
      } else {
        std::string chunk;
        if (Peek('&')) ReadEntity(&chunk);
        else chunk.push_back(s_[i_++]);
        if (node->children.empty()) node->text += chunk;  // later text is a child's tail: unused
      }
    }
  }

  std::string_view s_;
  size_t i_ = 0;
};

// --- BFCL's convert_value_by_type ---

// Python's int(): optional whitespace and sign, digits with single underscores between them.
Json PythonInt(const std::string& raw) {
  std::string_view s = StripChars(raw, kPyWhitespace);
  std::string digits;
  if (!s.empty() && (s[0] == '+' || s[0] == '-')) {
    if (s[0] == '-') digits.push_back('-');
    s.remove_prefix(1);
  }
  bool last_digit = false;
  for (char c : s) {
    if (std::isdigit(static_cast<unsigned char>(c))) {
      digits.push_back(c);
      last_digit = true;
    } else if (c == '_' && last_digit) {
      last_digit = false;
    } else {
      throw DecodeError("invalid literal for int() with base 10: '" + raw + "'");
    }
  }
  if (!last_digit) throw DecodeError("invalid literal for int() with base 10: '" + raw + "'");
  errno = 0;
  char* end = nullptr;
  const long long v = std::strtoll(digits.c_str(), &end, 10);
  if (errno == ERANGE) return Json(std::strtod(digits.c_str(), nullptr));  // beyond int64: toolshift keeps a float
  return Json(v);
}

// Python's float(): decimal or exponent notation, inf/nan words, underscores between digits.
Json PythonFloat(const std::string& raw) {
  std::string_view s = StripChars(raw, kPyWhitespace);
  std::string text;
  for (size_t k = 0; k < s.size(); ++k) {
    const char c = s[k];
    if (c == '_') {
      if (k == 0 || k + 1 >= s.size() || !std::isdigit(static_cast<unsigned char>(s[k - 1])) ||
          !std::isdigit(static_cast<unsigned char>(s[k + 1]))) {
        throw DecodeError("could not convert string to float: '" + raw + "'");
      }
      continue;
    }
    if (c == 'x' || c == 'X' || c == 'p' || c == 'P') throw DecodeError("could not convert string to float: '" + raw + "'");
    text.push_back(c);
  }
  char* end = nullptr;
  const double v = text.empty() ? 0 : std::strtod(text.c_str(), &end);
  if (text.empty() || *end) throw DecodeError("could not convert string to float: '" + raw + "'");
  return Json(v);
}

// ast.literal_eval: a Python literal (tuples noted, as BFCL's type check tells them from lists).
Json PythonLiteral(const std::string& raw, bool* tuple) {
  const std::string_view s = StripChars(raw, " \t");  // literal_eval strips leading spaces and tabs
  std::vector<ToolCall> calls;
  std::string error;
  if (!python::ReadCalls("f(v=" + std::string(s) + ")", &calls, &error) || calls.size() != 1 ||
      !calls[0].arguments.contains("v")) {
    throw DecodeError("malformed node or string: " + raw);
  }
  *tuple = !s.empty() && s.front() == '(';
  return calls[0].arguments["v"];
}

void SetArgument(ToolCall& call, const std::string& name, const std::string& raw, const std::string& type) {
  bool tuple = false;
  Json v;
  if (type == "integer") v = PythonInt(raw);
  else if (type == "float") v = PythonFloat(raw);
  else if (type == "boolean") {
    std::string lower = raw;
    for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    v = lower == "true";
  } else if (type == "null") v = nullptr;
  else if (type == "array" || type == "tuple" || type == "object" || type == "dict") v = PythonLiteral(raw, &tuple);
  else v = raw;
  call.arguments[name] = std::move(v);  // a repeated name keeps the last value, as a dict does
  std::erase(call.tuple_arguments, name);
  if (tuple) call.tuple_arguments.push_back(name);
}

std::vector<ToolCall> DecodeXml(std::string_view body, bool verbose) {
  static const RE2 kFunctions(R"((?s)(<functions>.*?</functions>))");
  std::string block;
  if (!RE2::PartialMatch(body, kFunctions, &block)) {
    throw DecodeError("No XML function call found in input string. Missing <functions> tag.");
  }
  const std::unique_ptr<XmlNode> root = XmlReader(block).ReadDocument();
  std::vector<ToolCall> calls;
  for (const auto& f : root->children) {
    if (f->name != "function") continue;
    const std::string* name = f->Attribute("name");
    if (!name) throw DecodeError("KeyError: 'name' (a <function> without a name)");
    ToolCall call{*name, Json::object()};
    const XmlNode* container = verbose ? f->Child("params") : nullptr;
    const XmlNode& holder = container ? *container : *f;
    for (const auto& p : holder.children) {
      if (p->name != "param") continue;
      const std::string* pname = p->Attribute("name");
      if (!pname) throw DecodeError(verbose ? "a <param> without a name" : "KeyError: 'name' (a <param> without a name)");
      const std::string* ptype = p->Attribute("type");
      const std::string type = ptype ? *ptype : "string";
      if (verbose) {
        const std::string* value = p->Attribute("value");
        SetArgument(call, *pname, value ? *value : "", type);
      } else {
        SetArgument(call, *pname, std::string(StripChars(p->text, kPyWhitespace)), type);
      }
    }
    calls.push_back(std::move(call));
  }
  return calls;
}

std::vector<ToolCall> DecodeJson(std::string_view body) {
  static const RE2 kWidest(R"((?s)(\[.*\]))");
  static const RE2 kObjectList(R"((?s)(\[\s*\{.*?\}\s*(?:,\s*\{.*?\}\s*)*\]))");
  std::string span(body);
  std::string m;
  if (RE2::PartialMatch(span, kWidest, &m)) span = m;
  if (RE2::PartialMatch(span, kObjectList, &m)) span = m;
  bool too_deep = false;
  const Json j = TryParseJsonBounded(span, &too_deep);
  if (too_deep) throw DecodeError("JSON nested too deep");
  if (j.is_discarded()) return {};  // BFCL: json.JSONDecodeError -> []
  if (j.is_object() || j.is_string()) return {};  // iterating keys or characters: no dicts, no calls
  if (!j.is_array()) throw DecodeError("'" + std::string(j.type_name()) + "' object is not iterable");
  std::vector<ToolCall> calls;
  for (const auto& e : j) {
    if (!e.is_object()) continue;
    if (!e.contains("function")) throw DecodeError("KeyError: 'function'");
    if (!e.contains("parameters")) throw DecodeError("KeyError: 'parameters'");
    if (!e["function"].is_string()) throw DecodeError("the function name is not a string: " + e["function"].dump());
    if (!e["parameters"].is_object()) {
      throw DecodeError("did not output in the specified format: parameters is not an object: " + e["parameters"].dump());
    }
    calls.push_back(ToolCall{e["function"].get<std::string>(), e["parameters"]});
  }
  return calls;
}

// True when a reply that failed to decode still reads as an attempt to call (for the taxonomy).
bool LooksLikeCallAttempt(std::string_view text) {
  static const RE2 kAttempt(R"((?s)(<TOOLCALL>|<functions|<function\s|\{\s*"|[A-Za-z_][A-Za-z0-9_.]*\s*\())");
  return RE2::PartialMatch(text, kAttempt);
}

// XML-escapes text for an attribute value or element content.
std::string XmlEscape(const std::string& s, bool attribute) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += attribute ? "&quot;" : "\""; break;
      case '\n': out += attribute ? "&#10;" : "\n"; break;
      case '\r': out += "&#13;"; break;
      case '\t': out += attribute ? "&#9;" : "\t"; break;
      default: out.push_back(c);
    }
  }
  return out;
}

// The type attribute and raw text that convert back to `v` under BFCL's convert_value_by_type.
std::pair<std::string, std::string> XmlTypedValue(const Json& v) {
  switch (v.type()) {
    case Json::value_t::string: return {"string", v.get<std::string>()};
    case Json::value_t::boolean: return {"boolean", v.get<bool>() ? "true" : "false"};
    case Json::value_t::null: return {"null", ""};
    case Json::value_t::number_float: return {"float", python::WriteValue(v)};
    case Json::value_t::number_integer:
    case Json::value_t::number_unsigned: return {"integer", v.dump()};
    case Json::value_t::array: return {"array", python::WriteValue(v)};
    default: return {"dict", python::WriteValue(v)};
  }
}

}  // namespace

ParseResult DecodeBfclReturn(std::string_view text, const BfclPromptConfig& config) {
  std::string cleaned(StripChars(text, "`\n "));
  if (cleaned.empty() || cleaned.front() != '[') cleaned.insert(cleaned.begin(), '[');
  if (cleaned.back() != ']') cleaned.push_back(']');
  std::string body = cleaned;
  try {
    if (config.tool_call_tag) {
      static const RE2 kTag(R"((?s)<TOOLCALL>(.*?)</TOOLCALL>)");
      std::string inner;
      if (!RE2::PartialMatch(cleaned, kTag, &inner)) throw DecodeError("No tool call tag found in input string");
      body = std::string(StripChars(inner, kPyWhitespace));
    }
    std::vector<ToolCall> calls;
    if (config.return_format == "json") {
      calls = DecodeJson(body);
    } else if (config.return_format == "verbose_xml" || config.return_format == "concise_xml") {
      calls = DecodeXml(body, config.return_format == "verbose_xml");
    } else {
      std::string error;
      const std::string_view expr = StripChars(StripChars(body, kPyWhitespace), "'");
      if (!python::ReadCallsBfcl(expr, &calls, &error)) throw DecodeError(error);
    }
    return calls.empty() ? ParseResult::NoCall() : ParseResult::Calls(std::move(calls));
  } catch (const DecodeError& e) {
    const std::string why = std::string("BFCL decoder (") + config.return_format +
                            (config.tool_call_tag ? ", <TOOLCALL>" : "") + "): " + e.what();
    return LooksLikeCallAttempt(text) ? ParseResult::Malformed(why) : ParseResult::NoCall();
  }
}

std::string WriteBfclReturn(const std::vector<ToolCall>& calls, const BfclPromptConfig& config) {
  if (calls.empty()) return std::string(kNoToolAnswer);
  std::string body;
  if (config.return_format == "json") {
    Json list = Json::array();
    for (const auto& c : calls) list.push_back({{"function", c.name}, {"parameters", c.arguments}});
    body = DumpJson(list);
  } else if (config.return_format == "verbose_xml" || config.return_format == "concise_xml") {
    const bool verbose = config.return_format == "verbose_xml";
    body = "<functions>";
    for (const auto& c : calls) {
      body += "<function name=\"" + XmlEscape(c.name, true) + "\">";
      if (verbose) body += "<params>";
      for (auto it = c.arguments.begin(); it != c.arguments.end(); ++it) {
        const auto [type, raw] = XmlTypedValue(*it);
        if (verbose) {
          body += "<param name=\"" + XmlEscape(it.key(), true) + "\" value=\"" + XmlEscape(raw, true) + "\" type=\"" +
                  type + "\"/>";
        } else {
          body += "<param name=\"" + XmlEscape(it.key(), true) + "\" type=\"" + type + "\">" + XmlEscape(raw, false) +
                  "</param>";
        }
      }
      if (verbose) body += "</params>";
      body += "</function>";
    }
    body += "</functions>";
  } else {
    body = "[";
    for (size_t i = 0; i < calls.size(); ++i) body += (i ? ", " : "") + python::WriteCall(calls[i]);
    body += "]";
  }
  return config.tool_call_tag ? "<TOOLCALL>" + body + "</TOOLCALL>" : body;
}

}  // namespace toolshift
