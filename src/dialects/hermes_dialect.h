// hermes: the Qwen/Hermes convention. Tools listed inside <tools></tools>; each call is a
// JSON object {"name", "arguments"} inside <tool_call></tool_call>.
//
// The tag spellings come from the Presentation, so control-token shifts can respell them.
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
