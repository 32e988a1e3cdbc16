// Recorded outputs: model replies produced elsewhere (another harness, an earlier run),
// read from JSON Lines so toolshift can score them without a model.
//
// One object per line, with "id" (the episode id) and optionally "suite", plus exactly one of:
//   "output": "<raw model text>"                 any tool: scored in the episode's dialect
//   "output": {"role", "content", "tool_calls"}  a toolshift episode log line
//   "tool_calls": [{"name", "arguments"}...]     native calls; OpenAI's {"function": {...}}
//                                                shape and JSON-string arguments also read
//   "result": "<text>" | [{name: {args}}...]     BFCL's result files (prompt or FC mode)
//   "result": [[step, ...], ...]                 BFCL's multi-turn result: per turn, per step the
//                                                model's text or its FC calls [{name: {args}}]
//   "result": [{Class: {...}}...], "process": [...]  ACEBench's agent result: end state and process
//                                                (src/interop/acebench/ace_agent_result.h)
//   "backend_error": "..."                       an episode log line whose backend failed
//   "outputs": [reply, ...]                      a multi-step episode's replies in order (text or
//                                                message objects), as the episode log writes them
// Several lines may share an id (several samples of one episode).
#ifndef TOOLSHIFT_ADAPTERS_REPLAY_RECORDED_OUTPUTS_H_
#define TOOLSHIFT_ADAPTERS_REPLAY_RECORDED_OUTPUTS_H_

#include <string>
#include <string_view>
#include <vector>

#include "adapters/adapter.h"

namespace toolshift {

struct RecordedOutput {
  std::string suite;  // empty when the line names none
  std::string id;
  ChatResponse response;  // the reply (multi-step: the last), or `error` for a recorded backend failure
  std::vector<Message> replies;  // multi-step: every reply in order
  // BFCL multi-turn results: the replies of each user turn, as BFCL grouped them (turn_sizes[t]
  // of `replies` per turn); `bfcl_text_result` marks a BFCL "result" that was plain text.
  bool grouped = false;
  std::vector<size_t> turn_sizes;
  bool bfcl_text_result = false;
  // Simulated users' messages in order (an ACEBench agent line: one empty message, so that a
  // multi_turn episode, which waits for its user first, takes the reply).
  std::vector<Message> user_turns;
  size_t line = 0;
};

// Reads a whole file. Throws InputError("path:line: field: what is wrong").
std::vector<RecordedOutput> ReadRecordedOutputs(const std::string& path);

// Parses one line's JSON text; `where` ("path:line") prefixes errors.
RecordedOutput ParseRecordedOutput(std::string_view text, const std::string& where);

}  // namespace toolshift

#endif  // TOOLSHIFT_ADAPTERS_REPLAY_RECORDED_OUTPUTS_H_
