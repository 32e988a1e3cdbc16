#include "src/core/message.h"

namespace toolshift {

std::string_view RoleName(Role role) {
  switch (role) {
    case Role::kSystem: return "system";
    case Role::kUser: return "user";
    case Role::kAssistant: return "assistant";
    case Role::kTool: return "tool";
  }
  return "user";
}

std::optional<Role> ParseRole(std::string_view name) {
  if (name == "system") return Role::kSystem;
  if (name == "user") return Role::kUser;
  if (name == "assistant") return Role::kAssistant;
  if (name == "tool") return Role::kTool;
  return std::nullopt;
}

Json ToJson(const Message& message) {
  Json j = {{"role", RoleName(message.role)}, {"content", message.content}};
  if (!message.tool_calls.empty()) {
    j["tool_calls"] = Json::array();
    for (const auto& c : message.tool_calls) j["tool_calls"].push_back(ToJson(c));
  }
  if (!message.tool_call_id.empty()) j["tool_call_id"] = message.tool_call_id;
  if (!message.name.empty()) j["name"] = message.name;
  if (!message.unread.empty()) j["unread"] = message.unread;
  if (!message.finish_reason.empty()) j["finish_reason"] = message.finish_reason;
  return j;
}

}  // namespace toolshift
