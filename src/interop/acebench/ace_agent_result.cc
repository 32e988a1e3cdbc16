#include "src/interop/acebench/ace_agent_result.h"

#include "src/core/input_error.h"

namespace toolshift::acebench {

bool IsAgentResultLine(const Json& line) { return line.is_object() && line.contains("process"); }

Message AgentResultReply(const Json& line) {
  auto result = line.find("result");
  if (result == line.end()) throw FieldError("result", "missing: an agent line holds the end state and the process");
  // ACEBench writes [] when the scene was never created.
  if (!result->is_array()) throw FieldError("result", "expected the end state, a list of {ClassName: attributes}");
  for (size_t i = 0; i < result->size(); ++i) {
    if (!(*result)[i].is_object()) throw FieldError("result[" + std::to_string(i) + "]", "expected {ClassName: attributes}");
  }
  const Json& process = line["process"];
  if (!process.is_array()) throw FieldError("process", "expected the list of agent messages that reached the executor");
  for (size_t i = 0; i < process.size(); ++i) {
    if (!process[i].is_string()) throw FieldError("process[" + std::to_string(i) + "]", "expected a string");
  }
  Message m{Role::kAssistant, Json{{"result", *result}, {"process", process}}.dump(), {}};
  m.name = std::string(kRecordedResultName);
  return m;
}

std::optional<RecordedAgentRun> RecordedAgentResult(const Message& reply) {
  if (reply.name != kRecordedResultName) return std::nullopt;
  const Json j = Json::parse(reply.content, nullptr, /*allow_exceptions=*/false);
  if (!j.is_object() || !j.contains("result") || !j.contains("process") || !j["process"].is_array()) return std::nullopt;
  RecordedAgentRun run;
  run.result = j["result"];
  for (const auto& p : j["process"]) {
    if (p.is_string()) run.process.push_back(p.get<std::string>());
  }
  return run;
}

}  // namespace toolshift::acebench
