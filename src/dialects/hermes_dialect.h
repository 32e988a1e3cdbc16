// hermes: the Qwen/Hermes convention. Tools listed inside <tools></tools>; each call is a
// JSON object {"name", "arguments"} inside <tool_call></tool_call>.
//
// The tag spellings are parameters so control-token shifts can respell them.
#ifndef TOOLSHIFT_DIALECTS_HERMES_DIALECT_H_
#define TOOLSHIFT_DIALECTS_HERMES_DIALECT_H_

#include "src/dialects/dialect.h"

namespace toolshift {

class HermesDialect : public Dialect {
 public:
  explicit HermesDialect(std::string open_tag = "<tool_call>", std::string close_tag = "</tool_call>")
      : open_(std::move(open_tag)), close_(std::move(close_tag)) {}

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
