#include "src/dialects/python_literal.h"

#include <cerrno>
#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <stdexcept>

#include "src/core/json_limits.h"
#include "src/core/utf8.h"
#include "src/dialects/text_scan.h"

namespace toolshift::python {
namespace {

constexpr int kMaxDepth = kMaxPythonDepth;  // deeper literals are rejected rather than recursed into

class Reader {
 public:
  explicit Reader(std::string_view text) : s_(text) {}

  // BFCL's decoder (default_decode_ast_prompting + ast_parse + resolve_ast_by_type): the text
  // is parsed as one Python expression, then resolved with BFCL's rules, quirks included.
  void ReadBfclCallList(std::vector<ToolCall>* calls) {
    SkipWs();
    Node body = ParseExpr(0);
    SkipWs();
    if (i_ != s_.size()) Fail("invalid syntax");
    const std::vector<Node>* elts = nullptr;
    std::vector<Node> single;
    if (body.kind == Node::kCall) {
      single.push_back(std::move(body));
      elts = &single;
    } else if (body.kind == Node::kList || body.kind == Node::kTuple) {
      elts = &body.kids;
    } else {
      Fail("the output is not a list of calls");
    }
    for (const Node& e : *elts) {
      if (e.kind != Node::kCall) Fail("a list element is not a function call");
      calls->push_back(ResolveCall(e));
    }
  }

