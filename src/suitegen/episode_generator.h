// Episode generator: expands domain specs into concrete, validated episodes, seeded and
// deterministic — the same specs and seed give byte-identical suites.
#ifndef TOOLSHIFT_SUITEGEN_EPISODE_GENERATOR_H_
#define TOOLSHIFT_SUITEGEN_EPISODE_GENERATOR_H_

#include <cstdint>
#include <string>
#include <vector>

#include "src/core/episode.h"
#include "src/suitegen/domain_spec.h"

namespace toolshift {

inline constexpr const char* kDefaultSystemPrompt =
    "You are a helpful assistant that can use tools to act for the user.";

// Episodes of every task of every domain, in order; ids "<domain>-<category>-<nnn>".
// Each task yields `count` distinct (template, values) combinations; throws InputError if a
// task cannot yield that many or an expected call does not validate against its tools.
std::vector<Episode> GenerateEpisodes(const std::vector<DomainSpec>& domains, uint64_t seed,
                                      const std::string& dialect);

}  // namespace toolshift

#endif  // TOOLSHIFT_SUITEGEN_EPISODE_GENERATOR_H_
