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

}  // namespace toolshift

#endif  // TOOLSHIFT_DIALECTS_NATIVE_DIALECT_H_
