// Format shift "dialect:<name>": the same task asked in another tool-call dialect.
// Tools, request and expectation are untouched; only the calling convention changes, so
// any accuracy lost is lost to format alone.
#ifndef TOOLSHIFT_SHIFTS_DIALECT_SHIFT_H_
#define TOOLSHIFT_SHIFTS_DIALECT_SHIFT_H_

#include <string>

#include "src/core/episode.h"

namespace toolshift {

// The shifted twin: id "<base id>~<dialect>", base_id the base's id, shift "dialect:<name>".
Episode ShiftDialect(const Episode& base, const std::string& dialect);

}  // namespace toolshift

#endif  // TOOLSHIFT_SHIFTS_DIALECT_SHIFT_H_
