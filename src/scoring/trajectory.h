// Trajectory: what happened in a multi-step episode — each model step (its reply, the calls
// that ran and what they returned), each turn's final answer, the environment's final
// state, and why it ended. The episode loop (src/engine/episode_loop.h) produces it; the
// trajectory scorer judges it.
#ifndef TOOLSHIFT_SCORING_TRAJECTORY_H_
#define TOOLSHIFT_SCORING_TRAJECTORY_H_

#include <string>
#include <string_view>
#include <vector>

#include "src/core/json.h"
#include "src/core/message.h"
#include "src/dialects/dialect.h"

namespace toolshift {

struct TrajectoryStep {
  enum class Kind { kCalls, kMalformed, kAnswer };
  Kind kind = Kind::kAnswer;
  int turn = 0;                  // which user turn it belongs to
  Message reply;                 // the model's reply as received
  // A simulated user's messages (MultiStepTask::user) said since the previous step, in order:
  // what this step answers.
  std::vector<std::string> user_before;
  ParseResult parse;             // the reply read in the episode's dialect
  std::vector<ToolCall> calls;   // kCalls: what ran, in the environment's names
  std::vector<Json> results;     // kCalls: each call's observation ({"error": ...} if refused)
};

struct Trajectory {
  enum class End { kRunning, kFinished, kStepLimit, kLoop };
  std::vector<TrajectoryStep> steps;
  std::vector<std::string> answers;  // the final answer of each finished turn
  Json final_state = Json::object();
  End end = End::kRunning;
  // Replayed from replies recorded grouped by user turn (a benchmark's result file): how many
  // turns the recording held; -1 when not replayed so; kNotAListOfTurns when the recording
  // was not a list of turns at all.
  int recorded_turns = -1;
};

inline constexpr int kNotAListOfTurns = -2;

std::string_view EndName(Trajectory::End end);
std::string_view StepKindName(TrajectoryStep::Kind kind);

}  // namespace toolshift

#endif  // TOOLSHIFT_SCORING_TRAJECTORY_H_