  // The common shape of a prompt-mode reply, read without an expression tree or exceptions:
  // `[f(a=1, b="x"), g.h(c=[1.5, True], d={"k": -2})]` — dotted names, keyword arguments only,
  // values that are plain strings (no escapes, prefixes, triple quotes or concatenation),
  // numbers, an optional minus on a number, True/False/None, lists and string-keyed dicts of
  // those. The result is exactly ReadBfclCallList's for such text. Anything else returns false
  // with `calls` untouched, and the full reader decides (and words any error).
  bool TryReadSimpleBfclCallList(std::vector<ToolCall>* calls) {
    std::vector<ToolCall> out;
    SkipWs();
    if (Peek() != '[') return false;
    ++i_;
    SkipWs();
    while (Peek() != ']') {
      ToolCall call;
      if (!SimpleName(&call.name)) return false;
      SkipWs();
      if (Peek() != '(') return false;
      ++i_;
      SkipWs();
      while (Peek() != ')') {
        if (!IsIdentStart(Peek())) return false;  // positional arguments and the rest
        const size_t b = i_;
        while (IsIdentChar(Peek())) ++i_;
        const std::string_view key = s_.substr(b, i_ - b);
        SkipWs();
        if (Peek() != '=' || s_.substr(i_, 2) == "==") return false;
        ++i_;
        Json value;
        if (!SimpleValue(0, &value)) return false;
        // A repeated keyword: the last value in the first one's place, as BFCL's dict has it.
        call.arguments[std::string(key)] = std::move(value);
        SkipWs();
        if (Peek() == ',') {
          ++i_;
          SkipWs();
        } else if (Peek() != ')') {
          return false;
        }
      }
      ++i_;
      SkipWs();
      out.push_back(std::move(call));
      if (Peek() == ',') {
        ++i_;
        SkipWs();
      } else if (Peek() != ']') {
        return false;  // a suffix or an operator after the call: the full reader's case
      }
    }
    ++i_;
    SkipWs();
    if (!AtEnd()) return false;
    for (auto& c : out) calls->push_back(std::move(c));
    return true;
  }

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
  // Python 3 identifiers may hold non-ASCII letters (BFCL's own schemas name parameters
  // `año_vehiculo`); any UTF-8 byte of a non-ASCII code point is taken as part of a name, a
  // slight superset of Python's XID classes that never splits a code point.
  static bool IsIdentStart(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || static_cast<unsigned char>(c) >= 0x80;
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
      // A keyword given twice still reads as a call (the last value kept, as a JSON object's
      // repeated key is): judging it is the scorer's business (duplicate_argument), not the parser's.
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
        case 'x': AppendUtf8(ReadHex(2), &out); break;
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
          AppendUtf8(cp, &out);
          break;
        }
        case 'U': {
          uint32_t cp = ReadHex(8);
          if (cp > 0x10FFFF || (cp >= 0xD800 && cp < 0xE000)) Fail("escape out of Unicode range");
          AppendUtf8(cp, &out);
          break;
        }
        default:  // Python keeps unknown escapes verbatim
          out.push_back('\\');
          out.push_back(e);
      }
    }
    return out;
  }

  // ---- The simple shape of TryReadSimpleBfclCallList: never throws. ----

  // name(.name)*, without spaces around the dots. A first name True, False or None is a
  // constant to the full reader (whose call then has no name): left to it.
  bool SimpleName(std::string* name) {
    while (true) {
      if (!IsIdentStart(Peek())) return false;
      const size_t b = i_;
      while (IsIdentChar(Peek())) ++i_;
      const std::string_view part = s_.substr(b, i_ - b);
      if (name->empty() && (part == "True" || part == "False" || part == "None")) return false;
      name->append(part);
      if (Peek() != '.') return true;
      ++i_;
      name->push_back('.');
    }
  }

  // True when the next character (after spaces) ends a value in a list, call or dict, so no
  // operator, suffix or adjacent literal follows it.
  bool AtValueEnd() {
    SkipWs();
    const char c = Peek();
    return c == ',' || c == ')' || c == ']' || c == '}' || c == ':';
  }

  bool SimpleValue(int depth, Json* out) {
    if (depth > 32) return false;
    SkipWs();
    const char c = Peek();
    if (c == '"' || c == '\'') {
      if (i_ + 2 < s_.size() && s_[i_ + 1] == c && s_[i_ + 2] == c) return false;  // triple quotes
      size_t j = i_ + 1;
      while (j < s_.size() && s_[j] != c && s_[j] != '\\' && s_[j] != '\n') ++j;
      if (j == s_.size() || s_[j] != c) return false;
      *out = std::string(s_.substr(i_ + 1, j - i_ - 1));
      i_ = j + 1;
      return AtValueEnd() && Peek() != '"' && Peek() != '\'';
    }
    if (c >= '0' && c <= '9') return SimpleNumber(out) && AtValueEnd();
    if (c == '-' && i_ + 1 < s_.size() && s_[i_ + 1] >= '0' && s_[i_ + 1] <= '9') {
      ++i_;
      Json v;
      if (!SimpleNumber(&v) || !AtValueEnd()) return false;
      *out = Negate(v);  // BFCL's -operand.value
      return true;
    }
    if (IsIdentStart(c)) {
      const size_t b = i_;
      while (IsIdentChar(Peek())) ++i_;
      const std::string_view word = s_.substr(b, i_ - b);
      if (word == "True") *out = true;
      else if (word == "False") *out = false;
      else if (word == "None") *out = nullptr;
      else return false;  // bare names, calls, attributes: the full reader's
      return AtValueEnd();
    }
    if (c == '[') {
      ++i_;
      Json arr = Json::array();
      SkipWs();
      while (Peek() != ']') {
        Json v;
        if (!SimpleValue(depth + 1, &v)) return false;
        arr.push_back(std::move(v));
        if (Peek() == ',') {
          ++i_;
          SkipWs();
        } else if (Peek() != ']') {
          return false;
        }
      }
      ++i_;
      *out = std::move(arr);
      return AtValueEnd();
    }
    if (c == '{') {
      ++i_;
      Json obj = Json::object();
      SkipWs();
      while (Peek() != '}') {
        Json key, v;
        if ((Peek() != '"' && Peek() != '\'') || !SimpleValue(depth + 1, &key) || Peek() != ':') return false;
        ++i_;
        if (!SimpleValue(depth + 1, &v)) return false;
        obj[key.get<std::string>()] = std::move(v);
        if (Peek() == ',') {
          ++i_;
          SkipWs();
        } else if (Peek() != '}') {
          return false;
        }
      }
      ++i_;
      *out = std::move(obj);
      return AtValueEnd();
    }
    return false;  // tuples, parentheses, unary + and ~, "...", sets
  }

  // A number starting at a digit, when ReadNumber reads it without failing.
  bool SimpleNumber(Json* out) {
    size_t j = i_;
    while (j < s_.size() && s_[j] >= '0' && s_[j] <= '9') ++j;
    if (j < s_.size() && s_[j] == '.') {
      ++j;
      while (j < s_.size() && s_[j] >= '0' && s_[j] <= '9') ++j;
    }
    if (j < s_.size() && (s_[j] == 'e' || s_[j] == 'E')) {
      ++j;
      if (j < s_.size() && (s_[j] == '-' || s_[j] == '+')) ++j;
      if (!(j < s_.size() && s_[j] >= '0' && s_[j] <= '9')) return false;
    }
    *out = ReadNumber();
    return true;
  }

  // ---- BFCL mode: a Python expression tree, then BFCL's resolution of it. ----

  struct Node {
    enum Kind { kConst, kName, kUnary, kBinOp, kList, kTuple, kDict, kCall, kAttribute, kSubscript };
    Kind kind = kConst;
    Json value;                 // kConst
    std::string text;           // kName: id; kAttribute: attr; kUnary/kBinOp: operator
    std::vector<Node> kids;     // operands, elements, dict keys then values, call func then positionals
    // kCall: keyword arguments, names and values side by side (a vector of pairs holding the
    // still incomplete Node does not compile with clang)
    std::vector<std::string> keyword_names;
    std::vector<Node> keyword_values;
  };

  static Node Leaf(Json v) {
    Node n;
    n.value = std::move(v);
    return n;
  }
  static Node Make(Node::Kind kind, std::string text, std::vector<Node> kids) {
    Node n;
    n.kind = kind;
    n.text = std::move(text);
    n.kids = std::move(kids);
    return n;
  }

  bool TakeOp(std::string_view op) {
    if (s_.substr(i_, op.size()) != op) return false;
    i_ += op.size();
    return true;
  }

  // Arithmetic precedence as Python's: + - below * / // % below unary below **.
  Node ParseExpr(int depth) {
    if (depth > kMaxDepth) Fail("expression nested too deeply");
    Node left = ParseTerm(depth);
    while (true) {
      SkipWs();
      const char c = Peek();
      if (c != '+' && c != '-') return left;
      ++i_;
      if (++depth > kMaxDepth) Fail("expression nested too deeply");  // a + b + ... nests leftwards
      Node right = ParseTerm(depth);
      left = Make(Node::kBinOp, std::string(1, c), {std::move(left), std::move(right)});
    }
  }

  Node ParseTerm(int depth) {
    Node left = ParseFactor(depth);
    while (true) {
      SkipWs();
      std::string op;
      if (TakeOp("//")) op = "//";
      else if (Peek() == '*' && s_.substr(i_, 2) != "**") op = "*", ++i_;
      else if (Peek() == '/' || Peek() == '%') op = std::string(1, Peek()), ++i_;
      else return left;
      if (++depth > kMaxDepth) Fail("expression nested too deeply");
      Node right = ParseFactor(depth);
      left = Make(Node::kBinOp, op, {std::move(left), std::move(right)});
    }
  }

  Node ParseFactor(int depth) {
    if (depth > kMaxDepth) Fail("expression nested too deeply");  // "- - - 1", "2 ** 2 ** ..."
    SkipWs();
    const char c = Peek();
    if (c == '-' || c == '+' || c == '~') {
      ++i_;
      return Make(Node::kUnary, std::string(1, c), {ParseFactor(depth + 1)});
    }
    Node base = ParsePrimary(depth);
    SkipWs();
    if (TakeOp("**")) return Make(Node::kBinOp, "**", {std::move(base), ParseFactor(depth + 1)});
    return base;
  }

  Node ParsePrimary(int depth) {
    Node n = ParseAtom(depth);
    while (true) {
      SkipWs();
      // f(x)(y)..., a.b.c..., a[0][0]...: each suffix wraps the tree once more.
      if ((Peek() == '(' || Peek() == '.' || Peek() == '[') && ++depth > kMaxDepth) Fail("expression nested too deeply");
      if (Peek() == '(') {
        ++i_;
        Node call = Make(Node::kCall, "", {std::move(n)});
        SkipWs();
        while (Peek() != ')') {
          if (AtEnd()) Fail("unclosed '('");
          const size_t start = i_;
          std::string key;
          if (IsIdentStart(Peek())) {
            key = ReadIdent();
            SkipWs();
            if (Peek() != '=' || s_.substr(i_, 2) == "==") {
              key.clear();
              i_ = start;
            } else {
              ++i_;
            }
          }
          Node arg = ParseExpr(depth + 1);
          if (!key.empty()) {
            // Python's parser accepts a repeated keyword (only compiling it fails) and BFCL
            // builds a dict from the keywords: the last value wins, in the first one's place.
            bool repeated = false;
            for (size_t k = 0; k < call.keyword_names.size() && !repeated; ++k) {
              if (call.keyword_names[k] == key) {
                call.keyword_values[k] = std::move(arg);
                repeated = true;
              }
            }
            if (!repeated) {
              call.keyword_names.push_back(key);
              call.keyword_values.push_back(std::move(arg));
            }
          } else {
            if (!call.keyword_names.empty()) Fail("positional argument follows keyword argument");
            call.kids.push_back(std::move(arg));
          }
          SkipWs();
          if (Peek() == ',') {
            ++i_;
            SkipWs();
          } else if (Peek() != ')') {
            Fail("expected ',' or ')'");
          }
        }
        ++i_;
        n = std::move(call);
      } else if (Peek() == '.' && !(i_ + 1 < s_.size() && s_[i_ + 1] >= '0' && s_[i_ + 1] <= '9')) {
        ++i_;
        SkipWs();
        n = Make(Node::kAttribute, ReadIdent(), {std::move(n)});
      } else if (Peek() == '[') {
        ++i_;
        Node index = ParseExpr(depth + 1);
        SkipWs();
        if (Peek() != ']') Fail("expected ']'");
        ++i_;
        n = Make(Node::kSubscript, "", {std::move(n), std::move(index)});
      } else {
        return n;
      }
    }
  }

  Node ParseAtom(int depth) {
    SkipWs();
    const char c = Peek();
    if (c == '"' || c == '\'') {
      std::string joined;
      while (Peek() == '"' || Peek() == '\'') {  // adjacent literals concatenate
        joined += ReadString().get<std::string>();
        SkipWs();
      }
      return Leaf(joined);
    }
    if ((c == 'r' || c == 'R' || c == 'u' || c == 'U') && i_ + 1 < s_.size() && (s_[i_ + 1] == '"' || s_[i_ + 1] == '\'')) {
      ++i_;
      return Leaf(ReadString(c == 'r' || c == 'R'));
    }
    if ((c >= '0' && c <= '9') || c == '.') {
      if (TakeOp("...")) return Leaf("...");
      return Leaf(ReadNumber());
    }
    if (IsIdentStart(c)) {
      const std::string word = ReadIdent();
      if (word == "True") return Leaf(true);
      if (word == "False") return Leaf(false);
      if (word == "None") return Leaf(nullptr);
      return Make(Node::kName, word, {});
    }
    if (c == '[' || c == '(') {
      const char close = c == '[' ? ']' : ')';
      ++i_;
      std::vector<Node> kids;
      bool comma = false;
      SkipWs();
      while (Peek() != close) {
        if (AtEnd()) Fail(std::string("unclosed '") + c + "'");
        kids.push_back(ParseExpr(depth + 1));
        SkipWs();
        if (Peek() == ',') {
          ++i_;
          comma = true;
          SkipWs();
        } else if (Peek() != close) {
          Fail(std::string("expected ',' or '") + close + "'");
        }
      }
      ++i_;
      if (c == '(' && kids.size() == 1 && !comma) return std::move(kids[0]);  // parentheses
      return Make(c == '[' ? Node::kList : Node::kTuple, "", std::move(kids));
    }
    if (c == '{') {
      ++i_;
      std::vector<Node> keys, values;
      SkipWs();
      while (Peek() != '}') {
        if (AtEnd()) Fail("unclosed '{'");
        keys.push_back(ParseExpr(depth + 1));
        SkipWs();
        if (Peek() != ':') Fail("expected ':' in a dict (sets are not supported)");
        ++i_;
        values.push_back(ParseExpr(depth + 1));
        SkipWs();
        if (Peek() == ',') {
          ++i_;
          SkipWs();
        } else if (Peek() != '}') {
          Fail("expected ',' or '}'");
        }
      }
      ++i_;
      const size_t n = keys.size();
      Node dict = Make(Node::kDict, "", std::move(keys));
      for (size_t k = 0; k < n; ++k) dict.kids.push_back(std::move(values[k]));
      return dict;
    }
    if (AtEnd()) Fail("unexpected end of text");
    Fail(std::string("invalid syntax at '") + c + "'");
  }

  // resolve_ast_call: dotted name from the attribute chain, keyword arguments only
  // (positional arguments are dropped, as BFCL drops them).
  ToolCall ResolveCall(const Node& call) {
    ToolCall out;
    std::vector<std::string> parts;
    const Node* f = &call.kids[0];
    while (f->kind == Node::kAttribute) {
      parts.push_back(f->text);
      f = &f->kids[0];
    }
    if (f->kind == Node::kName) parts.push_back(f->text);
    for (auto it = parts.rbegin(); it != parts.rend(); ++it) out.name += (out.name.empty() ? "" : ".") + *it;
    for (size_t k = 0; k < call.keyword_names.size(); ++k) {
      out.arguments[call.keyword_names[k]] = Resolve(call.keyword_values[k]);
      if (call.keyword_values[k].kind == Node::kTuple) out.tuple_arguments.push_back(call.keyword_names[k]);
    }
    return out;
  }

  // resolve_ast_by_type.
  Json Resolve(const Node& n) {
    switch (n.kind) {
      case Node::kConst: return n.value;
      case Node::kUnary: {
        // BFCL computes -operand.value whatever the operator, so +5 reads as -5.
        const Node& operand = n.kids[0];
        if (operand.kind != Node::kConst || !(operand.value.is_number() || operand.value.is_boolean())) {
          Fail("unsupported unary operand");
        }
        return Negate(operand.value);
      }
      case Node::kList:
      case Node::kTuple: {
        Json arr = Json::array();
        for (const auto& k : n.kids) arr.push_back(Resolve(k));
        return arr;
      }
      case Node::kDict: {
        Json obj = Json::object();
        const size_t half = n.kids.size() / 2;
        for (size_t k = 0; k < half; ++k) {
          Json key = Resolve(n.kids[k]);
          obj[key.is_string() ? key.get<std::string>() : key.dump()] = Resolve(n.kids[half + k]);
        }
        return obj;
      }
      case Node::kBinOp: return Eval(n);
      case Node::kName: return n.text;
      case Node::kCall: {
        if (n.keyword_names.empty()) return Unparse(n);
        ToolCall nested = ResolveCall(n);
        return Json{{nested.name, nested.arguments}};
      }
      case Node::kSubscript: return Unparse(n);
      case Node::kAttribute: Fail("unsupported value (attribute)");
    }
    Fail("unsupported value");
  }

  Json Negate(const Json& v) {
    if (v.is_boolean()) return -static_cast<int64_t>(v.get<bool>());
    if (v.is_number_float()) return -v.get<double>();
    if (v.is_number_unsigned()) return -static_cast<double>(v.get<uint64_t>());
    return -v.get<int64_t>();
  }

  // eval(ast.unparse(node)) for what can be evaluated without names: arithmetic on numbers,
  // + and * on strings. Anything else (a NameError in Python) fails the decode.
  Json Eval(const Node& n) {
    if (n.kind == Node::kConst) return n.value;
    if (n.kind == Node::kUnary) {
      Json v = Eval(n.kids[0]);
      if (!v.is_number() && !v.is_boolean()) Fail("bad operand for unary " + n.text);
      if (n.text == "-") return Negate(v);
      if (n.text == "+") return v.is_boolean() ? Json(int64_t{v.get<bool>()}) : v;
      if (v.is_number_float()) Fail("bad operand for ~");
      return ~(v.is_boolean() ? int64_t{v.get<bool>()} : v.get<int64_t>());
    }
    if (n.kind != Node::kBinOp) Fail("cannot evaluate the expression");
    const Json a = Eval(n.kids[0]);
    const Json b = Eval(n.kids[1]);
    const std::string& op = n.text;
    if (a.is_string() && b.is_string() && op == "+") return a.get<std::string>() + b.get<std::string>();
    if (a.is_string() && b.is_number_integer() && op == "*") {
      std::string out;
      for (int64_t k = 0; k < std::min<int64_t>(b.get<int64_t>(), 1 << 16); ++k) out += a.get<std::string>();
      return out;
    }
    auto numeric = [](const Json& v) { return v.is_number() || v.is_boolean(); };
    if (!numeric(a) || !numeric(b)) Fail("unsupported operand types for " + op);
    auto as_double = [](const Json& v) { return v.is_boolean() ? (v.get<bool>() ? 1.0 : 0.0) : v.get<double>(); };
    const bool ints = !a.is_number_float() && !b.is_number_float();
    if (ints && op != "/" && !(op == "**" && !b.is_boolean() && b.get<int64_t>() < 0)) {
      const int64_t x = a.is_boolean() ? a.get<bool>() : a.get<int64_t>();
      const int64_t y = b.is_boolean() ? b.get<bool>() : b.get<int64_t>();
      if (op == "+") return x + y;
      if (op == "-") return x - y;
      if (op == "*") return x * y;
      if (op == "**") return static_cast<int64_t>(std::llround(std::pow(static_cast<double>(x), static_cast<double>(y))));
      if (y == 0) Fail("division by zero");
      const int64_t q = x / y - ((x % y != 0) && ((x < 0) != (y < 0)));  // floor, as Python
      return op == "//" ? q : x - q * y;
    }
    const double x = as_double(a), y = as_double(b);
    if (op == "+") return x + y;
    if (op == "-") return x - y;
    if (op == "*") return x * y;
    if (op == "**") return std::pow(x, y);
    if (y == 0) Fail("division by zero");
    if (op == "/") return x / y;
    const double q = std::floor(x / y);
    return op == "//" ? q : x - q * y;
  }

  // ast.unparse, for the shapes BFCL keeps as source text (calls without keywords, subscripts).
  std::string Unparse(const Node& n) {
    switch (n.kind) {
      case Node::kConst: return n.value.is_string() ? PyRepr(n.value.get<std::string>()) : WriteValue(n.value);
      case Node::kName: return n.text;
      case Node::kAttribute: return Unparse(n.kids[0]) + "." + n.text;
      case Node::kUnary: return n.text + Unparse(n.kids[0]);
      case Node::kBinOp: return Unparse(n.kids[0]) + " " + n.text + " " + Unparse(n.kids[1]);
      case Node::kSubscript: return Unparse(n.kids[0]) + "[" + Unparse(n.kids[1]) + "]";
      case Node::kList:
      case Node::kTuple: {
        std::string out = n.kind == Node::kList ? "[" : "(";
        for (size_t k = 0; k < n.kids.size(); ++k) out += (k ? ", " : "") + Unparse(n.kids[k]);
        if (n.kind == Node::kTuple && n.kids.size() == 1) out += ",";
        return out + (n.kind == Node::kList ? "]" : ")");
      }
      case Node::kDict: {
        std::string out = "{";
        const size_t half = n.kids.size() / 2;
        for (size_t k = 0; k < half; ++k) out += (k ? ", " : "") + Unparse(n.kids[k]) + ": " + Unparse(n.kids[half + k]);
        return out + "}";
      }
      case Node::kCall: {
        std::string out = Unparse(n.kids[0]) + "(";
        bool first = true;
        for (size_t k = 1; k < n.kids.size(); ++k, first = false) out += (first ? "" : ", ") + Unparse(n.kids[k]);
        for (size_t k = 0; k < n.keyword_names.size(); ++k) {
          out += (first ? "" : ", ") + n.keyword_names[k] + "=" + Unparse(n.keyword_values[k]);
          first = false;
        }
        return out + ")";
      }
    }
    return "";
  }

  // Python's repr of a str: single quotes unless the text holds a single quote and no double.
  static std::string PyRepr(const std::string& s) {
    const char q = s.find('\'') != std::string::npos && s.find('"') == std::string::npos ? '"' : '\'';
    std::string out(1, q);
    for (char c : s) {
      if (c == q || c == '\\') out.push_back('\\');
      if (c == '\n') out += "\\n";
      else if (c == '\t') out += "\\t";
      else out.push_back(c);
    }
    out.push_back(q);
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

bool ReadCallsBfcl(std::string_view text, std::vector<ToolCall>* calls, std::string* error) {
  if (Reader(text).TryReadSimpleBfclCallList(calls)) return true;
  return ReadCallsBfclFullReader(text, calls, error);
}

bool ReadCallsBfclFullReader(std::string_view text, std::vector<ToolCall>* calls, std::string* error) {
  try {
    Reader(text).ReadBfclCallList(calls);
    return true;
  } catch (const std::runtime_error& e) {
    *error = e.what();
    calls->clear();
    return false;
  }
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
