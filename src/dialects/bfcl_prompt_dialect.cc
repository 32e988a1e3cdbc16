#include "src/dialects/bfcl_prompt_dialect.h"

#include "src/dialects/bfcl_prompt_render.h"
#include "src/dialects/bfcl_return_format.h"

namespace toolshift {

BfclPromptDialect::BfclPromptDialect(Presentation presentation) : Dialect(std::move(presentation)) {
  // Validated when the episode was loaded; an unreadable value falls back to BFCL's default.
  if (auto c = ParseBfclPromptConfig(this->presentation().bfcl_prompt)) config_ = *c;
}

std::string BfclPromptDialect::Render(const std::vector<Tool>& tools) const { return BfclSystemPrompt(config_, tools); }

std::string BfclPromptDialect::SystemText(const std::string* existing, const std::vector<Tool>& tools) const {
  std::string rendered = Render(tools);
  if (existing && !existing->empty()) rendered += "\n\n" + *existing;
  return rendered;
}

Message BfclPromptDialect::Write(const std::vector<ToolCall>& calls) const {
  return Message{Role::kAssistant, WriteBfclReturn(calls, config_), {}};
}

ParseResult BfclPromptDialect::Parse(const Message& reply, const std::vector<Tool>&) const {
  return DecodeBfclReturn(reply.content, config_);
}

}  // namespace toolshift
