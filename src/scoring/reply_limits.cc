#include "src/scoring/reply_limits.h"

#include <string>

namespace toolshift {

ParseResult ParseWithinLimits(const Dialect& dialect, const Message& reply, const std::vector<Tool>& tools,
                              const ReplyLimits& limits) {
  size_t bytes = reply.content.size();
  for (const auto& c : reply.tool_calls) {
    bytes += c.name.size() + DumpJson(c.arguments).size();
    if (bytes > limits.max_output_bytes) break;
  }
  if (bytes > limits.max_output_bytes) {
    return ParseResult::Malformed("reply of " + std::to_string(bytes) + "+ bytes exceeds --max-output-bytes " +
                                  std::to_string(limits.max_output_bytes) + "; not read");
  }
  ParseResult parsed = dialect.Parse(reply, tools);
  if (parsed.calls.size() > limits.max_calls) {
    return ParseResult::Malformed(std::to_string(parsed.calls.size()) + " calls in one reply exceed --max-calls " +
                                  std::to_string(limits.max_calls));
  }
  return parsed;
}

}  // namespace toolshift
