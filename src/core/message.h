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

  bool operator==(const Message&) const = default;
};

Json ToJson(const Message& message);

}  // namespace toolshift

#endif  // TOOLSHIFT_CORE_MESSAGE_H_
