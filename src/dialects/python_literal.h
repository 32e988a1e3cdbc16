// Python call syntax as BFCL's prompt mode uses it: `[f(a=1, b="x"), g.h(c=[1, 2.5])]`.
//
// A small recursive-descent reader for Python literals (strings with all quote styles and
// escapes, ints, floats, True/False/None, lists, tuples, dicts) and the matching writer.
// Tuples read as JSON arrays, as BFCL treats them.
#ifndef TOOLSHIFT_DIALECTS_PYTHON_LITERAL_H_
#define TOOLSHIFT_DIALECTS_PYTHON_LITERAL_H_

#include <string>
#include <string_view>
#include <vector>

#include "src/core/json.h"
#include "src/core/tool.h"

namespace toolshift::python {

// Writes a JSON value as a Python literal (None/True/False, double-quoted strings).
std::string WriteValue(const Json& value);

// Writes `name(k=v, ...)`.
std::string WriteCall(const ToolCall& call);

// Reads either a bracketed call list "[f(...), ...]" or one bare call "f(...)", the whole
// of `text` (surrounding whitespace allowed). Returns false with a positioned `error`.
bool ReadCalls(std::string_view text, std::vector<ToolCall>* calls, std::string* error);

// Reads `text` as BFCL's decoder does after its clean-up: one Python expression that is a
// list (or tuple) of calls or a single call, resolved with BFCL's rules — positional
// arguments dropped, bare names read as strings, arithmetic evaluated, keyword-less nested
// calls and subscripts kept as source text, keyword nested calls as {name: {args}}, and
// any unary operator on a constant negating it (BFCL's `-operand.value`).
// The common shape (keyword calls on plain literals) is read by a fast path that builds no
// expression tree and throws nothing; it gives exactly what the full reader gives.
bool ReadCallsBfcl(std::string_view text, std::vector<ToolCall>* calls, std::string* error);

// ReadCallsBfcl with the full reader only: the reference its fast path is tested against.
bool ReadCallsBfclFullReader(std::string_view text, std::vector<ToolCall>* calls, std::string* error);

}  // namespace toolshift::python

#endif  // TOOLSHIFT_DIALECTS_PYTHON_LITERAL_H_
