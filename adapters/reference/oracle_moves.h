// OracleMove: what an always-right model does next in an episode, read from the
// conversation it was shown.
//
// Single-step: the canonical expected calls (or no call). Multi-step: the plan's step for
// where the conversation stands — found by counting the observations it was shown (a
// notice about a broken reply does not advance it; a scripted follow-up starts the next
// turn) — with every {"$from": ...} argument resolved against those observations, or the
// turn's final answer once its plan is done. This is how the reference policies react to
// what the environment returned rather than replaying fixed values.
#ifndef TOOLSHIFT_ADAPTERS_REFERENCE_ORACLE_MOVES_H_
#define TOOLSHIFT_ADAPTERS_REFERENCE_ORACLE_MOVES_H_

#include <string>
#include <vector>

#include "src/core/episode.h"
#include "src/dialects/dialect.h"

namespace toolshift {

struct OracleMove {
  std::vector<ToolCall> calls;  // empty: answer without a call
  std::string answer;           // the words of a final answer (multi-step); empty = kNoToolAnswer
  size_t position = 0;          // steps of an ideal run before this one (0 for single-step)

  // The reply in `dialect`.
  Message Write(const Dialect& dialect) const;
};

OracleMove NextMove(const Episode& episode, const std::vector<Message>& conversation);

}  // namespace toolshift

#endif  // TOOLSHIFT_ADAPTERS_REFERENCE_ORACLE_MOVES_H_
