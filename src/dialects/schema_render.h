// Renders a tool list for a system prompt in one of four schema presentations — the
// "schema presentation" format shift shows the same tools another way:
//
//   json        one OpenAI-style {"type": "function", "function": {...}} object per line
//   typescript  function signatures with typed, optional-marked parameters and doc comments
//   xml         <tool> elements with <param> children carrying type and required attributes
//   prose       plain sentences naming each parameter, its type and whether it is required
#ifndef TOOLSHIFT_DIALECTS_SCHEMA_RENDER_H_
#define TOOLSHIFT_DIALECTS_SCHEMA_RENDER_H_

#include <string>
#include <string_view>
#include <vector>

#include "src/core/tool.h"

namespace toolshift {

// Unknown styles render as json (styles are validated when episodes load).
std::string RenderToolList(const std::vector<Tool>& tools, std::string_view style);

}  // namespace toolshift

#endif  // TOOLSHIFT_DIALECTS_SCHEMA_RENDER_H_
