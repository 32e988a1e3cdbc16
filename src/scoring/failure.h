// FailureCategory: the one reason an episode was not correct, for the failure taxonomy.
// kBackendError is infrastructure (timeouts, 5xx), never a model failure: reports keep it
// out of accuracy denominators.
#ifndef TOOLSHIFT_SCORING_FAILURE_H_
#define TOOLSHIFT_SCORING_FAILURE_H_

#include <optional>
#include <string_view>

namespace toolshift {

enum class FailureCategory {
  kNone,          // correct
  kMalformed,     // a call attempt that does not parse in the dialect asked for
  kNoCall,        // no call where one was expected
  kEmptyReply,    // an empty (or whitespace-only) reply where a call was expected
  kSpuriousCall,  // a call where none was expected (irrelevance)
  kUnknownTool,   // a call to a tool that was not offered
  kWrongTool,     // a call to an offered tool other than the expected one
  kMissingArg,    // a required (or non-optional expected) argument absent
  kExtraArg,      // an argument the expectation does not allow
  kWrongValue,    // an argument of the right type with an unacceptable value
  kWrongType,     // an argument of the wrong JSON type
  kWrongCount,    // the wrong number of calls
  // Multi-step episodes (src/scoring/trajectory_scorer.h):
  kLoop,           // the same call repeated until the loop detector stopped the episode
  kStepLimit,      // still acting when the step limit was reached
  kStateMismatch,  // the environment did not end in the expected state
  kMissingCall,    // a required call absent, or out of order
  kWrongAnswer,    // a final answer that does not say what was asked
  kBackendError,  // the backend failed; not the model's fault
};

inline constexpr FailureCategory kAllFailureCategories[] = {
    FailureCategory::kMalformed,  FailureCategory::kNoCall,      FailureCategory::kEmptyReply,
    FailureCategory::kSpuriousCall,
    FailureCategory::kUnknownTool, FailureCategory::kWrongTool,  FailureCategory::kMissingArg,
    FailureCategory::kExtraArg,   FailureCategory::kWrongValue,  FailureCategory::kWrongType,
    FailureCategory::kWrongCount, FailureCategory::kLoop,        FailureCategory::kStepLimit,
    FailureCategory::kStateMismatch, FailureCategory::kMissingCall, FailureCategory::kWrongAnswer,
    FailureCategory::kBackendError};

constexpr std::string_view FailureName(FailureCategory c) {
  switch (c) {
    case FailureCategory::kNone: return "none";
    case FailureCategory::kMalformed: return "malformed";
    case FailureCategory::kNoCall: return "no_call";
    case FailureCategory::kEmptyReply: return "empty_reply";
    case FailureCategory::kSpuriousCall: return "spurious_call";
    case FailureCategory::kUnknownTool: return "unknown_tool";
    case FailureCategory::kWrongTool: return "wrong_tool";
    case FailureCategory::kMissingArg: return "missing_arg";
    case FailureCategory::kExtraArg: return "extra_arg";
    case FailureCategory::kWrongValue: return "wrong_value";
    case FailureCategory::kWrongType: return "wrong_type";
    case FailureCategory::kWrongCount: return "wrong_count";
    case FailureCategory::kLoop: return "loop";
    case FailureCategory::kStepLimit: return "step_limit";
    case FailureCategory::kStateMismatch: return "state_mismatch";
    case FailureCategory::kMissingCall: return "missing_call";
    case FailureCategory::kWrongAnswer: return "wrong_answer";
    case FailureCategory::kBackendError: return "backend_error";
  }
  return "none";
}

constexpr std::optional<FailureCategory> ParseFailure(std::string_view name) {
  if (name == "none") return FailureCategory::kNone;
  for (auto c : kAllFailureCategories) {
    if (FailureName(c) == name) return c;
  }
  return std::nullopt;
}

}  // namespace toolshift

#endif  // TOOLSHIFT_SCORING_FAILURE_H_
