// hermes: the Qwen/Hermes convention. Tools listed inside <tools></tools>; each call is a
// JSON object {"name", "arguments"} inside <tool_call></tool_call>.
//
// The tag spellings come from the Presentation, so control-token shifts can respell them.
//
// Prompt variant "qwen2.5": the system turn exactly as Qwen2.5's chat template renders it when
// tools are given: the episode's system text (or the template's default "You are Qwen, created
// by Alibaba Cloud. You are a helpful assistant."), a blank line, its "# Tools" block with one
// `tool | tojson` line per tool ({"type": "function", "function": {name, description,
// parameters}}, json.dumps with non-ASCII kept) inside <tools></tools>, and its <tool_call>
// instruction; tool results go back as the template shows tool messages (observation.h).
#ifndef TOOLSHIFT_DIALECTS_HERMES_DIALECT_H_
#define TOOLSHIFT_DIALECTS_HERMES_DIALECT_H_

#include "src/dialects/dialect.h"

namespace toolshift {

class HermesDialect : public Dialect {
 public:
  explicit HermesDialect(Presentation presentation = {})
      : Dialect(presentation),
        open_(presentation.call_open.empty() ? "<tool_call>" : presentation.call_open),
        close_(presentation.call_close.empty() ? "</tool_call>" : presentation.call_close) {}

  std::string_view name() const override { return "hermes"; }
  std::string Render(const std::vector<Tool>& tools) const override;
  std::string SystemText(const std::string* existing, const std::vector<Tool>& tools) const override;
  Message Write(const std::vector<ToolCall>& calls) const override;
  // Malformed: an opened tag never closed, a close without an open, or a body that is not
  // a {"name", "arguments"} JSON object (a second open tag inside a body lands here).
  ParseResult Parse(const Message& reply, const std::vector<Tool>& tools) const override;

 private:
  std::string open_;
  std::string close_;
};

}  // namespace toolshift

#endif  // TOOLSHIFT_DIALECTS_HERMES_DIALECT_H_
