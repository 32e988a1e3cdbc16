// Builds the conversation a backend receives for an episode: the dialect's rendering of
// the tools and calling convention joins the episode's system turn (or becomes one).
#ifndef TOOLSHIFT_DIALECTS_PROMPT_BUILDER_H_
#define TOOLSHIFT_DIALECTS_PROMPT_BUILDER_H_

#include <vector>

#include "src/core/episode.h"
#include "src/dialects/dialect.h"

namespace toolshift {

std::vector<Message> BuildPrompt(const Episode& episode, const Dialect& dialect);
// The same with `tools` offered instead of the episode's (an episode whose tools arrive later).
std::vector<Message> BuildPrompt(const Episode& episode, const Dialect& dialect, const std::vector<Tool>& tools);

}  // namespace toolshift

#endif  // TOOLSHIFT_DIALECTS_PROMPT_BUILDER_H_
