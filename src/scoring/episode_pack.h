// EpisodePack: the seam through which an external benchmark (BFCL's multi-turn categories
// today, ACEBench next) plugs its own episode mechanics, environments and checker into
// toolshift's shared episode loop, runner, journal and report — without the core knowing it.
//
// A multi-step episode names its pack in MultiStepTask::pack and carries the pack's own data
// in MultiStepTask::pack_data (opaque to the core). The episode loop (src/engine/episode_loop.h)
// then asks the pack, instead of a built-in environment:
//
//   Start()          a live session holding the episode's state (the pack's environments)
//   rules()          how the loop behaves: does a broken reply end the turn, how many calling
//                    steps a turn may take before the episode is force-terminated, loops
//   Parse()          how a reply is decoded (a benchmark may decode as its own harness does)
//   session.Execute  what the calls of one step return (the observations' payloads)
//   session.BeginTurn  the messages that open a follow-up turn and the tools offered from then
//   Render()         how results are shown in a dialect
//   Score()          the verdict on the finished trajectory: the benchmark's own checker
//
// Packs are found by name through FindEpisodePack(), which the pack registry defines
// (src/interop/pack_registry.cc, the one file that lists the installed packs, as
// src/dialects/dialect_registry.cc lists the dialects): headers point down, the core names no pack.
//
// Every method is const and packs hold no mutable state, so one instance serves every thread;
// a session belongs to one episode run on one thread.
#ifndef TOOLSHIFT_SCORING_EPISODE_PACK_H_
#define TOOLSHIFT_SCORING_EPISODE_PACK_H_

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "src/core/episode.h"
#include "src/dialects/dialect.h"
#include "src/scoring/episode_scorer.h"
#include "src/scoring/reply_limits.h"
#include "src/scoring/trajectory.h"

namespace toolshift {

// How the shared loop plays a pack's episodes.
struct PackRules {
  // A reply that fails to decode ends the turn (no notice, no retry), as a reply with no call does.
  bool malformed_ends_turn = false;
  // Calling steps one turn may take; one more force-terminates the episode (Trajectory::End::
  // kStepLimit). 0 = no per-turn limit (the task's StepLimit() applies instead).
  int max_calling_steps_per_turn = 0;
  // Whether the loop detector may stop the episode.
  bool detect_loops = true;
  // The episode is one reply, whatever it holds (a single-shot benchmark record played through
  // its pack, e.g. ACEBench's normal and special categories): it finishes after the first reply.
  bool single_reply = false;
};

// What opens a follow-up turn.
struct TurnOpening {
  std::vector<Message> messages;  // appended to the conversation (usually one user message)
  // The tools offered from this turn on, when they change (names of episode tools); empty = unchanged.
  std::vector<std::string> offered_tools;
};

// One episode's live state: created by EpisodePack::Start, fed every step's calls.
class PackSession {
 public:
  virtual ~PackSession() = default;
  // Runs the calls of one model step (names already translated back from any format shift,
  // MultiStepTask::ToEnv) and returns one observation payload per call.
  virtual std::vector<Json> Execute(const std::vector<ToolCall>& calls) = 0;
  // Called when turn `turn` (>= 1) begins, after the previous one ended.
  virtual TurnOpening BeginTurn(int turn) = 0;
  // The state as it stands, for the trajectory and the episode log.
  virtual Json State() const = 0;
};

// One episode a pack played in a run, for the pack's summary.
struct PackOutcome {
  const Episode* episode = nullptr;
  const EpisodeVerdict* verdict = nullptr;
  const Trajectory* trajectory = nullptr;  // null when no reply was played
  bool backend_error = false;  // not scored: the backend failed
};

class EpisodePack {
 public:
  virtual ~EpisodePack() = default;
  virtual std::string_view name() const = 0;

  // Throws FieldError (field under "multi_step.pack_data") when the episode's pack data is unusable.
  virtual void Validate(const Episode& episode) const = 0;

  virtual PackRules rules(const Episode& episode) const = 0;

  // The tools offered at the start (names of episode tools, in the episode's order); a pack
  // may hold some back until a later turn (BeginTurn).
  virtual std::vector<std::string> InitialTools(const Episode& episode) const = 0;

  virtual std::unique_ptr<PackSession> Start(const Episode& episode) const = 0;

  // True when Score plays the trajectory's calls again itself and reads neither the session's
  // results nor its state: a replay for the verdict alone (EpisodeLoop with converse false,
  // `toolshift score`) then starts no session, and its calls steps carry no results.
  virtual bool ScoresWithoutSession(const Episode&) const { return false; }

  // Decodes one reply. Default: the dialect's own parser within the limits.
  virtual ParseResult Parse(const Episode& episode, const Dialect& dialect, const Message& reply,
                            const ReplyLimits& limits) const;

  // The messages showing `results[i]` for `calls[i]` (the calls as the model made them; native
  // calls carry ids). Default: the dialect's convention (src/dialects/observation.h).
  virtual std::vector<Message> Render(const Dialect& dialect, const std::vector<ToolCall>& calls,
                                      const std::vector<Json>& results) const;

  // The verdict on a finished (or force-terminated) trajectory, with its TrajectoryVerdict.
  virtual EpisodeVerdict Score(const Episode& episode, const Trajectory& trajectory) const = 0;

  // The benchmark's own aggregate over the episodes of this pack in a run (its per-category
  // scores and weighting), shown in the report under "benchmarks.<name>". Default: null (none).
  virtual Json Summary(const std::vector<PackOutcome>& outcomes) const;
};

// The pack registered under `name`, or nullptr (defined by the pack registry, see above).
const EpisodePack* FindEpisodePack(std::string_view name);
// Every registered pack's name.
std::vector<std::string> EpisodePackNames();

// The pack of a multi-step episode, or nullptr for toolshift's own environments.
const EpisodePack* PackOf(const Episode& episode);

}  // namespace toolshift

#endif  // TOOLSHIFT_SCORING_EPISODE_PACK_H_
