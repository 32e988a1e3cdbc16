// Episode scorer: turns one assistant reply into a verdict — parse it in the episode's
// dialect, match the calls, pick one failure category — and notes when the reply holds
// calls in a *different* dialect than the one asked for (the format-collapse signature).
#ifndef TOOLSHIFT_SCORING_EPISODE_SCORER_H_
#define TOOLSHIFT_SCORING_EPISODE_SCORER_H_

#include <string>

#include "src/core/episode.h"
#include "src/dialects/dialect.h"
#include "src/scoring/failure.h"

namespace toolshift {

struct EpisodeVerdict {
  ParseResult parse;
  bool correct = false;
  FailureCategory failure = FailureCategory::kNone;
  std::string detail;
  // Non-empty when the reply did not parse as calls in the asked dialect but does in this one.
  std::string other_dialect;
};

EpisodeVerdict ScoreReply(const Episode& episode, const Dialect& dialect, const Message& reply);

// The verdict for an episode whose backend failed: not scored as a model failure.
EpisodeVerdict BackendErrorVerdict(const std::string& error);

}  // namespace toolshift

#endif  // TOOLSHIFT_SCORING_EPISODE_SCORER_H_
