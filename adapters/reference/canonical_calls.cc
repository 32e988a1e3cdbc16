#include "src/core/json.h"
#include "adapters/reference/canonical_calls.h"

namespace toolshift {
namespace {

bool IsOmit(const Json& v) { return v.is_string() && v.get_ref<const std::string&>().empty(); }

const Json* FirstValue(const Json& acceptable) {
  if (!acceptable.is_array()) return &acceptable;
  for (const auto& a : acceptable) {
    if (!IsOmit(a)) return &a;
  }
  return nullptr;
}

// Turns one acceptable value into a concrete value: a dict spec {key: [values]} becomes
// {key: first value}; a list of dict specs becomes a list of such objects.
Json Concretize(const Json& a) {
  if (a.is_object()) {
    Json out = Json::object();
    for (auto it = a.begin(); it != a.end(); ++it) {
      if (const Json* v = FirstValue(*it)) out[it.key()] = *v;
    }
    return out;
  }
  if (a.is_array() && !a.empty() && a[0].is_object()) {
    Json out = Json::array();
    for (const auto& e : a) out.push_back(Concretize(e));
    return out;
  }
  return a;
}

// A value of the JSON Schema (or BFCL) type `schema` names.
Json Placeholder(const Json& schema) {
  const auto t = schema.find("type");
  const std::string type = t != schema.end() && t->is_string() ? t->get<std::string>() : "string";
  if (type == "integer") return 1;
  if (type == "number" || type == "float") return 1.0;
  if (type == "boolean") return true;
  if (type == "array" || type == "tuple") return Json::array();
  if (type == "object" || type == "dict") return Json::object();
  if (auto e = schema.find("enum"); e != schema.end() && e->is_array() && !e->empty()) return (*e)[0];
  return "example";
}

}  // namespace

std::vector<ToolCall> AnyCall(const std::vector<Tool>& tools) {
  if (tools.empty()) return {};
  const Tool& tool = tools.front();
  ToolCall call{tool.name, Json::object()};
  for (const auto& p : tool.PropertyNames()) {
    if (tool.IsRequired(p)) call.arguments[p] = Placeholder(*tool.Property(p));
  }
  return {call};
}

std::vector<ToolCall> CanonicalCalls(const std::vector<ExpectedCall>& expected) {
  std::vector<ToolCall> calls;
  for (const auto& e : expected) {
    ToolCall c{e.name, Json::object()};
    for (auto it = e.args.begin(); it != e.args.end(); ++it) {
      if (const Json* v = FirstValue(*it)) c.arguments[it.key()] = Concretize(*v);
    }
    calls.push_back(std::move(c));
  }
  return calls;
}

}  // namespace toolshift
