// The canonical correct answer of an episode: for each expected call, every parameter set
// to its first acceptable value (parameters whose only acceptable value is "" omitted).
// Nested acceptable-value specs (BFCL's dict form) are resolved the same way, key by key.
#ifndef TOOLSHIFT_ADAPTERS_REFERENCE_CANONICAL_CALLS_H_
#define TOOLSHIFT_ADAPTERS_REFERENCE_CANONICAL_CALLS_H_

#include <vector>

#include "src/core/episode.h"

namespace toolshift {

std::vector<ToolCall> CanonicalCalls(const std::vector<ExpectedCall>& expected);

}  // namespace toolshift

#endif  // TOOLSHIFT_ADAPTERS_REFERENCE_CANONICAL_CALLS_H_
