// The import of ACEBench's agent records (SPEC.md 1.2, 2.3, 6, 8, 10), English and Chinese: one
// record becomes a multi-step episode of the acebench pack (ace_agent_pack.h) with the record's
// function list as tools, instructions that carry ACEBench's rules (multi_step: the agent works
// alone from the user's instruction; multi_turn: the domain policies, and ACEBench's simulated
// user briefed with the record's question), and an oracle plan.
//
// The oracle plan is derived from the ground-truth end state, not copied from the milestones
// (which do not reach it in 8 of 20 English records even once their syntax is repaired,
// SPEC.md section 10): the planner compares the GT with the scene's initial state and emits,
// one call per step, turn_on_wifi / login_device when the initial config needs them, a
// food-platform login per GT logged-in user and an order per GT order, a delete_message per
// initial message the GT lacks, a send_message per new GT message (in id order), an
// add_reminder per new GT reminder, a modify_flight per changed GT reservation and a
// reserve_flight per new one. The plan is then run on a fresh scene and checked against
// the GT; a record it cannot satisfy is marked unpassable with the checker's words.
#ifndef TOOLSHIFT_INTEROP_ACEBENCH_ACE_AGENT_IMPORT_H_
#define TOOLSHIFT_INTEROP_ACEBENCH_ACE_AGENT_IMPORT_H_

#include <string>
#include <vector>

#include "src/core/json.h"
#include "src/core/tool.h"

namespace toolshift::acebench {

// The calls (one per step) that bring a fresh scene of `involved` loaded with
// `initial_config` to `ground_truth` (its {ClassName: attributes} list).
std::vector<ToolCall> PlanFromEndState(const std::vector<std::string>& involved, const Json& initial_config,
                                       const Json& ground_truth, bool chinese = false);

// The episode JSON of one agent record (the category from its id); `tools`/`names` as the
// importer built them. agent_multi_turn episodes carry ACEBench's simulated user
// (multi_step.user, ace_user.h) and no user message: the user opens the dialogue.
// Throws FieldError naming the record's field.
Json BuildAgentEpisode(const Json& question, const Json& answer, bool chinese, const std::string& dialect,
                       Json tools, Json names);

// "" when the oracle plan of an agent episode's pack data reaches its ground truth, else the
// checker's reason.
std::string AgentSelfCheck(const Json& episode);

}  // namespace toolshift::acebench

#endif  // TOOLSHIFT_INTEROP_ACEBENCH_ACE_AGENT_IMPORT_H_
