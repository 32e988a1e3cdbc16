// `--limit` as a share (0 < S < 1, as lm-eval's --limit 0.1): about S of the episodes of every
// suite, sampled so that twins are sampled together.
//
// `--limit N` takes the first N episodes of each suite, and the first N of a shifted suite are
// mostly not the twins of the first N of its base, so most shifted episodes run unpaired. A
// share keeps an episode when a hash of its in-distribution twin's id (its own id for an
// in-distribution episode) falls below S: one decision per base episode, the same in every
// suite, so every kept shifted episode has its twin kept too, and runs with the same share
// select the same episodes whatever their seed.
#ifndef TOOLSHIFT_CLI_LIMIT_SHARE_H_
#define TOOLSHIFT_CLI_LIMIT_SHARE_H_

#include <optional>
#include <string>
#include <vector>

#include "src/core/suite.h"

namespace toolshift {

// "0.1" -> 0.1; nullopt for text that is not a decimal share strictly between 0 and 1
// (integers are --limit N, checked by the flag rules).
std::optional<double> ParseLimitShare(const std::string& text);

// Whether the episode with in-distribution twin `base_id` is in a `share` sample.
bool InLimitShare(const std::string& base_id, double share);

// Keeps about `share` of every suite's episodes (see above); the rest count as unloaded, so a
// suite's size in the report stays its file's.
void SampleLimitShare(std::vector<Suite>& suites, double share);

}  // namespace toolshift

#endif  // TOOLSHIFT_CLI_LIMIT_SHARE_H_
