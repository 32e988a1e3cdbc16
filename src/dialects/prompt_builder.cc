#include "src/dialects/prompt_builder.h"

namespace toolshift {

std::vector<Message> BuildPrompt(const Episode& episode, const Dialect& dialect) {
  return BuildPrompt(episode, dialect, episode.tools);
}

std::vector<Message> BuildPrompt(const Episode& episode, const Dialect& dialect, const std::vector<Tool>& tools) {
  std::vector<Message> out = episode.messages;
  const std::string rendered = dialect.Render(tools);
  if (rendered.empty()) return out;
  if (!out.empty() && out.front().role == Role::kSystem) {
    const std::string& own = out.front().content;
    out.front().content = own.empty()                         ? rendered
                          : dialect.RendersBeforeSystemText() ? rendered + "\n\n" + own
                                                              : own + "\n\n" + rendered;
  } else {
    out.insert(out.begin(), Message{Role::kSystem, rendered, {}});
  }
  return out;
}

}  // namespace toolshift
