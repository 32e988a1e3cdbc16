// bfcl: BFCL v4's own prompt formats, one per prompt configuration (src/core/bfcl_prompt_config.h),
// chosen by the episode's `presentation.bfcl_prompt` (empty: BFCL's default configuration).
//
// Render is BFCL's system prompt for the configuration, placed before the episode's own system
// text as BFCL places it; Parse is BFCL's decoder for the configuration's return format and tag,
// so verdicts on these suites are BFCL's; Write answers in the same form (the oracle's reply).
// BFCL's format-sensitivity study asks the same records under 26 such configurations; the
// `bfcl-prompt:<config>` format shift moves an episode to one of them.
#ifndef TOOLSHIFT_DIALECTS_BFCL_PROMPT_DIALECT_H_
#define TOOLSHIFT_DIALECTS_BFCL_PROMPT_DIALECT_H_

#include "src/core/bfcl_prompt_config.h"
#include "src/dialects/dialect.h"

namespace toolshift {

class BfclPromptDialect : public Dialect {
 public:
  explicit BfclPromptDialect(Presentation presentation = {});
  std::string_view name() const override { return "bfcl"; }
  // BFCL's prompt, then the episode's own system text after a blank line, as BFCL places it.
  std::string SystemText(const std::string* existing, const std::vector<Tool>& tools) const override;
  std::string Render(const std::vector<Tool>& tools) const override;
  Message Write(const std::vector<ToolCall>& calls) const override;
  ParseResult Parse(const Message& reply, const std::vector<Tool>& tools) const override;

  const BfclPromptConfig& config() const { return config_; }

 private:
  BfclPromptConfig config_;
};

}  // namespace toolshift

#endif  // TOOLSHIFT_DIALECTS_BFCL_PROMPT_DIALECT_H_
