#include "tests/server/conversation_oracle.h"

#include "adapters/openai/openai_adapter.h"
#include "adapters/reference/reference_policies.h"
#include "src/dialects/prompt_builder.h"
#include "src/engine/scripted_user.h"

namespace toolshift::testing {
namespace {

std::string KeyOf(const std::vector<Turn>& turns, const std::vector<std::string>& tool_names) {
  std::string key;
  for (const auto& t : turns) key += t.role + "\x1e" + t.text + "\x1f";
  key += "\x1d";
  for (const auto& n : tool_names) key += n + ",";
  return key;
}

// How many object keys and scalar values of `state` occur in `text` (walked without recursion).
size_t StateSeen(const Json& state, const std::string& text) {
  size_t seen = 0;
  std::vector<const Json*> stack = {&state};
  while (!stack.empty()) {
    const Json* j = stack.back();
    stack.pop_back();
    if (j->is_object()) {
      for (auto it = j->begin(); it != j->end(); ++it) {
        seen += it.key().size() > 2 && text.find(it.key()) != std::string::npos;
        stack.push_back(&it.value());
      }
    } else if (j->is_array()) {
      for (const auto& v : *j) stack.push_back(&v);
    } else {
      const std::string v = j->is_string() ? j->get<std::string>() : j->dump();
      seen += v.size() > 2 && text.find(v) != std::string::npos;
    }
  }
  return seen;
}

}  // namespace

ConversationOracle::ConversationOracle(const std::vector<Suite>& suites) {
  for (const auto& s : suites) {
    for (const auto& e : s.episodes) {
      auto dialect = MakeDialect(e.dialect, e.presentation);
      known_.push_back(Known{&s, &e, BuildPrompt(e, *dialect)});
      if (e.multi && e.multi->user) by_brief_.emplace(e.multi->user->brief, &e);
    }
  }
  // Indexed after known_ stops growing; native requests carry tool names, text ones do not.
  for (size_t i = 0; i < known_.size(); ++i) {
    std::vector<Turn> turns;
    for (const auto& m : known_[i].prompt) turns.push_back({std::string(RoleName(m.role)), m.content});
    std::vector<std::string> names;
    for (const auto& t : known_[i].episode->tools) names.push_back(t.name);
    prompt_sizes_.insert(turns.size());
    by_turns_[KeyOf(turns, {})].push_back(i);
    by_turns_[KeyOf(turns, names)].push_back(i);
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

const ConversationOracle::Known* ConversationOracle::Disambiguate(const std::vector<size_t>& candidates,
                                                                const std::vector<Turn>& turns, size_t prefix) const {
  // The follow-ups among the user turns after the prompt (some dialects send observations as
  // user turns too): those that are the scripted follow-up of any candidate.
  std::set<std::string> scripted_texts;
  for (size_t c : candidates) {
    if (!known_[c].episode->multi) continue;
    for (const auto& t : known_[c].episode->multi->turns) scripted_texts.insert(t.user);
  }
  std::vector<const std::string*> follow_ups;
  for (size_t i = prefix; i < turns.size(); ++i) {
    if (turns[i].role == "user" && scripted_texts.count(turns[i].text)) follow_ups.push_back(&turns[i].text);
  }
  // Of those consistent with the follow-ups, the one whose world the observations show: the
  // most keys and values of its initial state found in the turns after the prompt.
  std::string shown;
  for (size_t i = prefix; i < turns.size(); ++i) {
    if (turns[i].role != "assistant") shown += turns[i].text + "\n";
  }
  const Known* best = nullptr;
  size_t best_score = 0;
  for (size_t c : candidates) {
    const Known& k = known_[c];
    if (!k.episode->multi) continue;
    const auto& scripted = k.episode->multi->turns;  // turns[0] is the prompt itself
    if (follow_ups.size() >= scripted.size()) continue;
    bool same = true;
    for (size_t i = 0; i < follow_ups.size() && same; ++i) same = *follow_ups[i] == scripted[i + 1].user;
    if (!same) continue;
    const size_t score = candidates.size() == 1 ? 0 : StateSeen(k.episode->multi->initial_state, shown);
    if (!best || score > best_score) {
      best = &k;
      best_score = score;
    }
  }
  return best;
}

bool ConversationOracle::IsUserChat(const std::vector<Turn>& turns) const {
  return !turns.empty() && turns.front().role == "system" && by_brief_.count(turns.front().text) > 0;
}

Message ConversationOracle::Reply(const std::vector<Turn>& turns, const std::vector<std::string>& tool_names) const {
  if (IsUserChat(turns)) {  // the user's side: what the scripted user would say
    std::vector<Message> chat;
    for (const auto& t : turns) chat.push_back(Message{ParseRole(t.role).value_or(Role::kUser), t.text, {}});
    return Message{Role::kAssistant, ScriptedUserReply(*by_brief_.at(turns.front().text)->multi, chat), {}};
  }
  auto it = by_turns_.find(KeyOf(turns, tool_names));
  if (it == by_turns_.end()) it = by_turns_.find(KeyOf(turns, {}));
  // The first request: episodes sharing it ask the same first turn, so any of them answers it.
  if (it != by_turns_.end()) return Answer(&known_[it->second.front()], nullptr);
  // A multi-step episode further along: its prompt is a prefix of the conversation, and the
  // oracle acts on the observations that follow (text only, as the wire carries them).
  for (size_t size : prompt_sizes_) {
    if (size >= turns.size()) continue;
    const std::vector<Turn> prefix(turns.begin(), turns.begin() + static_cast<long>(size));
    auto p = by_turns_.find(KeyOf(prefix, tool_names));
    if (p == by_turns_.end()) p = by_turns_.find(KeyOf(prefix, {}));
    if (p == by_turns_.end()) continue;
    const Known* known = Disambiguate(p->second, turns, size);
    if (!known) continue;
    std::vector<Message> conversation;
    for (const auto& t : turns) conversation.push_back(Message{ParseRole(t.role).value_or(Role::kUser), t.text, {}});
    return Answer(known, &conversation);
  }
  return Answer(nullptr, nullptr);
}

Message ConversationOracle::ReplyToPrompt(const std::string& prompt) const {
  auto it = by_prompt_.find(prompt);
  return Answer(it == by_prompt_.end() ? nullptr : &known_[it->second], nullptr);
}

}  // namespace toolshift::testing
