// ParsePyCall / ParsePyLiteral / WritePyCall (py_call.h): a recursive-descent reader for the
// subset of Python expressions BFCL's call strings use. Nesting is bounded (CPython's
// tokenizer refuses more than 200 open brackets, and so do we), every other repetition is a
// loop, so hostile input cannot exhaust the stack.
#include "src/interop/bfcl/py/py_call.h"

#include <cmath>
#include <cstdlib>
#include <optional>

#include "src/core/utf8.h"

namespace toolshift::bfcl {
namespace {

constexpr int kMaxNesting = 200;     // CPython's MAXLEVEL
constexpr size_t kMaxIntDigits = 4300;  // sys.int_info.default_max_str_digits

bool IsIdentStart(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || static_cast<unsigned char>(c) >= 0x80;
}
bool IsIdentChar(char c) { return IsIdentStart(c) || (c >= '0' && c <= '9'); }

bool IsReserved(std::string_view w) {
  static constexpr std::string_view kWords[] = {
      "and",   "as",     "assert", "async", "await",  "break",  "class", "continue", "def",   "del",
      "elif",  "else",   "except", "finally", "for",  "from",   "global", "if",      "import", "in",
      "is",    "lambda", "nonlocal", "not", "or",     "pass",   "raise", "return",   "try",   "while",
      "with",  "yield"};
  for (auto k : kWords)
    if (k == w) return true;
  return false;
}

// bytes.__repr__: like str's quote choice, escapes for everything outside printable ASCII.
std::string BytesRepr(const std::string& b) {
  const bool has_single = b.find('\'') != std::string::npos;
  const bool has_double = b.find('"') != std::string::npos;
  const char quote = has_single && !has_double ? '"' : '\'';
  std::string out = "b";
  out += quote;
  for (unsigned char c : b) {
    if (c == static_cast<unsigned char>(quote) || c == '\\') {
      out += '\\';
      out += static_cast<char>(c);
    } else if (c == '\t') {
      out += "\\t";
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\r') {
      out += "\\r";
    } else if (c < 0x20 || c >= 0x7F) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\x%02x", c);
      out += buf;
    } else {
      out += static_cast<char>(c);
    }
  }
  out += quote;
  return out;
}

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::string ImagRepr(double imag) {  // repr(2j) == '2j', repr(1.5j) == '1.5j'
  std::string r = PyFloatRepr(imag);
  if (r.size() > 2 && r.compare(r.size() - 2, 2, ".0") == 0) r.resize(r.size() - 2);
  return r + "j";
}

class Parser {
 public:
  explicit Parser(std::string_view text) : s_(text) {}

  PyCall Call() {
    SkipSpace();
    PyCall call;
    call.name = Identifier();
    while (Peek() == '.') {
      ++pos_;
      SkipSpace();
      call.name += "." + Identifier();
    }
    Expect('(');
    ++depth_;
    bool seen_keyword = false;
    while (Peek() != ')') {
      if (Peek() == '*') Fail("starred arguments are not supported");
      const size_t save = pos_;
      if (IsIdentStart(Peek())) {
        std::string name = Identifier();
        if (Peek() == '=' && PeekAt(1) != '=') {
          ++pos_;
          SkipSpace();
          if (IsReserved(name) || name == "True" || name == "False" || name == "None")
            Fail("expression cannot contain assignment, perhaps you meant \"==\"?");
          call.kwargs.emplace_back(std::move(name), Expr());
          seen_keyword = true;
          if (!Comma(')')) break;
          continue;
        }
        pos_ = save;
      }
      if (seen_keyword) Fail("positional argument follows keyword argument");
      call.args.push_back(Expr());
      if (!Comma(')')) break;
    }
    Expect(')');
    --depth_;
    End();
    return call;
  }

  PyValue Literal() {
    SkipSpace();
    PyValue v = Expr();
    End();
    return v;
  }

 private:
  [[noreturn]] void Fail(const std::string& what) const {
    size_t line = 1, col = 1;
    for (size_t i = 0; i < pos_ && i < s_.size(); ++i) {
      if (s_[i] == '\n') {
        ++line;
        col = 1;
      } else {
        ++col;
      }
    }
    throw PyException("SyntaxError", what + " (<string>, line " + std::to_string(line) + ", column " +
                                         std::to_string(col) + ")");
  }

  char Peek() const { return pos_ < s_.size() ? s_[pos_] : '\0'; }
  char PeekAt(size_t k) const { return pos_ + k < s_.size() ? s_[pos_ + k] : '\0'; }

