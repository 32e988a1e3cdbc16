#include "src/envs/environment.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>

namespace toolshift {
namespace {

bool HasType(const Json& value, const std::string& type) {
  if (type == "string") return value.is_string();
  if (type == "integer") return value.is_number_integer() || (value.is_number_float() && std::floor(value.get<double>()) == value.get<double>());
  if (type == "number") return value.is_number();
  if (type == "boolean") return value.is_boolean();
  if (type == "array") return value.is_array();
  if (type == "object") return value.is_object();
  if (type == "null") return value.is_null();
  return true;
}

// A schema's "type": a name, or a JSON Schema list of names any of which will do.
bool HasSchemaType(const Json& value, const Json& type) {
  if (type.is_string()) return HasType(value, type.get<std::string>());
  if (!type.is_array() || type.empty()) return true;
  for (const auto& t : type) {
    if (!t.is_string() || HasType(value, t.get<std::string>())) return true;
  }
  return false;
}

// "a string", "an integer", "a string or null".
std::string TypeText(const Json& type) {
  auto one = [](const std::string& t) { return (t == "integer" ? "an " : "a ") + t; };
  if (type.is_string()) return one(type.get<std::string>());
  std::string out;
  for (const auto& t : type) {
    if (!t.is_string()) continue;
    out += (out.empty() ? "" : " or ") + (out.empty() ? one(t.get<std::string>()) : t.get<std::string>());
  }
  return out;
}

}  // namespace

std::string SchemaViolation(const Tool& tool, const Json& args) {
  if (!args.is_object()) return "arguments must be an object";
  for (auto it = args.begin(); it != args.end(); ++it) {
    const Json* schema = tool.Property(it.key());
    if (!schema) return "unexpected argument '" + it.key() + "' for " + tool.name;
    if (!schema->is_object()) continue;  // validated at load; a property without a schema takes anything
    if (auto type = schema->find("type"); type != schema->end() && !HasSchemaType(*it, *type)) {
      return "argument '" + it.key() + "' must be " + TypeText(*type);
    }
    if (auto e = schema->find("enum"); e != schema->end() && e->is_array() && std::find(e->begin(), e->end(), *it) == e->end()) {
      return "argument '" + it.key() + "' must be one of " + e->dump();
    }
  }
  for (const auto& p : tool.PropertyNames()) {
    if (tool.IsRequired(p) && !args.contains(p)) return "missing required argument '" + p + "' for " + tool.name;
  }
  return "";
}

Environment::Environment(std::string name, std::string description, std::vector<EnvTool> tools)
    : name_(std::move(name)), description_(std::move(description)), tools_(std::move(tools)) {}

const Environment::EnvTool* Environment::Find(std::string_view tool) const {
  for (const auto& t : tools_) {
    if (t.tool.name == tool) return &t;
  }
  return nullptr;
}

Json Environment::Execute(const ToolCall& call, Json& state) const {
  const EnvTool* tool = Find(call.name);
  if (!tool) return {{"error", "unknown tool '" + call.name + "'"}};
  if (std::string why = SchemaViolation(tool->tool, call.arguments); !why.empty()) return {{"error", why}};
  // A refused call leaves the state as it was, even if the handler changed it before refusing.
  Json before = tool->mutates ? state : Json();
  try {
    return tool->handler(call.arguments, state);
  } catch (const ToolError& e) {
    if (tool->mutates) state = std::move(before);
    return {{"error", e.what()}};
  } catch (const std::exception& e) {
    // The handler met a state it cannot read (a collection that is not an object, a balance
    // that is a string): the suite's state is wrong, not the call.
    throw StateError("the " + name_ + " environment cannot run " + call.name + " on this state: " + JsonErrorText(e));
  }
}

bool IsErrorObservation(const Json& observation) {
  return observation.is_object() && observation.size() == 1 && observation.contains("error");
}

const Environment* FindEnvironment(std::string_view name) {
  static const std::vector<Environment> kAll = [] {
    std::vector<Environment> v;
    v.push_back(MakeFilesEnvironment());
    v.push_back(MakeBankEnvironment());
    v.push_back(MakeCalendarEnvironment());
    v.push_back(MakeShopEnvironment());
    v.push_back(MakeMessagingEnvironment());
    v.push_back(MakeTravelEnvironment());
    v.push_back(MakeLibraryEnvironment());
    v.push_back(MakeHelpdeskEnvironment());
    return v;
  }();
  for (const auto& e : kAll) {
    if (e.name() == name) return &e;
  }
  return nullptr;
}

std::vector<std::string> EnvironmentNames() {
  return {"files", "bank", "calendar", "shop", "messaging", "travel", "library", "helpdesk"};
}

namespace env {

Json Params(Json properties, std::vector<std::string> required) {
  Json j = {{"type", "object"}, {"properties", std::move(properties)}};
  if (!required.empty()) j["required"] = required;
  return j;
}
Json Str(std::string description) { return {{"type", "string"}, {"description", std::move(description)}}; }
Json Num(std::string description) { return {{"type", "number"}, {"description", std::move(description)}}; }
Json Int(std::string description) { return {{"type", "integer"}, {"description", std::move(description)}}; }
Json Enum(std::string description, std::vector<std::string> values) {
  return {{"type", "string"}, {"description", std::move(description)}, {"enum", values}};
}

Json& Entity(Json& state, const char* key, const std::string& id, const char* what) {
  Json& coll = state[key];
  auto it = coll.find(id);
  if (it == coll.end()) throw ToolError(std::string("unknown ") + what + " '" + id + "'");
  return *it;
}

std::string NextId(Json& state, const char* counter, const char* prefix) {
  const int64_t n = state.value(counter, int64_t{1});
  state[counter] = n + 1;
  return std::string(prefix) + "-" + std::to_string(n);
}

std::string Lower(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

std::string Money(double amount) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.2f", amount);
  return buf;
}

}  // namespace env
}  // namespace toolshift
