#include "src/scoring/ast_matcher.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <optional>

#include "src/scoring/bfcl_type_conversion.h"

namespace toolshift {
namespace {

// Python's == on JSON-decoded values, as BFCL's checker compares them: numbers and booleans
// compare by value whatever their spelling (1 == 1.0 == True), strings, lists and dicts
// structurally. Type checks run before value checks, so a bool never stands in for a
// number at the top level.
bool PyEqual(const Json& a, const Json& b) {
  const bool a_num = a.is_number() || a.is_boolean();
  const bool b_num = b.is_number() || b.is_boolean();
  if (a_num && b_num) {
    if ((a.is_number_integer() || a.is_boolean()) && (b.is_number_integer() || b.is_boolean())) {
      // nlohmann stores integers beyond int64 as unsigned; compare sign first, then magnitude.
      auto negative = [](const Json& v) { return v.is_number_integer() && !v.is_number_unsigned() && v.get<int64_t>() < 0; };
      auto magnitude = [](const Json& v) { return v.is_boolean() ? uint64_t{v.get<bool>()} : v.get<uint64_t>(); };
      if (negative(a) != negative(b)) return false;
      return negative(a) ? a.get<int64_t>() == b.get<int64_t>() : magnitude(a) == magnitude(b);
    }
    auto as_double = [](const Json& v) { return v.is_boolean() ? (v.get<bool>() ? 1.0 : 0.0) : v.get<double>(); };
    return as_double(a) == as_double(b);
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

// Python's `value in list`.
bool PyIn(const Json& value, const Json& list) {
  for (const auto& a : list) {
    if (PyEqual(value, a)) return true;
  }
  return false;
}

Json Standardized(const Json& v) { return v.is_string() ? Json(StandardizeString(v.get<std::string>())) : v; }

// Acceptable values of a nested key: BFCL writes a list; a bare value is read as [value].
Json AsList(const Json& v) { return v.is_array() ? v : Json::array({v}); }

// AsList without the copy when the value is a list already (the usual case, per argument
// judged): `list` is the value itself or its one-element wrapping.
struct AcceptableList {
  explicit AcceptableList(const Json& v) : wrapped(v.is_array() ? Json() : Json::array({v})), list(v.is_array() ? v : wrapped) {}
  AcceptableList(const AcceptableList&) = delete;
  AcceptableList& operator=(const AcceptableList&) = delete;
  const Json wrapped;
  const Json& list;
};

// The Python types BFCL's checker distinguishes.
enum class PyType { kStr, kInt, kFloat, kBool, kList, kDict, kNone, kUnchecked };

PyType TypeOfValue(const Json& v) {
  switch (v.type()) {
    case Json::value_t::string: return PyType::kStr;
    case Json::value_t::boolean: return PyType::kBool;
    case Json::value_t::number_float: return PyType::kFloat;
    case Json::value_t::number_integer:
    case Json::value_t::number_unsigned: return PyType::kInt;
    case Json::value_t::array: return PyType::kList;
    case Json::value_t::object: return PyType::kDict;
    default: return PyType::kNone;
  }
}

// BFCL's PYTHON_TYPE_MAPPING ("any" is str there), plus JSON Schema's spellings. A missing or
// unknown type is compared in the shape of the answer (InferredType).
PyType TypeOfSchemaName(const std::string& t) {
  if (t == "string" || t == "any") return PyType::kStr;
  if (t == "integer") return PyType::kInt;
  if (t == "float" || t == "number") return PyType::kFloat;
  if (t == "boolean") return PyType::kBool;
  if (t == "array" || t == "tuple") return PyType::kList;
  if (t == "dict" || t == "object") return PyType::kDict;
  if (t == "null") return PyType::kNone;
  return PyType::kUnchecked;
}

const std::string& SchemaTypeName(const Json& schema) {
  static const std::string kNone;
  auto t = schema.find("type");
  return t != schema.end() && t->is_string() ? t->get_ref<const std::string&>() : kNone;
}

// The type of the first acceptable value that is not the omission marker ("" = none).
std::optional<PyType> AcceptableType(const Json& acceptable) {
  const AcceptableList listed(acceptable);
  for (const auto& a : listed.list) {
    if (!IsOmitMarker(a)) return TypeOfValue(a);
  }
  return std::nullopt;
}

// The type an untyped parameter is compared as: the expected answer's own.
PyType InferredType(const Json& acceptable, std::optional<PyType>* nested) {
  const AcceptableList listed(acceptable);
  for (const auto& a : listed.list) {
    if (IsOmitMarker(a)) continue;
    const PyType t = TypeOfValue(a);
    if (t == PyType::kList) *nested = !a.empty() && a[0].is_object() ? PyType::kDict : PyType::kUnchecked;
    return t == PyType::kNone ? PyType::kUnchecked : t;
  }
  return PyType::kUnchecked;
}

PyType TypeOfPythonName(const std::string& t) {
  if (t == "str") return PyType::kStr;
  if (t == "int") return PyType::kInt;
  if (t == "float") return PyType::kFloat;
  if (t == "bool") return PyType::kBool;
  if (t == "list") return PyType::kList;
  if (t == "dict") return PyType::kDict;
  return PyType::kUnchecked;
}

// BFCL's Java / JavaScript branch of simple_function_checker: the argument must be a string
// (else a type error), converted by the schema type (items type for Array, ArrayList and
// array) before the usual checks. Returns "" or why the argument is a type error; sets the
// converted value and the Python types it is checked against.
std::string ConvertLanguageArgument(const Json& arg, const Json& schema, bool java, Json* value, PyType* expected,
                                    std::optional<PyType>* nested) {
  const std::string type = SchemaTypeName(schema);
  const auto python = java ? JavaPythonType(type) : JsPythonType(type);
  if (!python) return "type '" + type + "' is not a " + (java ? "Java" : "JavaScript") + " type BFCL converts";
  if (!arg.is_string()) {
    return std::string("expected a string of ") + (java ? "Java" : "JavaScript") + " source, got " + JsonTypeName(arg);
  }
  *expected = TypeOfPythonName(*python);
  std::string items;
  if (type == "Array" || type == "ArrayList" || type == "array") {
    const auto it = schema.find("items");
    items = it != schema.end() && it->is_object() ? SchemaTypeName(*it) : "";
    const auto items_python = java ? JavaPythonType(items) : JsPythonType(items);
    if (!items_python) return "items type '" + items + "' is not one BFCL converts";
    *nested = TypeOfPythonName(*items_python);
  }
  try {
    *value = java ? ConvertJavaValue(arg.get<std::string>(), type, items) : ConvertJsValue(arg.get<std::string>(), type, items);
  } catch (const BfclConversionError& e) {
    return std::string("BFCL's converter fails: ") + e.what();
  }
  return "";
}

struct TypeCheck {
  bool valid = true;
  bool is_variable = false;  // BFCL: the acceptable values are of another type than the schema's
};

// BFCL's type_checker, including its variable rule (a value of the acceptable values' type
// passes) and its one-level check of list items against the acceptable lists.
// Under kToolshift an integer also passes for a float inside lists (JSON Schema's "number");
// BFCL converts only top-level ints, so under kBfcl [1.5, 2] fails a list of floats.
TypeCheck CheckType(const Json& value, const Json& acceptable, PyType expected, std::optional<PyType> nested,
                    ScoringRules rules) {
  TypeCheck r;
  const std::optional<PyType> answer_type = AcceptableType(acceptable);
  r.is_variable = answer_type && *answer_type != expected;
  const bool int_as_float = rules == ScoringRules::kToolshift && expected == PyType::kFloat && value.is_number_integer();
  if (expected == PyType::kUnchecked || TypeOfValue(value) == expected || int_as_float) {
    if (!nested || *nested == PyType::kUnchecked) return r;
    const AcceptableList listed(acceptable);
    for (const auto& item : listed.list) {
      bool items_ok = true;
      if (item.is_array()) {
        for (const auto& v : value) {
          if (!CheckType(v, item, *nested, std::nullopt, rules).valid) {
            items_ok = false;
            break;
          }
        }
      }
      if (items_ok) return r;
    }
    r.valid = false;  // nested check failed; the variable rule below cannot rescue it
    if (answer_type && TypeOfValue(value) == *answer_type) r.is_variable = true;
    return r;
  }
  if (answer_type && TypeOfValue(value) == *answer_type) {
    r.is_variable = true;
    return r;
  }
  r.valid = false;
  return r;
}

// BFCL's dict_checker: every key the model gave must be in the spec with an acceptable
// (standardised) value; every spec key left out must allow omission.
std::string DictMismatch(const Json& value, const Json& spec) {
  if (!spec.is_object()) return "expected a value like " + DumpJson(spec);
  for (auto it = value.begin(); it != value.end(); ++it) {
    auto s = spec.find(it.key());
    if (s == spec.end()) return "unexpected key '" + it.key() + "'";
    Json options = Json::array();
    const AcceptableList listed(*s);
    for (const auto& o : listed.list) options.push_back(Standardized(o));
    if (!PyIn(Standardized(*it), options)) {
      return "key '" + it.key() + "' = " + DumpJson(*it) + ", expected one of " + DumpJson(AsList(*s));
    }
  }
  for (auto it = spec.begin(); it != spec.end(); ++it) {
    if (!value.contains(it.key()) && !AllowsOmission(AsList(*it))) return "missing key '" + it.key() + "'";
  }
  return "";
}

std::string CheckDict(const Json& value, const Json& acceptable) {
  std::string last = "no acceptable object";
  const AcceptableList listed(acceptable);
  for (const auto& a : listed.list) {
    if (IsOmitMarker(a)) continue;
    last = DictMismatch(value, a);
    if (last.empty()) return "";
  }
  return last;
}

// BFCL's list_dict_checker: same length, i-th object against i-th spec. An acceptable ""
// has length 0, so an empty list is accepted where the parameter may be omitted.
std::string CheckListOfDicts(const Json& value, const Json& acceptable) {
  std::string last = "no acceptable list";
  const AcceptableList listed(acceptable);
  for (const auto& a : listed.list) {
    const size_t size = a.is_array() ? a.size() : (IsOmitMarker(a) ? 0 : SIZE_MAX);
    if (size != value.size()) {
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
  return last;
}

// BFCL's list_checker: top-level strings standardised, then list equality. Acceptable values
// are iterated as BFCL does: a list element-wise, "" as the empty list, a string by character.
std::string CheckList(const Json& value, const Json& acceptable) {
  Json sv = Json::array();
  for (const auto& e : value) sv.push_back(Standardized(e));
  const AcceptableList listed(acceptable);
  for (const auto& a : listed.list) {
    Json sa = Json::array();
    if (a.is_array()) {
      for (const auto& e : a) sa.push_back(Standardized(e));
    } else if (a.is_string()) {
      const std::string& s = a.get_ref<const std::string&>();
      for (size_t i = 0; i < s.size();) {  // one element per UTF-8 code point
        size_t n = 1;
        const auto c = static_cast<unsigned char>(s[i]);
        if (c >= 0xF0) n = 4;
        else if (c >= 0xE0) n = 3;
        else if (c >= 0xC0) n = 2;
        sa.push_back(StandardizeString(s.substr(i, n)));
        i += n;
      }
    } else {
      continue;  // a number has no length; BFCL would fail here
    }
    if (PyEqual(sv, sa)) return "";
  }
  return "not an acceptable list";
}

std::string CheckString(const Json& value, const Json& acceptable) {
  const std::string sv = StandardizeString(value.get_ref<const std::string&>());
  const AcceptableList listed(acceptable);
  for (const auto& a : listed.list) {
    if (a.is_string() && StandardizeString(a.get_ref<const std::string&>()) == sv) return "";
  }
  return "not an acceptable string";
}

}  // namespace

namespace {

// Python's str.lower() for the scripts BFCL's data holds (Latin, Greek, Cyrillic); other
// code points are left as they are.
uint32_t LowerCodePoint(uint32_t c) {
  if (c >= 'A' && c <= 'Z') return c + 32;
  if (c < 0xC0) return c;
  if ((c >= 0xC0 && c <= 0xDE && c != 0xD7) || (c >= 0x391 && c <= 0x3AB && c != 0x3A2) ||
      (c >= 0x410 && c <= 0x42F)) {
    return c + 32;
  }
  if (c >= 0x400 && c <= 0x40F) return c + 80;
  if (c == 0x130) return 'i';  // Python lowers İ to "i̇"; the dot is dropped here
  if ((c >= 0x100 && c <= 0x137) || (c >= 0x14A && c <= 0x177) || (c >= 0x460 && c <= 0x481) ||
      (c >= 0x48A && c <= 0x4BF) || (c >= 0x4D0 && c <= 0x52F)) {
    return c | 1;  // upper/lower pairs at even/odd code points
  }
  if ((c >= 0x139 && c <= 0x148) || (c >= 0x179 && c <= 0x17E) || (c >= 0x4C1 && c <= 0x4CE)) {
    return (c & 1) ? c + 1 : c;  // pairs at odd/even code points
  }
  if (c == 0x178) return 0xFF;
  if (c == 0x386) return 0x3AC;
  if (c >= 0x388 && c <= 0x38A) return c + 37;
  if (c == 0x38C) return 0x3CC;
  if (c == 0x38E || c == 0x38F) return c + 63;
  return c;
}

}  // namespace

std::string StandardizeString(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      ++i;
      switch (c) {
        case ' ': case ',': case '.': case '/': case '-': case '_': case '*': case '^': continue;
        case '\'': out.push_back('"'); break;
        default: out.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : static_cast<char>(c));
      }
      continue;
    }
    // Two-byte sequences cover the cased scripts above; longer ones are copied unchanged.
    if (c >= 0xC2 && c < 0xE0 && i + 1 < s.size() && (static_cast<unsigned char>(s[i + 1]) & 0xC0) == 0x80) {
      const uint32_t cp = ((c & 0x1Fu) << 6) | (static_cast<unsigned char>(s[i + 1]) & 0x3Fu);
      const uint32_t lower = LowerCodePoint(cp);
      if (lower < 0x80) {
        out.push_back(static_cast<char>(lower));
      } else {
        out.push_back(static_cast<char>(0xC0 | (lower >> 6)));
        out.push_back(static_cast<char>(0x80 | (lower & 0x3F)));
      }
      i += 2;
      continue;
    }
    out.push_back(s[i++]);
  }
  return out;
}

MatchVerdict MatchCall(const ToolCall& call, const ExpectedCall& expected, const Tool& tool, ScoringRules rules) {
  if (call.name != expected.name) {
    return MatchVerdict::Fail(FailureCategory::kWrongTool,
                              "called '" + call.name + "', expected '" + expected.name + "'");
  }
  // The schema's properties walked in place (PropertyNames() copies every name, per call judged),
  // and looked up by the argument's own key (Tool::Property copies it).
  const Json* properties = nullptr;
  if (auto props = tool.parameters.find("properties"); props != tool.parameters.end() && props->is_object()) {
    properties = &*props;
    for (auto prop = props->begin(); prop != props->end(); ++prop) {
      const std::string& p = prop.key();
      if (tool.IsRequired(p) && !call.arguments.contains(p)) {
        return MatchVerdict::Fail(FailureCategory::kMissingArg,
                                  "'" + call.name + "': required argument '" + p + "' missing");
      }
    }
  }
  for (auto it = call.arguments.begin(); it != call.arguments.end(); ++it) {
    // Built only for a failure: most arguments judged pass.
    auto where = [&] { return "'" + call.name + "'." + it.key(); };
    const Json* schema = nullptr;
    if (properties) {
      if (auto p = properties->find(it.key()); p != properties->end()) schema = &*p;
    }
    auto acceptable = expected.args.find(it.key());
    if (!schema || acceptable == expected.args.end()) {
      return MatchVerdict::Fail(FailureCategory::kExtraArg, where() + ": unexpected argument");
    }
    const std::string& type_name = SchemaTypeName(*schema);
    PyType expected_type = TypeOfSchemaName(type_name);
    std::optional<PyType> nested;
    // The argument as judged: the model's own value, or a converted copy (owned) where a rule
    // converts it.
    Json owned;
    const Json* value_ptr = &*it;
    if (rules == ScoringRules::kBfclJava || rules == ScoringRules::kBfclJavaScript) {
      const std::string why = ConvertLanguageArgument(*it, *schema, rules == ScoringRules::kBfclJava, &owned,
                                                      &expected_type, &nested);
      if (!why.empty()) return MatchVerdict::Fail(FailureCategory::kWrongType, where() + ": " + why);
      value_ptr = &owned;
    } else if (expected_type == PyType::kList) {
      auto items = schema->find("items");
      nested = items != schema->end() && items->is_object() ? TypeOfSchemaName(SchemaTypeName(*items)) : PyType::kUnchecked;
    }
    const bool language = rules == ScoringRules::kBfclJava || rules == ScoringRules::kBfclJavaScript;
    if (expected_type == PyType::kUnchecked && !language) {
      // A schema shown without types (a presentation shift) must not change the verdict:
      // compare in the shape of the expected answer instead. (BFCL itself has no rule here:
      // its checker stops with a KeyError on a parameter without a type.)
      expected_type = InferredType(*acceptable, &nested);
    }
    // Python's int -> float allowance is for Python only; converted values keep their type.
    if (!language && expected_type == PyType::kFloat && value_ptr->is_number_integer()) {
      owned = value_ptr->get<double>();
      value_ptr = &owned;
    }
    const Json& value = *value_ptr;
    // BFCL converts a tuple to a list only where the schema says "tuple"; elsewhere its type
    // check sees a tuple, which is neither a list nor any acceptable value's type.
    const bool tuple = rules == ScoringRules::kBfcl && type_name != "tuple" &&
                       std::find(call.tuple_arguments.begin(), call.tuple_arguments.end(), it.key()) !=
                           call.tuple_arguments.end();
    if (tuple) {
      return MatchVerdict::Fail(FailureCategory::kWrongType, where() + ": expected " +
                                                                 (type_name.empty() ? "any" : type_name) +
                                                                 ", got a tuple");
    }
    const TypeCheck type = CheckType(value, *acceptable, expected_type, nested, rules);
    if (!type.valid) {
      return MatchVerdict::Fail(FailureCategory::kWrongType, where() + ": expected " +
                                                                 (type_name.empty() ? "any" : type_name) + ", got " +
                                                                 JsonTypeName(value) +
                                                                 (language ? " (converted from " + DumpJson(*it) + ")" : ""));
    }
    std::string mismatch = "not an acceptable value";
    bool checked = false;
    if (!type.is_variable) {
      checked = true;
      if (expected_type == PyType::kDict) mismatch = CheckDict(value, *acceptable);
      else if (expected_type == PyType::kList && nested == PyType::kDict) mismatch = CheckListOfDicts(value, *acceptable);
      else if (expected_type == PyType::kStr) mismatch = CheckString(value, *acceptable);
      else if (expected_type == PyType::kList) mismatch = CheckList(value, *acceptable);
      else checked = false;
    }
    if (!checked && PyIn(value, *acceptable)) mismatch.clear();
    if (!mismatch.empty()) {
      return MatchVerdict::Fail(FailureCategory::kWrongValue, where() + " = " + DumpJson(*it) + ": " + mismatch +
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
                        const std::vector<Tool>& tools, ScoringRules rules) {
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
    MatchVerdict closest;  // set with have_same_name
    bool have_same_name = false;
    for (size_t j = 0; j < calls.size() && !matched; ++j) {
      if (used[j]) continue;
      MatchVerdict v = MatchCall(calls[j], exp, *tool, rules);
      if (v.correct) {
        used[j] = matched = true;
      } else if (!have_same_name && calls[j].name == exp.name) {
        closest = std::move(v);  // a same-name call's error says more than "wrong tool"
        have_same_name = true;
      }
    }
    if (!matched) {
      return have_same_name ? closest : MatchVerdict::Fail(FailureCategory::kWrongTool, "no call to '" + exp.name + "'");
    }
  }
  return MatchVerdict::Correct();
}

}  // namespace toolshift
