// Observations: tool results shown back to the model in its dialect's convention, and the
// other messages a multi-step episode adds between model turns.
//
//   hermes    a user turn of <tool_response>{"name": ..., "result": ...}</tool_response> blocks
//             (the Qwen/Hermes convention)
//   react     a user turn of "Observation: {...}" lines
//   xml       a user turn wrapping <result> blocks in <function_results>
//   pythonic, json   a user turn "Tool results:" then one JSON object per line
//   native    one tool message per call (tool_call_id, name, the result as JSON text), as
//             OpenAI-style APIs expect
//
// ReadObservation is the inverse (it also reads <tool_response> blocks holding a bare result, as
// Qwen's chat template shows tool messages and the BFCL pack renders them), so a text-only reader (the reference oracle, the test
// server) can act on what it was shown without seeing the environment.
#ifndef TOOLSHIFT_DIALECTS_OBSERVATION_H_
#define TOOLSHIFT_DIALECTS_OBSERVATION_H_

#include <string>
#include <vector>

#include "src/core/json.h"
#include "src/core/message.h"
#include "src/dialects/dialect.h"

namespace toolshift {

// The messages carrying `results[i]` for `calls[i]` (native: calls must carry ids).
std::vector<Message> RenderObservations(const Dialect& dialect, const std::vector<ToolCall>& calls,
                                        const std::vector<Json>& results);

// The results an observation message carries, in order; empty for any other message (a
// follow-up user turn, a notice). A native tool message carries exactly one.
std::vector<Json> ReadObservation(const Message& message);

// The user turn sent after a reply that held a broken call attempt.
Message ParseErrorNotice(const std::string& error);
// True for a message ParseErrorNotice made.
bool IsParseErrorNotice(const Message& message);

}  // namespace toolshift

#endif  // TOOLSHIFT_DIALECTS_OBSERVATION_H_
