#include "src/interop/acebench/ace_import.h"

#include <cctype>
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
#include "src/dialects/dialect.h"
#include "src/interop/acebench/ace_agent_import.h"
#include "src/interop/acebench/ace_checker.h"
#include "src/interop/acebench/ace_pack.h"
#include "src/interop/acebench/ace_prompts.h"
#include "src/interop/bfcl/py/py_value.h"

namespace toolshift::acebench {
namespace {

using Line = JsonLine;

std::vector<Line> ReadJsonLines(const std::string& path) { return ReadJsonObjectLines(path, /*need_id=*/true); }

std::string RequireString(const Json& j, const char* key) {
  auto it = j.find(key);
  if (it == j.end() || !it->is_string()) throw FieldError(key, "missing or not a string");
  return it->get<std::string>();
}

bool ValidToolName(const std::string& name) {
  if (name.empty() || name.size() > 128) return false;
  const auto first = static_cast<unsigned char>(name[0]);
  if (!(std::isalpha(first) || first == '_')) return false;
  for (char c : name) {
    const auto u = static_cast<unsigned char>(c);
    if (!(std::isalnum(u) || c == '_' || c == '.' || c == '-')) return false;
  }
  return true;
}

// The name an ACEBench function is shown under: its own, or (toolshift's tool names are ASCII
// identifiers; ACEBench's may start with a digit or be Chinese) its ASCII characters without
// leading underscores, "fn_" in front of a leading digit; "tool_<i>" when none are left or the
// name is taken.
std::string ShownName(const std::string& name, size_t index, const std::set<std::string>& taken) {
  if (ValidToolName(name)) return name;
  std::string ascii;
  for (char c : name) {
    const auto u = static_cast<unsigned char>(c);
    if ((std::isalnum(u) || c == '_' || c == '.' || c == '-') && !(ascii.empty() && c == '_')) ascii += c;
  }
  if (!ascii.empty() && !std::isalpha(static_cast<unsigned char>(ascii[0]))) ascii = "fn_" + ascii;
  if (ValidToolName(ascii) && !taken.count(ascii)) return ascii;
  std::string fallback = "tool_" + std::to_string(index);
  while (taken.count(fallback)) fallback += "_";
  return fallback;
}

// The record's functions as episode tools (the first of a repeated name is kept: ACEBench's
// schema lookup takes the first match too); `names` gets shown -> ACEBench name for aliases.
Json ToolsOf(const Json& functions, Json& names) {
  Json tools = Json::array();
  std::set<std::string> seen, taken;
  for (const auto& f : functions) {
    if (f.is_object() && f.contains("name") && f["name"].is_string()) taken.insert(f["name"].get<std::string>());
  }
  for (size_t i = 0; i < functions.size(); ++i) {
    const Json& f = functions[i];
    const std::string field = "function[" + std::to_string(i) + "]";
    if (!f.is_object() || !f.contains("name") || !f["name"].is_string()) throw FieldError(field + ".name", "missing or not a string");
    const std::string name = f["name"].get<std::string>();
    if (!seen.insert(name).second) continue;
    const std::string shown = ShownName(name, i, taken);
    if (shown != name) {
      taken.insert(shown);
      names[shown] = Json{{"tool", name}};
    }
    Json params;
    if (auto p = f.find("parameters"); p != f.end() && p->is_object()) {
      params = *p;
    } else if (auto a = f.find("arguments"); a != f.end() && a->is_object()) {
      params = *a;
    } else {
      params = Json{{"type", "object"}, {"properties", Json::object()}};
    }
    if (!params.contains("properties") || !params["properties"].is_object()) params["properties"] = Json::object();
    if (auto req = params.find("required"); req != params.end() && req->is_array()) {
      // A required name that is no property (Travel's reserve_flight requires "payment_methods"
      // beside its "payment_method") is left out of the shown schema; pack_data keeps the original.
      Json kept = Json::array();
      for (const auto& r : *req) {
        if (r.is_string() && params["properties"].contains(r.get<std::string>())) kept.push_back(r);
      }
      *req = std::move(kept);
    }
    Json t = Json::object();
    t["name"] = shown;
    t["description"] = f.value("description", "");
    t["parameters"] = std::move(params);
    tools.push_back(std::move(t));
  }
  return tools;
}

// The name a function is shown under (its alias, if it has one).
std::string Shown(const std::string& name, const Json& names) {
  for (auto it = names.begin(); it != names.end(); ++it) {
    if ((*it)["tool"] == name) return it.key();
  }
  return name;
}

bool HasTool(const Json& tools, const std::string& name, const Json& args) {
  for (const auto& t : tools) {
    if (t["name"] != name) continue;
    const Json& props = t["parameters"]["properties"];
    for (auto it = args.begin(); it != args.end(); ++it) {
      if (!props.contains(it.key())) return false;
    }
    return true;
  }
  return false;
}

std::string Joined(const Json& list) {
  std::string out;
  if (!list.is_array()) return out;
  for (const auto& v : list) {
    out += (out.empty() ? "" : ", ") + (v.is_string() ? v.get<std::string>() : bfcl::PyStr(bfcl::FromJson(v)));
  }
  return out;
}

// The sentence a special record's checker looks for, filled from its ground truth.
std::string SpecialAnswer(const std::string& category, const Json& gt) {
  if (category == "special_irrelevant") return gt.is_string() ? gt.get<std::string>() : std::string(kIrrelevantReply);
  if (!gt.is_object()) throw FieldError("ground_truth", "expected an object");
  if (category == "special_incomplete") {
    std::string out;
    for (auto it = gt.begin(); it != gt.end(); ++it) {
      out += (out.empty() ? "" : " ") + std::string("Missing necessary parameters (") + Joined(*it) + ") for the api (" + it.key() + ")";
    }
    return out;
  }
  std::string keys, values;
  for (auto it = gt.begin(); it != gt.end(); ++it) {
    keys += (keys.empty() ? "" : ", ") + it.key();
    const std::string v = Joined(*it);
    values += (values.empty() ? "" : ", ") + v;
  }
  return "There is incorrect value (" + values + ") for the parameters (" + keys + ") in the conversation history.";
}

Json BuildEpisode(const Json& q, const Json& a, const std::string& category, bool chinese, const std::string& dialect) {
  const std::string id = RequireString(q, "id");
  auto fn = q.find("function");
  if (fn == q.end() || !fn->is_array()) throw FieldError("function", "missing or not a list");
  auto gt_it = a.find("ground_truth");
  if (gt_it == a.end()) throw FieldError("ground_truth", "missing in the possible answer");
  const Json& gt = *gt_it;
  Json names = Json::object();
  Json tools = ToolsOf(*fn, names);
  if (tools.empty()) throw FieldError("function", "no functions");
  if (IsAgentCategory(category)) return BuildAgentEpisode(q, a, chinese, dialect, std::move(tools), std::move(names));
  const std::string context = category == "normal_preference" ? RequireString(q, "profile") : q.value("time", "");
  Json messages = Json::array();
  messages.push_back(Json{{"role", "system"}, {"content", SystemText(category, chinese, context)}});
  messages.push_back(Json{{"role", "user"}, {"content", UserText(RequireString(q, "question"))}});

  Json turn = Json::object();
  turn["plan"] = Json::array();
  if (IsSpecialCategory(category)) {
    turn["answer"] = SpecialAnswer(category, gt);
  } else {
    const Json& first = gt.is_array() ? (gt.empty() ? Json::object() : gt[0]) : gt;
    if (!first.is_object()) throw FieldError("ground_truth", "expected an object of calls, or a list of them");
    Json step = Json::array();
    bool known = true;
    for (auto it = first.begin(); it != first.end(); ++it) {
      const std::string name = Shown(StripIndexSuffix(it.key()), names);
      if (!it->is_object() || !HasTool(tools, name, *it)) known = false;
      step.push_back(Json{{"name", name}, {"args", it->is_object() ? *it : Json::object()}});
    }
    // A ground truth naming no offered tool (zh normal_similar_api_2) leaves the oracle nothing to call.
    if (known && !step.empty()) turn["plan"].push_back(std::move(step));
    turn["answer"] = "Done.";
  }
  Json data = Json::object();
  data["id"] = id;
  data["category"] = category;
  data["language"] = chinese ? "zh" : "en";
  data["functions"] = *fn;
  data["ground_truth"] = gt;

  Json multi = Json::object();
  multi["env"] = "acebench";
  multi["initial_state"] = Json::object();
  multi["turns"] = Json::array({std::move(turn)});
  if (!names.empty()) multi["names"] = std::move(names);
  multi["pack"] = std::string(kPackName);
  multi["pack_data"] = std::move(data);

  return PackEpisodeJson(id, category, dialect, std::move(tools), std::move(messages), std::move(multi));
}

// ACEBench's verdict on the oracle's reply ("" when it passes).
std::string SelfCheck(const Episode& ep) {
  const auto dialect = MakeDialect(ep.dialect, ep.presentation);
  const UserTurn& turn = ep.multi->turns.front();
  const Message reply = turn.plan.empty() ? dialect->WriteAnswer(turn.answer) : dialect->Write(turn.plan.front());
  const AceVerdict v = JudgeReply(ep, ReadAceEntry(ep), reply);
  return v.valid ? "" : v.error_type + ": " + v.error;
}

std::string LanguageOf(const AceImportOptions& o) {
  if (!o.language.empty()) {
    if (o.language != "en" && o.language != "zh") throw InputError("--language: expected en or zh, got '" + o.language + "'");
    return o.language;
  }
  const std::string path = std::filesystem::absolute(o.questions).lexically_normal().string();
  return path.find("data_zh") != std::string::npos || path.find("/zh/") != std::string::npos ? "zh" : "en";
}

}  // namespace

bool IsAceBenchFile(const std::string& questions) {
  LineReader in(questions);  // refuses devices and FIFOs; a line past the cap is an error
  std::string_view line;
  while (in.Next(&line)) {
    if (line.find_first_not_of(" \t\r") == std::string_view::npos) continue;
    bool too_deep = false;
    const Json j = TryParseJsonBounded(line, &too_deep);
    if (!j.is_object() || !j.contains("id") || !j["id"].is_string()) return false;
    const std::string cat = AceCategoryOfId(j["id"].get<std::string>());
    return IsNormalCategory(cat) || IsSpecialCategory(cat) || IsAgentCategory(cat);
  }
  return false;
}

AceImportResult ImportAceBench(const AceImportOptions& options) {
  if (!IsKnownDialect(options.dialect)) throw InputError("--dialect: unknown dialect '" + options.dialect + "'");
  std::string answers = options.answers;
  if (answers.empty()) {
    const std::filesystem::path q(options.questions);
    answers = (q.parent_path() / "possible_answer" / q.filename()).string();
    if (!std::filesystem::exists(answers)) throw InputError("--answers: not given, and no " + answers + " beside the questions");
  }
  const bool chinese = LanguageOf(options) == "zh";
  const std::vector<Line> questions = ReadJsonLines(options.questions);
  const std::vector<Line> answer_lines = ReadJsonLines(answers);
  std::map<std::string, const Line*> by_id;
  for (const auto& a : answer_lines) {
    if (!by_id.emplace(a.json["id"].get<std::string>(), &a).second) {
      throw InputError(answers + ":" + std::to_string(a.number) + ": id '" + a.json["id"].get<std::string>() + "' appears twice");
    }
  }
  AceImportResult result;
  Suite& suite = result.suite;
  suite.manifest.split = Split::kId;
  suite.manifest.dialect = options.dialect;
  std::set<std::string> seen;
  size_t used = 0;
  for (const auto& q : questions) {
    const std::string id = q.json["id"].get<std::string>();
    const std::string where = options.questions + ":" + std::to_string(q.number) + ": id '" + id + "': ";
    if (!seen.insert(id).second) throw InputError(where + "appears twice");
    const std::string category = AceCategoryOfId(id);
    if (!IsNormalCategory(category) && !IsSpecialCategory(category) && !IsAgentCategory(category)) {
      throw InputError(where + "not an ACEBench record id (<category>_<n>)");
    }
    if (result.category.empty()) result.category = category;
    if (category != result.category) throw InputError(where + "category " + category + " in a file of " + result.category);
    auto a = by_id.find(id);
    if (a == by_id.end()) throw InputError(where + "ground_truth: no possible answer with this id in " + answers);
    ++used;
    try {
      const Json built = BuildEpisode(q.json, a->second->json, category, chinese, options.dialect);
      Episode ep = ParseEpisode(built, options.dialect);
      const std::string why = IsAgentCategory(category) ? AgentSelfCheck(built) : SelfCheck(ep);
      if (!why.empty()) {
        ep.multi->pack_data["unpassable"] = why;
        result.unpassable.push_back(id + ": " + why);
      }
      suite.episodes.push_back(std::move(ep));
    } catch (const FieldError& e) {
      throw InputError(where + e.what());
    }
  }
  result.unused_answers = by_id.size() - used;
  const std::string lang = chinese ? "zh" : "en";
  // The dialect is in the name unless it is ACEBench's own python list, so a file imported in both
  // forms gives two suites one run can hold (suite names are unique in a run).
  const std::string form = options.dialect == "pythonic" ? "" : "-" + options.dialect;
  suite.manifest.name = options.name.empty() ? "acebench-" + lang + "-" + result.category + form : options.name;
  suite.manifest.description = "ACEBench " + lang + " " + result.category + " records imported from " + options.questions + " (" +
                               std::to_string(suite.episodes.size()) + " episodes), scored as ACEBench's checker scores them";
  suite.source = options.questions;
  return result;
}

}  // namespace toolshift::acebench