  // Whitespace, comments, backslash continuations (inside brackets newlines are whitespace too,
  // and BFCL's strings are whole expressions, so they are accepted everywhere).
  void SkipSpace() {
    while (pos_ < s_.size()) {
      const char c = s_[pos_];
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f') {
        ++pos_;
      } else if (c == '#') {
        while (pos_ < s_.size() && s_[pos_] != '\n') ++pos_;
      } else if (c == '\\' && (PeekAt(1) == '\n' || (PeekAt(1) == '\r' && PeekAt(2) == '\n'))) {
        pos_ += PeekAt(1) == '\n' ? 2 : 3;
      } else {
        break;
      }
    }
  }

  void Expect(char c) {
    if (Peek() != c) {
      if (pos_ >= s_.size()) Fail(std::string("'") + c + "' expected, found the end of the text");
      Fail(std::string("invalid syntax: '") + c + "' expected");
    }
    ++pos_;
    SkipSpace();
  }

  // After an item: true if a comma was read and another item may follow before `close`.
  bool Comma(char close) {
    if (Peek() == ',') {
      ++pos_;
      SkipSpace();
      return Peek() != close;
    }
    if (Peek() != close) Fail("invalid syntax. Perhaps you forgot a comma?");
    return false;
  }

  void End() {
    SkipSpace();
    if (pos_ != s_.size()) Fail("invalid syntax");
  }

  std::string Identifier() {
    if (!IsIdentStart(Peek())) Fail("invalid syntax: a name expected");
    const size_t start = pos_;
    while (pos_ < s_.size() && IsIdentChar(s_[pos_])) ++pos_;
    std::string name(s_.substr(start, pos_ - start));
    SkipSpace();
    return name;
  }

  void Open() {
    if (++depth_ > kMaxNesting) Fail("too many nested parentheses");
  }

  // expr := term (('+' | '-') term)*
  PyValue Expr() {
    PyValue v = Term();
    while (Peek() == '+' || Peek() == '-') {
      const char op = s_[pos_++];
      SkipSpace();
      v = Binary(op, v, Term());
    }
    return v;
  }

  // term := unary (('*' | '/' | '//' | '%') unary)*; '//' is spelled 'F' internally.
  PyValue Term() {
    PyValue v = Unary();
    while ((Peek() == '*' && PeekAt(1) != '*') || Peek() == '/' || Peek() == '%') {
      char op = s_[pos_++];
      if (op == '/' && Peek() == '/') {
        op = 'F';
        ++pos_;
      }
      SkipSpace();
      v = Binary(op, v, Unary());
    }
    return v;
  }

  PyValue Unary() {
    std::string ops;
    while (Peek() == '-' || Peek() == '+' || Peek() == '~') {
      ops += s_[pos_++];
      SkipSpace();
    }
    PyValue v = Power();
    for (size_t i = ops.size(); i-- > 0;) v = ApplyUnary(ops[i], v);
    return v;
  }

  // power := atom ['**' unary]: binds tighter than a unary operator on its left, and is
  // right-associative (2**3**2 == 512). The exponent's own nesting counts toward the limit.
  PyValue Power() {
    PyValue base = Atom();
    if (Peek() != '*' || PeekAt(1) != '*') return base;
    pos_ += 2;
    SkipSpace();
    Open();
    PyValue exponent = Unary();
    --depth_;
    return Pow(base, exponent);
  }

  static double ToDouble(const PyValue& v) { return v.is_float() ? v.as_float() : IntOf(v).to_double(); }

  static PyValue Pow(const PyValue& a, const PyValue& b) {
    if (!a.is_number() || !b.is_number())
      throw PyException("TypeError", "unsupported operand type(s) for ** or pow(): '" + a.TypeName() + "' and '" +
                                         b.TypeName() + "'");
    if (!a.is_float() && !b.is_float() && IntOf(b).sign() >= 0) {
      if (!IntOf(b).fits_int64()) throw PyException("MemoryError", "");
      return PyValue::Int(PyInt::Pow(IntOf(a), static_cast<uint64_t>(IntOf(b).as_int64())));
    }
    const double x = ToDouble(a), y = ToDouble(b);
    if (x == 0 && y < 0) throw PyException("ZeroDivisionError", "0.0 cannot be raised to a negative power");
    if (x < 0 && std::isfinite(y) && std::trunc(y) != y)
      throw PyException("ValueError", "complex results of ** are not supported");
    const double r = std::pow(x, y);
    if (std::isinf(r) && std::isfinite(x) && std::isfinite(y))
      throw PyException("OverflowError", "(34, 'Numerical result out of range')");
    return PyValue::Float(r);
  }

