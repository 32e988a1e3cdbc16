#include "src/interop/acebench/ace_expr.h"

#include <cmath>

#include "src/core/json_limits.h"
#include "src/interop/bfcl/py/py_call.h"

namespace toolshift::acebench {
namespace {

using bfcl::PyInt;
using bfcl::PyList;

bool IsAsciiIdentStart(unsigned char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; }
bool IsDigit(unsigned char c) { return c >= '0' && c <= '9'; }

// The code point starting at text[i] (UTF-8) and its length; (0xFFFD, 1) for a broken sequence.
std::pair<uint32_t, size_t> CodePoint(std::string_view text, size_t i) {
  const auto c = static_cast<unsigned char>(text[i]);
  const size_t len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
  if (len == 1 || i + len > text.size()) return {0xFFFD, 1};
  uint32_t cp = c & (0xFF >> (len + 1));
  for (size_t k = 1; k < len; ++k) cp = (cp << 6) | (static_cast<unsigned char>(text[i + k]) & 0x3F);
  return {cp, len};
}

// Letters of the scripts the data and replies use may start or continue a Python identifier
// (Python accepts every XID letter; CJK and full-width punctuation are not letters and are a
// syntax error, which this keeps).
bool IsIdentCodePoint(uint32_t cp) {
  return (cp >= 0xC0 && cp <= 0x24F && cp != 0xD7 && cp != 0xF7) || (cp >= 0x370 && cp <= 0x52F && cp != 0x37E && cp != 0x387) ||
         (cp >= 0x3040 && cp <= 0x30FF && cp != 0x30FB) || (cp >= 0x3400 && cp <= 0x4DBF) ||
         (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0xAC00 && cp <= 0xD7AF) || (cp >= 0xF900 && cp <= 0xFAFF);
}

bool IsReservedWord(std::string_view w) {
  static constexpr std::string_view kWords[] = {
      "and",   "as",     "assert", "async", "await", "break", "class",  "continue", "def",  "del",   "elif",
      "else",  "except", "finally", "for",  "from",  "global", "if",    "import",   "in",   "is",    "lambda",
      "nonlocal", "not", "or",     "pass",  "raise", "return", "try",   "while",    "with", "yield"};
  for (auto k : kWords) {
    if (k == w) return true;
  }
  return false;
}

class Parser {
 public:
  // Counts nesting on the way down (brackets, operators, operand chains), so that no reply can
  // build a tree deep enough to exhaust the stack when it is decoded, evaluated or freed.
  class Nest {
   public:
    explicit Nest(Parser& p) : p_(p) {
      if (++p_.nesting_ > kMaxPythonDepth) p_.Fail("nested more than " + std::to_string(kMaxPythonDepth) + " levels");
    }
    ~Nest() { --p_.nesting_; }
    Nest(const Nest&) = delete;
    Nest& operator=(const Nest&) = delete;

   private:
    Parser& p_;
  };
  // Each link of an operator or trailer chain deepens the tree by one: counted as a level
  // until the chain is complete.
  class Chain {
   public:
    explicit Chain(Parser& p) : p_(p) {}
    ~Chain() { p_.nesting_ -= links_; }
    void Link() {
      ++links_;
      if (++p_.nesting_ > kMaxPythonDepth) p_.Fail("nested more than " + std::to_string(kMaxPythonDepth) + " levels");
    }
    Chain(const Chain&) = delete;
    Chain& operator=(const Chain&) = delete;

   private:
    Parser& p_;
    int links_ = 0;
  };

  explicit Parser(std::string_view text) : text_(text) {}

  ExprPtr Whole() {
    ExprPtr e = Expression();
    if (Peek(",")) {
      // A bare expression list ("f(a=1), g(b=2)") is a tuple, as in Python.
      ExprPtr t = Node(Expr::Kind::kTuple, e->begin);
      t->items.push_back(std::move(e));
      while (Accept(",")) {
        SkipSpace(true);
        if (pos_ == text_.size()) break;
        t->items.push_back(Expression());
      }
      t->end = pos_;
      e = std::move(t);
    }
    SkipSpace(/*newlines=*/true);
    if (pos_ != text_.size()) Fail("unexpected text after the expression");
    return e;
  }

