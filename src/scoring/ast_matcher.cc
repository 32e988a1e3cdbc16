#include "src/scoring/ast_matcher.h"

#include <cmath>

namespace toolshift {
namespace {

// Python's == on JSON-decoded values: numbers compare by value whatever their int/float
// spelling (1 == 1.0), everything else structurally. Booleans stay apart from numbers:
// the type check has already rejected a bool where a number belongs.
bool PyEqual(const Json& a, const Json& b) {
  if (a.is_number() && b.is_number()) {
    if (a.is_number_integer() && b.is_number_integer()) {
      // nlohmann stores integers beyond int64 as unsigned; compare sign first, then magnitude.
      auto negative = [](const Json& v) { return !v.is_number_unsigned() && v.get<int64_t>() < 0; };
      if (negative(a) != negative(b)) return false;
      return negative(a) ? a.get<int64_t>() == b.get<int64_t>() : a.get<uint64_t>() == b.get<uint64_t>();
    }
    return a.get<double>() == b.get<double>();
  }
  if (a.type() != b.type()) return false;
  if (a.is_array()) {
    if (a.size() != b.size()) return false;
    for (size_t i = 0; i < a.size(); ++i) {
      if (!PyEqual(a[i], b[i])) return false;
    }
    return true;
  }
  if (a.is_object()) {
    if (a.size() != b.size()) return false;
    for (auto it = a.begin(); it != a.end(); ++it) {
      auto jt = b.find(it.key());
      if (jt == b.end() || !PyEqual(*it, *jt)) return false;
    }
    return true;
  }
  return a == b;
}

bool IsOmitMarker(const Json& v) { return v.is_string() && v.get_ref<const std::string&>().empty(); }

bool AllowsOmission(const Json& acceptable) {
  for (const auto& a : acceptable) {
    if (IsOmitMarker(a)) return true;
  }
  return false;
}

Json Standardized(const Json& v) { return v.is_string() ? Json(StandardizeString(v.get<std::string>())) : v; }

// Acceptable values of a nested key: BFCL writes a list; a bare value is read as [value].
Json AsList(const Json& v) { return v.is_array() ? v : Json::array({v}); }

bool InStandardized(const Json& value, const Json& acceptable) {
  const Json sv = Standardized(value);
  for (const auto& a : acceptable) {
    if (PyEqual(sv, Standardized(a))) return true;
  }
  return false;
}

// BFCL's dict_checker: every key the model gave must be in the spec with an acceptable
// (standardised) value; every spec key the model left out must allow omission.
std::string DictMismatch(const Json& value, const Json& spec) {
  if (!spec.is_object()) return "expected a value like " + DumpJson(spec);
  for (auto it = value.begin(); it != value.end(); ++it) {
    auto s = spec.find(it.key());
    if (s == spec.end()) return "unexpected key '" + it.key() + "'";
    if (!InStandardized(*it, AsList(*s))) {
      return "key '" + it.key() + "' = " + DumpJson(*it) + ", expected one of " + DumpJson(AsList(*s));
    }
  }
  for (auto it = spec.begin(); it != spec.end(); ++it) {
    if (!value.contains(it.key()) && !AllowsOmission(AsList(*it))) return "missing key '" + it.key() + "'";
  }
  return "";
}

// Returns "" if `value` equals one of `acceptable` under BFCL's checker for its shape.
std::string ValueMismatch(const Json& value, const Json& acceptable) {
  std::string last;
  if (value.is_object()) {
    for (const auto& a : acceptable) {
      if (IsOmitMarker(a)) continue;
      last = DictMismatch(value, a);
      if (last.empty()) return "";
    }
    return last.empty() ? "no acceptable object" : last;
  }
  if (value.is_array() && !value.empty() && value[0].is_object()) {
    // BFCL's list_dict_checker: same length, i-th object checked against i-th spec.
    for (const auto& a : acceptable) {
      if (!a.is_array()) continue;
      if (a.size() != value.size()) {
        last = "wrong number of objects in the list";
        continue;
      }
      bool ok = true;
      for (size_t i = 0; i < value.size() && ok; ++i) {
        last = value[i].is_object() ? DictMismatch(value[i], a[i]) : "list element is not an object";
        ok = last.empty();
      }
      if (ok) return "";
    }
    return last.empty() ? "no acceptable list" : last;
  }
  if (value.is_array()) {
    // BFCL's list_checker: top-level string elements standardised, then exact list equality.
    Json sv = Json::array();
    for (const auto& e : value) sv.push_back(Standardized(e));
    for (const auto& a : acceptable) {
      if (!a.is_array()) continue;
      Json sa = Json::array();
      for (const auto& e : a) sa.push_back(Standardized(e));
      if (PyEqual(sv, sa)) return "";
    }
    return "not an acceptable list";
  }
  if (value.is_string()) {
    const std::string sv = StandardizeString(value.get<std::string>());
    for (const auto& a : acceptable) {
      if (a.is_string() && !IsOmitMarker(a) && StandardizeString(a.get<std::string>()) == sv) return "";
    }
    return "not an acceptable string";
  }
  for (const auto& a : acceptable) {
    if (!IsOmitMarker(a) && PyEqual(value, a)) return "";
  }
  return "not an acceptable value";
}

bool HasType(const Json& v, std::string_view type) {
  if (type == "string") return v.is_string();
  if (type == "integer") return v.is_number_integer();
  if (type == "number" || type == "float") return v.is_number();  // int accepted for float
  if (type == "boolean") return v.is_boolean();
  if (type == "array" || type == "tuple") return v.is_array();
  if (type == "object" || type == "dict") return v.is_object();
  if (type == "null") return v.is_null();
  return true;  // "any", or a type name toolshift does not check
}

// "" if `value` fits `schema`'s type (and, for arrays, its items' type).
std::string TypeMismatch(const Json& value, const Json& schema) {
  auto t = schema.find("type");
  if (t != schema.end()) {
    bool ok = false;
    if (t->is_string()) {
      ok = HasType(value, t->get<std::string>());
    } else if (t->is_array()) {  // JSON Schema union: ["string", "null"]
      for (const auto& alt : *t) ok = ok || (alt.is_string() && HasType(value, alt.get<std::string>()));
    } else {
      ok = true;
    }
    if (!ok) return "expected " + (t->is_string() ? t->get<std::string>() : t->dump()) + ", got " + JsonTypeName(value);
  }
  auto items = schema.find("items");
  if (value.is_array() && items != schema.end() && items->is_object()) {
    for (size_t i = 0; i < value.size(); ++i) {
      std::string m = TypeMismatch(value[i], *items);
      if (!m.empty()) return "element " + std::to_string(i) + ": " + m;
    }
  }
  return "";
}

}  // namespace

std::string StandardizeString(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    switch (c) {
      case ' ': case ',': case '.': case '/': case '-': case '_': case '*': case '^': continue;
      case '\'': out.push_back('"'); break;
      default: out.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c);
    }
  }
  return out;
}

