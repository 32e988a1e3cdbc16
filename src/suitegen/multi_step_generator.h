// Multi-step episode generator: task templates per simulated environment, filled from
// seeded value pools, each solved at generation time by running its plan against the
// environment — which is how the expected final state (the top-level collections the plan
// changed) and the required calls (the plan's state-changing calls, with the values its
// references resolve to) are derived rather than written by hand. A plan the environment
// refuses is a generator bug and throws.
//
// Episodes have 2–8 model steps (plan steps plus one answer per turn); multi_turn ones add
// scripted follow-up user turns. Ids are "ms-<env>-<nnn>"; the domain is the environment.
#ifndef TOOLSHIFT_SUITEGEN_MULTI_STEP_GENERATOR_H_
#define TOOLSHIFT_SUITEGEN_MULTI_STEP_GENERATOR_H_

#include <cstdint>
#include <string>
#include <vector>

#include "src/core/episode.h"

namespace toolshift {

// In-distribution environments and the held-out ones content shifts use.
std::vector<std::string> InDistributionEnvironments();
std::vector<std::string> HeldOutEnvironments();

// `per_env` episodes for each environment in `envs`, in order.
std::vector<Episode> GenerateMultiStepEpisodes(const std::vector<std::string>& envs, size_t per_env, uint64_t seed,
                                               const std::string& dialect);

}  // namespace toolshift

#endif  // TOOLSHIFT_SUITEGEN_MULTI_STEP_GENERATOR_H_
