// ACEBench's checkers for its normal and special categories (SPEC.md sections 4 and 5), with
// ACEBench's rules — often the opposite of BFCL's — and its quirks:
//
//   normal   the decoded calls must match one ground-truth candidate: as many calls as GT keys,
//            the same multiset of names (GT keys lose a trailing "_<digits>"), and every GT call
//            satisfied by some decoded call of its name (no one-to-one matching). A call's
//            arguments: a call without arguments fails; required parameters present; every
//            argument a schema property and a GT key (omitted optional ones are fine); a type
//            check in Python's terms ("number" means int; a GT of another type than declared
//            makes the parameter a "variable", type-checked loosely and never value-checked);
//            strings by the substring rule on standardised text; top-level numbers and
//            booleans not value-checked; lists exactly (strings standardised); objects by key
//            count and str() substrings per key.
//   special  the raw reply must contain ACEBench's fixed phrase and the GT's names or values
//            (case-sensitive substring tests).
//
// Verdicts carry ACEBench's error types ("wrong_output_format", "wrong functions number",
// "function_mismatch", "wrong_function_name", "wrong_param", "lack_args", "addition_args",
// "type_error", "value_error:string", "value_error:list/tuple", "value_error",
// "value_error:list_dict_count", "value_error:dict_items"; special: "error_detection",
// "error_correction") and an error text in ACEBench's words.
#ifndef TOOLSHIFT_INTEROP_ACEBENCH_ACE_CHECKER_H_
#define TOOLSHIFT_INTEROP_ACEBENCH_ACE_CHECKER_H_

#include <string>
#include <string_view>
#include <vector>

#include "src/core/json.h"
#include "src/interop/acebench/ace_decode.h"

namespace toolshift::acebench {

struct AceVerdict {
  bool valid = false;
  std::string error_type;
  std::string error;
};

// ACEBench's standardisation of strings: delete " ,./-_*^", lowercase, ' becomes ".
std::string Standardize(std::string_view s);

// Removes one trailing "_<digits>" from a GT key ("api_2" -> "api").
std::string StripIndexSuffix(std::string_view key);

// One decoded call against one GT call (`gt_args`, a dict), with the schema the GT names.
AceVerdict CheckArguments(const AceCall& call, const bfcl::PyValue& gt_args, const Json& schema);

// The decoded calls against the ground truth (a dict of calls, or a list of such candidates),
// choosing schemas from the record's `functions`.
AceVerdict CheckNormal(const std::vector<AceCall>& calls, const Json& ground_truth, const Json& functions);

// A special category's reply text against its ground truth. `category` is special_incomplete,
// special_error_param or special_irrelevant.
AceVerdict CheckSpecial(std::string_view category, std::string_view reply, const Json& ground_truth);

}  // namespace toolshift::acebench

#endif  // TOOLSHIFT_INTEROP_ACEBENCH_ACE_CHECKER_H_