  // s * n and n * s for str, list and tuple (n an int or bool; n <= 0 gives an empty one).
  static std::optional<PyValue> Repeat(const PyValue& a, const PyValue& b) {
    const PyValue& seq = a.is_number() ? b : a;
    const PyValue& count = a.is_number() ? a : b;
    if (!count.is_number() || !(seq.is_str() || seq.is_list() || seq.is_tuple())) return std::nullopt;
    if (count.is_float()) throw PyException("TypeError", "can't multiply sequence by non-int of type 'float'");
    const PyInt n = IntOf(count);
    const size_t unit = seq.is_str() ? seq.as_str().size() : seq.as_list().size();
    if (n.sign() <= 0 || unit == 0) return seq.is_str() ? PyValue::Str("") : seq.is_list() ? PyValue::List() : PyValue::Tuple({});
    if (!n.fits_int64() || static_cast<double>(n.as_int64()) * static_cast<double>(unit) > 1e8)
      throw PyException("MemoryError", "");
    const auto times = static_cast<size_t>(n.as_int64());
    if (seq.is_str()) {
      std::string out;
      out.reserve(unit * times);
      for (size_t i = 0; i < times; ++i) out += seq.as_str();
      return PyValue::Str(std::move(out));
    }
    PyList items;
    items.reserve(unit * times);
    for (size_t i = 0; i < times; ++i) items.insert(items.end(), seq.as_list().begin(), seq.as_list().end());
    return seq.is_list() ? PyValue::List(std::move(items)) : PyValue::Tuple(std::move(items));
  }

  // Python's float // and % (CPython's float_divmod).
  static PyValue FloatFloorDivMod(char op, double x, double y) {
    if (y == 0)
      throw PyException("ZeroDivisionError", op == '%' ? "float modulo" : "float floor division by zero");
    double mod = std::fmod(x, y);
    double div = (x - mod) / y;
    if (mod != 0) {
      if ((y < 0) != (mod < 0)) {
        mod += y;
        div -= 1.0;
      }
    } else {
      mod = std::copysign(0.0, y);
    }
    double floordiv;
    if (div != 0) {
      floordiv = std::floor(div);
      if (div - floordiv > 0.5) floordiv += 1.0;
    } else {
      floordiv = std::copysign(0.0, x / y);
    }
    return PyValue::Float(op == '%' ? mod : floordiv);
  }

  static PyInt IntOf(const PyValue& v) { return v.is_bool() ? PyInt(v.as_bool() ? 1 : 0) : v.as_int(); }

  PyValue ApplyUnary(char op, const PyValue& v) const {
    if (v.is_float() && op != '~') return PyValue::Float(op == '-' ? -v.as_float() : v.as_float());
    if (v.is_int() || v.is_bool()) {
      const PyInt i = IntOf(v);
      if (op == '-') return PyValue::Int(-i);
      if (op == '~') return PyValue::Int(-i - PyInt(1));
      return PyValue::Int(i);
    }
    throw PyException("TypeError", std::string("bad operand type for unary ") + op + ": '" + v.TypeName() + "'");
  }

  PyValue Binary(char op, const PyValue& a, const PyValue& b) const {
    if (a.is_number() && b.is_number()) {
      if (op == 'F' || op == '%') {
        if (a.is_float() || b.is_float()) return FloatFloorDivMod(op, ToDouble(a), ToDouble(b));
        return PyValue::Int(op == '%' ? PyInt::Mod(IntOf(a), IntOf(b)) : PyInt::FloorDiv(IntOf(a), IntOf(b)));
      }
      if (op == '/') {
        const double y = b.is_float() ? b.as_float() : IntOf(b).to_double();
        if (y == 0) throw PyException("ZeroDivisionError", a.is_float() || b.is_float() ? "float division by zero" : "division by zero");
        return PyValue::Float((a.is_float() ? a.as_float() : IntOf(a).to_double()) / y);
      }
      if (a.is_float() || b.is_float()) {
        const double x = a.is_float() ? a.as_float() : IntOf(a).to_double();
        const double y = b.is_float() ? b.as_float() : IntOf(b).to_double();
        return PyValue::Float(op == '+' ? x + y : op == '-' ? x - y : x * y);
      }
      const PyInt x = IntOf(a), y = IntOf(b);
      return PyValue::Int(op == '+' ? x + y : op == '-' ? x - y : x * y);
    }
    if (op == '*')
      if (auto repeated = Repeat(a, b)) return *std::move(repeated);
    if (op == '+' && a.is_str() && b.is_str()) return PyValue::Str(a.as_str() + b.as_str());
    if (op == '+' && a.kind() == b.kind() && (a.is_list() || a.is_tuple())) {
      PyList items = a.as_list();
      items.insert(items.end(), b.as_list().begin(), b.as_list().end());
      return a.is_list() ? PyValue::List(std::move(items)) : PyValue::Tuple(std::move(items));
    }
    throw PyException("TypeError", std::string("unsupported operand type(s) for ") + (op == 'F' ? "//" : std::string(1, op)) +
                                       ": '" + a.TypeName() + "' and '" + b.TypeName() + "'");
  }

