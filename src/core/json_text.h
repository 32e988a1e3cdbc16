// JSON text written directly, without building a Json tree first: the same bytes DumpJson
// (src/core/json.h) gives for the same value, for the hot paths that write one request body
// per model call.
#ifndef TOOLSHIFT_CORE_JSON_TEXT_H_
#define TOOLSHIFT_CORE_JSON_TEXT_H_

#include <string>
#include <string_view>

#include "src/core/json.h"

namespace toolshift {

// Appends `s` as a JSON string literal, quotes included, exactly as DumpJson(Json(s)) writes
// it: UTF-8 kept as is, `"` `\` and control characters escaped the way nlohmann/json does.
// Text that is not valid UTF-8 goes through DumpJson itself (which replaces bad bytes).
void AppendJsonString(std::string& out, std::string_view s);

// True when `s` is well-formed UTF-8 (Unicode's table 3-7: no overlong forms, surrogates or
// code points past U+10FFFF).
bool IsValidUtf8(std::string_view s);

// True when `a` and `b` dump to the same text. nlohmann's == calls 1 and 1.0 (and 0.0 and
// -0.0) equal, which dump differently, so types and the bits of floats are compared too.
// Recursive: for trees bounded in depth (tool schemas are, when suites load).
bool SameJsonText(const Json& a, const Json& b);

}  // namespace toolshift

#endif  // TOOLSHIFT_CORE_JSON_TEXT_H_
