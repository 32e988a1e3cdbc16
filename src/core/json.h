// The JSON value type used throughout toolshift.
//
// ordered_json keeps object keys in insertion order: a tool's parameters are shown to a
// model in the order its schema lists them, and "property order" is itself a format
// shift, so sorting keys (nlohmann::json's default) would silently change the prompt.
#ifndef TOOLSHIFT_CORE_JSON_H_
#define TOOLSHIFT_CORE_JSON_H_

#include <nlohmann/json.hpp>

#include <string>

namespace toolshift {
using Json = nlohmann::ordered_json;

// Serialises without throwing on invalid UTF-8 (model output can contain anything);
// bad bytes become U+FFFD. Use for logs and reports.
inline std::string DumpJson(const Json& j, int indent = -1) {
  return j.dump(indent, ' ', /*ensure_ascii=*/false, Json::error_handler_t::replace);
}
// nlohmann/json's message for a parse error, cut to a readable length: its "last read"
// excerpt holds the whole offending token, which for an unterminated string in a 50 MB line
// is 50 MB of stderr.
inline std::string JsonErrorText(const std::exception& e, size_t limit = 240) {
  std::string what = e.what();
  if (what.size() <= limit) return what;
  const size_t more = what.size() - limit;
  what.resize(limit);
  return what + "... (" + std::to_string(more) + " more bytes)";
}

// The JSON type of a value as toolshift names it in messages: "null", "boolean", "string",
// "array", "object", "float" or "integer".
inline const char* JsonTypeName(const Json& j) {
  switch (j.type()) {
    case Json::value_t::null: return "null";
    case Json::value_t::boolean: return "boolean";
    case Json::value_t::string: return "string";
    case Json::value_t::array: return "array";
    case Json::value_t::object: return "object";
    case Json::value_t::number_float: return "float";
    default: return "integer";
  }
}
}  // namespace toolshift

#endif  // TOOLSHIFT_CORE_JSON_H_
