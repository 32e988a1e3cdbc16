// Episode scorer: turns one assistant reply into a verdict — parse it in the episode's
// dialect, match the calls, pick one failure category — and notes when the reply holds
// calls in a *different* dialect than the one asked for (the format-collapse signature).
#ifndef TOOLSHIFT_SCORING_EPISODE_SCORER_H_
#define TOOLSHIFT_SCORING_EPISODE_SCORER_H_

#include <optional>
#include <string>
#include <vector>

#include "src/core/episode.h"
#include "src/dialects/dialect.h"
#include "src/scoring/failure.h"
#include "src/scoring/reply_limits.h"
#include "src/scoring/signatures.h"

namespace toolshift {

// Multi-step episodes: how the trajectory went, step by step (src/scoring/trajectory_scorer.h).
struct StepVerdict {
  int turn = 0;
  std::string kind;     // calls | malformed | answer
  std::string verdict;  // ok | malformed | tool_error | off_plan | wrong_answer | loop
  std::string detail;
};
// A pack's checker (src/scoring/episode_pack.h) judges turn by turn.
struct TurnVerdict {
  int turn = 0;
  std::string verdict;  // the pack's words: "ok", or the benchmark's error name
  std::string detail;
};
struct TrajectoryVerdict {
  int steps = 0;          // model replies
  int minimal_steps = 0;  // replies the plan needs
  std::string end;        // finished | step_limit | loop
  int tool_errors = 0;    // calls the environment refused
  int first_failed_step = -1;  // index into `per_step` of the first step not "ok"; -1 if none
  std::vector<std::string> state_diff;  // "/path: expected X, got Y" per mismatching field
  std::vector<StepVerdict> per_step;
  std::string error_type;            // a pack's checker: the benchmark's own name for the failure
  std::vector<TurnVerdict> per_turn;  // a pack's checker: its verdict on each user turn
  // A pack's checker: the share of the expected process the trajectory followed (ACEBench's
  // process accuracy), -1 if the pack has none. A number, so it outlives the record's release.
  double process_accuracy = -1;
  // The signatures of each step's reply (src/scoring/signatures.h), one entry per trajectory
  // step, in step order; set where the record is scored (ScoreRecord), not by the checkers.
  std::vector<std::vector<Signature>> step_signatures;
};

struct EpisodeVerdict {
  ParseResult parse;
  bool correct = false;
  FailureCategory failure = FailureCategory::kNone;
  std::string detail;
  // Non-empty when the reply did not parse as calls in the asked dialect but does in this one.
  std::string other_dialect;
  // With other_dialect: whether the calls read in that dialect match the expectation — the
  // skill intact behind the wrong syntax.
  std::optional<bool> other_dialect_correct;
  // How the reply's format went wrong (src/scoring/signatures.h); empty for most right replies.
  std::vector<Signature> signatures;
  std::optional<TrajectoryVerdict> trajectory;  // multi-step episodes
};

// `finish_reason` is the backend's when known ("length" raises the truncated signature); empty
// reads reply.finish_reason.
// An empty reply where a call was expected fails as empty_reply; a reply that reads as no call
// but is a broken call attempt in no dialect (call_like_prose) fails as malformed.
EpisodeVerdict ScoreReply(const Episode& episode, const Dialect& dialect, const Message& reply,
                          const ReplyLimits& limits = {}, std::string_view finish_reason = {});

// The dialect, other than the asked one, in which a reply that is not calls in the asked
// dialect (`parse`) does parse as calls; nullptr if none (or the reply is past `limits`).
const Dialect* OtherDialect(const Episode& episode, const Dialect& dialect, const Message& reply,
                            const ParseResult& parse, const ReplyLimits& limits = {});

// The signatures of one reply parsed as `parse` (src/scoring/signatures.h), as ScoreReply
// gives them; also used for each step of a multi-step episode. A reply past `limits`
// carries only `truncated`, if that.
std::vector<Signature> ScoredReplySignatures(const Episode& episode, const Dialect& dialect, const Message& reply,
                                             const ParseResult& parse, std::string_view other_dialect,
                                             const ReplyLimits& limits = {}, std::string_view finish_reason = {});

// The verdict for an episode whose backend failed: not scored as a model failure.
EpisodeVerdict BackendErrorVerdict(const std::string& error);

}  // namespace toolshift

#endif  // TOOLSHIFT_SCORING_EPISODE_SCORER_H_
