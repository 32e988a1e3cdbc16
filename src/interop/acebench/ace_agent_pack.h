// ACEBench's agent episodes (SPEC.md 6.1-6.5) played through the acebench pack (ace_pack.h
// delegates agent records here), against the phone-platform and travel scenes (ace_phone.h).
//
// The loop is toolshift's shared episode loop; this file gives it ACEBench's mechanics:
//   - every agent reply goes to the executor: its calls run on the scene, created at the first
//     reply that decodes (ACEBench creates its objects there; none → the end state is []);
//     a reply that does not decode (prose) is answered with kNoQuestionsReply and runs nothing;
//     a reply that decodes to no call (a bare word) runs nothing and is answered with [];
//   - a reply containing "finish conversation" ends the episode without running (ACEBench
//     stops before the executor sees it);
//   - at most 20 agent replies (ACEBench's 40-message cap of alternating agent/executor
//     messages);
//   - pythonic replies are read by ACEBench's agent-side decoder (3.3), hermes with its
//     standard tags by the <tool_call> decoder, other dialects by their own parser.
// The verdict: the end state (replayed from the trajectory's calls through a fresh scene, so a
// re-scored recording gets the same verdict) checked by CheckEndState, and the process (agent
// replies that reached the executor) by ProcessAccuracy against the milestones.
//
// agent_multi_turn (SPEC.md 6.2) differs: a reply goes to the executor only when it holds a
// one-line [...] and decodes whole as calls (hermes: holds a <tool_call> block), else to the
// simulated user (multi_step.user, played by the episode loop); an execution stops at the first
// call that raises and answers with ACEBench's character list (ace_phone.h), and an execution
// that raises creates no scene; the process is the replies that reached the executor.
//
// Deviations (docs/acebench.md): "finish conversation" in the very first reply also ends the
// episode (ACEBench lets the executor answer it); a native-dialect reply without calls gets the
// loop's parse-error notice, not kNoQuestionsReply (a native tool message must answer a call).
#ifndef TOOLSHIFT_INTEROP_ACEBENCH_ACE_AGENT_PACK_H_
#define TOOLSHIFT_INTEROP_ACEBENCH_ACE_AGENT_PACK_H_

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "src/interop/acebench/ace_pack.h"
#include "src/scoring/episode_pack.h"

namespace toolshift::acebench {

inline constexpr std::string_view kNoQuestionsReply =
    "Please do not ask me any questions, use the known conditions to solve the problem";
inline constexpr std::string_view kFinishPhrase = "finish conversation";
inline constexpr int kMaxDialogMessages = 40;                 // ACEBench's max_dialog_turns
inline constexpr int kMaxAgentReplies = kMaxDialogMessages / 2;  // agent and executor alternate

// Stand-in calls the parser gives the loop for replies that run nothing (never shown to a model
// as calls; the scene never sees them).
inline constexpr std::string_view kProseCall = "acebench:prose";
inline constexpr std::string_view kNoCallsCall = "acebench:no_calls";

// The agent part of an episode's pack data (pointers into the episode).
struct AgentEntry {
  std::vector<std::string> involved_classes;
  const Json* initial_config = nullptr;
  const Json* mile_stone = nullptr;
  bool chinese = false;     // the Chinese scenes
  bool multi_turn = false;  // agent_multi_turn: routing, a simulated user, multi_turn's executor
};

// Throws FieldError ("multi_step.pack_data.<field>") when the agent fields are unusable.
AgentEntry ReadAgentEntry(const Episode& episode);

PackRules AgentRules();
std::unique_ptr<PackSession> StartAgent(const Episode& episode);
ParseResult ParseAgentReply(const Episode& episode, const Dialect& dialect, const Message& reply,
                            const ReplyLimits& limits);
std::vector<Message> RenderAgent(const Dialect& dialect, const std::vector<ToolCall>& calls,
                                 const std::vector<Json>& results);
EpisodeVerdict ScoreAgent(const Episode& episode, const Trajectory& trajectory);

// What an agent trajectory leaves as ACEBench records it: the end state and the process.
struct AgentRun {
  Json result = Json::array();
  std::vector<std::string> process;
};
AgentRun ReplayAgent(const Episode& episode, const Trajectory& trajectory);

// ACEBench's verdict on a recorded end state and process ({"id", "result", "process"} lines).
EpisodeVerdict AgentVerdict(const Episode& episode, const Json& result, const std::vector<std::string>& process,
                            int steps);

}  // namespace toolshift::acebench

#endif  // TOOLSHIFT_INTEROP_ACEBENCH_ACE_AGENT_PACK_H_
