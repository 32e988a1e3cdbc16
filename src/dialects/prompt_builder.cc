#include "src/dialects/prompt_builder.h"

namespace toolshift {

std::vector<Message> BuildPrompt(const Episode& episode, const Dialect& dialect) {
  std::vector<Message> out = episode.messages;
  const std::string rendered = dialect.Render(episode.tools);
  if (rendered.empty()) return out;
  if (!out.empty() && out.front().role == Role::kSystem) {
    out.front().content = out.front().content.empty() ? rendered : out.front().content + "\n\n" + rendered;
  } else {
    out.insert(out.begin(), Message{Role::kSystem, rendered, {}});
  }
  return out;
}

}  // namespace toolshift
