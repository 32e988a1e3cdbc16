// Suite checker: the library-level invariants `toolshift suites --check` verifies.
//
//   loads      every suite loads (a failure throws InputError before any check runs)
//   oracle     the reference oracle answers every episode correctly
//   no-leak    held-out domains and tools, and distractor tools, never occur in-distribution
//   unique     no two episodes of a split share the same task (tools, messages, expectation,
//              dialect, presentation)
//   twins      every shifted episode's base_id names an in-distribution episode
#ifndef TOOLSHIFT_SUITEGEN_SUITE_CHECKER_H_
#define TOOLSHIFT_SUITEGEN_SUITE_CHECKER_H_

#include <string>
#include <vector>

#include "src/core/suite.h"

namespace toolshift {

struct SuiteCheckResult {
  std::string name;
  size_t checked = 0;                 // items examined
  std::vector<std::string> problems;  // at most a few dozen, each naming suite and episode

  bool ok() const { return problems.empty(); }
};

std::vector<SuiteCheckResult> CheckSuites(const std::vector<Suite>& suites, int jobs);

}  // namespace toolshift

#endif  // TOOLSHIFT_SUITEGEN_SUITE_CHECKER_H_
