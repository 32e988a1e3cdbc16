// native: the backend's own structured tool calling. Tools travel in the request (e.g.
// OpenAI's `tools` field) and calls come back as structured `tool_calls`; nothing is
// rendered into or parsed out of text.
#ifndef TOOLSHIFT_DIALECTS_NATIVE_DIALECT_H_
#define TOOLSHIFT_DIALECTS_NATIVE_DIALECT_H_

#include "src/dialects/dialect.h"

namespace toolshift {

class NativeDialect : public Dialect {
 public:
  using Dialect::Dialect;
  std::string_view name() const override { return "native"; }
  bool is_native() const override { return true; }
  std::string Render(const std::vector<Tool>&) const override { return ""; }
  Message Write(const std::vector<ToolCall>& calls) const override;
  // Malformed: a structured call with an empty name or non-object arguments (adapters
  // keep arguments that were not valid JSON as a string, so they land here).
  ParseResult Parse(const Message& reply, const std::vector<Tool>& tools) const override;
};

// The tools as a native request offers them. Function-calling APIs (OpenAI, Anthropic, Gemini...)
// refuse dots in function names, so for BFCL-scored episodes a tool named `math.factorial` goes
// out as `math_factorial`, as BFCL's FC handlers send it (underscore_to_dot); scoring maps such
// names back (ScoreReply). Other episodes' tools go out as they are.
std::vector<Tool> ToolsForNativeRequest(const Episode& episode, const std::vector<Tool>& tools);

// Renames each call to the offered tool whose name it matches with dots read as underscores
// (`math.factorial` -> `math_factorial` when only that is offered): how a model that was offered
// underscored names answers.
void NameCallsAsOffered(std::vector<ToolCall>& calls, const std::vector<Tool>& offered);

}  // namespace toolshift

#endif  // TOOLSHIFT_DIALECTS_NATIVE_DIALECT_H_
