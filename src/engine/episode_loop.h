// EpisodeLoop: plays one multi-step episode, one model reply at a time.
//
//   conversation() → the backend → Feed(reply) → ... until done()
//
// Feed() reads the reply in the episode's dialect. Calls run against the episode's
// environment (names translated back from any format shift) and their results are appended
// as observations in the dialect's convention; a broken call attempt gets a notice and the
// model may try again; a reply without calls is the turn's final answer, after which the
// next scripted user turn (if any) is appended. The loop ends when the last turn is
// answered, at the step limit, or when the model repeats the same calls kLoopRepeats steps
// in a row (a loop: continuing would only burn the budget).
//
// It is deterministic: the same replies give the same trajectory. That is how a run is
// journaled and re-scored — by its replies alone — and how resumption rebuilds an episode.
#ifndef TOOLSHIFT_ENGINE_EPISODE_LOOP_H_
#define TOOLSHIFT_ENGINE_EPISODE_LOOP_H_

#include <memory>
#include <vector>

#include "src/core/episode.h"
#include "src/dialects/dialect.h"
#include "src/envs/environment.h"
#include "src/scoring/reply_limits.h"
#include "src/scoring/trajectory.h"

namespace toolshift {

inline constexpr int kLoopRepeats = 3;

class EpisodeLoop {
 public:
  // `episode` must be multi-step and outlive the loop; throws InputError for an unknown
  // environment or dialect.
  explicit EpisodeLoop(const Episode& episode, const ReplyLimits& limits = {});

  // What the backend is sent next (the prompt, then every reply and observation so far).
  const std::vector<Message>& conversation() const { return conversation_; }
  bool done() const { return trajectory_.end != Trajectory::End::kRunning; }
  // Applies the model's next reply. Must not be called once done().
  void Feed(const Message& reply);
  // Replays `replies` from the start (a journaled or recorded episode); stops early if the
  // episode ends before they run out.
  void Replay(const std::vector<Message>& replies);

  const Trajectory& trajectory() const { return trajectory_; }
  const Episode& episode() const { return episode_; }
  const Dialect& dialect() const { return *dialect_; }

 private:
  bool IsLoop(const std::vector<ToolCall>& calls) const;

  const Episode& episode_;
  ReplyLimits limits_;
  std::unique_ptr<Dialect> dialect_;
  const Environment* env_;
  std::vector<Message> conversation_;
  Trajectory trajectory_;
  int turn_ = 0;
};

}  // namespace toolshift

#endif  // TOOLSHIFT_ENGINE_EPISODE_LOOP_H_