 private:
  [[noreturn]] void Fail(const std::string& why) const {
    throw ExprError("invalid syntax at offset " + std::to_string(pos_) + ": " + why);
  }

  // Skips blanks, comments and line continuations; newlines only inside brackets (or at the end).
  void SkipSpace(bool newlines) {
    while (pos_ < text_.size()) {
      const char c = text_[pos_];
      if (c == ' ' || c == '\t' || c == '\f') {
        ++pos_;
      } else if (c == '\\' && pos_ + 1 < text_.size() && text_[pos_ + 1] == '\n') {
        pos_ += 2;
      } else if (c == '#') {
        while (pos_ < text_.size() && text_[pos_] != '\n') ++pos_;
      } else if ((c == '\n' || c == '\r') && (newlines || depth_ > 0)) {
        ++pos_;
      } else if (c == '\n' || c == '\r') {
        // A newline at depth 0 ends the expression: only blank text may follow.
        size_t p = pos_;
        while (p < text_.size() && (text_[p] == ' ' || text_[p] == '\t' || text_[p] == '\n' || text_[p] == '\r')) ++p;
        if (p == text_.size()) {
          pos_ = p;
        } else {
          return;
        }
      } else {
        return;
      }
    }
  }

  bool Peek(std::string_view s) {
    SkipSpace(false);
    return text_.substr(pos_, s.size()) == s;
  }
  bool PeekWord(std::string_view w) {
    SkipSpace(false);
    if (text_.substr(pos_, w.size()) != w) return false;
    const size_t after = pos_ + w.size();
    return after >= text_.size() || !(IsAsciiIdentStart(static_cast<unsigned char>(text_[after])) ||
                                      IsDigit(static_cast<unsigned char>(text_[after])) ||
                                      static_cast<unsigned char>(text_[after]) >= 0x80);
  }
  bool Accept(std::string_view s) {
    if (!Peek(s)) return false;
    pos_ += s.size();
    return true;
  }
  void Expect(std::string_view s) {
    if (!Accept(s)) Fail("expected '" + std::string(s) + "'");
  }

  ExprPtr Node(Expr::Kind kind, size_t begin) {
    auto e = std::make_unique<Expr>();
    e->kind = kind;
    e->begin = begin;
    return e;
  }

  ExprPtr Expression() {
    if (PeekWord("lambda")) Fail("lambda");
    ExprPtr e = NotTest();
    if (PeekWord("if") || PeekWord("and") || PeekWord("or")) Fail("conditional or boolean expression");
    return e;
  }

  ExprPtr NotTest() {
    SkipSpace(false);
    const size_t begin = pos_;
    if (PeekWord("not")) {
      Nest nest(*this);
      pos_ += 3;
      ExprPtr operand = NotTest();
      ExprPtr e = Node(Expr::Kind::kUnary, begin);
      e->op = '!';
      e->end = operand->end;
      e->items.push_back(std::move(operand));
      return e;
    }
    ExprPtr e = Binary(0);
    static constexpr std::string_view kCompare[] = {"==", "!=", "<=", ">=", "<", ">"};
    for (auto c : kCompare) {
      if (Peek(c)) Fail("comparison");
    }
    if (PeekWord("in") || PeekWord("is") || PeekWord("not")) Fail("comparison");
    return e;
  }

  // Binary operators by Python's precedence, loosest first; '**' is handled in Power().
  ExprPtr Binary(int level) {
    static const std::vector<std::vector<std::string_view>> kLevels = {
        {"|"}, {"^"}, {"&"}, {"<<", ">>"}, {"+", "-"}, {"//", "*", "/", "%", "@"}};
    if (level == static_cast<int>(kLevels.size())) return Factor();
    ExprPtr left = Binary(level + 1);
    Chain chain(*this);
    for (;;) {
      std::string_view matched;
      for (auto op : kLevels[static_cast<size_t>(level)]) {
        // '*' must not take the first half of '**', '/' of '//', '<'/'>' of comparisons.
        if (Peek(op) && !(op == "*" && Peek("**")) && !(op == "/" && Peek("//")) && !(op.size() == 1 && Peek(std::string(op) + "="))) {
          matched = op;
          break;
        }
      }
      if (matched.empty()) return left;
      chain.Link();
      pos_ += matched.size();
      ExprPtr right = Binary(level + 1);
      ExprPtr e = Node(Expr::Kind::kBinary, left->begin);
      e->op_text = std::string(matched);
      e->end = right->end;
      e->items.push_back(std::move(left));
      e->items.push_back(std::move(right));
      left = std::move(e);
    }
  }

