// PyValue: a Python value as BFCL's multi-turn API classes and checker see one — None, bool,
// int (unbounded), float, str, list, tuple, dict (insertion-ordered, any hashable key) and
// "opaque" objects that only ever get printed (mpmath's mpf/mpc, Decimal, complex, set,
// Ellipsis) — with Python's equality, repr/str and json.dumps, so that the texts toolshift
// compares are byte for byte the texts BFCL's Python compares.
//
// Values have value semantics (a copy is a deep copy). Python's aliasing, where BFCL depends
// on it, is modelled explicitly by the code that needs it (apis/api.h: BfclProcess).
//
// Strings are UTF-8; Python's len(), indexing and slicing count code points (PyLen etc.).
#ifndef TOOLSHIFT_INTEROP_BFCL_PY_PY_VALUE_H_
#define TOOLSHIFT_INTEROP_BFCL_PY_PY_VALUE_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "src/core/json.h"

namespace toolshift::bfcl {

class PyValue;
using PyList = std::vector<PyValue>;

// An insertion-ordered dict. Set() on an existing key keeps its position (Python); Erase()
// then Set() moves it to the end.
class PyDict {
 public:
  using Item = std::pair<PyValue, PyValue>;
  PyDict() = default;
  PyDict(std::initializer_list<Item> items);

  // Defined after PyValue (below): the items' type must be complete first (clang insists).
  size_t size() const;
  bool empty() const;
  const std::vector<Item>& items() const { return items_; }
  std::vector<Item>& mutable_items() { return items_; }

  // Lookup by Python equality of keys (1 == 1.0 == True are the same key, as in Python).
  const PyValue* Find(const PyValue& key) const;
  PyValue* Find(const PyValue& key);
  const PyValue* Find(std::string_view str_key) const;
  PyValue* Find(std::string_view str_key);
  bool Contains(const PyValue& key) const { return Find(key) != nullptr; }
  // d[key] = value.
  void Set(PyValue key, PyValue value);
  void Set(std::string_view str_key, PyValue value);
  // del d[key]; false if absent.
  bool Erase(const PyValue& key);
  // d[key], raising KeyError (PyException) when absent, as Python does.
  const PyValue& At(const PyValue& key) const;
  PyValue& At(const PyValue& key);

 private:
  std::vector<Item> items_;
};

// An arbitrary-precision integer (Python int). Small values stay on the int64 fast path.
class PyInt {
 public:
  PyInt(int64_t v = 0);  // NOLINT: implicit, as Python ints mix freely
  static PyInt FromDecimal(std::string_view digits);  // "-123..." (throws std::invalid_argument)
  bool fits_int64() const;
  int64_t as_int64() const;  // requires fits_int64()
  double to_double() const;  // Python float(i): OverflowError (PyException) beyond a double
  std::string ToString() const;  // decimal, exact
  int sign() const;
  size_t bit_length() const;
  friend PyInt operator+(const PyInt& a, const PyInt& b);
  friend PyInt operator-(const PyInt& a, const PyInt& b);
  friend PyInt operator*(const PyInt& a, const PyInt& b);
  PyInt operator-() const;
  // Python // and % (floor division, result sign of the divisor); ZeroDivisionError on 0.
  static PyInt FloorDiv(const PyInt& a, const PyInt& b);
  static PyInt Mod(const PyInt& a, const PyInt& b);
  static PyInt Pow(const PyInt& base, uint64_t exponent);
  friend int Compare(const PyInt& a, const PyInt& b);  // -1, 0, 1
  friend bool operator==(const PyInt& a, const PyInt& b) { return Compare(a, b) == 0; }
  // int(d) for a float: truncates toward zero; ValueError for NaN, OverflowError for inf.
  static PyInt FromDouble(double d);
  // |value| as 32-bit words, least significant first ([] for 0), and back (non-negative).
  std::vector<uint32_t> AbsWords32() const;
  static PyInt FromWords32(const std::vector<uint32_t>& words);

 private:
  friend struct PyIntAccess;  // py_int.cc's arithmetic on the representation
  int64_t small_ = 0;
  // Set when the value does not fit int64: sign and magnitude in base 10^9, least significant first.
  std::shared_ptr<const std::pair<int, std::vector<uint32_t>>> big_;
};

class PyValue {
 public:
  enum class Kind { kNone, kBool, kInt, kFloat, kStr, kList, kTuple, kDict, kOpaque };

  PyValue();  // None
  // A copy shares the representation until either side is changed through as_list()/as_dict();
  // a value that has handed out such a mutable reference is copied deeply from then on, so a
  // reference kept across a copy can never change the copy.
  PyValue(const PyValue& other);
  PyValue(PyValue&& other) noexcept = default;
  PyValue& operator=(const PyValue& other);
  PyValue& operator=(PyValue&& other) noexcept = default;
  ~PyValue() = default;
  static PyValue None() { return PyValue(); }
  static PyValue Bool(bool b);
  static PyValue Int(PyInt i);
  static PyValue Float(double d);
  static PyValue Str(std::string s);
  static PyValue List(PyList items = {});
  static PyValue Tuple(PyList items);
  static PyValue Dict(PyDict d = {});
  // An object that is only printed or compared by identity of text: `repr` is its Python repr
  // ("mpf('2.0')", "Decimal('3.1623')", "(1+2j)", "Ellipsis", "{1, 2}"), `str_text` its str()
  // (empty = same as repr), `type_name` its Python type name ("mpf", "Decimal", "complex",
  // "set", "ellipsis"). Never JSON-serialisable.
  static PyValue Opaque(std::string type_name, std::string repr, std::string str_text = "");

