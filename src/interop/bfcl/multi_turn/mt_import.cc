#include "src/interop/bfcl/multi_turn/mt_import.h"

#include <filesystem>
#include <fstream>
#include <map>
#include <set>

#include "src/core/dialect_names.h"
#include "src/core/episode_json.h"
#include "src/core/input_error.h"
#include "src/core/input_file.h"
#include "src/core/json_limits.h"
#include "src/core/json_lines.h"
#include "src/interop/bfcl/apis/api.h"
#include "src/interop/bfcl/multi_turn/mt_entry.h"
#include "src/interop/bfcl/py/py_random.h"
#include "src/interop/bfcl/multi_turn/mt_pack.h"
#include "src/interop/bfcl/py/py_call.h"

namespace toolshift::bfcl {
namespace {

using Line = JsonLine;

std::vector<Line> ReadJsonLines(const std::string& path, bool need_id) { return ReadJsonObjectLines(path, need_id); }

// "multi_turn_miss_func_12" -> "multi_turn_miss_func" (BFCL: id.rsplit("_", 1)[0]).
std::string CategoryOf(const std::string& id) {
  const size_t us = id.rfind('_');
  return us == std::string::npos ? id : id.substr(0, us);
}

// The doc files of the classes, read once: class -> docs in file order.
class DocLibrary {
 public:
  explicit DocLibrary(std::string dir) : dir_(std::move(dir)) {}
  const std::vector<Json>& Of(const std::string& cls) {
    auto it = docs_.find(cls);
    if (it != docs_.end()) return it->second;
    const ApiClassInfo* info = FindApiClass(cls);
    if (!info) throw FieldError("involved_classes", "'" + cls + "' is not one of BFCL's multi-turn API classes");
    const std::string path = (std::filesystem::path(dir_) / (info->doc_file + ".json")).string();
    std::vector<Json> docs;
    for (auto& l : ReadJsonLines(path, false)) {
      const Json& d = l.json;
      if (!d.contains("name") || !d["name"].is_string() || !d.contains("parameters") || !d["parameters"].is_object()) {
        throw InputError(path + ":" + std::to_string(l.number) + ": expected a function doc {name, description, parameters}");
      }
      docs.push_back(std::move(l.json));
    }
    return docs_.emplace(cls, std::move(docs)).first->second;
  }

