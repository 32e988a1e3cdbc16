#include "src/scoring/reply_limits.h"

#include <string>

#include "src/core/json_limits.h"

namespace toolshift {

std::string UnreadReason(const Message& reply, const ReplyLimits& limits) {
  if (!reply.unread.empty()) return reply.unread;
  // Depth first: measuring the size below dumps the arguments, which recurses.
  for (size_t i = 0; i < reply.tool_calls.size(); ++i) {
    if (JsonNestsDeeper(reply.tool_calls[i].arguments)) {
      return "tool call " + std::to_string(i + 1) + "'s arguments nest " + TooDeepText() + "; not read";
    }
  }
  size_t bytes = reply.content.size();
  for (const auto& c : reply.tool_calls) {
    bytes += c.name.size() + DumpJson(c.arguments).size();
    if (bytes > limits.max_output_bytes) break;
  }
  if (bytes > limits.max_output_bytes) {
    return "reply of " + std::to_string(bytes) + "+ bytes exceeds --max-output-bytes " +
           std::to_string(limits.max_output_bytes) + "; not read";
  }
  return "";
}

void BoundReply(Message& reply, const ReplyLimits& limits) {
  if (!reply.unread.empty()) return;
  std::string why = UnreadReason(reply, limits);
  if (why.empty()) return;
  reply.unread = std::move(why);
  if (reply.content.size() > kUnreadPrefixBytes) {
    size_t cut = kUnreadPrefixBytes;
    while (cut > 0 && (static_cast<unsigned char>(reply.content[cut]) & 0xC0) == 0x80) --cut;  // not mid-character
    reply.content.resize(cut);
  }
  reply.tool_calls.clear();  // freed iteratively: nlohmann destroys values without recursion
}

ParseResult ParseWithinLimits(const Dialect& dialect, const Message& reply, const std::vector<Tool>& tools,
                              const ReplyLimits& limits) {
  if (std::string why = UnreadReason(reply, limits); !why.empty()) return ParseResult::Malformed(why);
  ParseResult parsed = dialect.Parse(reply, tools);
  if (parsed.calls.size() > limits.max_calls) {
    return ParseResult::Malformed(std::to_string(parsed.calls.size()) + " calls in one reply exceed --max-calls " +
                                  std::to_string(limits.max_calls));
  }
  return parsed;
}

}  // namespace toolshift
