#include "src/dialects/python_literal.h"

#include <cerrno>
#include <cstdlib>
#include <stdexcept>

#include "src/dialects/text_scan.h"

namespace toolshift::python {
namespace {

constexpr int kMaxDepth = 200;  // deeper literals are rejected rather than recursed into

class Reader {
 public:
  explicit Reader(std::string_view text) : s_(text) {}

  void ReadCallList(std::vector<ToolCall>* calls) {
    SkipWs();
    if (Peek() == '[') {
      ++i_;
      SkipWs();
      while (Peek() != ']') {
        calls->push_back(ReadCall());
        SkipWs();
        if (Peek() == ',') {
          ++i_;
          SkipWs();
        } else if (Peek() != ']') {
          Fail("expected ',' or ']' after a call");
        }
      }
      ++i_;
    } else {
      calls->push_back(ReadCall());
    }
    SkipWs();
    if (i_ != s_.size()) Fail("unexpected text after the calls");
  }

 private:
  [[noreturn]] void Fail(const std::string& what) const {
    throw std::runtime_error(what + " at offset " + std::to_string(i_));
  }
  char Peek() const { return i_ < s_.size() ? s_[i_] : '\0'; }
  bool AtEnd() const { return i_ >= s_.size(); }
  void SkipWs() {
    while (!AtEnd() && (s_[i_] == ' ' || s_[i_] == '\t' || s_[i_] == '\n' || s_[i_] == '\r')) ++i_;
  }
  static bool IsIdentStart(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
  }
  static bool IsIdentChar(char c) { return IsIdentStart(c) || (c >= '0' && c <= '9'); }

  std::string ReadIdent() {
    if (!IsIdentStart(Peek())) Fail("expected a name");
    size_t b = i_;
    while (IsIdentChar(Peek())) ++i_;
    return std::string(s_.substr(b, i_ - b));
  }

  ToolCall ReadCall() {
    ToolCall call;
    call.name = ReadIdent();
    while (Peek() == '.') {  // dotted names: math.factorial
      ++i_;
      call.name += "." + ReadIdent();
    }
    SkipWs();
    if (Peek() != '(') Fail("expected '(' after '" + call.name + "'");
    ++i_;
    SkipWs();
    while (Peek() != ')') {
      if (AtEnd()) Fail("unclosed '(' of '" + call.name + "'");
      size_t arg_start = i_;
      if (!IsIdentStart(Peek())) Fail("expected a keyword argument (positional arguments are not allowed)");
      std::string key = ReadIdent();
      SkipWs();
      if (Peek() != '=') {
        i_ = arg_start;
        Fail("expected '=' after '" + key + "' (positional arguments are not allowed)");
      }
      ++i_;
      SkipWs();
      if (call.arguments.contains(key)) Fail("argument '" + key + "' given twice");
      call.arguments[key] = ReadValue(0);
      SkipWs();
      if (Peek() == ',') {
        ++i_;
        SkipWs();
      } else if (Peek() != ')') {
        Fail("expected ',' or ')' in the arguments of '" + call.name + "'");
      }
    }
    ++i_;
    return call;
  }

  Json ReadValue(int depth) {
    if (depth > kMaxDepth) Fail("value nested too deeply");
    SkipWs();
    char c = Peek();
    if (c == '"' || c == '\'') return ReadString();
    if ((c == 'r' || c == 'R' || c == 'u' || c == 'U') && (i_ + 1 < s_.size()) &&
        (s_[i_ + 1] == '"' || s_[i_ + 1] == '\'')) {
      bool raw = (c == 'r' || c == 'R');
      ++i_;
      return ReadString(raw);
    }
    if (c == '[' || c == '(') return ReadSequence(c == '[' ? ']' : ')', depth);
    if (c == '{') return ReadDict(depth);
    if (c == '-' || c == '+' || c == '.' || (c >= '0' && c <= '9')) return ReadNumber();
    if (IsIdentStart(c)) {
      size_t b = i_;
      std::string word = ReadIdent();
      if (word == "True") return true;
      if (word == "False") return false;
      if (word == "None") return nullptr;
      i_ = b;
      Fail("unexpected name '" + word + "' (only literal values are allowed)");
    }
    if (AtEnd()) Fail("unexpected end of text");
    Fail(std::string("unexpected character '") + c + "'");
  }

