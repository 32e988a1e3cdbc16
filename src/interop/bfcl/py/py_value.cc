// PyValue, PyDict, PyException and Python equality (py_value.h). repr/str/json.dumps and the
// str helpers are in py_text.cc, PyInt in py_int.cc.
#include "src/interop/bfcl/py/py_value.h"

#include <cmath>

namespace toolshift::bfcl {

struct PyValue::Rep {
  Kind kind = Kind::kNone;
  bool leaked = false;  // a mutable reference was handed out: copies must copy deeply
  bool b = false;
  PyInt i;
  double f = 0;
  std::string s;          // str; for opaque, the repr
  std::string type_name;  // opaque
  std::string str_text;   // opaque (empty: same as repr)
  PyList list;            // list, tuple
  PyDict dict;
  std::shared_ptr<const std::string> frozen_json;  // Freeze(): json.dumps of this value
};

namespace {
const char* KindName(PyValue::Kind k) {
  switch (k) {
    case PyValue::Kind::kNone: return "NoneType";
    case PyValue::Kind::kBool: return "bool";
    case PyValue::Kind::kInt: return "int";
    case PyValue::Kind::kFloat: return "float";
    case PyValue::Kind::kStr: return "str";
    case PyValue::Kind::kList: return "list";
    case PyValue::Kind::kTuple: return "tuple";
    case PyValue::Kind::kDict: return "dict";
    case PyValue::Kind::kOpaque: return "opaque";
  }
  return "?";
}
}  // namespace

PyValue::PyValue() = default;

PyValue::PyValue(const PyValue& other) {
  if (other.rep_ && other.rep_->leaked) {
    rep_ = std::make_shared<Rep>(*other.rep_);
    rep_->leaked = false;
  } else {
    rep_ = other.rep_;
  }
}

PyValue& PyValue::operator=(const PyValue& other) {
  if (this != &other) {
    PyValue copy(other);
    rep_ = std::move(copy.rep_);
  }
  return *this;
}

void PyValue::Detach() {
  if (rep_.use_count() > 1) rep_ = std::make_shared<Rep>(*rep_);
  rep_->leaked = true;
  rep_->frozen_json.reset();  // about to change: the kept text would be stale
}

void PyValue::Freeze() {
  if (!rep_ || (rep_->kind != Kind::kList && rep_->kind != Kind::kTuple && rep_->kind != Kind::kDict)) return;
  if (rep_->frozen_json) return;
  std::optional<std::string> text = PyJsonDumps(*this);
  if (text) rep_->frozen_json = std::make_shared<const std::string>(std::move(*text));
}

const std::string* PyValue::frozen_json() const { return rep_ ? rep_->frozen_json.get() : nullptr; }

PyValue PyValue::Bool(bool b) {
  PyValue v;
  v.rep_ = std::make_shared<Rep>();
  v.rep_->kind = Kind::kBool;
  v.rep_->b = b;
  return v;
}

PyValue PyValue::Int(PyInt i) {
  PyValue v;
  v.rep_ = std::make_shared<Rep>();
  v.rep_->kind = Kind::kInt;
  v.rep_->i = std::move(i);
  return v;
}

PyValue PyValue::Float(double d) {
  PyValue v;
  v.rep_ = std::make_shared<Rep>();
  v.rep_->kind = Kind::kFloat;
  v.rep_->f = d;
  return v;
}

PyValue PyValue::Str(std::string s) {
  PyValue v;
  v.rep_ = std::make_shared<Rep>();
  v.rep_->kind = Kind::kStr;
  v.rep_->s = std::move(s);
  return v;
}

PyValue PyValue::List(PyList items) {
  PyValue v;
  v.rep_ = std::make_shared<Rep>();
  v.rep_->kind = Kind::kList;
  v.rep_->list = std::move(items);
  return v;
}

PyValue PyValue::Tuple(PyList items) {
  PyValue v = List(std::move(items));
  v.rep_->kind = Kind::kTuple;
  return v;
}

PyValue PyValue::Dict(PyDict d) {
  PyValue v;
  v.rep_ = std::make_shared<Rep>();
  v.rep_->kind = Kind::kDict;
  v.rep_->dict = std::move(d);
  return v;
}

PyValue PyValue::Opaque(std::string type_name, std::string repr, std::string str_text) {
  PyValue v;
  v.rep_ = std::make_shared<Rep>();
  v.rep_->kind = Kind::kOpaque;
  v.rep_->type_name = std::move(type_name);
  v.rep_->s = std::move(repr);
  v.rep_->str_text = std::move(str_text);
  return v;
}

PyValue::Kind PyValue::kind() const { return rep_ ? rep_->kind : Kind::kNone; }

bool PyValue::is_number() const {
  Kind k = kind();
  return k == Kind::kBool || k == Kind::kInt || k == Kind::kFloat;
}

namespace {
[[noreturn]] void WrongKind(const char* accessor, PyValue::Kind k) {
  throw std::logic_error(std::string("PyValue::") + accessor + "() on a " + KindName(k));
}
}  // namespace

bool PyValue::as_bool() const {
  if (kind() != Kind::kBool) WrongKind("as_bool", kind());
  return rep_->b;
}
const PyInt& PyValue::as_int() const {
  if (kind() != Kind::kInt) WrongKind("as_int", kind());
  return rep_->i;
}
double PyValue::as_float() const {
  if (kind() != Kind::kFloat) WrongKind("as_float", kind());
  return rep_->f;
}
const std::string& PyValue::as_str() const {
  if (kind() != Kind::kStr) WrongKind("as_str", kind());
  return rep_->s;
}
const PyList& PyValue::as_list() const {
  if (kind() != Kind::kList && kind() != Kind::kTuple) WrongKind("as_list", kind());
  return rep_->list;
}
PyList& PyValue::as_list() {
  if (kind() != Kind::kList && kind() != Kind::kTuple) WrongKind("as_list", kind());
  Detach();
  return rep_->list;
}
const PyDict& PyValue::as_dict() const {
  if (kind() != Kind::kDict) WrongKind("as_dict", kind());
  return rep_->dict;
}
PyDict& PyValue::as_dict() {
  if (kind() != Kind::kDict) WrongKind("as_dict", kind());
  Detach();
  return rep_->dict;
}
const std::string& PyValue::opaque_type() const {
  if (kind() != Kind::kOpaque) WrongKind("opaque_type", kind());
  return rep_->type_name;
}
const std::string& PyValue::opaque_repr() const {
  if (kind() != Kind::kOpaque) WrongKind("opaque_repr", kind());
  return rep_->s;
}
const std::string& PyValue::opaque_str() const {
  if (kind() != Kind::kOpaque) WrongKind("opaque_str", kind());
  return rep_->str_text.empty() ? rep_->s : rep_->str_text;
}

std::string PyValue::TypeName() const {
  return kind() == Kind::kOpaque ? rep_->type_name : KindName(kind());
}

bool PyValue::Truthy() const {
  switch (kind()) {
    case Kind::kNone: return false;
    case Kind::kBool: return rep_->b;
    case Kind::kInt: return rep_->i.sign() != 0;
    case Kind::kFloat: return rep_->f != 0;  // NaN is true, as in Python
    case Kind::kStr: return !rep_->s.empty();
    case Kind::kList:
    case Kind::kTuple: return !rep_->list.empty();
    case Kind::kDict: return !rep_->dict.empty();
    case Kind::kOpaque: return rep_->s != "set()";
  }
  return true;
}

// ---- PyDict ----

PyDict::PyDict(std::initializer_list<Item> items) {
  for (const auto& [k, v] : items) Set(k, v);
}

const PyValue* PyDict::Find(const PyValue& key) const {
  if (key.is_str()) return Find(std::string_view(key.as_str()));
  for (const auto& item : items_)
    if (PyEquals(item.first, key)) return &item.second;
  return nullptr;
}
PyValue* PyDict::Find(const PyValue& key) {
  return const_cast<PyValue*>(static_cast<const PyDict*>(this)->Find(key));
}
const PyValue* PyDict::Find(std::string_view str_key) const {
  for (const auto& item : items_)
    if (item.first.is_str() && item.first.as_str() == str_key) return &item.second;
  return nullptr;
}
PyValue* PyDict::Find(std::string_view str_key) {
  return const_cast<PyValue*>(static_cast<const PyDict*>(this)->Find(str_key));
}

void PyDict::Set(PyValue key, PyValue value) {
  if (PyValue* existing = Find(key)) {
    *existing = std::move(value);
    return;
  }
  items_.emplace_back(std::move(key), std::move(value));
}
void PyDict::Set(std::string_view str_key, PyValue value) {
  if (PyValue* existing = Find(str_key)) {
    *existing = std::move(value);
    return;
  }
  items_.emplace_back(PyValue::Str(std::string(str_key)), std::move(value));
}

bool PyDict::Erase(const PyValue& key) {
  for (auto it = items_.begin(); it != items_.end(); ++it)
    if (PyEquals(it->first, key)) {
      items_.erase(it);
      return true;
    }
  return false;
}

const PyValue& PyDict::At(const PyValue& key) const {
  if (const PyValue* v = Find(key)) return *v;
  throw PyException("KeyError", PyRepr(key));
}
PyValue& PyDict::At(const PyValue& key) {
  if (PyValue* v = Find(key)) return *v;
  throw PyException("KeyError", PyRepr(key));
}

// ---- PyException ----

PyException::PyException(std::string type, std::string message)
    : std::runtime_error(type + ": " + message), type_(std::move(type)), message_(std::move(message)) {}

// ---- equality ----

namespace {
// An int (or bool as 0/1) against a float, exactly: 2**53 + 1 != 2.0**53 although both
// round to the same double.
bool IntEqualsFloat(const PyInt& i, double d) {
  if (!std::isfinite(d) || std::trunc(d) != d) return false;
  return PyInt::FromDouble(d) == i;
}

PyInt AsIntLike(const PyValue& v) { return v.is_bool() ? PyInt(v.as_bool() ? 1 : 0) : v.as_int(); }
}  // namespace

bool PyEquals(const PyValue& a, const PyValue& b) {
  using K = PyValue::Kind;
  const K ka = a.kind(), kb = b.kind();
  if (a.is_number() && b.is_number()) {
    if (ka == K::kFloat && kb == K::kFloat) return a.as_float() == b.as_float();
    if (ka == K::kFloat) return IntEqualsFloat(AsIntLike(b), a.as_float());
    if (kb == K::kFloat) return IntEqualsFloat(AsIntLike(a), b.as_float());
    return AsIntLike(a) == AsIntLike(b);
  }
  if (ka != kb) return false;
  if (a.SharesRepWith(b)) return true;  // floats were handled above, so NaN never gets here
  switch (ka) {
    case K::kNone: return true;
    case K::kStr: return a.as_str() == b.as_str();
    case K::kList:
    case K::kTuple: {
      const PyList& x = a.as_list();
      const PyList& y = b.as_list();
      if (x.size() != y.size()) return false;
      for (size_t i = 0; i < x.size(); ++i)
        if (!PyEquals(x[i], y[i])) return false;
      return true;
    }
    case K::kDict: {
      const PyDict& x = a.as_dict();
      const PyDict& y = b.as_dict();
      if (x.size() != y.size()) return false;
      for (const auto& [k, v] : x.items()) {
        const PyValue* other = y.Find(k);
        if (!other || !PyEquals(v, *other)) return false;
      }
      return true;
    }
    case K::kOpaque: return a.opaque_type() == b.opaque_type() && a.opaque_repr() == b.opaque_repr();
    default: return false;
  }
}

std::optional<PyList> PyIterItems(const PyValue& v) {
  if (v.is_list() || v.is_tuple()) return v.as_list();
  if (v.is_dict()) {
    PyList keys;
    for (const auto& [k, value] : v.as_dict().items()) keys.push_back(k);
    return keys;
  }
  if (!v.is_str()) return std::nullopt;
  PyList chars;
  const std::string& s = v.as_str();
  for (size_t i = 0; i < s.size();) {
    // The sequence's length from its lead byte; a stray byte stands alone.
    const auto c = static_cast<unsigned char>(s[i]);
    const size_t n = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
    chars.push_back(PyValue::Str(s.substr(i, n)));
    i += n;
  }
  return chars;
}

}  // namespace toolshift::bfcl
