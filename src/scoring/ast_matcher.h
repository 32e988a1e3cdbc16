// AST matcher: decides whether parsed calls satisfy an episode's expectation, with the
// Berkeley Function Calling Leaderboard's semantics (docs/scoring.md has each rule):
//
//  - names match exactly; a call to a tool not offered is unknown_tool;
//  - every parameter the schema marks required must be present;
//  - a parameter absent from the expectation is an extra argument;
//  - types follow the schema, an int is accepted where a float ("number") is expected but
//    not the reverse, tuples are arrays;
//  - a value must equal one of its acceptable values; strings are compared after BFCL's
//    standardisation (drop spaces and , . / - _ * ^, lowercase, ' -> "); nested objects and
//    lists of objects are checked key by key against nested acceptable-value lists;
//  - an expected parameter may be omitted only if "" is among its acceptable values;
//  - several calls are matched order-insensitively (greedily, in expectation order, as
//    BFCL's parallel checker does);
//  - an empty expectation (irrelevance) is satisfied only by no call;
//  - under kBfclJava / kBfclJavaScript every argument must be a string of source, converted by
//    its schema type with BFCL's converters (bfcl_type_conversion.h) before the checks above.
#ifndef TOOLSHIFT_SCORING_AST_MATCHER_H_
#define TOOLSHIFT_SCORING_AST_MATCHER_H_

#include <string>
#include <string_view>
#include <vector>

#include "src/core/episode.h"
#include "src/scoring/failure.h"

namespace toolshift {

struct MatchVerdict {
  bool correct = false;
  FailureCategory failure = FailureCategory::kNone;
  std::string detail;  // human-readable reason when not correct

  static MatchVerdict Correct() { return {true, FailureCategory::kNone, ""}; }
  static MatchVerdict Fail(FailureCategory f, std::string why) { return {false, f, std::move(why)}; }
};

// Matches `calls` (possibly empty) against `expected` given the tools offered.
MatchVerdict MatchCalls(const std::vector<ToolCall>& calls, const std::vector<ExpectedCall>& expected,
                        const std::vector<Tool>& tools, ScoringRules rules = ScoringRules::kToolshift);

// Matches one call against one expected call of tool `tool`.
MatchVerdict MatchCall(const ToolCall& call, const ExpectedCall& expected, const Tool& tool,
                       ScoringRules rules = ScoringRules::kToolshift);

// BFCL's string standardisation, exposed for tests and docs.
std::string StandardizeString(std::string_view s);

}  // namespace toolshift

#endif  // TOOLSHIFT_SCORING_AST_MATCHER_H_
