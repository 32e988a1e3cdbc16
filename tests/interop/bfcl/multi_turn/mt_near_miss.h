// Near-miss BFCL multi-turn result files, generated from an imported entry's ground truth, for
// the agreement tests with BFCL's checker (mt_near_miss_test.cc).
//
// Each near miss is a `result` as BFCL's inference writes it (a list per turn of a list per
// step: the model's text in the Python-list or <tool_call> format, or FC call lists), plus what
// BFCL makes of it, derived from the mutation by BFCL's rules, not from toolshift's scorer:
//   - `decoded`: what BFCL's decoder keeps of every step (default_decode_execute_prompting keeps
//     keyword arguments only; Qwen FC's decoder skips blocks that are not JSON; a step that fails
//     to decode or decodes to no call is dropped), as call strings;
//   - `expect`: where the verdict is fixed by the rules whatever the calls do ("valid" or BFCL's
//     error type, with `expect_turn` for a turn-level error); empty where only running the calls
//     decides (a wrong value, a dropped call, an extra state-changing call), in which case the
//     expectation is BFCL's checker applied to `decoded`.
#ifndef TOOLSHIFT_TESTS_INTEROP_BFCL_MULTI_TURN_MT_NEAR_MISS_H_
#define TOOLSHIFT_TESTS_INTEROP_BFCL_MULTI_TURN_MT_NEAR_MISS_H_

#include <string>
#include <vector>

#include "src/core/episode.h"
#include "src/interop/bfcl/multi_turn/mt_checker.h"

namespace toolshift::bfcl::near_miss {

enum class Format { kPythonic, kHermes, kNative };
const char* FormatName(Format f);  // the toolshift dialect that reads it

struct NearMiss {
  std::string kind;
  Json result;            // BFCL's "result" field
  DecodedTurns decoded;   // what BFCL's decoder keeps, per turn, per kept step
  size_t turns = 0;       // len(result) when it is a list
  std::string expect;     // "valid", an error type, or empty (decided by running `decoded`)
  int expect_turn = -1;   // the failing turn, for turn-level errors
};

// Every kind that applies to `episode` (an imported BFCL entry) in `format`:
//   fixed by the rules: exact, broken_steps, empty_steps, split_steps, extra_read_only,
//     read_only_in_ask_turn, over_step_limit (all turns, 22 calling steps in one: judged as is),
//     force_terminated (cut after 21 calling steps, as BFCL's inference cuts), missing_turn,
//     extra_turn, no_turns, empty_turn, moved_to_ask_turn, not_a_list, and the decoder's own
//     kinds (bare_calls, fenced, fenced_python, prose_before; tags_without_newlines,
//     padded_json, string_arguments, think_before; object_arguments, one_bad_call);
//   decided by running the calls: wrong_arg, missing_call (unless the turn is left empty),
//     extra_state_call, premature_call, act_in_ask_turn, empty_dict_argument, positional.
std::vector<NearMiss> Generate(const Episode& episode, Format format);

// The kinds whose verdict is fixed by BFCL's rules must agree with BFCL's checker run on their
// decoded calls too; this gives that checker's verdict ("valid" or the error type).
std::string CheckerVerdict(const Episode& episode, const NearMiss& m, int* failed_turn);

}  // namespace toolshift::bfcl::near_miss

#endif  // TOOLSHIFT_TESTS_INTEROP_BFCL_MULTI_TURN_MT_NEAR_MISS_H_
