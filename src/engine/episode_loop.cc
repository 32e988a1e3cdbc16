#include "src/engine/episode_loop.h"

#include "src/core/input_error.h"
#include "src/dialects/observation.h"
#include "src/dialects/prompt_builder.h"

namespace toolshift {

EpisodeLoop::EpisodeLoop(const Episode& episode, const ReplyLimits& limits) : episode_(episode), limits_(limits) {
  if (!episode.multi) throw std::logic_error("EpisodeLoop needs a multi-step episode");
  dialect_ = MakeDialect(episode.dialect, episode.presentation);
  env_ = FindEnvironment(episode.multi->env);
  if (!dialect_) throw InputError("episode " + episode.id + ": unknown dialect '" + episode.dialect + "'");
  if (!env_) throw InputError("episode " + episode.id + ": unknown environment '" + episode.multi->env + "'");
  conversation_ = BuildPrompt(episode, *dialect_);
  trajectory_.final_state = episode.multi->initial_state;
}

bool EpisodeLoop::IsLoop(const std::vector<ToolCall>& calls) const {
  // The same calls (names and arguments) in kLoopRepeats consecutive steps, this one included.
  int same = 1;
  for (auto it = trajectory_.steps.rbegin(); it != trajectory_.steps.rend() && same < kLoopRepeats; ++it) {
    if (it->kind != TrajectoryStep::Kind::kCalls || it->calls.size() != calls.size()) break;
    bool equal = true;
    for (size_t i = 0; i < calls.size() && equal; ++i) {
      equal = it->calls[i].name == calls[i].name && it->calls[i].arguments == calls[i].arguments;
    }
    if (!equal) break;
    ++same;
  }
  return same >= kLoopRepeats;
}

void EpisodeLoop::Feed(const Message& reply) {
  if (done()) throw std::logic_error("EpisodeLoop::Feed after the episode ended");
  const MultiStepTask& task = *episode_.multi;
  TrajectoryStep step;
  step.turn = turn_;
  step.reply = reply;
  step.parse = ParseWithinLimits(*dialect_, reply, episode_.tools, limits_);
  Message said = reply;
  std::vector<Message> after;
  switch (step.parse.status) {
    case ParseResult::Status::kMalformed:
      step.kind = TrajectoryStep::Kind::kMalformed;
      after.push_back(ParseErrorNotice(step.parse.error));
      break;
    case ParseResult::Status::kNoCall:
      step.kind = TrajectoryStep::Kind::kAnswer;
      trajectory_.answers.push_back(reply.content);
      if (++turn_ < static_cast<int>(task.turns.size())) {
        after.push_back(Message{Role::kUser, task.turns[turn_].user, {}});
      } else {
        trajectory_.end = Trajectory::End::kFinished;
      }
      break;
    case ParseResult::Status::kCalls: {
      step.kind = TrajectoryStep::Kind::kCalls;
      std::vector<ToolCall> shown = step.parse.calls;
      const int n = static_cast<int>(trajectory_.steps.size());
      for (size_t i = 0; i < shown.size(); ++i) {
        // Native tool results must name the call they answer; backends that give no ids get ours.
        if (shown[i].id.empty()) shown[i].id = "call_" + std::to_string(n) + "_" + std::to_string(i);
      }
      if (dialect_->is_native()) said.tool_calls = shown;
      for (const auto& c : shown) {
        // A name the episode does not offer is unknown even if the environment has a tool of that
        // name under another spelling (renamed by a format shift).
        // Arguments are checked against the schema the model was shown, so refusals use its names.
        const Tool* offered = FindTool(episode_.tools, c.name);
        const std::string refused = offered ? SchemaViolation(*offered, c.arguments) : "unknown tool '" + c.name + "'";
        ToolCall env_call = offered ? task.ToEnv(c) : c;
        Json result;
        try {
          result = refused.empty() ? env_->Execute(env_call, trajectory_.final_state) : Json{{"error", refused}};
        } catch (const StateError& e) {
          throw InputError("episode " + episode_.id + ": multi_step.initial_state: " + e.what());
        }
        step.calls.push_back(std::move(env_call));
        step.results.push_back(std::move(result));
      }
      for (auto& m : RenderObservations(*dialect_, shown, step.results)) after.push_back(std::move(m));
      if (IsLoop(step.calls)) trajectory_.end = Trajectory::End::kLoop;
      break;
    }
  }
  trajectory_.steps.push_back(std::move(step));
  conversation_.push_back(std::move(said));
  for (auto& m : after) conversation_.push_back(std::move(m));
  if (!done() && static_cast<int>(trajectory_.steps.size()) >= task.StepLimit()) {
    trajectory_.end = Trajectory::End::kStepLimit;
  }
}

void EpisodeLoop::Replay(const std::vector<Message>& replies) {
  for (const auto& r : replies) {
    if (done()) break;
    Feed(r);
  }
}

}  // namespace toolshift