  Json ReadSequence(char close, int depth) {
    ++i_;
    Json arr = Json::array();
    SkipWs();
    while (Peek() != close) {
      if (AtEnd()) Fail(std::string("unclosed sequence, expected '") + close + "'");
      arr.push_back(ReadValue(depth + 1));
      SkipWs();
      if (Peek() == ',') {
        ++i_;
        SkipWs();
      } else if (Peek() != close) {
        Fail(std::string("expected ',' or '") + close + "'");
      }
    }
    ++i_;
    return arr;
  }

  Json ReadDict(int depth) {
    ++i_;
    Json obj = Json::object();
    SkipWs();
    while (Peek() != '}') {
      if (AtEnd()) Fail("unclosed '{'");
      Json key = ReadValue(depth + 1);
      if (!key.is_string()) Fail("dict keys must be strings");
      SkipWs();
      if (Peek() != ':') Fail("expected ':' in a dict");
      ++i_;
      obj[key.get<std::string>()] = ReadValue(depth + 1);
      SkipWs();
      if (Peek() == ',') {
        ++i_;
        SkipWs();
      } else if (Peek() != '}') {
        Fail("expected ',' or '}'");
      }
    }
    ++i_;
    return obj;
  }

  Json ReadNumber() {
    size_t b = i_;
    if (Peek() == '-' || Peek() == '+') ++i_;
    bool is_float = false;
    bool digits = false;
    while (Peek() >= '0' && Peek() <= '9') { ++i_; digits = true; }
    if (Peek() == '.') {
      is_float = true;
      ++i_;
      while (Peek() >= '0' && Peek() <= '9') { ++i_; digits = true; }
    }
    if (!digits) Fail("malformed number");
    if (Peek() == 'e' || Peek() == 'E') {
      is_float = true;
      ++i_;
      if (Peek() == '-' || Peek() == '+') ++i_;
      if (!(Peek() >= '0' && Peek() <= '9')) Fail("malformed exponent");
      while (Peek() >= '0' && Peek() <= '9') ++i_;
    }
    std::string tok(s_.substr(b, i_ - b));
    if (!is_float) {
      errno = 0;
      char* end = nullptr;
      long long v = std::strtoll(tok.c_str(), &end, 10);
      if (errno == 0 && end == tok.c_str() + tok.size()) return v;
      // Out of int64 range: keep magnitude as a float rather than wrapping.
    }
    return std::strtod(tok.c_str(), nullptr);
  }

  uint32_t ReadHex(int n) {
    if (i_ + n > s_.size()) Fail("truncated escape");
    uint32_t v = 0;
    for (int k = 0; k < n; ++k) {
      char h = s_[i_++];
      v <<= 4;
      if (h >= '0' && h <= '9') v |= h - '0';
      else if (h >= 'a' && h <= 'f') v |= h - 'a' + 10;
      else if (h >= 'A' && h <= 'F') v |= h - 'A' + 10;
      else Fail("bad hex digit in escape");
    }
    return v;
  }