  PyValue Atom() {
    const char c = Peek();
    if (c == '\0') Fail("invalid syntax: unexpected end of the text");
    if ((c >= '0' && c <= '9') || (c == '.' && PeekAt(1) >= '0' && PeekAt(1) <= '9')) return Number();
    if (c == '.' && PeekAt(1) == '.' && PeekAt(2) == '.') {
      pos_ += 3;
      SkipSpace();
      return PyValue::Opaque("ellipsis", "Ellipsis");
    }
    if (c == '[') return Sequence('[', ']');
    if (c == '(') return Sequence('(', ')');
    if (c == '{') return Braces();
    if (c == '\'' || c == '"' || (IsIdentStart(c) && StringPrefixAhead())) return Strings();
    if (IsIdentStart(c)) {
      const std::string name = Identifier();
      if (name == "True") return PyValue::Bool(true);
      if (name == "False") return PyValue::Bool(false);
      if (name == "None") return PyValue::None();
      if (name == "Ellipsis") return PyValue::Opaque("ellipsis", "Ellipsis");
      if (IsReserved(name)) Fail("invalid syntax");
      if (Peek() == '(' || Peek() == '[' || Peek() == '.') Fail("only literal arguments are supported");
      throw PyException("NameError", "name '" + name + "' is not defined");
    }
    Fail(std::string("invalid syntax: unexpected '") + c + "'");
  }

  PyValue Sequence(char open, char close) {
    ++pos_;
    Open();
    SkipSpace();
    PyList items;
    bool trailing_comma = false;
    while (Peek() != close) {
      items.push_back(Expr());
      trailing_comma = Peek() == ',';
      if (!Comma(close)) break;
    }
    Expect(close);
    --depth_;
    if (open == '[') return PyValue::List(std::move(items));
    if (items.size() == 1 && !trailing_comma) return std::move(items[0]);  // (x) is x
    return PyValue::Tuple(std::move(items));
  }

  static void CheckHashable(const PyValue& v) {
    if (v.is_list() || v.is_dict()) throw PyException("TypeError", "unhashable type: '" + v.TypeName() + "'");
    if (v.is_tuple())
      for (const auto& e : v.as_list()) CheckHashable(e);
  }

  PyValue Braces() {
    ++pos_;
    Open();
    SkipSpace();
    if (Peek() == '}') {
      Expect('}');
      --depth_;
      return PyValue::Dict();
    }
    PyValue first = Expr();
    if (Peek() == ':') {  // dict
      PyDict d;
      PyValue key = std::move(first);
      for (;;) {
        Expect(':');
        PyValue value = Expr();
        CheckHashable(key);
        d.Set(std::move(key), std::move(value));
        if (!Comma('}')) break;
        key = Expr();
      }
      Expect('}');
      --depth_;
      return PyValue::Dict(std::move(d));
    }
    PyList elements;  // a set: kept in source order without duplicates, printed as Python would
    for (PyValue e = std::move(first);;) {
      CheckHashable(e);
      bool dup = false;
      for (const auto& x : elements) dup = dup || PyEquals(x, e);
      if (!dup) elements.push_back(std::move(e));
      if (!Comma('}')) break;
      e = Expr();
    }
    Expect('}');
    --depth_;
    std::string repr = "{";
    for (size_t i = 0; i < elements.size(); ++i) repr += (i ? ", " : "") + PyRepr(elements[i]);
    return PyValue::Opaque("set", repr + "}");
  }

