#include "src/core/bfcl_prompt_config.h"

#include <array>

namespace toolshift {
namespace {

// Reads "key=value" at the front of `text` (value up to the next '&'), advancing past it.
bool TakeField(std::string_view& text, std::string_view key, std::string* value) {
  if (text.substr(0, key.size()) != key || text.size() <= key.size() || text[key.size()] != '=') return false;
  text.remove_prefix(key.size() + 1);
  const size_t amp = text.find('&');
  *value = std::string(text.substr(0, amp));
  text.remove_prefix(amp == std::string_view::npos ? text.size() : amp + 1);
  return true;
}

template <size_t N>
bool OneOf(const std::string& v, const std::array<std::string_view, N>& allowed) {
  for (auto a : allowed) {
    if (a == v) return true;
  }
  return false;
}

}  // namespace

std::string BfclPromptConfig::ToString() const {
  return "ret_fmt=" + return_format + "&tool_call_tag=" + (tool_call_tag ? "True" : "False") +
         "&func_doc_fmt=" + function_doc_format + "&prompt_fmt=" + prompt_format + "&style=" + style;
}

std::string BfclPromptConfig::Slug() const {
  return return_format + (tool_call_tag ? "-tag-" : "-notag-") + function_doc_format + "-" + prompt_format + "-" + style;
}

std::optional<BfclPromptConfig> ParseBfclPromptConfig(std::string_view text) {
  static constexpr std::array<std::string_view, 4> kReturn = {"python", "json", "verbose_xml", "concise_xml"};
  static constexpr std::array<std::string_view, 3> kDoc = {"python", "xml", "json"};
  static constexpr std::array<std::string_view, 2> kLayout = {"plaintext", "markdown"};
  static constexpr std::array<std::string_view, 2> kStyle = {"classic", "experimental"};
  BfclPromptConfig c;
  std::string tag;
  const bool all_fields = TakeField(text, "ret_fmt", &c.return_format) && TakeField(text, "tool_call_tag", &tag) &&
                          TakeField(text, "func_doc_fmt", &c.function_doc_format) &&
                          TakeField(text, "prompt_fmt", &c.prompt_format) && TakeField(text, "style", &c.style);
  if (!all_fields || !text.empty()) return std::nullopt;
  if (!OneOf(c.return_format, kReturn) || (tag != "True" && tag != "False") || !OneOf(c.function_doc_format, kDoc) ||
      !OneOf(c.prompt_format, kLayout) || !OneOf(c.style, kStyle)) {
    return std::nullopt;
  }
  c.tool_call_tag = tag == "True";
  return c;
}

std::vector<BfclPromptConfig> BfclFormatSensitivityConfigs() {
  std::vector<BfclPromptConfig> out;
  for (const char* ret : {"python", "json", "verbose_xml", "concise_xml"}) {
    for (bool tag : {true, false}) {
      for (const char* doc : {"python", "xml", "json"}) {
        BfclPromptConfig c;
        c.return_format = ret;
        c.tool_call_tag = tag;
        c.function_doc_format = doc;
        out.push_back(c);
      }
    }
  }
  BfclPromptConfig markdown;
  markdown.prompt_format = "markdown";
  out.push_back(markdown);
  BfclPromptConfig experimental;
  experimental.style = "experimental";
  out.push_back(experimental);
  return out;
}

}  // namespace toolshift
