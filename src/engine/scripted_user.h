// The scripted user: the deterministic, offline stand-in for a user model (the default of
// `toolshift run`; --user-model replaces it). It plays an episode's SimulatedUser::script.
//
// Stateless: its reply is a function of the user's chat alone (src/core/sim_user.h), which is
// how a resumed or re-scored episode gets the same user turns. For the k-th agent message (the
// chat's user-role messages after the opening, k from 1) it says, in this order:
//   - the finish phrase if the message matches script.finish_if;
//   - the first rule not used by an earlier agent message whose pattern matches;
//   - the episode's turns[k].user (its scripted follow-ups), while there is one;
//   - script.otherwise, or the finish phrase when that is empty.
// Asked before any agent message (the dialogue's opening), it says the first rule's reply
// whose pattern matches the opening text, else `otherwise`.
#ifndef TOOLSHIFT_ENGINE_SCRIPTED_USER_H_
#define TOOLSHIFT_ENGINE_SCRIPTED_USER_H_

#include <string>
#include <vector>

#include "adapters/adapter.h"
#include "src/core/message.h"
#include "src/core/multi_step.h"

namespace toolshift {

// The user's next message given its chat so far (system brief, opening, then its own messages
// as assistant and the agent's as user).
// `task.user` must be set.
std::string ScriptedUserReply(const MultiStepTask& task, const std::vector<Message>& chat);

// The scripted user as an adapter: reads the episode's user from ChatRequest::episode.
// Instant and deterministic, so neither cached nor journaled apart from the episode (a resumed
// episode asks it again).
class ScriptedUserAdapter : public Adapter {
 public:
  std::string name() const override { return "scripted"; }
  ChatResponse Complete(const ChatRequest& request) override;
  bool cacheable() const override { return false; }
  bool journaled() const override { return false; }  // its turns follow from the replies
};

}  // namespace toolshift

#endif  // TOOLSHIFT_ENGINE_SCRIPTED_USER_H_
