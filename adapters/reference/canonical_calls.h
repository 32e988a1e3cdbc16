// The canonical correct answer of an episode: for each expected call, every parameter set
// to its first acceptable value (parameters whose only acceptable value is "" omitted).
// Nested acceptable-value specs (BFCL's dict form) are resolved the same way, key by key.
#ifndef TOOLSHIFT_ADAPTERS_REFERENCE_CANONICAL_CALLS_H_
#define TOOLSHIFT_ADAPTERS_REFERENCE_CANONICAL_CALLS_H_

#include <vector>

#include "src/core/episode.h"

namespace toolshift {

std::vector<ToolCall> CanonicalCalls(const std::vector<ExpectedCall>& expected);

// A call to the first of `tools` with every required parameter given a value of its schema
// type: what a relevance episode (any call is right) is answered with. Empty without tools.
std::vector<ToolCall> AnyCall(const std::vector<Tool>& tools);

}  // namespace toolshift

#endif  // TOOLSHIFT_ADAPTERS_REFERENCE_CANONICAL_CALLS_H_
