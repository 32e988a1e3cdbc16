// ACEBench's recorded agent results for `toolshift score --outputs`: a result-file line
// {"id", "result": [{ClassName: {saved attributes}}...], "process": ["[call(...)]", ...]} (SPEC.md
// 6.3) is the end state and process an agent run left, judged as ACEBench judges them (end to end,
// then the milestones' process accuracy) without replaying anything.
//
// The recorded-outputs reader (adapters/replay/recorded_outputs.cc) recognises such a line by
// its "process" field and hands the episode loop one reply holding it: its `name` is
// kRecordedResultName (no backend gives an assistant message a name, so a model cannot forge
// one) and its content the line's result and process as JSON. The agent pack's scorer
// (ace_agent_pack.h) reads it back with RecordedAgentResult.
#ifndef TOOLSHIFT_INTEROP_ACEBENCH_ACE_AGENT_RESULT_H_
#define TOOLSHIFT_INTEROP_ACEBENCH_ACE_AGENT_RESULT_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "src/core/json.h"
#include "src/core/message.h"

namespace toolshift::acebench {

inline constexpr std::string_view kRecordedResultName = "acebench:recorded_result";

// Whether a result-file line is an ACEBench agent line (it has "process").
bool IsAgentResultLine(const Json& line);

// The reply standing for an agent line; throws FieldError ("result", "process[2]") when the
// line is not ACEBench's shape, and ("id") for an agent_multi_turn line, which `score` cannot
// judge yet (its loop would get no user turn; docs/acebench.md).
Message AgentResultReply(const Json& line);

struct RecordedAgentRun {
  Json result;
  std::vector<std::string> process;
};

// The recorded run a reply stands for, or nullopt for an ordinary reply.
std::optional<RecordedAgentRun> RecordedAgentResult(const Message& reply);

}  // namespace toolshift::acebench

#endif  // TOOLSHIFT_INTEROP_ACEBENCH_ACE_AGENT_RESULT_H_
