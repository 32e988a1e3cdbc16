// The built-in suite set, generated from suites/domains/ by `toolshift generate`:
//
//   id/single-id                      in-distribution, hermes, from domains/id/*.json
//   format/single-fmt-<kind>          one suite per format shift kind (BuiltinFormatKinds), each
//                                     over the same stratified sample of single-id
//   content/single-content-<kind>     distractors, long-tool-list, irrelevance over samples of single-id
//   content/single-content-heldout    held-out domains (domains/heldout/*.json), hermes; each
//                                     episode paired with an in-distribution episode of the same
//                                     category (round robin), since no task-level twin exists
//   id/multi-id                       multi-step and multi-turn episodes on the in-distribution
//                                     environments (src/envs), hermes
//   format/multi-fmt-<kind>           every format kind over a stratified sample of multi-id
//   content/multi-content-heldout     multi-step episodes on held-out environments (library,
//                                     helpdesk), paired round robin by category like the above
//
// Generation refuses a held-out tool or domain name that also occurs in-distribution.
#ifndef TOOLSHIFT_SUITEGEN_BUILTIN_SUITES_H_
#define TOOLSHIFT_SUITEGEN_BUILTIN_SUITES_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace toolshift {

// How many base episodes the shifted suites sample.
inline constexpr size_t kShiftedEpisodes = 250;
// Multi-step: episodes per environment, and how many base episodes each format shift samples.
inline constexpr size_t kMultiStepPerEnv = 56;
inline constexpr size_t kMultiStepShifted = 120;

// The format shift kinds that get a built-in suite.
std::vector<std::string> BuiltinFormatKinds();

// Writes every built-in suite below `out_dir`; returns the suite folders written.
std::vector<std::string> GenerateBuiltinSuites(const std::string& domains_dir, const std::string& out_dir,
                                               uint64_t seed);

}  // namespace toolshift

#endif  // TOOLSHIFT_SUITEGEN_BUILTIN_SUITES_H_
