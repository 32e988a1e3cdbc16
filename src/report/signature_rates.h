// Signature rates: how often each reply signature (src/scoring/signatures.h) was raised —
// the shape of a collapse in numbers ("72% bare call tags") — per split and per shift kind,
// and the hidden-skill rate: the share of failures whose call was right in the syntax the
// model wrote instead of the one asked. For the report's splits.<split>.signatures,
// .signature_replies, .hidden_skill and .by_kind (docs/report.md).
#ifndef TOOLSHIFT_REPORT_SIGNATURE_RATES_H_
#define TOOLSHIFT_REPORT_SIGNATURE_RATES_H_

#include <functional>
#include <vector>

#include "src/core/json.h"
#include "src/core/split.h"
#include "src/engine/runner.h"

namespace toolshift {

// The replies a record contributes to signature rates: 1 for a scored single-turn reply, one
// per step for a multi-step episode, 0 for a backend error.
size_t SignatureReplies(const EpisodeRecord& r);

// Adds to `j` (a split's or a shift kind's object), over the records `keep` selects:
//   signatures.<name>  {count, rate, ci_low, ci_high} for every signature name: count of the
//                      replies (single-turn replies and every step of multi-step episodes)
//                      that raised it, rate = count / signature_replies (null when none),
//                      Wilson 95% interval;
//   signature_replies  that denominator;
//   hidden_skill       {failures, count, rate, ci_low, ci_high}: of the scored single-turn
//                      failures, those whose reply parses in another dialect with calls that
//                      match the expectation (other_dialect_correct), rate null when none.
void AddSignatureRates(const std::vector<EpisodeRecord>& records,
                       const std::function<bool(const EpisodeRecord&)>& keep, Json& j);

// {kind: {signatures, signature_replies, hidden_skill}} over the split's shifted records,
// one entry per shift kind; empty for the id split.
Json SignatureRatesByKind(const std::vector<EpisodeRecord>& records, Split split);

}  // namespace toolshift

#endif  // TOOLSHIFT_REPORT_SIGNATURE_RATES_H_