  PyValue Number() {
    const size_t start = pos_;
    std::string digits;  // without underscores
    auto take_digits = [&](auto is_digit) {
      bool last_underscore = true;  // a literal cannot start with '_' either
      while (pos_ < s_.size() && (is_digit(s_[pos_]) || s_[pos_] == '_')) {
        if (s_[pos_] == '_') {
          if (last_underscore) Fail("invalid decimal literal");
          last_underscore = true;
        } else {
          digits += s_[pos_];
          last_underscore = false;
        }
        ++pos_;
      }
      if (last_underscore && !digits.empty() && s_[pos_ - 1] == '_') Fail("invalid decimal literal");
    };
    auto dec = [](char ch) { return ch >= '0' && ch <= '9'; };
    if (Peek() == '0' && (PeekAt(1) == 'x' || PeekAt(1) == 'X' || PeekAt(1) == 'o' || PeekAt(1) == 'O' ||
                          PeekAt(1) == 'b' || PeekAt(1) == 'B')) {
      const char kind = static_cast<char>(s_[pos_ + 1] | 0x20);
      const int base = kind == 'x' ? 16 : kind == 'o' ? 8 : 2;
      pos_ += 2;
      if (Peek() == '_') ++pos_;
      take_digits([base](char ch) { int v = HexValue(ch); return v >= 0 && v < base; });
      if (digits.empty()) Fail(std::string("invalid ") + (base == 16 ? "hexadecimal" : base == 8 ? "octal" : "binary") + " literal");
      if (digits.size() > 100000) Fail("integer literal too long");
      PyInt v(0);
      for (char ch : digits) v = v * PyInt(base) + PyInt(HexValue(ch));
      NumberEnd();
      return PyValue::Int(v);
    }
    take_digits(dec);
    bool is_float = false;
    if (Peek() == '.' && !(PeekAt(1) == '.' && PeekAt(2) == '.')) {
      is_float = true;
      digits += '.';
      ++pos_;
      if (dec(Peek())) take_digits(dec);
    }
    if ((Peek() == 'e' || Peek() == 'E') &&
        (dec(PeekAt(1)) || ((PeekAt(1) == '+' || PeekAt(1) == '-') && dec(PeekAt(2))))) {
      is_float = true;
      digits += 'e';
      ++pos_;
      if (Peek() == '+' || Peek() == '-') digits += s_[pos_++];
      take_digits(dec);
    }
    if (Peek() == 'j' || Peek() == 'J') {
      ++pos_;
      NumberEnd();
      return PyValue::Opaque("complex", ImagRepr(std::strtod(digits.c_str(), nullptr)));
    }
    NumberEnd();
    if (is_float) return PyValue::Float(std::strtod(digits.c_str(), nullptr));
    if (digits.size() > 1 && digits[0] == '0' && digits.find_first_not_of('0') != std::string::npos) {
      pos_ = start;
      Fail("leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers");
    }
    if (digits.size() > kMaxIntDigits)
      Fail("Exceeds the limit (4300 digits) for integer string conversion: value has " +
           std::to_string(digits.size()) + " digits");
    return PyValue::Int(PyInt::FromDecimal(digits));
  }

  void NumberEnd() {
    if (IsIdentChar(Peek()) || Peek() == '.') Fail("invalid decimal literal");
    SkipSpace();
  }

  // Whether the identifier at pos_ is a string prefix directly followed by a quote.
  bool StringPrefixAhead() const {
    size_t i = pos_;
    while (i < s_.size() && i - pos_ < 3 && IsIdentStart(s_[i])) {
      const char l = static_cast<char>(s_[i] | 0x20);
      if (l != 'r' && l != 'b' && l != 'u' && l != 'f') return false;
      ++i;
    }
    return i > pos_ && i < s_.size() && (s_[i] == '\'' || s_[i] == '"');
  }

  // One or more adjacent string literals, concatenated.
  PyValue Strings() {
    std::string text;
    int bytes = -1;  // unknown / 0 str / 1 bytes
    while (Peek() == '\'' || Peek() == '"' || (IsIdentStart(Peek()) && StringPrefixAhead())) {
      bool is_bytes = false;
      const std::string piece = OneString(&is_bytes);
      if (bytes != -1 && bytes != static_cast<int>(is_bytes)) Fail("cannot mix bytes and nonbytes literals");
      bytes = is_bytes;
      text += piece;
      SkipSpace();
    }
    if (bytes == 1) return PyValue::Opaque("bytes", BytesRepr(text));
    return PyValue::Str(std::move(text));
  }

