// ConversationOracle: recognises a conversation toolshift rendered for an episode of the
// given suites and answers it as the reference oracle would.
//
// Real backends never see ground truth, and neither do the test server and the exec test
// runner: they get what toolshift sends (role and text of each turn, the offered tool names,
// or a prompt rendered with a chat template) and look the episode up by it. An unknown
// conversation gets a plain-text reply, which toolshift scores as no call.
//
// It also plays simulated users (multi_step.user): a chat whose system turn is an episode's
// user brief is answered as the scripted user would (src/engine/scripted_user.h), so the
// server can stand for a --user-model.
#ifndef TOOLSHIFT_TESTS_SERVER_CONVERSATION_ORACLE_H_
#define TOOLSHIFT_TESTS_SERVER_CONVERSATION_ORACLE_H_

#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "src/core/message.h"
#include "src/core/suite.h"

namespace toolshift::testing {

struct Turn {
  std::string role;
  std::string text;
};

class ConversationOracle {
 public:
  // Indexes the episodes of `suites`, which must outlive the oracle.
  explicit ConversationOracle(const std::vector<Suite>& suites);

  // The oracle's reply to a chat conversation offering `tool_names` (empty when the tools
  // were rendered into the prompt).
  Message Reply(const std::vector<Turn>& turns, const std::vector<std::string>& tool_names) const;
  // Whether `turns` is a simulated user's chat (its system turn an episode's user brief).
  bool IsUserChat(const std::vector<Turn>& turns) const;
  // The oracle's reply to a raw prompt rendered with the chatml, llama3 or plain template.
  Message ReplyToPrompt(const std::string& prompt) const;

 private:
  struct Known {
    const Suite* suite;
    const Episode* episode;
    std::vector<Message> prompt;
  };
  Message Answer(const Known* known, const std::vector<Message>* conversation) const;
  // Of the episodes whose prompt is `prefix` (several multi-turn episodes share their first
  // request and differ only in their follow-ups), the one whose scripted follow-ups are the
  // user turns that came after it; nullptr when none is.
  const Known* Disambiguate(const std::vector<size_t>& candidates, const std::vector<Turn>& turns,
                            size_t prefix) const;

  std::vector<Known> known_;
  // Prompt key -> every episode with that prompt, in suite order.
  std::unordered_map<std::string, std::vector<size_t>> by_turns_;
  std::unordered_map<std::string, size_t> by_prompt_;
  std::set<size_t> prompt_sizes_;
  std::unordered_map<std::string, const Episode*> by_brief_;  // simulated users' briefs  // turns in the known prompts (multi-step lookups try each prefix)
};

}  // namespace toolshift::testing

#endif  // TOOLSHIFT_TESTS_SERVER_CONVERSATION_ORACLE_H_
