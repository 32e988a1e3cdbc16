// Python's operators and builtins on PyValue, as BFCL's API classes apply them to arguments
// that nothing type-checks: each works for the types Python accepts and otherwise raises the
// PyException CPython 3 raises, with its message ("'<' not supported between instances of
// 'str' and 'int'"), so a badly typed model call yields BFCL's "Error during execution: ..."
// text. Shared by the API classes of apis/; no state.
#ifndef TOOLSHIFT_INTEROP_BFCL_APIS_PY_OPS_H_
#define TOOLSHIFT_INTEROP_BFCL_APIS_PY_OPS_H_

#include <string>
#include <string_view>

#include "src/interop/bfcl/py/py_value.h"

namespace toolshift::bfcl {

enum class PyCmp { kLt, kLe, kGt, kGe };

// a < b, a <= b, a > b, a >= b: numbers (bool, int, float) compared exactly as Python does
// (an int against a float by value, no rounding; NaN false), str with str by code point,
// list with list and tuple with tuple lexicographically; anything else raises TypeError.
bool PyCompare(const PyValue& a, PyCmp op, const PyValue& b);

// a + b, a - b, a * b (numbers; + also joins two str, two lists or two tuples; * repeats a
// str or list by an int). `augmented` names the operator "+=" in the TypeError text as an
// augmented assignment does.
PyValue PyAdd(const PyValue& a, const PyValue& b, bool augmented = false);
PyValue PySub(const PyValue& a, const PyValue& b, bool augmented = false);
PyValue PyMul(const PyValue& a, const PyValue& b);
// abs(x) for a number.
PyValue PyAbs(const PyValue& x);

// TypeError("unhashable type: 'list'") unless `key` can be a dict key (lists, dicts and
// tuples holding them cannot).
void CheckHashable(const PyValue& key);
// `item in container`: a dict's keys (item must be hashable), a list's or tuple's items by
// Python ==, a substring of a str (item must be a str). Other containers raise TypeError.
bool PyContains(const PyValue& container, const PyValue& item);
// dict.get(key, fallback) with the hashability check; `dict` must be a dict (else
// AttributeError "'<type>' object has no attribute 'get'").
PyValue PyDictGet(const PyValue& dict, const PyValue& key, const PyValue& fallback);
// container[key] for a dict (KeyError with the key's repr) or a list/tuple (an int index).
const PyValue& PySubscript(const PyValue& container, const PyValue& key);
// The items `for x in v` visits: a list's or tuple's items, a dict's keys, a str's code points.
// Anything else raises TypeError("'int' object is not iterable").
PyList PyIterate(const PyValue& v);
// len(v) for str (code points), list, tuple, dict; TypeError otherwise.
size_t PyLenOf(const PyValue& v);

// float(x): a number, or a str Python's float() reads (whitespace around, "inf", "nan",
// underscores between digits); ValueError/TypeError with Python's texts otherwise.
double PyToFloat(const PyValue& x);
// int(x): a bool or int, a float truncated toward zero, a str of decimal digits (signs,
// whitespace and underscores as Python allows).
PyInt PyToInt(const PyValue& x);

// A number formatted as Python's "%.<digits>f" / f"{x:.<digits>f}": rounded half-even from
// the exact binary value, as CPython does. TypeError for a non-number.
std::string PyFormatFixed(const PyValue& x, int digits);

// AttributeError("'<type>' object has no attribute '<name>'"), for a method called on a value
// of the wrong type (x.lower() on an int).
[[noreturn]] void ThrowNoAttribute(const PyValue& v, std::string_view name);
// v.lower() for a str, else AttributeError.
std::string PyStrLower(const PyValue& v);

}  // namespace toolshift::bfcl

#endif  // TOOLSHIFT_INTEROP_BFCL_APIS_PY_OPS_H_
