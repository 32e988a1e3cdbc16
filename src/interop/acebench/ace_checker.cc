#include "src/interop/acebench/ace_checker.h"

#include <map>
#include <optional>

namespace toolshift::acebench {
namespace {

using bfcl::PyDict;
using bfcl::PyEquals;
using bfcl::PyIterItems;
using bfcl::PyList;
using bfcl::PyStr;
using bfcl::PyValue;

AceVerdict Ok() { return AceVerdict{true, "", ""}; }
AceVerdict Fail(std::string type, std::string error) { return AceVerdict{false, std::move(type), std::move(error)}; }

// The Python type a schema type name stands for in ACEBench's checker; "" = no Python type
// ("enum": nothing has it); nullopt = a name ACEBench does not know (its evaluation aborts).
std::optional<std::string> PythonType(const std::string& name) {
  static const std::map<std::string, std::string> kTypes = {
      {"string", "str"},   {"integer", "int"},         {"number", "int"},        {"float", "float"},
      {"boolean", "bool"}, {"array", "list"},          {"list", "list"},         {"tuple", "list"},
      {"list(string)", "list"}, {"list(enum)", "list"}, {"objectArray", "list"}, {"object", "dict"},
      {"dict", "dict"},    {"any", "str"},             {"int", "int"},           {"enum", ""}};
  auto it = kTypes.find(name);
  if (it == kTypes.end()) return std::nullopt;
  return it->second;
}

std::string TypeNameOf(const Json& schema) {
  if (!schema.is_object()) return "";
  auto t = schema.find("type");
  return t != schema.end() && t->is_string() ? t->get<std::string>() : "";
}

// The inner type of an array-like or object parameter: items.type, else by the type's name.
std::string InnerTypeName(const Json& schema, const std::string& type_name) {
  if (auto items = schema.find("items"); items != schema.end() && items->is_object() && items->contains("type")) {
    return TypeNameOf(*items);
  }
  if (type_name.find("string") != std::string::npos) return "string";
  if (type_name.find("enum") != std::string::npos) return "enum";
  return "dict";
}

bool IsEmptyString(const PyValue& v) { return v.is_str() && v.as_str().empty(); }

// "true"/"false" read as booleans, as ACEBench's checker reads them before type checks.
PyValue BoolText(const PyValue& v) {
  if (v.is_str() && (v.as_str() == "true" || v.as_str() == "false")) return PyValue::Bool(v.as_str() == "true");
  return v;
}

std::string ClassText(const std::string& py_type) { return "<class '" + py_type + "'>"; }

struct TypeResult {
  bool valid = false;
  bool variable = false;
};

TypeResult TypeCheck(const PyValue& value, const PyValue& gt, const std::string& type, const std::string& inner) {
  TypeResult r;
  r.variable = !IsEmptyString(gt) && gt.TypeName() != type;
  const PyValue v = BoolText(value);
  if (v.TypeName() == type) {
    if (inner.empty()) {
      r.valid = true;
      return r;
    }
    if (auto elements = PyIterItems(gt)) {
      for (const auto& g : *elements) {
        if (!g.is_list()) {
          r.valid = true;
          return r;
        }
        bool all = true;
        if (auto vs = PyIterItems(v)) {
          for (const auto& vi : *vs) {
            if (!TypeCheck(vi, g, inner, "").valid) {
              all = false;
              break;
            }
          }
        }
        if (all) {
          r.valid = true;
          return r;
        }
      }
    }
    return r;  // the nested check failed; the fallback below cannot rescue it
  }
  if (!IsEmptyString(gt) && (v.TypeName() == gt.TypeName() || PyEquals(gt, v))) {
    r.valid = true;
    r.variable = true;
  }
  return r;
}

PyValue StandardizedIfStr(const PyValue& v) { return v.is_str() ? PyValue::Str(Standardize(v.as_str())) : v; }

AceVerdict DictRule(const std::string& param, const std::string& func, const PyValue& value, const PyValue& gt) {
  if (!value.is_dict() || !gt.is_dict() || value.as_dict().size() != gt.as_dict().size()) {
    return Fail("value_error:dict_items", "Wrong number of parameters for dictionary.");
  }
  for (const auto& [key, raw] : value.as_dict().items()) {
    const PyValue v = BoolText(raw);
    const PyValue* g = gt.as_dict().Find(key);
    if (!g) {
      return Fail("value_error:dict_items", "Nested type checking failed for parameter '" + param + "'. Key '" + PyStr(key) +
                                                "' not found in the ground truth.");
    }
    if (g->is_dict()) {
      AceVerdict inner = DictRule(param, func, v, *g);
      if (!inner.valid) return inner;
      continue;
    }
    const std::string got = PyStr(StandardizedIfStr(v));
    const std::string want = PyStr(StandardizedIfStr(*g));
    if (got.find(want) == std::string::npos) {
      return Fail("value_error", "wrong value for parameter (" + param + ") of api (" + func + "): [excepted: " + PyStr(*g) +
                                     ", real: [" + PyStr(v) + "]]");
    }
  }
  return Ok();
}

AceVerdict ValueCheck(const std::string& param, const std::string& func, const PyValue& value, const PyValue& gt,
                      const std::string& type, const std::string& inner) {
  if (type == "str") {
    if (!value.is_str() || !gt.is_str() || Standardize(value.as_str()).find(Standardize(gt.as_str())) == std::string::npos) {
      return Fail("value_error:string", "wrong value for parameter (" + param + ") of api (" + func +
                                            "): [excepted: " + PyStr(gt) + ", real: [" + PyStr(value) + "]]");
    }
    return Ok();
  }
  if (type == "list") {
    const PyList& got = value.as_list();
    if (inner == "dict") {
      if (!gt.is_list() || got.size() != gt.as_list().size()) {
        return Fail("value_error:list_dict_count", "wrong value for parameter ('" + param + "') of api (" + func +
                                                       "): [expected " + PyStr(gt) + ", real: [" + PyStr(value) + "]]");
      }
      for (size_t i = 0; i < got.size(); ++i) {
        AceVerdict e = DictRule(param, func, got[i], gt.as_list()[i]);
        if (!e.valid) return e;
      }
      return Ok();
    }
    auto standardized = [](const PyValue& list) {
      PyList out;
      if (list.is_list() || list.is_tuple()) {
        for (const auto& e : list.as_list()) out.push_back(StandardizedIfStr(e));
      }
      return PyValue::List(std::move(out));
    };
    if (!gt.is_list() || !PyEquals(standardized(value), standardized(gt))) {
      return Fail("value_error:list/tuple", "wrong value for parameter ('" + param + "') of api (" + func +
                                                "): [expected " + PyStr(gt) + ", real: [" + PyStr(value) + "]]");
    }
    return Ok();
  }
  if (type == "dict") return DictRule(param, func, value, gt);
  return Ok();  // int, float, bool: ACEBench checks the type only
}

const Json& EmptyObject() {
  static const Json kEmpty = Json::object();
  return kEmpty;
}

// The first function whose name is a substring of the GT key (ACEBench's lookup).
const Json* SchemaFor(const std::string& gt_key, const Json& functions) {
  if (!functions.is_array()) return nullptr;
  for (const auto& f : functions) {
    auto n = f.find("name");
    if (n != f.end() && n->is_string() && gt_key.find(n->get<std::string>()) != std::string::npos) return &f;
  }
  return nullptr;
}

AceVerdict CheckCandidate(const std::vector<AceCall>& calls, const PyValue& gt, const Json& functions) {
  if (!gt.is_dict()) return Fail("wrong functions number", "The ground truth is not a dict of calls.");
  const PyDict& expected = gt.as_dict();
  if (calls.size() != expected.size()) {
    return Fail("wrong functions number", "The number of functions does not match the answer.");
  }
  std::map<std::string, int> want, got;
  std::vector<std::string> gt_names;
  for (const auto& [k, _] : expected.items()) {
    gt_names.push_back(StripIndexSuffix(PyStr(k)));
    ++want[gt_names.back()];
  }
  for (const auto& c : calls) ++got[c.name];
  for (const auto& c : calls) {
    if (!want.count(c.name)) return Fail("function_mismatch", "extra function detected: " + c.name + " is not in the ground truth");
  }
  for (const auto& n : gt_names) {
    if (!got.count(n)) return Fail("function_mismatch", "extra function detected: " + n + " is not in the ground truth");
  }
  for (const auto& [n, count] : want) {
    if (got[n] != count) {
      return Fail("function_mismatch", "incorrect count for function " + n + ": [expected: " + std::to_string(count) +
                                           ", actual: " + std::to_string(got[n]) + "]");
    }
  }
  size_t i = 0;
  for (const auto& [k, args] : expected.items()) {
    const std::string& name = gt_names[i++];
    const Json* schema = SchemaFor(PyStr(k), functions);
    AceVerdict last = Fail("wrong_function_name", "no function of the record matches " + PyStr(k));
    bool satisfied = false;
    for (const auto& c : calls) {
      if (c.name != name || !schema) continue;
      last = CheckArguments(c, args, *schema);
      if (last.valid) {
        satisfied = true;
        break;
      }
    }
    if (!satisfied) {
      if (expected.size() > 1) last.error = "Parallel function call failed; " + last.error;
      return last;
    }
  }
  return Ok();
}

}  // namespace

std::string Standardize(std::string_view s) {
  std::string kept;
  for (char c : s) {
    if (std::string_view(" ,./-_*^").find(c) == std::string_view::npos) kept += c;
  }
  std::string out = bfcl::PyLower(kept);
  for (char& c : out) {
    if (c == '\'') c = '"';
  }
  return out;
}

std::string StripIndexSuffix(std::string_view key) {
  size_t end = key.size();
  while (end > 0 && key[end - 1] >= '0' && key[end - 1] <= '9') --end;
  if (end < key.size() && end > 0 && key[end - 1] == '_') return std::string(key.substr(0, end - 1));
  return std::string(key);
}

AceVerdict CheckArguments(const AceCall& call, const PyValue& gt_args, const Json& schema) {
  const std::string func = schema.value("name", "");
  auto p = schema.find("parameters");
  const Json& params = p != schema.end() && p->is_object() ? *p : EmptyObject();
  if (call.args.empty()) {
    if (params.empty()) return Ok();
    return Fail("wrong_param", "The function " + call.name + " is called without arguments.");
  }
  auto props_it = params.find("properties");
  const Json& properties = props_it != params.end() && props_it->is_object() ? *props_it : EmptyObject();
  if (PyEquals(gt_args, bfcl::FromJson(properties))) return Ok();
  if (!gt_args.is_dict() || gt_args.as_dict().empty()) return Fail("wrong_param", "The ground truth has no arguments.");
  if (func != call.name) {
    return Fail("wrong_function_name", "Function name '" + call.name + "' does not match the ground truth '" + func + "'.");
  }
  if (auto req = params.find("required"); req != params.end() && req->is_array()) {
    for (const auto& r : *req) {
      if (r.is_string() && !call.args.Find(r.get<std::string>())) {
        return Fail("lack_args", "lack required_params: " + r.get<std::string>());
      }
    }
  }
  const PyDict& gt = gt_args.as_dict();
  for (const auto& [key, raw] : call.args.items()) {
    const std::string param = PyStr(key);
    const PyValue* g = gt.Find(param);
    auto prop = properties.find(param);
    if (prop == properties.end() || !g) return Fail("addition_args", "addition params: " + param);
    const std::string type_name = TypeNameOf(*prop);
    const auto type = PythonType(type_name);
    if (!type) return Fail("type_error", "unknown type '" + type_name + "' of parameter (" + param + "): ACEBench stops here");
    std::string inner;
    if (*type == "list" || *type == "dict") {
      const auto inner_type = PythonType(InnerTypeName(*prop, type_name));
      if (!inner_type) return Fail("type_error", "unknown item type of parameter (" + param + "): ACEBench stops here");
      inner = inner_type->empty() ? "<enum>" : *inner_type;
    }
    const std::string t = type->empty() ? "<enum>" : *type;
    PyValue value = raw;
    if (type_name == "tuple" && value.is_tuple()) value = PyValue::List(value.as_list());
    if (t == "float" && value.is_int()) value = PyValue::Float(value.as_int().to_double());
    const TypeResult tr = TypeCheck(value, *g, t, inner);
    if (!tr.valid) {
      return Fail("type_error", "wrong type for parameter (" + param + ") of api (" + func + "):[excepted: " + ClassText(t) +
                                    ", real: " + ClassText(BoolText(value).TypeName()) + "]");
    }
    if (tr.variable) continue;
    AceVerdict v = ValueCheck(param, func, value, *g, t, inner);
    if (!v.valid) return v;
  }
  return Ok();
}

AceVerdict CheckNormal(const std::vector<AceCall>& calls, const Json& ground_truth, const Json& functions) {
  if (ground_truth.is_array()) {
    AceVerdict first;
    for (size_t i = 0; i < ground_truth.size(); ++i) {
      AceVerdict v = CheckCandidate(calls, bfcl::FromJson(ground_truth[i]), functions);
      if (v.valid) return v;
      if (i == 0) first = v;
    }
    return ground_truth.empty() ? Fail("wrong functions number", "The ground truth lists no answer.") : first;
  }
  return CheckCandidate(calls, bfcl::FromJson(ground_truth), functions);
}

AceVerdict CheckSpecial(std::string_view category, std::string_view reply, const Json& ground_truth) {
  auto contains = [&](std::string_view s) { return reply.find(s) != std::string_view::npos; };
  auto text = [](const Json& j) { return j.is_string() ? j.get<std::string>() : PyStr(bfcl::FromJson(j)); };
  if (category == "special_irrelevant") {
    if (!contains("the limitations of the function")) {
      return Fail("error_detection", "The model cannot solve this problem, due to the limitations of the function");
    }
    return Ok();
  }
  const bool incomplete = category == "special_incomplete";
  const std::string_view phrase = incomplete ? "Missing necessary parameters" : "There is incorrect value";
  if (!contains(phrase)) return Fail("error_detection", "The reply does not contain \"" + std::string(phrase) + "\".");
  if (!ground_truth.is_object()) return Fail("error_correction", "The ground truth is not an object.");
  for (auto it = ground_truth.begin(); it != ground_truth.end(); ++it) {
    if (incomplete && !contains(it.key())) return Fail("error_correction", "The reply does not name the api " + it.key() + ".");
    if (!it->is_array()) continue;
    for (const auto& v : *it) {
      const std::string want = text(v);
      if (!contains(want)) {
        return Fail("error_correction", std::string(incomplete ? "The reply does not name the missing parameter "
                                                               : "The reply does not quote the incorrect value ") +
                                            want + ".");
      }
    }
  }
  return Ok();
}

}  // namespace toolshift::acebench
