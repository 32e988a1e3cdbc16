// MultiStepTask: what turns an episode into a multi-step one — a simulated environment to
// act on, the minimal plan that solves it, and what a solved episode looks like.
//
// The model acts turn by turn: its calls run against the environment (src/envs), the
// results come back as observations, and it goes on until it answers without a call. Some
// episodes are multi-turn: after that answer a scripted user follow-up starts the next turn.
//
// Success is judged on outcomes, not on one path: the final environment state must match
// `expected_state` on the fields the task is about, the `required_calls` (the plan's calls
// that change the world, with the values they must carry) must appear, in order when
// `ordered`, and each turn's final answer must match its pattern.
//
// Plan arguments may reference an earlier observation of the same turn instead of a value:
// {"$from": "S.C/pointer"} is the JSON-pointer `pointer` into the result of call C of step S
// (both 0-based). The reference oracle resolves them against what it was shown — that is how
// it "reads" observations; `required_calls` holds the values they resolve to.
#ifndef TOOLSHIFT_CORE_MULTI_STEP_H_
#define TOOLSHIFT_CORE_MULTI_STEP_H_

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "src/core/json.h"
#include "src/core/sim_user.h"
#include "src/core/tool.h"

namespace toolshift {

struct UserTurn {
  std::string user;  // the follow-up user message; empty for the first turn (in Episode::messages)
  std::vector<std::vector<ToolCall>> plan;  // the calls of each model step, in order
  std::string answer;          // the final answer an oracle gives (concrete words)
  std::string answer_pattern;  // RE2 (partial match, case-insensitive) the answer must match; empty = any
};

// How a shown tool name maps back to the environment's (format shifts rename tools and
// parameters; the environment keeps its own names).
struct EnvName {
  std::string tool;
  // shown parameter -> environment parameter; "" = the environment does not take it (a
  // parameter a shift added); absent = same name
  std::map<std::string, std::string> params;
};

struct MultiStepTask {
  std::string env;              // environment name (src/envs/environment.h)
  Json initial_state = Json::object();
  std::vector<UserTurn> turns;  // at least one
  Json expected_state = Json::object();  // a subset of the final state, compared field by field
  std::vector<ToolCall> required_calls;  // each call's arguments: the values it must carry (a subset)
  bool ordered = true;                   // required_calls must appear in this order
  int max_steps = 0;                     // model replies allowed; 0 = MinimalSteps() * 2 + 2
  std::map<std::string, EnvName> names;  // shown tool -> environment names; absent = same names
  // An external benchmark's episode (src/scoring/episode_pack.h): the pack that plays and judges
  // it, and that pack's own data, opaque here. `env` then names the pack's environment family
  // and `initial_state`, `expected_state` and `required_calls` are informative only.
  std::string pack;
  Json pack_data = Json::object();
  // A simulated user (src/core/sim_user.h) instead of fixed follow-ups: the agent's replies
  // without a call go to it and its answers are the next user turns. `turns` then says what the
  // dialogue is expected to be (the plan of each turn, and as follow-ups what the scripted user
  // says when its script has no rule for the agent's message).
  std::optional<SimulatedUser> user;

  // Model replies an ideal run needs: one per plan step plus one answer per turn.
  int MinimalSteps() const;
  int StepLimit() const { return max_steps > 0 ? max_steps : MinimalSteps() * 2 + 2; }
  // Translates a call as the model made it into the environment's names.
  ToolCall ToEnv(const ToolCall& shown) const;
};

// The value a "$from" reference designates in `observations` (per step, per call);
// nullopt when the step, call or pointer does not exist.
std::optional<Json> ResolveReference(const std::string& ref, const std::vector<std::vector<Json>>& observations);
// A copy of `args` with every {"$from": ...} replaced; unresolvable references become null.
Json ResolveArguments(const Json& args, const std::vector<std::vector<Json>>& observations);
// A copy of `value` in which every node `replace` returns a value for is replaced by it
// (objects and arrays it does not replace are rewritten member by member).
Json RewriteValues(const Json& value, const std::function<std::optional<Json>(const Json&)>& replace);
// True if `value` is a {"$from": "..."} reference.
bool IsReference(const Json& value);

Json ToJson(const MultiStepTask& task);
// Validates against the episode's tools; throws FieldError with paths under "multi_step.".
MultiStepTask ParseMultiStep(const Json& j, const std::vector<Tool>& tools);

}  // namespace toolshift

#endif  // TOOLSHIFT_CORE_MULTI_STEP_H_
