// Tool: what a model is offered — a name, a description and JSON-Schema parameters.
// ToolCall: what a model asks for — a tool name and a JSON object of arguments.
//
// Both are plain values. Parameter schemas follow JSON Schema ("type": "object",
// "properties", "required"); BFCL's extra type names ("dict", "float", "tuple", "any")
// are accepted where a type is read, so imported suites need no rewriting.
#ifndef TOOLSHIFT_CORE_TOOL_H_
#define TOOLSHIFT_CORE_TOOL_H_

#include <string>
#include <string_view>
#include <vector>

#include "src/core/json.h"

namespace toolshift {

struct Tool {
  std::string name;
  std::string description;
  Json parameters = Json::object();  // JSON Schema of the arguments object

  // The schema of one parameter, or nullptr if the tool declares no such parameter.
  const Json* Property(std::string_view param) const;
  // True if `param` is listed in the schema's "required" array.
  bool IsRequired(std::string_view param) const;
  // Parameter names in schema order.
  std::vector<std::string> PropertyNames() const;
};

struct ToolCall {
  std::string name;
  Json arguments = Json::object();
  std::string id = {};  // the backend's call id (native backends), echoed in the tool result
  // Arguments whose value was written as a Python tuple (BFCL's decoder only): JSON has no
  // tuple, yet BFCL's type check tells `(1, 2)` from `[1, 2]` where the schema says "array".
  std::vector<std::string> tuple_arguments = {};

  bool operator==(const ToolCall&) const = default;
};

// Finds a tool by name in `tools`; nullptr if absent.
const Tool* FindTool(const std::vector<Tool>& tools, std::string_view name);

Json ToJson(const Tool& tool);
Json ToJson(const ToolCall& call);

}  // namespace toolshift

#endif  // TOOLSHIFT_CORE_TOOL_H_
