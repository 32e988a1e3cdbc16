#include "src/engine/scripted_user.h"

#include <re2/re2.h>

namespace toolshift {
namespace {

bool Matches(const std::string& pattern, const std::string& text) {
  if (pattern.empty()) return false;
  RE2 re("(?i)" + pattern, RE2::Quiet);  // validated when the suite was read
  return re.ok() && RE2::PartialMatch(text, re);
}

// One agent message answered, with `used` the rules earlier messages took (updated).
std::string Answer(const MultiStepTask& task, const std::string& agent, std::vector<bool>& used, size_t k) {
  const SimulatedUser& user = *task.user;
  const UserScript& s = user.script;
  const bool opening = k == 0;
  if (!opening && Matches(s.finish_if, agent)) return user.finish_phrase;
  for (size_t i = 0; i < s.rules.size(); ++i) {
    if (used[i] || !Matches(s.rules[i].pattern, agent)) continue;
    used[i] = true;
    return s.rules[i].reply;
  }
  if (!opening && k < task.turns.size()) return task.turns[k].user;
  if (!s.otherwise.empty()) return s.otherwise;
  return user.finish_phrase;
}

}  // namespace

std::string ScriptedUserReply(const MultiStepTask& task, const std::vector<Message>& chat) {
  // Replays the whole chat: which rules are used depends on every earlier agent message. A
  // user-role message before the user's first own message is the opening, not the agent's.
  std::vector<bool> used(task.user->script.rules.size(), false);
  std::string reply;
  bool own_seen = false;
  size_t k = 0;  // agent messages so far
  for (const Message& m : chat) {
    if (m.role == Role::kAssistant) own_seen = true;
    if (m.role != Role::kUser) continue;
    if (own_seen) ++k;
    reply = Answer(task, m.content, used, k);
  }
  if (chat.empty() || chat.back().role != Role::kUser) reply = Answer(task, "", used, 0);  // an opening without text
  return reply;
}

ChatResponse ScriptedUserAdapter::Complete(const ChatRequest& request) {
  ChatResponse r;
  const Episode* ep = request.episode;
  if (!ep || !ep->multi || !ep->multi->user) {
    r.error = "the scripted user needs an episode with multi_step.user";
    return r;
  }
  r.message = Message{Role::kAssistant, ScriptedUserReply(*ep->multi, request.messages), {}};
  return r;
}

}  // namespace toolshift
