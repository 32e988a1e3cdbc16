#include "src/dialects/native_dialect.h"

#include <algorithm>

namespace toolshift {

Message NativeDialect::Write(const std::vector<ToolCall>& calls) const {
  Message m{Role::kAssistant, "", calls};
  if (calls.empty()) m.content = std::string(kNoToolAnswer);
  return m;
}

ParseResult NativeDialect::Parse(const Message& reply, const std::vector<Tool>&) const {
  if (reply.tool_calls.empty()) return ParseResult::NoCall();
  for (size_t i = 0; i < reply.tool_calls.size(); ++i) {
    const auto& c = reply.tool_calls[i];
    const std::string which = "tool_calls[" + std::to_string(i) + "]";
    if (c.name.empty()) return ParseResult::Malformed(which + ": empty function name");
    if (!c.arguments.is_object()) {
      return ParseResult::Malformed(which + ": arguments are not a JSON object: " + DumpJson(c.arguments));
    }
  }
  return ParseResult::Calls(reply.tool_calls);
}

std::vector<Tool> ToolsForNativeRequest(const Episode& episode, const std::vector<Tool>& tools) {
  if (episode.dialect != "native" || !IsBfcl(episode.scoring)) return tools;
  std::vector<Tool> out = tools;
  for (auto& t : out) std::replace(t.name.begin(), t.name.end(), '.', '_');
  return out;
}

void NameCallsAsOffered(std::vector<ToolCall>& calls, const std::vector<Tool>& offered) {
  for (auto& c : calls) {
    if (FindTool(offered, c.name)) continue;
    std::string underscored = c.name;
    std::replace(underscored.begin(), underscored.end(), '.', '_');
    if (FindTool(offered, underscored)) c.name = underscored;
  }
}

}  // namespace toolshift
