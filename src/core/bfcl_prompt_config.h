// BFCL's prompt configurations: the five axes BFCL v4 varies in its format-sensitivity study
// (bfcl_eval: get_all_format_sensitivity_configs, parse_prompt_variation_params), named as BFCL
// names them, e.g. "ret_fmt=python&tool_call_tag=False&func_doc_fmt=json&prompt_fmt=plaintext&style=classic".
//
//   ret_fmt        how calls are written back: python | json | verbose_xml | concise_xml
//   tool_call_tag  whether calls must sit inside <TOOLCALL>...</TOOLCALL>: True | False
//   func_doc_fmt   how the functions are documented: python | xml | json
//   prompt_fmt     the system prompt's layout: plaintext | markdown
//   style          the system prompt's wording: classic | experimental
//
// Plain data, so core can validate an episode's `presentation.bfcl_prompt`; the dialect
// layer renders and decodes it (src/dialects/bfcl_prompt_dialect.h).
#ifndef TOOLSHIFT_CORE_BFCL_PROMPT_CONFIG_H_
#define TOOLSHIFT_CORE_BFCL_PROMPT_CONFIG_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace toolshift {

struct BfclPromptConfig {
  std::string return_format = "python";
  bool tool_call_tag = false;
  std::string function_doc_format = "json";
  std::string prompt_format = "plaintext";
  std::string style = "classic";

  // BFCL's own spelling of the configuration (its id for it).
  std::string ToString() const;
  // A short, file-name-safe form: "python-notag-json-plaintext-classic".
  std::string Slug() const;
  bool operator==(const BfclPromptConfig&) const = default;
};

// BFCL's default prompt (DEFAULT_SYSTEM_PROMPT_FORMAT): what every other category is asked in.
inline constexpr std::string_view kBfclDefaultPromptConfig =
    "ret_fmt=python&tool_call_tag=False&func_doc_fmt=json&prompt_fmt=plaintext&style=classic";

// The format shift that moves an episode to a configuration: "bfcl-prompt:<BFCL's spelling>".
inline constexpr std::string_view kBfclPromptShiftPrefix = "bfcl-prompt:";

// Reads BFCL's spelling (fields in BFCL's order, values as BFCL's regex allows); nullopt if it is not one.
std::optional<BfclPromptConfig> ParseBfclPromptConfig(std::string_view text);

// The 26 configurations of BFCL v4's format-sensitivity study, in BFCL's order: return format x
// tool-call tag (True first) x function-doc format (4 x 2 x 3, plaintext classic), then the
// default with a markdown prompt, then the default in the experimental style.
std::vector<BfclPromptConfig> BfclFormatSensitivityConfigs();

}  // namespace toolshift

#endif  // TOOLSHIFT_CORE_BFCL_PROMPT_CONFIG_H_
