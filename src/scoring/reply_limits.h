// ReplyLimits: how much of a model's reply toolshift reads. A reply over the limits is a
// malformed reply — judged, never parsed in full or executed — so a degenerate model (a
// megabyte of text, ten thousand calls) costs bounded time and memory and cannot stall a run.
//
//   --max-output-bytes  bytes of a reply (text plus native tool calls)   default 1 MiB
//   --max-calls         calls in one reply                               default 1,000
//   kMaxJsonDepth       nesting of a native call's arguments             512 (src/core/json_limits.h)
//
// A reply over them is stored cut (BoundReply): what the scorer does not read is not kept
// whole in the journal, cache or episode log either.
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

// Why `reply` is not read under `limits` — its `unread` mark, else the first limit it passes,
// as the malformed detail ("tool call 1's arguments nest deeper than 512 levels; not read")
// — or "" when it is read. Never recurses into the reply's values.
std::string UnreadReason(const Message& reply, const ReplyLimits& limits);

// What is kept of an unread reply's text: a prefix, for a reader of the episode log.
inline constexpr size_t kUnreadPrefixBytes = size_t{64} << 10;

// Makes a reply that UnreadReason refuses safe and small to keep: marks it `unread`, cuts its
// text to kUnreadPrefixBytes (at a UTF-8 boundary) and drops its calls. A reply that is read
// is left alone. Idempotent; the verdict of the reply is the same before and after.
void BoundReply(Message& reply, const ReplyLimits& limits);

// Reads `reply` in `dialect` within `limits`: Malformed, naming the limit, for a reply over them.
ParseResult ParseWithinLimits(const Dialect& dialect, const Message& reply, const std::vector<Tool>& tools,
                              const ReplyLimits& limits);

}  // namespace toolshift

#endif  // TOOLSHIFT_SCORING_REPLY_LIMITS_H_