  std::string OneString(bool* is_bytes) {
    bool raw = false, fstring = false;
    while (Peek() != '\'' && Peek() != '"') {
      const char l = static_cast<char>(s_[pos_++] | 0x20);
      raw |= l == 'r';
      *is_bytes |= l == 'b';
      fstring |= l == 'f';
    }
    const char q = s_[pos_];
    const bool triple = PeekAt(1) == q && PeekAt(2) == q;
    const size_t open_at = pos_;
    pos_ += triple ? 3 : 1;
    std::string out;
    for (;;) {
      if (pos_ >= s_.size()) {
        pos_ = open_at;
        Fail(triple ? "unterminated triple-quoted string literal" : "unterminated string literal");
      }
      const char c = s_[pos_];
      if (c == q && (!triple || (PeekAt(1) == q && PeekAt(2) == q))) {
        pos_ += triple ? 3 : 1;
        break;
      }
      if (c == '\n' && !triple) {
        pos_ = open_at;
        Fail("unterminated string literal");
      }
      if (c == '\\') {
        if (raw) {  // kept, but the next character cannot end the string
          out += c;
          if (pos_ + 1 < s_.size()) out += s_[pos_ + 1];
          pos_ += 2;
          continue;
        }
        Escape(out, *is_bytes);
        continue;
      }
      if (*is_bytes && static_cast<unsigned char>(c) >= 0x80) Fail("bytes can only contain ASCII literal characters");
      if (fstring && (c == '{' || c == '}')) {
        if (PeekAt(1) == c) {
          out += c;
          pos_ += 2;
          continue;
        }
        Fail("f-strings with replacement fields are not supported");
      }
      out += c;
      ++pos_;
    }
    return out;
  }

  // A backslash escape at pos_ in a non-raw literal.
  void Escape(std::string& out, bool bytes) {
    const char e = PeekAt(1);
    pos_ += 2;
    switch (e) {
      case '\n': return;
      case '\r':
        if (Peek() == '\n') ++pos_;
        return;
      case '\\': out += '\\'; return;
      case '\'': out += '\''; return;
      case '"': out += '"'; return;
      case 'a': out += '\a'; return;
      case 'b': out += '\b'; return;
      case 'f': out += '\f'; return;
      case 'n': out += '\n'; return;
      case 'r': out += '\r'; return;
      case 't': out += '\t'; return;
      case 'v': out += '\v'; return;
      default: break;
    }
    if (e >= '0' && e <= '7') {
      uint32_t v = static_cast<uint32_t>(e - '0');
      for (int k = 0; k < 2 && Peek() >= '0' && Peek() <= '7'; ++k) v = v * 8 + static_cast<uint32_t>(s_[pos_++] - '0');
      if (bytes)
        out += static_cast<char>(v & 0xFF);
      else
        AppendUtf8(v, &out);
      return;
    }
    const int width = e == 'x' ? 2 : (!bytes && e == 'u') ? 4 : (!bytes && e == 'U') ? 8 : 0;
    if (width) {
      uint32_t v = 0;
      for (int k = 0; k < width; ++k) {
        const int h = HexValue(Peek());
        if (h < 0) {
          pos_ -= 2;
          Fail(std::string("(unicode error) truncated \\") + e + " escape");
        }
        v = v * 16 + static_cast<uint32_t>(h);
        ++pos_;
      }
      if (v > 0x10FFFF) Fail("(unicode error) illegal Unicode character");
      if (bytes)
        out += static_cast<char>(v);
      else
        AppendUtf8(v, &out);
      return;
    }
    if (!bytes && e == 'N') Fail("\\N{...} escapes are not supported");
    out += '\\';  // an unknown escape keeps its backslash (Python warns, but accepts it)
    pos_ -= 1;
  }

  std::string_view s_;
  size_t pos_ = 0;
  int depth_ = 0;
};

}  // namespace

PyCall ParsePyCall(std::string_view text) { return Parser(text).Call(); }

PyValue ParsePyLiteral(std::string_view text) { return Parser(text).Literal(); }

std::string WritePyCall(const std::string& name, const PyKwargs& kwargs) {
  std::string out = name + "(";
  for (size_t i = 0; i < kwargs.size(); ++i) {
    if (i) out += ", ";
    out += kwargs[i].first + "=" + PyRepr(kwargs[i].second);
  }
  return out + ")";
}

}  // namespace toolshift::bfcl
