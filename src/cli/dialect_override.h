// `run --dialect X`: a format shift of each suite's own dialect, run paired.
//
// Asking every episode in another dialect is the `dialect:X` format shift, so it is run as
// one: each in-distribution suite S runs as it is AND as a derived format suite "S@dialect-X"
// (split format, shift dialect:X, every episode paired with its twin in S), so the report's
// format split and gap say what the override cost. Shifted suites (format, content) are asked
// in X in place: they already pair with their in-distribution twins (when those run), and their
// shift becomes "<shift> under dialect X" in the suite's provenance.
#ifndef TOOLSHIFT_CLI_DIALECT_OVERRIDE_H_
#define TOOLSHIFT_CLI_DIALECT_OVERRIDE_H_

#include <cstdint>
#include <string>
#include <vector>

#include "src/core/suite.h"

namespace toolshift {

// The suites to run for `--dialect dialect` (see above); `seed` seeds the shift. An id suite
// whose every episode is already in `dialect` gets no twin (there is nothing to shift). Throws
// InputError for an unknown dialect.
std::vector<Suite> WithDialectOverride(std::vector<Suite> suites, const std::string& dialect, uint64_t seed);

}  // namespace toolshift

#endif  // TOOLSHIFT_CLI_DIALECT_OVERRIDE_H_
