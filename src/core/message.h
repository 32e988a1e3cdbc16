// Message: one turn of a conversation as sent to a backend.
//
// Text-only backends see `content` alone (tools rendered into the system turn by a
// dialect); native backends also receive and return structured `tool_calls`.
#ifndef TOOLSHIFT_CORE_MESSAGE_H_
#define TOOLSHIFT_CORE_MESSAGE_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "src/core/json.h"

#include "src/core/tool.h"

namespace toolshift {

enum class Role { kSystem, kUser, kAssistant, kTool };

std::string_view RoleName(Role role);
// Parses "system" | "user" | "assistant" | "tool"; nullopt otherwise.
std::optional<Role> ParseRole(std::string_view name);

struct Message {
  Role role = Role::kUser;
  std::string content;
  std::vector<ToolCall> tool_calls;  // assistant turns of native backends only
  std::string tool_call_id = {};     // tool turns: the call this result answers
  std::string name = {};             // tool turns: the tool that produced the result
  // Assistant turns past a reply limit (scoring/reply_limits.h): why the reply is not read,
  // the verdict's detail. Such a reply is kept cut (a prefix of its text, no calls), and the
  // mark travels with it through the journal, cache and episode log, so a resumed or
  // re-scored run judges it exactly as the run that received it.
  std::string unread = {};
  // Assistant turns: why the backend stopped, in OpenAI's words ("stop", "length",
  // "tool_calls"...; Anthropic's "max_tokens" is read as "length"); "" when it did not say.
  // Kept with the reply like `unread`, so "length" (the truncated signature) survives the
  // journal, the cache, the episode log and replay.
  std::string finish_reason = {};

  bool operator==(const Message&) const = default;
};

Json ToJson(const Message& message);

}  // namespace toolshift

#endif  // TOOLSHIFT_CORE_MESSAGE_H_