MatchVerdict MatchCall(const ToolCall& call, const ExpectedCall& expected, const Tool& tool) {
  if (call.name != expected.name) {
    return MatchVerdict::Fail(FailureCategory::kWrongTool,
                              "called '" + call.name + "', expected '" + expected.name + "'");
  }
  for (const auto& p : tool.PropertyNames()) {
    if (tool.IsRequired(p) && !call.arguments.contains(p)) {
      return MatchVerdict::Fail(FailureCategory::kMissingArg,
                                "'" + call.name + "': required argument '" + p + "' missing");
    }
  }
  for (auto it = call.arguments.begin(); it != call.arguments.end(); ++it) {
    const std::string where = "'" + call.name + "'." + it.key();
    const Json* schema = tool.Property(it.key());
    auto acceptable = expected.args.find(it.key());
    if (!schema || acceptable == expected.args.end()) {
      return MatchVerdict::Fail(FailureCategory::kExtraArg, where + ": unexpected argument");
    }
    if (std::string m = TypeMismatch(*it, *schema); !m.empty()) {
      return MatchVerdict::Fail(FailureCategory::kWrongType, where + ": " + m);
    }
    if (std::string m = ValueMismatch(*it, *acceptable); !m.empty()) {
      return MatchVerdict::Fail(FailureCategory::kWrongValue, where + " = " + DumpJson(*it) + ": " + m +
                                                                  " (acceptable: " + DumpJson(*acceptable) + ")");
    }
  }
  for (auto it = expected.args.begin(); it != expected.args.end(); ++it) {
    if (!call.arguments.contains(it.key()) && !AllowsOmission(*it)) {
      return MatchVerdict::Fail(FailureCategory::kMissingArg,
                                "'" + call.name + "': argument '" + it.key() + "' missing");
    }
  }
  return MatchVerdict::Correct();
}

MatchVerdict MatchCalls(const std::vector<ToolCall>& calls, const std::vector<ExpectedCall>& expected,
                        const std::vector<Tool>& tools) {
  if (expected.empty()) {
    if (calls.empty()) return MatchVerdict::Correct();
    return MatchVerdict::Fail(FailureCategory::kSpuriousCall,
                              "expected no call, got " + std::to_string(calls.size()) + " (first: '" +
                                  calls[0].name + "')");
  }
  if (calls.empty()) return MatchVerdict::Fail(FailureCategory::kNoCall, "expected a call, got none");
  for (const auto& c : calls) {
    if (!FindTool(tools, c.name)) {
      return MatchVerdict::Fail(FailureCategory::kUnknownTool, "'" + c.name + "' is not an offered tool");
    }
  }
  if (calls.size() != expected.size()) {
    return MatchVerdict::Fail(FailureCategory::kWrongCount, "expected " + std::to_string(expected.size()) +
                                                                " call(s), got " + std::to_string(calls.size()));
  }
  std::vector<bool> used(calls.size(), false);
  for (const auto& exp : expected) {
    const Tool* tool = FindTool(tools, exp.name);
    if (!tool) return MatchVerdict::Fail(FailureCategory::kWrongTool, "expected tool '" + exp.name + "' not offered");
    bool matched = false;
    MatchVerdict closest = MatchVerdict::Fail(FailureCategory::kWrongTool, "no call to '" + exp.name + "'");
    bool have_same_name = false;
    for (size_t j = 0; j < calls.size() && !matched; ++j) {
      if (used[j]) continue;
      MatchVerdict v = MatchCall(calls[j], exp, *tool);
      if (v.correct) {
        used[j] = matched = true;
      } else if (!have_same_name && calls[j].name == exp.name) {
        closest = std::move(v);  // a same-name call's error says more than "wrong tool"
        have_same_name = true;
      }
    }
    if (!matched) return closest;
  }
  return MatchVerdict::Correct();
}

}  // namespace toolshift
