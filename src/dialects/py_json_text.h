// The text Python's json.dumps writes for a JSON value, for prompts that must be the very text a
// Python-side template renders: Qwen's chat template (`tool | tojson`, i.e. json.dumps with
// ensure_ascii=False) and BFCL's system prompt (json.dumps(functions, indent=4)).
//
// Separators ", " and ": " (with an indent: "," at line ends and ": "), keys in their order,
// non-ASCII escaped as \uXXXX (surrogate pairs above U+FFFF) only with `ensure_ascii`, floats as
// Python writes them (src/core/py_float_text.h: "1000000000000000.0", not nlohmann's "1e+15").
#ifndef TOOLSHIFT_DIALECTS_PY_JSON_TEXT_H_
#define TOOLSHIFT_DIALECTS_PY_JSON_TEXT_H_

#include <string>

#include "src/core/json.h"

namespace toolshift {

// `indent` < 0: one line, as json.dumps(v); otherwise json.dumps(v, indent=indent).
std::string PythonJsonText(const Json& value, bool ensure_ascii, int indent = -1);

}  // namespace toolshift

#endif  // TOOLSHIFT_DIALECTS_PY_JSON_TEXT_H_