  Json ReadString(bool raw = false) {
    const char q = Peek();
    bool triple = i_ + 2 < s_.size() && s_[i_ + 1] == q && s_[i_ + 2] == q;
    i_ += triple ? 3 : 1;
    std::string out;
    while (true) {
      if (AtEnd()) Fail("unterminated string");
      char c = s_[i_];
      if (c == q) {
        if (!triple) { ++i_; break; }
        if (i_ + 2 < s_.size() && s_[i_ + 1] == q && s_[i_ + 2] == q) { i_ += 3; break; }
        out.push_back(c);
        ++i_;
        continue;
      }
      if (c == '\n' && !triple) Fail("newline inside a string");
      if (c != '\\') { out.push_back(c); ++i_; continue; }
      if (i_ + 1 >= s_.size()) Fail("unterminated string");
      char e = s_[i_ + 1];
      if (raw) {  // raw strings keep the backslash; \q still does not end the string
        out.push_back('\\');
        out.push_back(e);
        i_ += 2;
        continue;
      }
      i_ += 2;
      switch (e) {
        case '\\': out.push_back('\\'); break;
        case '\'': out.push_back('\''); break;
        case '"': out.push_back('"'); break;
        case 'n': out.push_back('\n'); break;
        case 't': out.push_back('\t'); break;
        case 'r': out.push_back('\r'); break;
        case 'b': out.push_back('\b'); break;
        case 'f': out.push_back('\f'); break;
        case 'v': out.push_back('\v'); break;
        case '0': out.push_back('\0'); break;
        case '\n': break;  // line continuation
        case 'x': textscan::AppendUtf8(ReadHex(2), &out); break;
        case 'u': {
          uint32_t cp = ReadHex(4);
          // A surrogate pair spelled as two \u escapes (JSON style) joins into one code point.
          if (cp >= 0xD800 && cp < 0xDC00 && i_ + 1 < s_.size() && s_[i_] == '\\' && s_[i_ + 1] == 'u') {
            i_ += 2;
            uint32_t lo = ReadHex(4);
            if (lo >= 0xDC00 && lo < 0xE000) cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
            else Fail("unpaired surrogate escape");
          } else if (cp >= 0xD800 && cp < 0xE000) {
            Fail("unpaired surrogate escape");
          }
          textscan::AppendUtf8(cp, &out);
          break;
        }
        case 'U': {
          uint32_t cp = ReadHex(8);
          if (cp > 0x10FFFF || (cp >= 0xD800 && cp < 0xE000)) Fail("escape out of Unicode range");
          textscan::AppendUtf8(cp, &out);
          break;
        }
        default:  // Python keeps unknown escapes verbatim
          out.push_back('\\');
          out.push_back(e);
      }
    }
    return out;
  }

  std::string_view s_;
  size_t i_ = 0;
};

void WriteString(const std::string& s, std::string* out) {
  out->push_back('"');
  for (unsigned char c : s) {
    switch (c) {
      case '\\': *out += "\\\\"; break;
      case '"': *out += "\\\""; break;
      case '\n': *out += "\\n"; break;
      case '\t': *out += "\\t"; break;
      case '\r': *out += "\\r"; break;
      default:
        if (c < 0x20 || c == 0x7F) {
          static constexpr char kHex[] = "0123456789abcdef";
          *out += "\\x";
          out->push_back(kHex[c >> 4]);
          out->push_back(kHex[c & 15]);
        } else {
          out->push_back(static_cast<char>(c));
        }
    }
  }
  out->push_back('"');
}

void Write(const Json& v, std::string* out) {
  switch (v.type()) {
    case Json::value_t::null: *out += "None"; break;
    case Json::value_t::boolean: *out += v.get<bool>() ? "True" : "False"; break;
    case Json::value_t::string: WriteString(v.get_ref<const std::string&>(), out); break;
    case Json::value_t::array: {
      out->push_back('[');
      bool first = true;
      for (const auto& e : v) {
        if (!first) *out += ", ";
        first = false;
        Write(e, out);
      }
      out->push_back(']');
      break;
    }
    case Json::value_t::object: {
      out->push_back('{');
      bool first = true;
      for (auto it = v.begin(); it != v.end(); ++it) {
        if (!first) *out += ", ";
        first = false;
        WriteString(it.key(), out);
        *out += ": ";
        Write(*it, out);
      }
      out->push_back('}');
      break;
    }
    default: *out += v.dump(); break;  // numbers: nlohmann keeps floats distinguishable ("1.0")
  }
}

}  // namespace

std::string WriteValue(const Json& value) {
  std::string out;
  Write(value, &out);
  return out;
}

std::string WriteCall(const ToolCall& call) {
  std::string out = call.name + "(";
  bool first = true;
  for (auto it = call.arguments.begin(); it != call.arguments.end(); ++it) {
    if (!first) out += ", ";
    first = false;
    out += it.key() + "=";
    Write(*it, &out);
  }
  return out + ")";
}

bool ReadCalls(std::string_view text, std::vector<ToolCall>* calls, std::string* error) {
  try {
    Reader(text).ReadCallList(calls);
    return true;
  } catch (const std::runtime_error& e) {
    *error = e.what();
    calls->clear();
    return false;
  }
}

}  // namespace toolshift::python
