// BFCL's decoders for one multi-turn step (its handlers' decode_execute), returning toolshift's
// three outcomes: calls; no call (BFCL: an empty decode, the turn ends); malformed (BFCL: the
// decoder raised, the turn ends — the distinction only feeds toolshift's failure taxonomy).
//
//   prompting (Python list, `[f(a=1)]`)  default_decode_execute_prompting: strip "`\n ", add the
//        missing brackets, parse as Python; positional arguments are dropped; a step with an
//        empty dict argument (at any depth of dicts) fails, as parse_nested_value does on it
//   Qwen FC (`<tool_call>` text)         every "<tool_call>\n...\n</tool_call>" block read as JSON
//        (blocks that do not parse are skipped); each must be {"name", "arguments": {...}}
//   API FC (structured calls)            the calls as they are (arguments given as a JSON
//        string are parsed, as BFCL's convert_to_function_call does)
#ifndef TOOLSHIFT_INTEROP_BFCL_MULTI_TURN_MT_DECODE_H_
#define TOOLSHIFT_INTEROP_BFCL_MULTI_TURN_MT_DECODE_H_

#include <string_view>
#include <vector>

#include "src/dialects/dialect.h"

namespace toolshift::bfcl {

ParseResult DecodePromptingStep(std::string_view text);
ParseResult DecodeQwenFcStep(std::string_view text);
ParseResult DecodeFcCalls(const std::vector<ToolCall>& calls);

}  // namespace toolshift::bfcl

#endif  // TOOLSHIFT_INTEROP_BFCL_MULTI_TURN_MT_DECODE_H_
