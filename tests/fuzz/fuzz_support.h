// Shared by the libFuzzer targets (scripts/fuzz): the contract they check is that a parser
// either returns or throws toolshift's InputError — any other exception, a crash, a hang or
// a sanitizer report is a finding.
#ifndef TOOLSHIFT_TESTS_FUZZ_FUZZ_SUPPORT_H_
#define TOOLSHIFT_TESTS_FUZZ_FUZZ_SUPPORT_H_

#include <cstdio>
#include <cstdlib>
#include <exception>
#include <string>

#include "src/core/input_error.h"

namespace toolshift::fuzz {

// Runs `body`; a located input error is an accepted outcome, anything else aborts.
template <typename F>
void ExpectNoEscape(F&& body) {
  try {
    body();
  } catch (const InputError&) {
  } catch (const FieldError&) {
  } catch (const std::exception& e) {
    std::fprintf(stderr, "escaped exception: %s\n", e.what());
    std::abort();
  }
}

}  // namespace toolshift::fuzz

#endif  // TOOLSHIFT_TESTS_FUZZ_FUZZ_SUPPORT_H_
