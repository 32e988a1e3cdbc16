// BFCL's multi-turn checker (eval_runner's _evaluate_single_multi_turn_entry with
// multi_turn_checker.py), reimplemented: the model's decoded calls and the ground truth run
// side by side, on separate instances of one BfclProcess, turn by turn.
//
//   - a result whose number of turns differs from the ground truth's: multi_turn:force_terminated
//   - per turn, the model's decoded steps run on the model's instances, then the ground truth's
//     calls on the ground truth's; a turn whose ground truth is empty is not checked;
//   - no decoded step in a turn that has ground truth: multi_turn:empty_turn_model_response
//   - a public attribute of an involved instance differs (Python ==): multi_turn:instance_state_mismatch
//   - the turn's ground-truth results are not a sub-multiset of the model's results of every
//     turn so far (exact text): multi_turn:execution_response_mismatch
// The first failing turn decides; the entry is valid when none fails.
#ifndef TOOLSHIFT_INTEROP_BFCL_MULTI_TURN_MT_CHECKER_H_
#define TOOLSHIFT_INTEROP_BFCL_MULTI_TURN_MT_CHECKER_H_

#include <string>
#include <vector>

#include "src/interop/bfcl/multi_turn/mt_entry.h"
#include "src/interop/bfcl/multi_turn/mt_executor.h"

namespace toolshift::bfcl {

// The model's decoded calls: per turn, per step (steps that decoded to nothing are left out,
// as BFCL drops them), the call strings of the step.
using DecodedTurns = std::vector<std::vector<std::vector<std::string>>>;

struct TurnCheck {
  int turn = 0;
  std::string verdict;  // ok | unchecked (empty ground truth) | the error type | not_reached
  std::string detail;
};

struct BfclVerdict {
  bool valid = false;
  std::string error_type;  // BFCL's name, e.g. "multi_turn:instance_state_mismatch"; empty when valid
  std::string error_message;  // BFCL's message, e.g. "Model response list is empty for turn 2"
  int failed_turn = -1;
  std::vector<std::string> state_diff;  // instance_state_mismatch: "Class.attr/path: model X, ground truth Y"
  std::vector<std::string> missing;     // execution_response_mismatch: the ground-truth results not found
  std::vector<TurnCheck> turns;         // one per ground-truth turn
};

// Checks an entry's decoded result. `recorded_turns` is how many turns the result holds
// (BFCL's len(model_result_list)); `decoded` may hold fewer (a force-terminated run).
// `factory` makes the instances (default: the eight classes, MakeApi).
//
// With the eight classes, the ground truth's side is played once per entry and reused for
// every trajectory scored against it, wherever no process-wide object can carry one side's
// calls to the other (mt_prepared.h, TruthRun); the verdict is the same either way, which
// `reuse_truth = false` (always play both sides together) lets a test show.
//
// With `model_results`, it is given the results of every decoded step on the model's side, in
// turn then step order, one string per call, for the trajectory's diagnostics (tool errors):
// the steps past the deciding turn, and those of a force-terminated result, are played for it
// on the model's side alone, which the verdict never reads.
BfclVerdict CheckMultiTurn(const BfclEntry& entry, const DecodedTurns& decoded, size_t recorded_turns,
                           const ApiFactory& factory = nullptr, bool reuse_truth = true,
                           std::vector<std::vector<std::string>>* model_results = nullptr);

// The result check BFCL calls "inference_error": the result was not a list of turns.
BfclVerdict InferenceError();

}  // namespace toolshift::bfcl

#endif  // TOOLSHIFT_INTEROP_BFCL_MULTI_TURN_MT_CHECKER_H_
