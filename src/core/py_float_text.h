// Python's text for a float, for every layer that must write the very text CPython would:
// repr() in BFCL's Python values (src/interop/bfcl/py) and the floats of json.dumps in the
// prompts rebuilt from Python templates (src/dialects/py_json_text.h, bfcl_prompt_render.h).
// nlohmann/json's float text differs from it between 1e15 and 1e16 ("1e+15" where Python
// writes "1000000000000000.0"), so prompts cannot use Json::dump for floats.
#ifndef TOOLSHIFT_CORE_PY_FLOAT_TEXT_H_
#define TOOLSHIFT_CORE_PY_FLOAT_TEXT_H_

#include <string>

namespace toolshift {

// Appends repr(d): the shortest digits that round-trip (to_chars), laid out as CPython's
// float_repr_style 'short' does -- scientific below 1e-4 and from 1e16 on ("1e-05", "1e+16"),
// else fixed with at least one digit after the point ("2.0"); "nan", "inf", "-inf". No
// allocation beyond `out`'s (it is on hot paths: every float of every result text).
void AppendPythonFloatRepr(double d, std::string* out);

}  // namespace toolshift

#endif  // TOOLSHIFT_CORE_PY_FLOAT_TEXT_H_