  ExprPtr Factor() {
    SkipSpace(false);
    const size_t begin = pos_;
    for (char op : {'-', '+', '~'}) {
      if (pos_ < text_.size() && text_[pos_] == op) {
        Nest nest(*this);
        ++pos_;
        ExprPtr operand = Factor();
        ExprPtr e = Node(Expr::Kind::kUnary, begin);
        e->op = op;
        e->end = operand->end;
        e->items.push_back(std::move(operand));
        return e;
      }
    }
    return Power();
  }

  ExprPtr Power() {
    ExprPtr base = Primary();
    if (!Accept("**")) return base;
    Nest nest(*this);
    ExprPtr exponent = Factor();
    ExprPtr e = Node(Expr::Kind::kBinary, base->begin);
    e->op_text = "**";
    e->end = exponent->end;
    e->items.push_back(std::move(base));
    e->items.push_back(std::move(exponent));
    return e;
  }

  ExprPtr Primary() {
    ExprPtr e = Atom();
    Chain chain(*this);
    for (;; chain.Link()) {
      if (Accept(".")) {
        SkipSpace(false);
        const std::string attr = Identifier();
        if (attr.empty()) Fail("expected an attribute name");
        ExprPtr a = Node(Expr::Kind::kAttribute, e->begin);
        a->name = attr;
        a->end = pos_;
        a->items.push_back(std::move(e));
        e = std::move(a);
      } else if (Accept("(")) {
        Nest nest(*this);
        ++depth_;
        ExprPtr call = Node(Expr::Kind::kCall, e->begin);
        call->items.push_back(std::move(e));
        Arguments(*call);
        --depth_;
        call->end = pos_;
        e = std::move(call);
      } else if (Accept("[")) {
        ++depth_;
        SkipBalanced(']');
        --depth_;
        ExprPtr s = Node(Expr::Kind::kSubscript, e->begin);
        s->end = pos_;
        s->items.push_back(std::move(e));
        e = std::move(s);
      } else {
        return e;
      }
    }
  }

  // A subscript's contents, up to its closing bracket (their meaning is never needed: a
  // subscript decodes to its source text).
  void SkipBalanced(char close) {
    int depth = 0;
    while (pos_ < text_.size()) {
      const char c = text_[pos_];
      if (c == '\'' || c == '"') {
        String();
        continue;
      }
      ++pos_;
      if (c == '[' || c == '(' || c == '{') ++depth;
      if (c == ']' || c == ')' || c == '}') {
        if (depth == 0) {
          if (c != close) Fail("unbalanced brackets in a subscript");
          if (pos_ == 1 || text_.substr(pos_ - 2, 2) == "[]") Fail("empty subscript");
          return;
        }
        --depth;
      }
    }
    Fail("unclosed subscript");
  }

  void Arguments(Expr& call) {
    bool keyword_seen = false;
    while (!Accept(")")) {
      if (Peek("*")) Fail("starred argument");
      SkipSpace(false);
      const size_t save = pos_;
      const std::string name = Identifier();
      if (!name.empty() && !IsReservedWord(name) && Peek("=") && !Peek("==")) {
        Expect("=");
        call.keywords.push_back(Keyword{name, Expression()});
        keyword_seen = true;
      } else {
        pos_ = save;
        if (keyword_seen) Fail("positional argument follows keyword argument");
        call.items.push_back(Expression());
      }
      if (PeekWord("for")) Fail("generator argument");
      if (!Accept(",")) {
        Expect(")");
        break;
      }
    }
  }

  // An identifier at pos_ (advanced past it), or "" (pos_ unchanged).
  std::string Identifier() {
    const size_t begin = pos_;
    while (pos_ < text_.size()) {
      const auto c = static_cast<unsigned char>(text_[pos_]);
      if (IsAsciiIdentStart(c) || (IsDigit(c) && pos_ > begin)) {
        ++pos_;
      } else if (c >= 0x80) {
        auto [cp, len] = CodePoint(text_, pos_);
        if (!IsIdentCodePoint(cp)) break;
        pos_ += len;
      } else {
        break;
      }
    }
    return std::string(text_.substr(begin, pos_ - begin));
  }