  Kind kind() const;
  bool is_none() const { return kind() == Kind::kNone; }
  bool is_bool() const { return kind() == Kind::kBool; }
  bool is_int() const { return kind() == Kind::kInt; }      // not bool
  bool is_float() const { return kind() == Kind::kFloat; }
  bool is_number() const;  // bool, int or float (Python's numbers.Number for these types)
  bool is_str() const { return kind() == Kind::kStr; }
  bool is_list() const { return kind() == Kind::kList; }
  bool is_tuple() const { return kind() == Kind::kTuple; }
  bool is_dict() const { return kind() == Kind::kDict; }
  bool is_opaque() const { return kind() == Kind::kOpaque; }

  // Accessors; each requires the matching kind (std::logic_error otherwise: a bug, not input).
  bool as_bool() const;
  const PyInt& as_int() const;
  double as_float() const;
  const std::string& as_str() const;
  const PyList& as_list() const;  // list or tuple
  PyList& as_list();
  const PyDict& as_dict() const;
  PyDict& as_dict();
  const std::string& opaque_type() const;
  const std::string& opaque_repr() const;
  const std::string& opaque_str() const;  // its str(): str_text, or the repr when that is empty

  // Python's type(x).__name__: "NoneType", "bool", "int", "float", "str", "list", "tuple",
  // "dict", or the opaque type name.
  std::string TypeName() const;
  // Python truthiness (bool(x)).
  bool Truthy() const;
  // Whether both hold the very same representation (so are equal without looking, as Python's
  // containers treat an object as equal to itself): PyEquals's shortcut for unchanged subtrees.
  bool SharesRepWith(const PyValue& other) const { return rep_ == other.rep_; }

  // A value that is never changed again and is dumped often (BFCL's long-context constants:
  // thousands of floats shown in whole in some results) can carry its json.dumps text, so each
  // dump copies the text instead of formatting every float again. Freeze() computes and keeps
  // it (a list, tuple or dict whose json.dumps succeeds; otherwise nothing); it must be called
  // before the value is shared between threads. Copies share it; a change through as_list() or
  // as_dict() drops it from the changed value.
  void Freeze();
  const std::string* frozen_json() const;

 private:
  struct Rep;
  std::shared_ptr<Rep> rep_;  // copy-on-write: copies are cheap and never alias observably
  void Detach();
};

inline size_t PyDict::size() const { return items_.size(); }
inline bool PyDict::empty() const { return items_.empty(); }

// A Python exception escaping a BFCL function: `type` is its class name ("TypeError",
// "KeyError", "ValueError", "AttributeError", "ZeroDivisionError", ...), `message` is
// str(exception) — for KeyError that is the repr of the key, e.g. "'alice'". BFCL records it
// as "Error during execution: " + message.
class PyException : public std::runtime_error {
 public:
  PyException(std::string type, std::string message);
  const std::string& type() const { return type_; }
  const std::string& message() const { return message_; }

 private:
  std::string type_;
  std::string message_;
};

// Python ==, including 1 == 1.0 == True, dicts regardless of order, lists and tuples element
// by element (a list never equals a tuple), NaN != NaN, opaque values by type and repr.
bool PyEquals(const PyValue& a, const PyValue& b);

// Python's repr() and str() (str of a str is itself; of anything else, repr).
std::string PyRepr(const PyValue& v);
std::string PyStr(const PyValue& v);
// repr(float): the shortest text that reads back to the same double ("0.1", "2.0", "1e-06",
// "1e+16", "inf", "nan").
std::string PyFloatRepr(double d);

// json.dumps(v) with Python's defaults (", " and ": ", ensure_ascii, allow_nan, int/float/
// bool/None keys turned into strings); nullopt when Python's json.dumps would raise (an opaque
// value, a non-string-able key such as a tuple, an int past CPython's 4,300-digit limit).
std::optional<std::string> PyJsonDumps(const PyValue& v);

// The text BFCL's executor records for a function's return value (BEHAVIOUR.md §0.3): a str
// as is; a dict as json.dumps, or str(dict) when that raises; anything else str().
std::string ResultText(const PyValue& v);

// JSON <-> Python, as json.loads / a JSON view of state: objects become dicts (string keys),
// arrays lists, integers ints, reals floats; {"$python": "Ellipsis"} becomes Ellipsis
// (../shared/bfcl-multi-turn/README.md). ToJson is for display (diffs, logs): tuples become
// arrays, opaque values {"$python": repr}, non-string keys their str().
PyValue FromJson(const Json& j);
Json ToJson(const PyValue& v);

// The items Python's `for x in v` visits: a list's or tuple's items, a dict's keys, a str's
// characters (one str per UTF-8 sequence); nullopt when `v` is not iterable (callers decide
// whether that raises, as in BFCL's API classes, or fails a check, as in ACEBench's checker).
std::optional<PyList> PyIterItems(const PyValue& v);

// Python str helpers on UTF-8 text, counting code points as Python does.
size_t PyLen(std::string_view s);
// str.splitlines() (no keepends): \n, \r\n, \r, \v, \f, \x1c-\x1e, \x85, U+2028, U+2029.
std::vector<std::string> PySplitLines(std::string_view s);
// str.split() with no separator (runs of Unicode whitespace).
std::vector<std::string> PySplitWhitespace(std::string_view s);
// str.lower()/str.upper() for the characters the data uses (full Unicode simple case mapping
// where feasible; ASCII at least).
std::string PyLower(std::string_view s);
std::string PyUpper(std::string_view s);

}  // namespace toolshift::bfcl

#endif  // TOOLSHIFT_INTEROP_BFCL_PY_PY_VALUE_H_
