#include "src/core/tool.h"

namespace toolshift {

const Json* Tool::Property(std::string_view param) const {
  auto props = parameters.find("properties");
  if (props == parameters.end() || !props->is_object()) return nullptr;
  auto it = props->find(std::string(param));
  return it == props->end() ? nullptr : &*it;
}

bool Tool::IsRequired(std::string_view param) const {
  auto req = parameters.find("required");
  if (req == parameters.end() || !req->is_array()) return false;
  for (const auto& r : *req) {
    if (r.is_string() && r.get_ref<const std::string&>() == param) return true;
  }
  return false;
}

std::vector<std::string> Tool::PropertyNames() const {
  std::vector<std::string> names;
  auto props = parameters.find("properties");
  if (props == parameters.end() || !props->is_object()) return names;
  for (auto it = props->begin(); it != props->end(); ++it) names.push_back(it.key());
  return names;
}

const Tool* FindTool(const std::vector<Tool>& tools, std::string_view name) {
  for (const auto& t : tools) {
    if (t.name == name) return &t;
  }
  return nullptr;
}

Json ToJson(const Tool& tool) {
  return {{"name", tool.name}, {"description", tool.description}, {"parameters", tool.parameters}};
}

Json ToJson(const ToolCall& call) {
  Json j = {{"name", call.name}, {"arguments", call.arguments}};
  if (!call.id.empty()) j["id"] = call.id;
  return j;
}

}  // namespace toolshift
