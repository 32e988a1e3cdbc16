#include "tests/server/conversation_oracle.h"

#include "adapters/openai/openai_adapter.h"
#include "adapters/reference/reference_policies.h"
#include "src/dialects/prompt_builder.h"

namespace toolshift::testing {
namespace {

std::string KeyOf(const std::vector<Turn>& turns, const std::vector<std::string>& tool_names) {
  std::string key;
  for (const auto& t : turns) key += t.role + "\x1e" + t.text + "\x1f";
  key += "\x1d";
  for (const auto& n : tool_names) key += n + ",";
  return key;
}

}  // namespace

ConversationOracle::ConversationOracle(const std::vector<Suite>& suites) {
  for (const auto& s : suites) {
    for (const auto& e : s.episodes) {
      auto dialect = MakeDialect(e.dialect, e.presentation);
      known_.push_back(Known{&s, &e, BuildPrompt(e, *dialect)});
    }
  }
  // Indexed after known_ stops growing; native requests carry tool names, text ones do not.
  for (size_t i = 0; i < known_.size(); ++i) {
    std::vector<Turn> turns;
    for (const auto& m : known_[i].prompt) turns.push_back({std::string(RoleName(m.role)), m.content});
    std::vector<std::string> names;
    for (const auto& t : known_[i].episode->tools) names.push_back(t.name);
    prompt_sizes_.insert(turns.size());
    by_turns_.emplace(KeyOf(turns, {}), i);
    by_turns_.emplace(KeyOf(turns, names), i);
    for (const char* tmpl : {"chatml", "llama3", "plain"}) by_prompt_.emplace(RenderChatTemplate(known_[i].prompt, tmpl), i);
  }
}

Message ConversationOracle::Answer(const Known* k, const std::vector<Message>* conversation) const {
  if (!k) return Message{Role::kAssistant, "I do not know this conversation.", {}};
  OraclePolicy oracle;
  ChatRequest req{conversation ? *conversation : k->prompt, k->episode->tools, k->episode->dialect, 0,
                  k->suite->manifest.name, k->episode};
  return oracle.Complete(req).message;
}

Message ConversationOracle::Reply(const std::vector<Turn>& turns, const std::vector<std::string>& tool_names) const {
  auto it = by_turns_.find(KeyOf(turns, tool_names));
  if (it == by_turns_.end()) it = by_turns_.find(KeyOf(turns, {}));
  if (it != by_turns_.end()) return Answer(&known_[it->second], nullptr);
  // A multi-step episode further along: its prompt is a prefix of the conversation, and the
  // oracle acts on the observations that follow (text only, as the wire carries them).
  for (size_t size : prompt_sizes_) {
    if (size >= turns.size()) continue;
    const std::vector<Turn> prefix(turns.begin(), turns.begin() + static_cast<long>(size));
    auto p = by_turns_.find(KeyOf(prefix, tool_names));
    if (p == by_turns_.end()) p = by_turns_.find(KeyOf(prefix, {}));
    if (p == by_turns_.end() || !known_[p->second].episode->multi) continue;
    std::vector<Message> conversation;
    for (const auto& t : turns) conversation.push_back(Message{ParseRole(t.role).value_or(Role::kUser), t.text, {}});
    return Answer(&known_[p->second], &conversation);
  }
  return Answer(nullptr, nullptr);
}

Message ConversationOracle::ReplyToPrompt(const std::string& prompt) const {
  auto it = by_prompt_.find(prompt);
  return Answer(it == by_prompt_.end() ? nullptr : &known_[it->second], nullptr);
}

}  // namespace toolshift::testing