 private:
  std::string dir_;
  std::map<std::string, std::vector<Json>> docs_;
};

std::vector<std::string> StringList(const Json& j, const std::string& field) {
  if (!j.is_array()) throw FieldError(field, "expected a list of strings");
  std::vector<std::string> out;
  for (size_t i = 0; i < j.size(); ++i) {
    if (!j[i].is_string()) throw FieldError(field + "[" + std::to_string(i) + "]", "expected a string");
    out.push_back(j[i].get<std::string>());
  }
  return out;
}

// A ground-truth call string as a plan call with named arguments (positional ones named after
// the doc's parameters, in order).
Json PlanCall(const std::string& text, const std::map<std::string, const Json*>& docs, const std::string& field) {
  PyCall call;
  try {
    call = ParsePyCall(text);
  } catch (const PyException& e) {
    throw FieldError(field, "'" + text + "' is not a Python call: " + e.message());
  }
  auto doc = docs.find(call.name);
  if (doc == docs.end()) throw FieldError(field, "'" + call.name + "' is not a function of the involved classes");
  std::vector<std::string> params;
  if (const Json* props = doc->second->contains("parameters") ? &(*doc->second)["parameters"] : nullptr;
      props && props->contains("properties") && (*props)["properties"].is_object()) {
    for (auto it = (*props)["properties"].begin(); it != (*props)["properties"].end(); ++it) params.push_back(it.key());
  }
  Json args = Json::object();
  for (size_t i = 0; i < call.args.size(); ++i) {
    if (i >= params.size()) throw FieldError(field, "'" + text + "': more positional arguments than the doc's parameters");
    args[params[i]] = ToJson(call.args[i]);
  }
  for (const auto& [k, v] : call.kwargs) args[k] = ToJson(v);
  return Json{{"name", call.name}, {"args", std::move(args)}};
}

Json BuildEpisode(const Json& q, const Json& gt, DocLibrary& library, const std::string& dialect) {
  const std::string id = q["id"].get<std::string>();
  const std::string category = CategoryOf(id);
  auto turns = q.find("question");
  if (turns == q.end() || !turns->is_array() || turns->empty()) throw FieldError("question", "expected a list of turns");
  auto classes_it = q.find("involved_classes");
  if (classes_it == q.end()) throw FieldError("involved_classes", "missing");
  const std::vector<std::string> classes = StringList(*classes_it, "involved_classes");
  std::vector<std::string> excluded;
  if (auto x = q.find("excluded_function"); x != q.end()) excluded = StringList(*x, "excluded_function");
  Json missed = Json::object();
  std::set<std::string> held;
  if (auto m = q.find("missed_function"); m != q.end()) {
    if (!m->is_object()) throw FieldError("missed_function", "expected {\"<turn>\": [names]}");
    missed = *m;
    for (auto it = m->begin(); it != m->end(); ++it) {
      for (const auto& n : StringList(*it, "missed_function." + it.key())) held.insert(n);
    }
  }
  // BFCL's function list: the involved classes' docs in order, excluded functions removed.
  Json tools = Json::array();
  Json responses = Json::object();
  std::map<std::string, const Json*> docs;
  for (const auto& cls : classes) {
    for (const Json& d : library.Of(cls)) {
      const std::string name = d["name"].get<std::string>();
      docs[name] = &d;
      if (std::find(excluded.begin(), excluded.end(), name) != excluded.end()) continue;
      const std::string description = d.contains("description") && d["description"].is_string()
                                          ? d["description"].get<std::string>() : "";
      tools.push_back(Json{{"name", name}, {"description", description + std::string(kPythonHint)},
                           {"parameters", d["parameters"]}});
      // Only a held-out function's doc is ever printed again (miss_func's later turn, mt_pack.h):
      // the other responses would be a third of every episode line, parsed at each load for nothing.
      if (held.count(name) && d.contains("response")) responses[name] = d["response"];
    }
  }
  for (const auto& h : held) {
    if (!docs.count(h)) throw FieldError("missed_function", "'" + h + "' is not a function of the involved classes");
  }
  auto truth = gt.find("ground_truth");
  if (truth == gt.end() || !truth->is_array()) throw FieldError("ground_truth", "expected a list per turn");
  if (truth->size() != turns->size()) {
    throw FieldError("ground_truth", std::to_string(truth->size()) + " turns for " + std::to_string(turns->size()) +
                                         " question turns");
  }
  Json multi = Json::object();
  multi["env"] = std::string(kPackName);
  multi["pack"] = std::string(kPackName);
  auto config = q.find("initial_config");
  multi["initial_state"] = config != q.end() && config->is_object() ? *config : Json::object();
  multi["turns"] = Json::array();
  for (size_t t = 0; t < turns->size(); ++t) {
    const std::string tf = "question[" + std::to_string(t) + "]";
    const Json& msgs = (*turns)[t];
    if (!msgs.is_array()) throw FieldError(tf, "expected a list of messages");
    Json turn = Json::object();
    if (t > 0) {
      std::string user;
      for (const auto& m : msgs) {
        if (!m.is_object() || !m.contains("content") || !m["content"].is_string()) throw FieldError(tf, "expected {role, content} messages");
        user += (user.empty() ? "" : "\n\n") + m["content"].get<std::string>();
      }
      // A miss_func turn has no message: the pack opens it with BFCL's (mt_pack.h); this is its gist.
      turn["user"] = user.empty() ? std::string(kAdditionalFunctionMessage) : user;
    }
    const std::vector<std::string> calls = StringList((*truth)[t], "ground_truth[" + std::to_string(t) + "]");
    Json step = Json::array();
    for (size_t c = 0; c < calls.size(); ++c) {
      step.push_back(PlanCall(calls[c], docs, "ground_truth[" + std::to_string(t) + "][" + std::to_string(c) + "]"));
    }
    turn["plan"] = calls.empty() ? Json::array() : Json::array({step});
    turn["answer"] = "Done.";
    multi["turns"].push_back(std::move(turn));
  }
  Json data = Json::object();
  data["id"] = id;
  data["category"] = category;
  data["involved_classes"] = *classes_it;
  data["ground_truth"] = *truth;
  if (!missed.empty()) data["missed_function"] = missed;
  if (!excluded.empty()) data["excluded_function"] = excluded;
  if (!responses.empty()) data["responses"] = std::move(responses);
  multi["pack_data"] = std::move(data);

  Json ep = Json::object();
  ep["id"] = id;
  ep["domain"] = category;
  ep["category"] = turns->size() > 1 ? "multi_turn" : "multi_step";
  ep["dialect"] = dialect;
  ep["scoring"] = "bfcl";
  ep["tools"] = std::move(tools);
  ep["messages"] = (*turns)[0];
  ep["expected"] = Json::array();
  ep["multi_step"] = std::move(multi);
  return ep;
}

}  // namespace

bool IsMultiTurnFile(const std::string& questions) {
  LineReader in(questions);  // refuses devices and FIFOs; a line past the cap is an error
  std::string_view line;
  while (in.Next(&line)) {
    if (line.find_first_not_of(" \t\r") == std::string_view::npos) continue;
    bool too_deep = false;
    Json j = TryParseJsonBounded(line, &too_deep);
    return j.is_object() && j.contains("id") && j["id"].is_string() &&
           j["id"].get_ref<const std::string&>().rfind("multi_turn", 0) == 0;
  }
  return false;
}

std::vector<size_t> CollapseStudyIndices(bool test) {
  std::vector<size_t> order(200);
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  PyRandom rng(PyInt(42));
  rng.Shuffle(order);
  return test ? std::vector<size_t>(order.begin() + 100, order.end()) : std::vector<size_t>(order.begin(), order.begin() + 100);
}

namespace {

// Keeps the entries of the subset's half, in file order; throws for an id without an index.
void KeepSubset(Suite& suite, const std::string& subset) {
  const std::vector<size_t> half = CollapseStudyIndices(subset == kCollapseTest);
  const std::set<size_t> keep(half.begin(), half.end());
  std::vector<Episode> kept;
  for (auto& e : suite.episodes) {
    const size_t at = e.id.find_last_of('_');
    size_t index = 0, used = 0;
    try {
      index = std::stoul(e.id.substr(at + 1), &used);
    } catch (const std::exception&) {
    }
    if (at == std::string::npos || used == 0 || used != e.id.size() - at - 1) {
      throw InputError("--subset " + subset + ": id '" + e.id + "' does not end with an entry index");
    }
    if (keep.count(index)) kept.push_back(std::move(e));
  }
  suite.episodes = std::move(kept);
}

}  // namespace

MultiTurnImportResult ImportBfclMultiTurn(const MultiTurnImportOptions& options) {
  if (!IsKnownDialect(options.dialect)) throw InputError("--dialect: unknown dialect '" + options.dialect + "'");
  if (!options.subset.empty() && options.subset != kCollapseTrain && options.subset != kCollapseTest) {
    throw InputError("--subset: unknown subset '" + options.subset + "' (" + std::string(kCollapseTrain) + ", " +
                     std::string(kCollapseTest) + ")");
  }
  if (options.answers.empty()) throw InputError("--answers: the multi-turn categories need their possible-answer file");
  const std::string docs_dir = options.func_docs.empty()
                                   ? (std::filesystem::path(options.questions).parent_path() / "multi_turn_func_doc").string()
                                   : options.func_docs;
  if (!std::filesystem::is_directory(docs_dir)) {
    throw InputError(docs_dir + ": no folder of BFCL function docs here; give it with --func-docs");
  }
  DocLibrary library(docs_dir);
  const std::vector<Line> questions = ReadJsonLines(options.questions, true);
  const std::vector<Line> answers = ReadJsonLines(options.answers, true);
  std::map<std::string, const Line*> by_id;
  for (const auto& a : answers) {
    if (!by_id.emplace(a.json["id"].get<std::string>(), &a).second) {
      throw InputError(options.answers + ":" + std::to_string(a.number) + ": id '" + a.json["id"].get<std::string>() +
                       "' appears twice");
    }
  }
  MultiTurnImportResult result;
  Suite& suite = result.suite;
  suite.manifest.split = Split::kId;
  suite.manifest.dialect = options.dialect;
  std::set<std::string> seen;
  size_t used = 0;
  for (const auto& q : questions) {
    const std::string id = q.json["id"].get<std::string>();
    const std::string where = options.questions + ":" + std::to_string(q.number) + ": id '" + id + "': ";
    if (!seen.insert(id).second) throw InputError(where + "appears twice");
    if (id.rfind("multi_turn", 0) != 0) throw InputError(where + "not a multi-turn entry (mixed categories in one file)");
    auto a = by_id.find(id);
    if (a == by_id.end()) throw InputError(where + "ground_truth: no possible answer with this id in " + options.answers);
    ++used;
    try {
      suite.episodes.push_back(ParseEpisode(BuildEpisode(q.json, a->second->json, library, options.dialect), options.dialect));
    } catch (const FieldError& e) {
      throw InputError(where + e.what());
    }
  }
  result.unused_answers = by_id.size() - used;
  const std::string category = CategoryOf(suite.episodes.front().id);
  std::string suffix;
  if (!options.subset.empty()) {
    KeepSubset(suite, options.subset);
    suffix = options.subset == kCollapseTest ? "-test" : "-train";
    if (suite.episodes.empty()) throw InputError(options.questions + ": no entry of this file is in " + options.subset);
  }
  suite.manifest.name = options.name.empty() ? "bfcl-" + category + suffix : options.name;
  suite.manifest.description = "BFCL " + category + " entries imported from " + options.questions + " (" +
                               std::to_string(suite.episodes.size()) + " episodes), played and scored as BFCL's multi-turn checker does";
  suite.source = options.questions;
  if (!options.prompt.empty()) OverridePrompt(suite, options.prompt);  // checks it suits the dialect
  return result;
}

}  // namespace toolshift::bfcl
