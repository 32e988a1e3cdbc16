// BFCL's system prompt for one prompt configuration (bfcl_eval: formulate_system_prompt,
// format_function_doc), rebuilt text for text so a model sees what BFCL shows it: the persona
// and task of the style, the call format of the return format (inside <TOOLCALL> tags or not),
// the multi-turn paragraph, and the functions documented as Python docstrings, XML or
// indented JSON (json.dumps's text, floats included), laid out as plain text or markdown. The one
// rendering of BFCL's prompt: the pythonic dialect's "bfcl" prompt variant uses it too.
#ifndef TOOLSHIFT_DIALECTS_BFCL_PROMPT_RENDER_H_
#define TOOLSHIFT_DIALECTS_BFCL_PROMPT_RENDER_H_

#include <string>
#include <vector>

#include "src/core/bfcl_prompt_config.h"
#include "src/core/json.h"
#include "src/core/tool.h"

namespace toolshift {

// The whole system prompt BFCL builds for `config` over `tools`.
std::string BfclSystemPrompt(const BfclPromptConfig& config, const std::vector<Tool>& tools);

// The same prompt around a function documentation already written (it is named by
// config.function_doc_format in the text): for dialects that document tools their own way
// (the pythonic dialect's schema styles) inside BFCL's frame.
std::string BfclSystemPromptAround(const BfclPromptConfig& config, const std::string& functions);

// The function documentation alone, in `format` (python | xml | json).
std::string BfclFunctionDoc(const std::vector<Tool>& tools, const std::string& format);

// Python's repr() of a JSON value: 'single-quoted' strings (double quotes when the string holds
// a single quote and no double quote), True/False/None, [a, b], {'k': v}.
std::string PythonRepr(const Json& value);

}  // namespace toolshift

#endif  // TOOLSHIFT_DIALECTS_BFCL_PROMPT_RENDER_H_
