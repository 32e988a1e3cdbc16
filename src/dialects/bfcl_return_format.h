// BFCL's decoders and writers for its four return formats (bfcl_eval: default_decode_ast_prompting,
// ast_parse, parse_json_function_call, parse_verbose_xml_function_call,
// parse_concise_xml_function_call), with or without the <TOOLCALL> tag.
//
// Decoding follows BFCL step by step: strip backticks, newlines and spaces from both ends, add a
// missing '[' / ']' (for every format, as BFCL does), take the first <TOOLCALL>...</TOOLCALL> when
// the tag is asked for (none is a decode failure), then
//   python       one Python expression: a list of calls or one call (BFCL's AST rules);
//   json         the widest [...] span, then the first list of {...} objects in it, read as JSON;
//                every element that is an object must hold "function" and "parameters"; JSON that
//                does not parse is an empty list (BFCL's parser returns []);
//   verbose_xml  the first <functions>...</functions>, parsed as XML: <function name> elements
//                whose <param name value type/> sit in <params> (or directly inside);
//   concise_xml  the same with <param name type>value</param>.
// XML values are converted by their type attribute as BFCL does: integer (Python int()), float,
// boolean (true in any case, anything else false), null, array/tuple/object/dict (a Python
// literal), anything else kept as the string; a value that does not convert fails the decode.
#ifndef TOOLSHIFT_DIALECTS_BFCL_RETURN_FORMAT_H_
#define TOOLSHIFT_DIALECTS_BFCL_RETURN_FORMAT_H_

#include <string>
#include <string_view>
#include <vector>

#include "src/core/bfcl_prompt_config.h"
#include "src/dialects/dialect.h"

namespace toolshift {

// Decodes `text` as BFCL decodes a reply under `config`. A decode failure is kMalformed when the
// text looks like a call attempt and kNoCall otherwise (BFCL makes no such distinction; it only
// serves the failure taxonomy). An empty list of calls is kNoCall.
ParseResult DecodeBfclReturn(std::string_view text, const BfclPromptConfig& config);

// The reply that makes `calls` in `config`'s return format (and tag): what the oracle writes.
std::string WriteBfclReturn(const std::vector<ToolCall>& calls, const BfclPromptConfig& config);

}  // namespace toolshift

#endif  // TOOLSHIFT_DIALECTS_BFCL_RETURN_FORMAT_H_
