// SimulatedUser: the user side of a multi-turn episode played tau-bench style — a model (or a
// deterministic script) that talks with the agent instead of a fixed list of follow-ups.
//
// The user model is briefed by `brief` (its system prompt) and opened by `opening` (the first
// user-role message of its own chat, e.g. "Is there anything you need help with today?"); its
// answers are what the agent reads as the user's turns. It sees only the agent's messages
// addressed to it (replies without a call), never tool results. The conversation ends when
// either side says `finish_phrase`, or once `max_messages` messages (both sides) have passed.
//
// `script` is the offline stand-in, deterministic (src/engine/scripted_user.h): for each agent
// message it picks the first unused rule whose pattern matches, else the episode's next scripted
// follow-up turn, else `otherwise`; an agent message matching `finish_if` (or no reply left to
// give) makes it say the finish phrase.
#ifndef TOOLSHIFT_CORE_SIM_USER_H_
#define TOOLSHIFT_CORE_SIM_USER_H_

#include <string>
#include <vector>

#include "src/core/json.h"

namespace toolshift {

struct ScriptRule {
  std::string pattern;  // RE2, case-insensitive partial match on the agent's message
  std::string reply;    // what the user says; each rule is used at most once
};

struct UserScript {
  std::vector<ScriptRule> rules;
  std::string otherwise;  // no rule matched; empty = say the finish phrase
  std::string finish_if;  // RE2: an agent message matching it is answered with the finish phrase
};

struct SimulatedUser {
  std::string brief;     // the user model's system prompt
  std::string opening;   // the first user-role message of the user model's chat
  std::string finish_phrase = "finish conversation";
  int max_messages = 40;  // messages of the dialogue (both sides, the opening's answer included)
  UserScript script;
};

Json ToJson(const SimulatedUser& user);
// Throws FieldError with paths under `field` (e.g. "multi_step.user").
SimulatedUser ParseSimulatedUser(const Json& j, const std::string& field);

}  // namespace toolshift

#endif  // TOOLSHIFT_CORE_SIM_USER_H_
