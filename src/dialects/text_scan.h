// Small scanning helpers shared by the text dialects.
#ifndef TOOLSHIFT_DIALECTS_TEXT_SCAN_H_
#define TOOLSHIFT_DIALECTS_TEXT_SCAN_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "src/core/json.h"
#include "src/core/tool.h"

namespace toolshift::textscan {

std::string_view Trim(std::string_view s);

// Removes one surrounding Markdown code fence (```lang ... ```), if the whole text is one.
std::string_view StripCodeFence(std::string_view s);

// End (one past) of the balanced JSON object or array starting at text[start], honouring
// strings and escapes; npos if it never closes.
size_t JsonValueEnd(std::string_view text, size_t start);

// Parses `text` as JSON; on failure returns false and sets `error`.
bool TryParseJson(std::string_view text, Json* out, std::string* error);

// Reads {"name": ..., "arguments": {...}} into a call. Accepts "parameters" as a synonym
// of "arguments" and a missing arguments field as {}; anything else fails with `error`.
bool ReadNamedCall(const Json& j, ToolCall* call, std::string* error);


}  // namespace toolshift::textscan

#endif  // TOOLSHIFT_DIALECTS_TEXT_SCAN_H_
