#include "src/core/episode_json.h"

#include <set>

#include <re2/re2.h>

#include "src/core/bfcl_prompt_config.h"
#include "src/core/dialect_names.h"
#include "src/core/env_names.h"
#include "src/core/input_error.h"

namespace toolshift {
namespace {


// "a string", "an integer", ... for error messages.
std::string Describe(const Json& j) {
  const std::string name = JsonTypeName(j);
  if (name == "null") return name;
  return (name[0] == 'a' || name[0] == 'i' || name[0] == 'o' ? "an " : "a ") + name;
}

const Json& Require(const Json& obj, const char* key, const std::string& field) {
  auto it = obj.find(key);
  if (it == obj.end()) throw FieldError(field + key, "missing");
  return *it;
}

std::string RequireString(const Json& obj, const char* key, const std::string& field,
                          bool allow_empty = false) {
  const Json& v = Require(obj, key, field);
  if (!v.is_string()) throw FieldError(field + key, "expected a string, got " + Describe(v));
  if (!allow_empty && v.get_ref<const std::string&>().empty()) {
    throw FieldError(field + key, "must not be empty");
  }
  return v.get<std::string>();
}

std::string OptionalString(const Json& obj, const char* key, const std::string& field) {
  auto it = obj.find(key);
  if (it == obj.end()) return "";
  if (!it->is_string()) throw FieldError(field + key, "expected a string, got " + Describe(*it));
  return it->get<std::string>();
}

void RejectUnknownKeys(const Json& obj, const std::set<std::string>& allowed,
                       const std::string& field) {
  for (auto it = obj.begin(); it != obj.end(); ++it) {
    if (!allowed.count(it.key())) throw FieldError(field + it.key(), "unknown field");
  }
}

bool IsObjectType(const Json& schema) {
  auto t = schema.find("type");
  return t != schema.end() && t->is_string() &&
         (*t == "object" || *t == "dict");  // "dict" is BFCL's spelling
}

const RE2& ToolNamePattern() {
  // Dots are allowed because BFCL names tools like "math.factorial".
  static const RE2 kPattern(R"([A-Za-z_][A-Za-z0-9_.\-]{0,127})");
  return kPattern;
}

// `bfcl`: the episode is scored with BFCL's rules, which score records toolshift's own rules
// would call broken (an answer naming a parameter the schema does not declare, a parameter
// with no acceptable value, a required parameter without one). BFCL gives such records a
// verdict — no call can pass them — so they are kept, not refused (docs/bfcl.md).
std::vector<ExpectedCall> ParseExpected(const Json& j, const std::vector<Tool>& tools, bool bfcl) {
  if (!j.is_array()) throw FieldError("expected", "expected an array, got " + Describe(j));
  std::vector<ExpectedCall> calls;
  for (size_t i = 0; i < j.size(); ++i) {
    const std::string f = "expected[" + std::to_string(i) + "].";
    const Json& c = j[i];
    if (!c.is_object()) throw FieldError(f.substr(0, f.size() - 1), "expected an object");
    RejectUnknownKeys(c, {"name", "args"}, f);
    ExpectedCall call;
    call.name = RequireString(c, "name", f);
    const Tool* tool = FindTool(tools, call.name);
    if (!tool) throw FieldError(f + "name", "'" + call.name + "' is not one of the episode's tools");
    const Json& args = Require(c, "args", f);
    if (!args.is_object()) throw FieldError(f + "args", "expected an object, got " + Describe(args));
    for (auto it = args.begin(); it != args.end(); ++it) {
      const std::string af = f + "args." + it.key();
      if (!tool->Property(it.key()) && !bfcl) {
        throw FieldError(af, "tool '" + call.name + "' has no parameter '" + it.key() + "'");
      }
      if (!it->is_array() || (it->empty() && !bfcl)) {
        throw FieldError(af, "expected a non-empty array of acceptable values");
      }
    }
    for (const auto& p : tool->PropertyNames()) {
      if (tool->IsRequired(p) && !args.contains(p) && !bfcl) {
        throw FieldError(f + "args", "required parameter '" + p + "' of '" + call.name +
                                         "' has no acceptable values");
      }
    }
    call.args = args;
    calls.push_back(std::move(call));
  }
  return calls;
}

void CheckCategory(Category category, const std::vector<ExpectedCall>& expected) {
  const size_t n = expected.size();
  switch (category) {
    case Category::kIrrelevance:
      if (n != 0) throw FieldError("expected", "an irrelevance episode expects no call ([])");
      break;
    case Category::kRelevance:
      if (n != 0) throw FieldError("expected", "a relevance episode accepts any call and lists none ([])");
      break;
    case Category::kSimple:
    case Category::kMultiple:
      if (n != 1) throw FieldError("expected", "a " + std::string(CategoryName(category)) +
                                                   " episode expects exactly one call");
      break;
    case Category::kParallel:
    case Category::kParallelMultiple:
      if (n < 2) throw FieldError("expected", "a parallel episode expects two or more calls");
      break;
    case Category::kMultiStep:
    case Category::kMultiTurn:
      if (n != 0) throw FieldError("expected", "a multi-step episode is judged by multi_step, not expected ([])");
      break;
  }
}

Presentation ParsePresentation(const Json& j) {
  if (!j.is_object()) throw FieldError("presentation", "expected an object");
  RejectUnknownKeys(j, {"schema", "tags", "prompt", "bfcl_prompt"}, "presentation.");
  Presentation p;
  if (auto s = OptionalString(j, "schema", "presentation."); !s.empty()) {
    bool known = false;
    for (auto style : kSchemaStyles) known = known || style == s;
    if (!known) throw FieldError("presentation.schema", "unknown schema style '" + s + "' (json, typescript, xml, prose)");
    p.schema = s;
  }
  if (auto t = j.find("tags"); t != j.end()) {
    if (!t->is_array() || t->size() != 2 || !(*t)[0].is_string() || !(*t)[1].is_string() ||
        (*t)[0].get_ref<const std::string&>().empty() || (*t)[1].get_ref<const std::string&>().empty() ||
        (*t)[0] == (*t)[1]) {
      throw FieldError("presentation.tags", "expected [open, close]: two different non-empty strings");
    }
    p.call_open = (*t)[0].get<std::string>();
    p.call_close = (*t)[1].get<std::string>();
  }
  if (auto s = OptionalString(j, "prompt", "presentation."); !s.empty()) {
    if (PromptVariantDialect(s).empty()) throw FieldError("presentation.prompt", "unknown prompt variant '" + s + "' (qwen2.5, bfcl)");
    p.prompt = s;
  }
  if (auto b = OptionalString(j, "bfcl_prompt", "presentation."); !b.empty()) {
    if (!ParseBfclPromptConfig(b)) {
      throw FieldError("presentation.bfcl_prompt", "not one of BFCL's prompt configurations, e.g. '" +
                                                       std::string(kBfclDefaultPromptConfig) + "'");
    }
    p.bfcl_prompt = b;
  }
  return p;
}

}  // namespace

Tool ParseTool(const Json& j, const std::string& field) {
  if (!j.is_object()) throw FieldError(field, "expected an object, got " + Describe(j));
  const std::string f = field + ".";
  RejectUnknownKeys(j, {"name", "description", "parameters"}, f);
  Tool tool;
  tool.name = RequireString(j, "name", f);
  if (!RE2::FullMatch(tool.name, ToolNamePattern())) {
    throw FieldError(f + "name", "'" + tool.name + "' is not a valid tool name");
  }
  tool.description = RequireString(j, "description", f, /*allow_empty=*/true);
  const Json& params = Require(j, "parameters", f);
  if (!params.is_object() || !IsObjectType(params)) {
    throw FieldError(f + "parameters", "expected a JSON Schema with \"type\": \"object\"");
  }
  auto props = params.find("properties");
  if (props != params.end()) {
    if (!props->is_object()) throw FieldError(f + "parameters.properties", "expected an object");
    for (auto it = props->begin(); it != props->end(); ++it) {
      if (!it->is_object()) {
        throw FieldError(f + "parameters.properties." + it.key(), "expected a schema object");
      }
      // JSON Schema's "type": a name or a list of names (["string", "null"]).
      if (auto t = it->find("type"); t != it->end()) {
        bool names = t->is_string() || (t->is_array() && !t->empty());
        if (t->is_array()) {
          for (const auto& n : *t) names = names && n.is_string();
        }
        if (!names) throw FieldError(f + "parameters.properties." + it.key() + ".type", "expected a type name or a non-empty list of them");
      }
    }
  }
  auto req = params.find("required");
  if (req != params.end()) {
    if (!req->is_array()) throw FieldError(f + "parameters.required", "expected an array");
    for (const auto& r : *req) {
      if (!r.is_string() || props == params.end() || !props->contains(r.get<std::string>())) {
        throw FieldError(f + "parameters.required", "names " + r.dump() + ", which is not a property");
      }
    }
  }
  tool.parameters = params;
  return tool;
}

Episode ParseEpisode(const Json& j, const std::string& default_dialect, const ToolList* parsed_tools) {
  if (!j.is_object()) throw FieldError("(episode)", "expected a JSON object, got " + Describe(j));
  RejectUnknownKeys(j, {"id", "domain", "category", "dialect", "tools", "messages", "expected",
                        "base_id", "shift", "presentation", "scoring", "meta", "multi_step"}, "");
  Episode ep;
  ep.id = RequireString(j, "id", "");
  ep.domain = RequireString(j, "domain", "");
  const std::string category = RequireString(j, "category", "");
  auto cat = ParseCategory(category);
  if (!cat) {
    throw FieldError("category", "unknown category '" + category +
                                     "' (simple, multiple, parallel, parallel_multiple, irrelevance, relevance, multi_step, multi_turn)");
  }
  ep.category = *cat;
  ep.dialect = OptionalString(j, "dialect", "");
  if (ep.dialect.empty()) ep.dialect = default_dialect;
  if (!IsKnownDialect(ep.dialect)) throw FieldError("dialect", "unknown dialect '" + ep.dialect + "'");
  if (const std::string rules = OptionalString(j, "scoring", ""); rules == "bfcl") {
    ep.scoring = ScoringRules::kBfcl;
  } else if (rules == "bfcl-java") {
    ep.scoring = ScoringRules::kBfclJava;
  } else if (rules == "bfcl-javascript") {
    ep.scoring = ScoringRules::kBfclJavaScript;
  } else if (!rules.empty() && rules != "toolshift") {
    throw FieldError("scoring", "expected \"toolshift\", \"bfcl\", \"bfcl-java\" or \"bfcl-javascript\", got '" +
                                    rules + "'");
  }
  const bool multi_category = ep.category == Category::kMultiStep || ep.category == Category::kMultiTurn;

  // An episode may offer no tools (BFCL's live_irrelevance has such records): the right
  // answer is then no call, which CheckCategory enforces through `expected`.
  if (parsed_tools) {
    if (parsed_tools->empty() && multi_category) throw FieldError("tools", "expected a non-empty array");
    ep.tools = *parsed_tools;
  } else {
    const Json& tools = Require(j, "tools", "");
    if (!tools.is_array() || (tools.empty() && multi_category)) {
      throw FieldError("tools", multi_category ? "expected a non-empty array" : "expected an array");
    }
    std::set<std::string> names;
    for (size_t i = 0; i < tools.size(); ++i) {
      Tool t = ParseTool(tools[i], "tools[" + std::to_string(i) + "]");
      if (!names.insert(t.name).second) {
        throw FieldError("tools[" + std::to_string(i) + "].name", "duplicate tool '" + t.name + "'");
      }
      ep.tools.push_back(std::move(t));
    }
  }

  const Json& messages = Require(j, "messages", "");
  if (!messages.is_array() || messages.empty()) throw FieldError("messages", "expected a non-empty array");
  for (size_t i = 0; i < messages.size(); ++i) {
    const std::string f = "messages[" + std::to_string(i) + "].";
    const Json& m = messages[i];
    if (!m.is_object()) throw FieldError(f.substr(0, f.size() - 1), "expected an object");
    RejectUnknownKeys(m, {"role", "content"}, f);
    const std::string role = RequireString(m, "role", f);
    auto r = ParseRole(role);
    // A single-step conversation may hold earlier assistant turns (text only): a dialogue
    // the model continues. A multi-step episode's loop counts the model's steps by its
    // assistant turns, so its prompt holds none.
    const bool assistant_ok = !multi_category && r == Role::kAssistant;
    if (!r || (*r != Role::kSystem && *r != Role::kUser && !assistant_ok)) {
      throw FieldError(f + "role", std::string("expected \"system\"") + (multi_category ? " or" : ", \"assistant\" or") +
                                       " \"user\", got '" + role + "'");
    }
    ep.messages.push_back(Message{*r, RequireString(m, "content", f, true), {}});
  }
  // A multi-step episode with a simulated user may leave the first user turn to it (ACEBench's
  // multi_turn: the user model opens the dialogue); the loop then awaits the user first.
  const bool user_opens = multi_category && j.contains("multi_step") && j["multi_step"].is_object() &&
                          j["multi_step"].contains("user") && ep.messages.back().role == Role::kSystem;
  if (ep.messages.back().role != Role::kUser && !user_opens) {
    throw FieldError("messages", "the last message must be a user turn");
  }

  ep.expected = ParseExpected(Require(j, "expected", ""), ep.tools, IsBfcl(ep.scoring));
  try {
    CheckCategory(ep.category, ep.expected);
  } catch (const FieldError& e) {
    throw FieldError(e.field(), std::string(e.what()).substr(e.field().size() + 2) +
                                    " (category " + category + ")");
  }
  if (auto m = j.find("multi_step"); m != j.end()) {
    if (!multi_category) throw FieldError("multi_step", "only multi_step and multi_turn episodes have one (category " + category + ")");
    ep.multi = ParseMultiStep(*m, ep.tools);
    // A pack's episode is checked by its pack where episodes are played (src/scoring/episode_pack.h).
    if (ep.multi->pack.empty() && !IsKnownEnvironment(ep.multi->env)) throw FieldError("multi_step.env", "unknown environment '" + ep.multi->env + "'");
    if ((ep.category == Category::kMultiTurn) != (ep.multi->turns.size() > 1)) {
      throw FieldError("category", "multi_turn episodes, and only they, have follow-up turns");
    }
  } else if (multi_category) {
    throw FieldError("multi_step", "missing (category " + category + ")");
  }
  ep.base_id = OptionalString(j, "base_id", "");
  ep.shift = OptionalString(j, "shift", "");
  if (auto p = j.find("presentation"); p != j.end()) ep.presentation = ParsePresentation(*p);
  if (const std::string& v = ep.presentation.prompt; !v.empty() && PromptVariantDialect(v) != ep.dialect) {
    throw FieldError("presentation.prompt", "'" + v + "' is the " + std::string(PromptVariantDialect(v)) +
                                                " prompt; the episode asks for " + ep.dialect);
  }
  return ep;
}

Json ToJson(const ExpectedCall& call) {
  return {{"name", call.name}, {"args", call.args}};
}

Json EpisodeToJson(const Episode& ep, const std::string& default_dialect) {
  Json j = Json::object();
  j["id"] = ep.id;
  if (!ep.base_id.empty()) j["base_id"] = ep.base_id;
  if (!ep.shift.empty()) j["shift"] = ep.shift;
  j["domain"] = ep.domain;
  j["category"] = CategoryName(ep.category);
  if (ep.dialect != default_dialect) j["dialect"] = ep.dialect;
  if (ep.scoring == ScoringRules::kBfcl) j["scoring"] = "bfcl";
  if (ep.scoring == ScoringRules::kBfclJava) j["scoring"] = "bfcl-java";
  if (ep.scoring == ScoringRules::kBfclJavaScript) j["scoring"] = "bfcl-javascript";
  if (!ep.presentation.IsDefault()) {
    Json p = Json::object();
    if (ep.presentation.schema != "json") p["schema"] = ep.presentation.schema;
    if (!ep.presentation.call_open.empty()) p["tags"] = {ep.presentation.call_open, ep.presentation.call_close};
    if (!ep.presentation.prompt.empty()) p["prompt"] = ep.presentation.prompt;
    if (!ep.presentation.bfcl_prompt.empty()) p["bfcl_prompt"] = ep.presentation.bfcl_prompt;
    j["presentation"] = std::move(p);
  }
  j["tools"] = Json::array();
  for (const auto& t : ep.tools) j["tools"].push_back(ToJson(t));
  j["messages"] = Json::array();
  for (const auto& m : ep.messages) j["messages"].push_back(ToJson(m));
  j["expected"] = Json::array();
  for (const auto& c : ep.expected) j["expected"].push_back(ToJson(c));
  if (ep.multi) j["multi_step"] = ToJson(*ep.multi);
  return j;
}

}  // namespace toolshift