  // One string literal token at pos_ (prefix included); returns its source text.
  std::string_view String() {
    const size_t begin = pos_;
    while (pos_ < text_.size() && std::string_view("rRbBuUfF").find(text_[pos_]) != std::string_view::npos) ++pos_;
    if (pos_ >= text_.size() || (text_[pos_] != '\'' && text_[pos_] != '"')) Fail("expected a string");
    const char q = text_[pos_];
    const bool triple = text_.substr(pos_, 3) == std::string(3, q);
    pos_ += triple ? 3 : 1;
    for (;;) {
      if (pos_ >= text_.size()) Fail("unterminated string");
      const char c = text_[pos_];
      if (c == '\\') {
        pos_ += 2;
        continue;
      }
      if (!triple && (c == '\n' || c == '\r')) Fail("unterminated string");
      if (c == q && (!triple || text_.substr(pos_, 3) == std::string(3, q))) {
        pos_ += triple ? 3 : 1;
        return text_.substr(begin, pos_ - begin);
      }
      ++pos_;
    }
  }

  bool AtString() {
    size_t p = pos_;
    size_t prefix = 0;
    while (p < text_.size() && prefix < 3 && std::string_view("rRbBuUfF").find(text_[p]) != std::string_view::npos) {
      ++p;
      ++prefix;
    }
    return p < text_.size() && (text_[p] == '\'' || text_[p] == '"') && prefix < 3;
  }

  PyValue Literal(std::string_view token) {
    try {
      return bfcl::ParsePyLiteral(token);
    } catch (const std::exception& e) {
      throw ExprError(std::string("invalid literal ") + std::string(token.substr(0, 40)) + ": " + e.what());
    }
  }

  ExprPtr Atom() {
    SkipSpace(false);
    const size_t begin = pos_;
    if (pos_ >= text_.size()) Fail("unexpected end");
    const auto c = static_cast<unsigned char>(text_[pos_]);
    if (AtString()) {
      ExprPtr e = Node(Expr::Kind::kConstant, begin);
      bool first = true;
      do {
        const std::string_view token = String();
        const size_t quote = token.find_first_of("'\"");
        if (token.substr(0, quote).find_first_of("fF") != std::string_view::npos) Fail("f-string");
        PyValue v = Literal(token);
        if (first) {
          e->value = std::move(v);
        } else if (e->value.is_str() && v.is_str()) {
          e->value = PyValue::Str(e->value.as_str() + v.as_str());
        } else {
          Fail("cannot mix bytes and nonbytes literals");
        }
        first = false;
        SkipSpace(false);
      } while (AtString());
      e->end = pos_;
      return e;
    }
    if (IsDigit(c) || (c == '.' && pos_ + 1 < text_.size() && IsDigit(static_cast<unsigned char>(text_[pos_ + 1])))) {
      while (pos_ < text_.size()) {
        const char d = text_[pos_];
        const bool exponent_sign = (d == '+' || d == '-') && pos_ > begin && (text_[pos_ - 1] == 'e' || text_[pos_ - 1] == 'E') &&
                                   !(text_[begin] == '0' && pos_ > begin + 1 && (text_[begin + 1] == 'x' || text_[begin + 1] == 'X'));
        if (std::isalnum(static_cast<unsigned char>(d)) || d == '_' || d == '.' || exponent_sign) {
          ++pos_;
        } else {
          break;
        }
      }
      ExprPtr e = Node(Expr::Kind::kConstant, begin);
      e->value = Literal(text_.substr(begin, pos_ - begin));
      e->end = pos_;
      return e;
    }
    if (Accept("...")) {
      ExprPtr e = Node(Expr::Kind::kEllipsis, begin);
      e->end = pos_;
      return e;
    }
    if (Accept("(")) return Container(begin, ')', Expr::Kind::kTuple);
    if (Accept("[")) return Container(begin, ']', Expr::Kind::kList);
    if (Accept("{")) return Braces(begin);
    const std::string id = Identifier();
    if (id.empty()) Fail("unexpected character");
    if (IsReservedWord(id)) Fail("reserved word '" + id + "'");
    ExprPtr e = Node(Expr::Kind::kName, begin);
    if (id == "True" || id == "False") {
      e->kind = Expr::Kind::kConstant;
      e->value = PyValue::Bool(id == "True");
    } else if (id == "None") {
      e->kind = Expr::Kind::kConstant;
    } else {
      e->name = id;
    }
    e->end = pos_;
    return e;
  }

