// Binding a call's arguments to a method signature as Python does, with Python's TypeError
// texts, so "GorillaFileSystem.cd() missing 1 required positional argument: 'folder'" reads
// exactly as BFCL records it.
#ifndef TOOLSHIFT_INTEROP_BFCL_PY_PY_BIND_H_
#define TOOLSHIFT_INTEROP_BFCL_PY_PY_BIND_H_

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "src/interop/bfcl/apis/api.h"
#include "src/interop/bfcl/py/py_value.h"

namespace toolshift::bfcl {

using PyKwargs = std::vector<std::pair<std::string, PyValue>>;

// One value per parameter of `sig`, in order, defaults filled in. Throws PyException
// ("TypeError") with CPython 3's message for too many positional arguments, a keyword given
// twice or unknown, or missing required arguments (qualified as "<class_name>.<method>()").
std::vector<PyValue> BindCall(std::string_view class_name, const MethodSig& sig, std::vector<PyValue> args,
                              PyKwargs kwargs);

}  // namespace toolshift::bfcl

#endif  // TOOLSHIFT_INTEROP_BFCL_PY_PY_BIND_H_
