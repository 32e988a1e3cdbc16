// Near-miss BFCL multi-turn result lines built from an imported entry's ground truth: the
// corpus of the multi-turn scoring benchmark (bench/bfcl_mt_score_bench.cc) and of the test
// that pins its verdicts (mt_score_corpus_test.cc), so that speed work cannot change a verdict.
//
// A line is BFCL's result shape: {"id", "result": [turn][step] model text}, in the Python-list
// format ("pythonic": `[f(a=1), g(b='x')]`) or Qwen's `<tool_call>` format ("hermes"). Kinds:
//   0 truth         each turn's ground-truth calls in one step, then a closing text step
//   1 wrong_arg     the first call with an argument gets a changed value (string, number, bool)
//   2 missing_call  the last call of the last turn with ground truth is left out
//   3 extra_call    the first ground-truth call is repeated at the end of the last turn with calls
//   4 split_steps   every call in a step of its own, after a broken step and before prose
//   5 eager_or_reordered  the next turn's calls made in a turn that should ask (empty ground
//                   truth), or, without such a turn, each turn's calls in reverse order
#ifndef TOOLSHIFT_TESTS_INTEROP_BFCL_MULTI_TURN_MT_SCORE_CORPUS_H_
#define TOOLSHIFT_TESTS_INTEROP_BFCL_MULTI_TURN_MT_SCORE_CORPUS_H_

#include <string>
#include <string_view>

#include "src/core/episode.h"
#include "src/scoring/episode_scorer.h"

namespace toolshift::bfcl::score_corpus {

inline constexpr int kNearMissKinds = 6;

// The kind's name ("truth", "wrong_arg", ...); `kind` in [0, kNearMissKinds).
std::string_view NearMissName(int kind);

// The result line of `kind` for the imported BFCL multi-turn `episode`, in `format`
// ("pythonic" or "hermes").
Json NearMissResult(const Episode& episode, std::string_view format, int kind);

// A verdict as one word: "ok", or BFCL's error type without its "multi_turn:" prefix.
std::string VerdictWord(const EpisodeVerdict& verdict);

}  // namespace toolshift::bfcl::score_corpus

#endif  // TOOLSHIFT_TESTS_INTEROP_BFCL_MULTI_TURN_MT_SCORE_CORPUS_H_
