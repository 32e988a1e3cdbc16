// Trajectory scorer: judges a multi-step episode by its outcome.
//
// Success needs all of: the episode finished (no loop, within the step limit); the final
// environment state matches `expected_state` on its fields; the required calls appear
// (with their values, in order when the task says so) among the calls the environment
// accepted; each turn's final answer matches its pattern. Calls the environment refused
// along the way do not fail an episode the model then recovered — outcomes count, as in
// tau-bench — but they are counted and shown per step, so a report says where it went wrong.
//
// One failure category is chosen, most telling first: loop; step_limit (malformed when
// broken call attempts used up the steps: format collapse); state_mismatch; missing_call;
// wrong_answer.
#ifndef TOOLSHIFT_SCORING_TRAJECTORY_SCORER_H_
#define TOOLSHIFT_SCORING_TRAJECTORY_SCORER_H_

#include <string>
#include <vector>

#include "src/core/episode.h"
#include "src/scoring/episode_scorer.h"
#include "src/scoring/trajectory.h"

namespace toolshift {

// An external benchmark's episode (MultiStepTask::pack) is judged by its pack's checker instead.
EpisodeVerdict ScoreTrajectory(const Episode& episode, const Trajectory& trajectory);

// Field-by-field differences between an expected (sub)state and the actual one, as
// "/json/pointer: expected X, got Y". Top-level keys absent from `expected` are not
// compared; below the top level objects must have the same keys. An expected
// {"$pattern": RE2} matches any string it partially matches (free text such as a message);
// numbers compare with a relative tolerance of 1e-9.
std::vector<std::string> StateDiff(const Json& expected, const Json& actual);

// Whether `actual` carries `expected`'s value (same rules as StateDiff).
bool ValueMatches(const Json& expected, const Json& actual);

}  // namespace toolshift

#endif  // TOOLSHIFT_SCORING_TRAJECTORY_SCORER_H_