  // (...) or [...]: a parenthesised expression, a tuple or a list.
  ExprPtr Container(size_t begin, char close, Expr::Kind kind) {
    Nest nest(*this);
    ++depth_;
    ExprPtr e = Node(kind, begin);
    bool comma = false;
    const std::string closing(1, close);
    while (!Accept(closing)) {
      if (Peek("*")) Fail("starred element");
      e->items.push_back(Expression());
      if (PeekWord("for")) Fail("comprehension");
      if (!Accept(",")) {
        Expect(closing);
        break;
      }
      comma = true;
    }
    --depth_;
    e->end = pos_;
    if (kind == Expr::Kind::kTuple && e->items.size() == 1 && !comma) {
      ExprPtr inner = std::move(e->items[0]);
      return inner;  // (x) is x
    }
    return e;
  }

  ExprPtr Braces(size_t begin) {
    Nest nest(*this);
    ++depth_;
    ExprPtr e = Node(Expr::Kind::kDict, begin);
    bool is_set = false;
    bool first = true;
    while (!Accept("}")) {
      if (Peek("*")) Fail("unpacking in a display");
      ExprPtr key = Expression();
      if (first) is_set = !Peek(":");
      first = false;
      if (is_set) {
        e->items.push_back(std::move(key));
      } else {
        Expect(":");
        e->items.push_back(std::move(key));
        e->items.push_back(Expression());
      }
      if (PeekWord("for")) Fail("comprehension");
      if (!Accept(",")) {
        Expect("}");
        break;
      }
    }
    --depth_;
    if (is_set) e->kind = Expr::Kind::kSet;
    e->end = pos_;
    return e;
  }

