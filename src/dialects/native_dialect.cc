#include "src/dialects/native_dialect.h"

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

}  // namespace toolshift
