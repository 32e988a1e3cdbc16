#include "src/dialects/prompt_builder.h"

namespace toolshift {

std::vector<Message> BuildPrompt(const Episode& episode, const Dialect& dialect) {
  return BuildPrompt(episode, dialect, episode.tools);
}

std::vector<Message> BuildPrompt(const Episode& episode, const Dialect& dialect, const std::vector<Tool>& tools) {
  std::vector<Message> out = episode.messages;
  const bool has_system = !out.empty() && out.front().role == Role::kSystem;
  std::string text = dialect.SystemText(has_system ? &out.front().content : nullptr, tools);
  if (has_system) out.front().content = std::move(text);
  else if (!text.empty()) out.insert(out.begin(), Message{Role::kSystem, std::move(text), {}});
  return out;
}

}  // namespace toolshift
