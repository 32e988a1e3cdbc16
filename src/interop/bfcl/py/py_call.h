// Python call expressions as BFCL's multi-turn checker evaluates them: ground-truth strings
// such as "mv(source='a.pdf', destination='temp')" or "cd('docs')", with positional and
// keyword arguments whose values are Python literals (str in every quote and prefix style, int,
// float, True/False/None, lists, tuples, dicts, sets, unary minus/plus, and the few constant
// expressions literals can form).
#ifndef TOOLSHIFT_INTEROP_BFCL_PY_PY_CALL_H_
#define TOOLSHIFT_INTEROP_BFCL_PY_PY_CALL_H_

#include <string>
#include <string_view>
#include <vector>

#include "src/interop/bfcl/py/py_bind.h"
#include "src/interop/bfcl/py/py_value.h"

namespace toolshift::bfcl {

struct PyCall {
  std::string name;       // the callee as written ("ls", "fs.ls" if dotted)
  std::vector<PyValue> args;
  PyKwargs kwargs;        // in source order; a repeated keyword is kept twice (binding refuses it)
};

// Parses one call expression (the whole of `text`, surrounding whitespace allowed). Throws
// PyException("SyntaxError", ...) for text Python would not parse as such a call.
PyCall ParsePyCall(std::string_view text);
// Parses one Python literal expression.
PyValue ParsePyLiteral(std::string_view text);
// Writes a call back as Python source with repr'd values: "f(a='x', b=1)".
std::string WritePyCall(const std::string& name, const PyKwargs& kwargs);

}  // namespace toolshift::bfcl

#endif  // TOOLSHIFT_INTEROP_BFCL_PY_PY_CALL_H_
