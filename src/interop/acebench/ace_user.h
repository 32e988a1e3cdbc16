// The simulated user of ACEBench's multi_turn agent records (SPEC.md section 8), as a
// SimulatedUser (src/core/sim_user.h) that toolshift's episode loop plays.
//
// AceUserBrief is the user model's system prompt, in toolshift's words but with ACEBench's
// rules: the role, the record's instruction, then the rules of its scene (phone platform or
// travel): one line a message, reveal only what the current step needs, invent nothing, and the
// separate line "finish conversation" once every task is done. The user's chat opens with
// ACEBench's first user-role message; the dialogue is capped at ACEBench's 40 messages.
//
// AceUser adds the offline stand-in: it opens with the instruction itself, answers questions
// about facts the instruction states (user id, password, full names...), says "Yes" to
// confirmation questions, and "finish conversation" when the agent reports success or asks
// whether anything else is needed (and whenever it has nothing left to say). It cannot do what
// SPEC.md says a stand-in cannot (choose among offered options, reveal facts turn by turn):
// scores with it are not comparable to ACEBench's published multi_turn numbers.
#ifndef TOOLSHIFT_INTEROP_ACEBENCH_ACE_USER_H_
#define TOOLSHIFT_INTEROP_ACEBENCH_ACE_USER_H_

#include <string>
#include <string_view>

#include "src/core/sim_user.h"

namespace toolshift::acebench {

enum class AceScene { kPhone, kTravel };

inline constexpr std::string_view kAceUserOpening = "Is there anything you need help with today?";
inline constexpr std::string_view kAceFinishPhrase = "finish conversation";
inline constexpr int kAceMaxMessages = 40;

// The scene of a record from the classes it involves: travel when it names the travel API,
// the phone platform otherwise (BaseApi, MessageApi, ReminderApi, FoodPlatform).
AceScene SceneOf(std::string_view involved_classes);

// The user model's system prompt for a record whose question is `instruction`.
std::string AceUserBrief(AceScene scene, const std::string& instruction);

// The whole simulated user: brief, opening, finish phrase, cap and the scripted stand-in.
SimulatedUser AceUser(AceScene scene, const std::string& instruction);

}  // namespace toolshift::acebench

#endif  // TOOLSHIFT_INTEROP_ACEBENCH_ACE_USER_H_
