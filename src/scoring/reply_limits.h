// ReplyLimits: how much of a model's reply toolshift reads. A reply over the limits is a
// malformed reply — judged, never parsed in full or executed — so a degenerate model (a
// megabyte of text, ten thousand calls) costs bounded time and memory and cannot stall a run.
//
//   --max-output-bytes  bytes of a reply (text plus native tool calls)   default 1 MiB
//   --max-calls         calls in one reply                               default 1,000
#ifndef TOOLSHIFT_SCORING_REPLY_LIMITS_H_
#define TOOLSHIFT_SCORING_REPLY_LIMITS_H_

#include <cstddef>

#include "src/core/episode.h"
#include "src/dialects/dialect.h"

namespace toolshift {

struct ReplyLimits {
  size_t max_output_bytes = size_t{1} << 20;
  size_t max_calls = 1000;
};

// Reads `reply` in `dialect` within `limits`: Malformed, naming the limit, for a reply over them.
ParseResult ParseWithinLimits(const Dialect& dialect, const Message& reply, const std::vector<Tool>& tools,
                              const ReplyLimits& limits);

}  // namespace toolshift

#endif  // TOOLSHIFT_SCORING_REPLY_LIMITS_H_
