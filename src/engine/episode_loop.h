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
// An external benchmark's episode (MultiStepTask::pack) is played the same way, with the
// pack's mechanics (src/scoring/episode_pack.h): its session executes the calls, its rules say
// whether a broken reply ends the turn and how many calling steps a turn may take, and it opens
// each follow-up turn (its messages, and the tools offered from then on).
//
// With a simulated user (MultiStepTask::user) a reply without calls is addressed to the user
// instead: the loop then awaits the user (awaiting_user()), whose chat (user_chat(): its brief,
// its opening, its own messages as assistant and the agent's as user, never tool results) is
// sent to the user model; FeedUser() adds its answer as the next user turn. Either side saying
// the finish phrase ends the episode, as does the dialogue's message cap. The episode's own
// user message, if it has one, is the user's first message; without one the loop opens
// awaiting the user.
//
// It is deterministic: the same replies (and user messages) give the same trajectory. That is how a run is
// journaled and re-scored — by its replies alone — and how resumption rebuilds an episode.
#ifndef TOOLSHIFT_ENGINE_EPISODE_LOOP_H_
#define TOOLSHIFT_ENGINE_EPISODE_LOOP_H_

#include <memory>
#include <vector>

#include "src/core/episode.h"
#include "src/dialects/dialect.h"
#include "src/envs/environment.h"
#include "src/core/suite.h"
#include "src/scoring/episode_pack.h"
#include "src/scoring/reply_limits.h"
#include "src/scoring/trajectory.h"

namespace toolshift {

inline constexpr int kLoopRepeats = 3;

class EpisodeLoop {
 public:
  // `episode` must be multi-step and outlive the loop; throws InputError for an unknown
  // environment, pack or dialect. With `converse` false the loop only keeps the trajectory
  // (re-scoring a recording): no prompt, conversation or offered tools are kept, observations
  // are not rendered and a pack's final state is not read — the same steps and verdict, less work.
  explicit EpisodeLoop(const Episode& episode, const ReplyLimits& limits = {}, bool converse = true);

  // What the backend is sent next (the prompt, then every reply and observation so far).
  const std::vector<Message>& conversation() const { return conversation_; }
  // The prompt the episode opened with (the conversation's first messages).
  const std::vector<Message>& prompt() const { return prompt_; }
  // The tools offered now (a pack may offer more from a later turn on).
  const std::vector<Tool>& tools() const { return offered_; }
  bool done() const { return trajectory_.end != Trajectory::End::kRunning; }
  // Applies the model's next reply. Must not be called once done() or while awaiting_user().
  void Feed(const Message& reply);
  // The episode has a simulated user and it is the user's turn to speak.
  bool awaiting_user() const { return awaiting_user_ && !done(); }
  // What the user model is sent next (empty without a simulated user).
  const std::vector<Message>& user_chat() const { return user_chat_; }
  // Applies the user's next message (its content). Only while awaiting_user().
  void FeedUser(const Message& said);
  // Replays `replies` from the start (a journaled or recorded episode), with the simulated
  // user's messages in order wherever the loop awaits the user; stops early if the episode ends
  // before they run out, or awaits a user message `user_turns` does not have.
  void Replay(const std::vector<Message>& replies, const std::vector<Message>& user_turns = {});
  // Replays replies recorded grouped by user turn (a benchmark's result file): each group is one
  // turn whatever its replies decode to, a turn ends with its group, and the trajectory records
  // how many groups there were (Trajectory::recorded_turns). Groups past the last turn are not run.
  void ReplayTurns(const std::vector<std::vector<Message>>& turns);
  // The recording was not a list of turns at all (Trajectory::recorded_turns = kNotAListOfTurns).
  void MarkNotAListOfTurns();

  const Trajectory& trajectory() const { return trajectory_; }
  const Episode& episode() const { return episode_; }
  const Dialect& dialect() const { return *dialect_; }

 private:
  bool IsLoop(const std::vector<ToolCall>& calls) const;
  // Ends the current turn: the next one opens, or the episode is finished.
  void EndTurn(std::vector<Message>& after);
  void Offer(const std::vector<std::string>& names);
  // The agent's reply without calls goes to the simulated user.
  void AddressUser(const std::string& text);

  const Episode& episode_;
  ReplyLimits limits_;
  std::unique_ptr<Dialect> dialect_;
  const Environment* env_ = nullptr;
  const EpisodePack* pack_ = nullptr;
  std::unique_ptr<PackSession> session_;
  PackRules rules_;
  std::vector<Tool> offered_;
  std::vector<Message> prompt_;
  std::vector<Message> conversation_;
  Trajectory trajectory_;
  int turn_ = 0;
  int turn_calling_steps_ = 0;
  bool converse_ = true;
  bool grouped_ = false;  // ReplayTurns: the groups, not the replies, end turns
  // Simulated user: its chat, whether it speaks next, the dialogue's messages so far, and what
  // it said since the last step (the next step's user_before).
  std::vector<Message> user_chat_;
  bool awaiting_user_ = false;
  int dialogue_messages_ = 0;
  std::vector<std::string> user_pending_;
};

// Throws InputError naming the suite and episode when a multi-step episode names a pack that
// is not installed or whose pack data the pack refuses.
void CheckEpisodePacks(const std::vector<Suite>& suites);

}  // namespace toolshift

#endif  // TOOLSHIFT_ENGINE_EPISODE_LOOP_H_
