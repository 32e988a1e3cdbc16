// Helpers for the tests of BFCL's API classes (apis/): run a Python call string on an
// instance and get the text BFCL's executor records for it (ResultText of the return value, or
// "Error during execution: <message>" for a Python exception), build scenarios from JSON, and
// replay every ground-truth call of ../shared/bfcl-multi-turn that touches one class.
#ifndef TOOLSHIFT_TESTS_INTEROP_BFCL_APIS_CALL_SUPPORT_H_
#define TOOLSHIFT_TESTS_INTEROP_BFCL_APIS_CALL_SUPPORT_H_

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "src/core/json.h"
#include "src/interop/bfcl/apis/api.h"
#include "src/interop/bfcl/apis/long_context.h"
#include "src/interop/bfcl/py/py_bind.h"
#include "src/interop/bfcl/py/py_call.h"
#include "src/interop/bfcl/py/py_value.h"
#include "tests/test_support.h"

namespace toolshift::bfcl::testing_calls {

inline const MethodSig* FindMethod(const ApiInstance& api, std::string_view name) {
  for (const MethodSig& m : api.Methods())
    if (m.name == name) return &m;
  return nullptr;
}

// `call` ("post_tweet(content='x', tags=['#a'])") parsed, bound and run as BFCL does.
inline std::string Exec(ApiInstance& api, std::string_view call) {
  try {
    PyCall c = ParsePyCall(call);
    const MethodSig* sig = FindMethod(api, c.name);
    if (!sig) return "Error during execution: name '" + c.name + "' is not defined";
    std::vector<PyValue> args = BindCall(api.ClassName(), *sig, std::move(c.args), std::move(c.kwargs));
    return ResultText(api.Invoke(c.name, std::move(args)));
  } catch (const PyException& e) {
    return "Error during execution: " + e.message();
  }
}

inline PyDict ScenarioFromJson(std::string_view json) { return FromJson(Json::parse(json)).as_dict(); }

// json.dumps of one public attribute (its repr when JSON cannot hold it).
inline std::string StateOf(const ApiInstance& api, std::string_view attribute) {
  PyDict state = api.PublicState();
  const PyValue* v = state.Find(attribute);
  if (!v) return "(absent)";
  return PyJsonDumps(*v).value_or("(not JSON: " + PyRepr(*v) + ")");
}

inline std::string BfclDataDir() { return testing::SharedDir() + "/bfcl-multi-turn"; }
inline bool HaveBfclData() { return std::filesystem::exists(BfclDataDir() + "/BFCL_v4_multi_turn_base.json"); }

inline std::vector<Json> ReadJsonLines(const std::string& path) {
  std::ifstream in(path);
  std::vector<Json> out;
  for (std::string line; std::getline(in, line);)
    if (!line.empty()) out.push_back(Json::parse(line));
  return out;
}

struct ReplayStats {
  size_t entries = 0;
  size_t calls = 0;
  std::vector<std::string> failures;  // "<id> turn <n>: <call> -> <text>"
  // FNV-1a (64-bit) over the lines "<id>\t<turn>\t<call>\t<text>\n" of every call and, after
  // each entry, "<id>\tSTATE\t\t<json.dumps of the public state>\n": one number that pins
  // every result text and final state.
  uint64_t digest = 0xcbf29ce484222325ULL;
  void Absorb(std::string_view line) {
    for (unsigned char c : line) digest = (digest ^ c) * 0x100000001b3ULL;
  }
};

// Runs, for every entry of the four categories whose involved_classes has `class_name`, the
// ground-truth calls of that class turn by turn on one instance loaded as BFCL loads it (one
// BfclProcess for everything, as one Python process scores them). A result that is a Python
// exception's text is a failure; `check` may add more (it gets the entry id, call and text).
inline ReplayStats ReplayGroundTruth(
    const std::string& class_name, const std::function<std::unique_ptr<ApiInstance>(BfclProcess&)>& make,
    const std::function<void(const std::string&, const std::string&, const std::string&)>& check = {}) {
  ReplayStats stats;
  BfclProcess process;
  SetLongContextPath(process, BfclDataDir() + "/long_context.json");
  for (const char* category : {"base", "miss_func", "miss_param", "long_context"}) {
    std::string name = std::string("BFCL_v4_multi_turn_") + category + ".json";
    std::vector<Json> questions = ReadJsonLines(BfclDataDir() + "/" + name);
    std::vector<Json> answers = ReadJsonLines(BfclDataDir() + "/possible_answer/" + name);
    for (size_t e = 0; e < questions.size() && e < answers.size(); ++e) {
      const Json& q = questions[e];
      bool involved = false;
      for (const Json& c : q["involved_classes"]) involved = involved || c.get<std::string>() == class_name;
      if (!involved) continue;
      ++stats.entries;
      std::unique_ptr<ApiInstance> api = make(process);
      const Json& config = q["initial_config"];
      PyDict scenario = config.contains(class_name) ? FromJson(config[class_name]).as_dict() : PyDict();
      api->LoadScenario(scenario, std::string(category) == "long_context");
      const std::string id = q["id"].get<std::string>();
      const Json& turns = answers[e]["ground_truth"];
      for (size_t t = 0; t < turns.size(); ++t) {
        for (const Json& call_json : turns[t]) {
          std::string call = call_json.get<std::string>();
          std::string method = call.substr(0, call.find('('));
          if (!FindMethod(*api, method)) continue;
          ++stats.calls;
          std::string text = Exec(*api, call);
          if (text.rfind("Error during execution", 0) == 0)
            stats.failures.push_back(id + " turn " + std::to_string(t) + ": " + call + " -> " + text);
          if (check) check(id, call, text);
          stats.Absorb(id + "\t" + std::to_string(t) + "\t" + call + "\t" + text + "\n");
        }
      }
      stats.Absorb(id + "\tSTATE\t\t" + PyJsonDumps(PyValue::Dict(api->PublicState())).value_or("?") + "\n");
    }
  }
  return stats;
}

}  // namespace toolshift::bfcl::testing_calls

#endif  // TOOLSHIFT_TESTS_INTEROP_BFCL_APIS_CALL_SUPPORT_H_
