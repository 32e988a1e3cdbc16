// Signature rates: per split, how often each reply signature (src/scoring/signatures.h) was
// raised — the shape of a collapse in numbers ("72% bare call tags"), for the report's
// splits.<split>.signatures.
#ifndef TOOLSHIFT_REPORT_SIGNATURE_RATES_H_
#define TOOLSHIFT_REPORT_SIGNATURE_RATES_H_

#include <vector>

#include "src/core/json.h"
#include "src/core/split.h"
#include "src/engine/runner.h"

namespace toolshift {

// {name: {count, rate, ci_low, ci_high}} for every signature name, over the split's scored
// single-turn replies (backend errors and multi-step episodes carry no signatures); rate is
// null when there are none. Intervals are Wilson 95%.
Json SignatureRates(const std::vector<EpisodeRecord>& records, Split split);

}  // namespace toolshift

#endif  // TOOLSHIFT_REPORT_SIGNATURE_RATES_H_