  std::string_view text_;
  size_t pos_ = 0;
  int depth_ = 0;    // open brackets (newlines are blanks inside them)
  int nesting_ = 0;  // Nest levels
};

PyValue Numeric(double d) { return PyValue::Float(d); }

double AsDouble(const PyValue& v) {
  if (v.is_bool()) return v.as_bool() ? 1 : 0;
  if (v.is_int()) return v.as_int().to_double();
  return v.as_float();
}

PyInt AsInt(const PyValue& v) { return v.is_bool() ? PyInt(v.as_bool() ? 1 : 0) : v.as_int(); }

bool IsIntLike(const PyValue& v) { return v.is_int() || v.is_bool(); }
bool IsNumber(const PyValue& v) { return IsIntLike(v) || v.is_float(); }

PyValue Repeat(const PyValue& seq, const PyValue& times) {
  const PyInt n = AsInt(times);
  const int64_t count = n.fits_int64() ? std::max<int64_t>(0, n.as_int64()) : 0;
  if (count > 100000) throw ExprError("repetition too large");
  if (seq.is_str()) {
    std::string out;
    for (int64_t i = 0; i < count; ++i) out += seq.as_str();
    return PyValue::Str(std::move(out));
  }
  PyList out;
  for (int64_t i = 0; i < count; ++i) out.insert(out.end(), seq.as_list().begin(), seq.as_list().end());
  return seq.is_tuple() ? PyValue::Tuple(std::move(out)) : PyValue::List(std::move(out));
}

PyValue BinaryOp(const std::string& op, const PyValue& a, const PyValue& b) {
  const bool ints = IsIntLike(a) && IsIntLike(b);
  const bool numbers = IsNumber(a) && IsNumber(b);
  if (op == "+") {
    if (ints) return PyValue::Int(AsInt(a) + AsInt(b));
    if (numbers) return Numeric(AsDouble(a) + AsDouble(b));
    if (a.is_str() && b.is_str()) return PyValue::Str(a.as_str() + b.as_str());
    if ((a.is_list() && b.is_list()) || (a.is_tuple() && b.is_tuple())) {
      PyList out = a.as_list();
      out.insert(out.end(), b.as_list().begin(), b.as_list().end());
      return a.is_tuple() ? PyValue::Tuple(std::move(out)) : PyValue::List(std::move(out));
    }
  } else if (op == "-") {
    if (ints) return PyValue::Int(AsInt(a) - AsInt(b));
    if (numbers) return Numeric(AsDouble(a) - AsDouble(b));
  } else if (op == "*") {
    if (ints) return PyValue::Int(AsInt(a) * AsInt(b));
    if (numbers) return Numeric(AsDouble(a) * AsDouble(b));
    if ((a.is_str() || a.is_list() || a.is_tuple()) && IsIntLike(b)) return Repeat(a, b);
    if ((b.is_str() || b.is_list() || b.is_tuple()) && IsIntLike(a)) return Repeat(b, a);
  } else if (op == "/") {
    if (numbers) {
      if (AsDouble(b) == 0) throw ExprError("division by zero");
      return Numeric(AsDouble(a) / AsDouble(b));
    }
  } else if (op == "//" || op == "%") {
    if (ints) {
      if (AsInt(b).sign() == 0) throw ExprError("integer division or modulo by zero");
      return PyValue::Int(op == "//" ? PyInt::FloorDiv(AsInt(a), AsInt(b)) : PyInt::Mod(AsInt(a), AsInt(b)));
    }
    if (numbers) {
      const double x = AsDouble(a), y = AsDouble(b);
      if (y == 0) throw ExprError("float division by zero");
      const double q = std::floor(x / y);
      return Numeric(op == "//" ? q : x - q * y);
    }
  } else if (op == "**") {
    if (ints && AsInt(b).sign() >= 0 && AsInt(b).fits_int64() && AsInt(b).as_int64() <= 4096) {
      return PyValue::Int(PyInt::Pow(AsInt(a), static_cast<uint64_t>(AsInt(b).as_int64())));
    }
    if (numbers) return Numeric(std::pow(AsDouble(a), AsDouble(b)));
  }
  throw ExprError("unsupported operand types for " + op + ": '" + a.TypeName() + "' and '" + b.TypeName() + "'");
}

}  // namespace

ExprPtr ParseExpr(std::string_view text) { return Parser(text).Whole(); }

std::string DottedName(const Expr& callee) {
  if (callee.kind == Expr::Kind::kName) return callee.name;
  if (callee.kind != Expr::Kind::kAttribute) return "";
  const std::string base = DottedName(*callee.items[0]);
  return base.empty() ? "" : base + "." + callee.name;
}

PyValue Evaluate(const Expr& e) {
  switch (e.kind) {
    case Expr::Kind::kConstant:
      return e.value;
    case Expr::Kind::kEllipsis:
      return PyValue::Opaque("ellipsis", "Ellipsis");
    case Expr::Kind::kList:
    case Expr::Kind::kTuple: {
      PyList items;
      for (const auto& i : e.items) items.push_back(Evaluate(*i));
      return e.kind == Expr::Kind::kList ? PyValue::List(std::move(items)) : PyValue::Tuple(std::move(items));
    }
    case Expr::Kind::kDict: {
      bfcl::PyDict d;
      for (size_t i = 0; i + 1 < e.items.size(); i += 2) d.Set(Evaluate(*e.items[i]), Evaluate(*e.items[i + 1]));
      return PyValue::Dict(std::move(d));
    }
    case Expr::Kind::kUnary: {
      const PyValue v = Evaluate(*e.items[0]);
      if (e.op == '!') return PyValue::Bool(!v.Truthy());
      if (e.op == '~' && IsIntLike(v)) return PyValue::Int(PyInt(-1) - AsInt(v));
      if (e.op == '+' && IsNumber(v)) return v.is_bool() ? PyValue::Int(AsInt(v)) : v;
      if (e.op == '-' && IsIntLike(v)) return PyValue::Int(-AsInt(v));
      if (e.op == '-' && v.is_float()) return PyValue::Float(-v.as_float());
      throw ExprError(std::string("bad operand type for unary ") + e.op + ": '" + v.TypeName() + "'");
    }
    case Expr::Kind::kBinary:
      return BinaryOp(e.op_text, Evaluate(*e.items[0]), Evaluate(*e.items[1]));
    default:
      throw ExprError("not a constant expression");
  }
}

}  // namespace toolshift::acebench
