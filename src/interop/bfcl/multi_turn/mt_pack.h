// MultiTurnPack: BFCL v4's multi-turn categories as an episode pack (src/scoring/episode_pack.h).
//
// Mechanics, as BFCL's inference loop (model_handler/base_handler.py) plays an entry:
//   - each turn's user message is appended; the model steps until a reply decodes to no call
//     or fails to decode (the turn ends, no notice); the 21st calling step of one turn
//     force-terminates the entry (MAXIMUM_STEP_LIMIT = 20); no loop detector;
//   - miss_func: at the turn BFCL names, the held-out functions come back with BFCL's message —
//     for text dialects (BFCL's prompting and local FC models) the Python str() of their docs,
//     a newline and "I have updated some more functions you can choose from. What about now?";
//     for native (API FC models) that sentence alone, the tools being offered out of band;
//   - calls run on the model's instances of the involved classes (mt_executor.h); results are
//     shown as each dialect shows tool output: hermes as Qwen's template renders tool messages
//     (<tool_response>\n<result text>\n</tool_response> blocks in one user turn), native as tool
//     messages carrying the text, other dialects in their own convention;
//   - pythonic replies are decoded by BFCL's prompting decoder, hermes replies (standard tags)
//     by Qwen's FC decoder, structured calls as API FC models' are.
// Verdicts come from BFCL's checker (mt_checker.h) run on the trajectory's decoded steps.
#ifndef TOOLSHIFT_INTEROP_BFCL_MULTI_TURN_MT_PACK_H_
#define TOOLSHIFT_INTEROP_BFCL_MULTI_TURN_MT_PACK_H_

#include "src/interop/bfcl/multi_turn/mt_checker.h"
#include "src/scoring/episode_pack.h"

namespace toolshift::bfcl {

inline constexpr int kMaximumStepLimit = 20;  // BFCL's MAXIMUM_STEP_LIMIT
inline constexpr std::string_view kAdditionalFunctionMessage =
    "I have updated some more functions you can choose from. What about now?";

class MultiTurnPack : public EpisodePack {
 public:
  std::string_view name() const override { return kPackName; }
  void Validate(const Episode& episode) const override;
  PackRules rules(const Episode& episode) const override;
  std::vector<std::string> InitialTools(const Episode& episode) const override;
  std::unique_ptr<PackSession> Start(const Episode& episode) const override;
  ParseResult Parse(const Episode& episode, const Dialect& dialect, const Message& reply,
                    const ReplyLimits& limits) const override;
  std::vector<Message> Render(const Dialect& dialect, const std::vector<ToolCall>& calls,
                              const std::vector<Json>& results) const override;
  EpisodeVerdict Score(const Episode& episode, const Trajectory& trajectory) const override;
  // The checker plays the model's calls on instances of its own, as BFCL's does.
  bool ScoresWithoutSession(const Episode&) const override { return true; }
};

// The checker's input from a trajectory: each turn's calling steps as call strings.
DecodedTurns DecodedTurnsOf(const Trajectory& trajectory);
// How many turns a trajectory holds, as BFCL counts the turns of a result.
size_t RecordedTurnsOf(const Episode& episode, const Trajectory& trajectory);
// BFCL's verdict as toolshift's. A calls step without results (a replay without a session,
// MultiTurnPack::ScoresWithoutSession) takes its results for the diagnostics from
// `model_results`, the checker's model side (CheckMultiTurn), in the steps' order.
EpisodeVerdict ToEpisodeVerdict(const Episode& episode, const Trajectory& trajectory, const BfclVerdict& verdict,
                                const std::vector<std::vector<std::string>>* model_results = nullptr);

}  // namespace toolshift::bfcl

#endif  // TOOLSHIFT_INTEROP_BFCL_MULTI_TURN_MT_PACK_H_
