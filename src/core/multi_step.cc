#include "src/core/multi_step.h"

#include <set>

#include <re2/re2.h>

#include "src/core/input_error.h"

namespace toolshift {
namespace {

Json CallToJson(const ToolCall& c) { return {{"name", c.name}, {"args", c.arguments}}; }

ToolCall ParseCall(const Json& j, const std::string& f, const std::vector<Tool>& tools) {
  if (!j.is_object()) throw FieldError(f, "expected an object {\"name\", \"args\"}");
  for (auto it = j.begin(); it != j.end(); ++it) {
    if (it.key() != "name" && it.key() != "args") throw FieldError(f + "." + it.key(), "unknown field");
  }
  auto name = j.find("name");
  if (name == j.end() || !name->is_string()) throw FieldError(f + ".name", "expected a string");
  const Tool* tool = FindTool(tools, name->get<std::string>());
  if (!tool) throw FieldError(f + ".name", "'" + name->get<std::string>() + "' is not one of the episode's tools");
  auto args = j.find("args");
  if (args == j.end() || !args->is_object()) throw FieldError(f + ".args", "expected an object");
  for (auto it = args->begin(); it != args->end(); ++it) {
    if (!tool->Property(it.key())) throw FieldError(f + ".args." + it.key(), "tool '" + tool->name + "' has no such parameter");
  }
  return ToolCall{name->get<std::string>(), *args};
}

// Checks every {"$from": "S.C/pointer"} in `value` (a plan call's arguments, at `f`) against the
// plan: step S is an earlier step of the same turn than `step`, and has a call C; the pointer
// is a JSON pointer. (Whether the pointer exists in the result is only known when it runs.)
void CheckReferences(const Json& value, const std::string& f, size_t step, const std::vector<std::vector<ToolCall>>& plan) {
  if (value.is_object() && value.contains("$from")) {
    const Json& ref = value["$from"];
    const std::string rf = f + ".$from";
    if (value.size() != 1 || !ref.is_string()) throw FieldError(rf, "a reference is {\"$from\": \"STEP.CALL/POINTER\"} alone");
    size_t s = 0, c = 0;
    std::string pointer;
    if (!RE2::FullMatch(ref.get<std::string>(), R"((\d{1,9})\.(\d{1,9})(/.*)?)", &s, &c, &pointer)) {
      throw FieldError(rf, "expected \"STEP.CALL/POINTER\" (0-based step and call of this turn), got " + ref.dump());
    }
    if (s >= step) {
      throw FieldError(rf, "refers to step " + std::to_string(s) + ", which is not an earlier step of this turn (this is step " +
                               std::to_string(step) + ")");
    }
    if (c >= plan[s].size()) {
      throw FieldError(rf, "refers to call " + std::to_string(c) + " of step " + std::to_string(s) + ", which has " +
                               std::to_string(plan[s].size()) + " call(s)");
    }
    try {
      const Json::json_pointer unused(pointer);
      (void)unused;
    } catch (const Json::exception&) {
      throw FieldError(rf, "'" + pointer + "' is not a JSON pointer");
    }
    return;
  }
  if (value.is_object()) {
    for (auto it = value.begin(); it != value.end(); ++it) CheckReferences(*it, f + "." + it.key(), step, plan);
  } else if (value.is_array()) {
    for (size_t i = 0; i < value.size(); ++i) CheckReferences(value[i], f + "[" + std::to_string(i) + "]", step, plan);
  }
}

std::string OptionalString(const Json& j, const char* key, const std::string& f) {
  auto it = j.find(key);
  if (it == j.end()) return "";
  if (!it->is_string()) throw FieldError(f + key, "expected a string");
  return it->get<std::string>();
}

}  // namespace

int MultiStepTask::MinimalSteps() const {
  int n = 0;
  for (const auto& t : turns) n += static_cast<int>(t.plan.size()) + 1;
  return n;
}

ToolCall MultiStepTask::ToEnv(const ToolCall& shown) const {
  auto it = names.find(shown.name);
  if (it == names.end()) return shown;
  ToolCall out{it->second.tool, Json::object(), shown.id};
  if (!shown.arguments.is_object()) {
    out.arguments = shown.arguments;
    return out;
  }
  for (auto a = shown.arguments.begin(); a != shown.arguments.end(); ++a) {
    auto p = it->second.params.find(a.key());
    if (p != it->second.params.end() && p->second.empty()) continue;  // a parameter the environment does not take
    out.arguments[p == it->second.params.end() ? a.key() : p->second] = *a;
  }
  return out;
}

bool IsReference(const Json& value) {
  return value.is_object() && value.size() == 1 && value.contains("$from") && value["$from"].is_string();
}

std::optional<Json> ResolveReference(const std::string& ref, const std::vector<std::vector<Json>>& observations) {
  size_t step = 0, call = 0;
  std::string pointer;
  if (!RE2::FullMatch(ref, R"((\d+)\.(\d+)(/.*)?)", &step, &call, &pointer)) return std::nullopt;
  if (step >= observations.size() || call >= observations[step].size()) return std::nullopt;
  try {
    const Json::json_pointer p(pointer);
    const Json& obs = observations[step][call];
    if (!obs.contains(p)) return std::nullopt;
    return obs.at(p);
  } catch (const Json::exception&) {
    return std::nullopt;
  }
}

Json RewriteValues(const Json& value, const std::function<std::optional<Json>(const Json&)>& replace) {
  if (auto r = replace(value)) return *r;
  if (value.is_object()) {
    Json out = Json::object();
    for (auto it = value.begin(); it != value.end(); ++it) out[it.key()] = RewriteValues(*it, replace);
    return out;
  }
  if (value.is_array()) {
    Json out = Json::array();
    for (const auto& v : value) out.push_back(RewriteValues(v, replace));
    return out;
  }
  return value;
}

Json ResolveArguments(const Json& args, const std::vector<std::vector<Json>>& observations) {
  return RewriteValues(args, [&](const Json& v) -> std::optional<Json> {
    if (!IsReference(v)) return std::nullopt;
    return ResolveReference(v["$from"].get<std::string>(), observations).value_or(Json());
  });
}

Json ToJson(const MultiStepTask& task) {
  Json j = Json::object();
  j["env"] = task.env;
  j["initial_state"] = task.initial_state;
  j["turns"] = Json::array();
  for (const auto& t : task.turns) {
    Json tj = Json::object();
    if (!t.user.empty()) tj["user"] = t.user;
    tj["plan"] = Json::array();
    for (const auto& step : t.plan) {
      Json s = Json::array();
      for (const auto& c : step) s.push_back(CallToJson(c));
      tj["plan"].push_back(std::move(s));
    }
    tj["answer"] = t.answer;
    if (!t.answer_pattern.empty()) tj["answer_pattern"] = t.answer_pattern;
    j["turns"].push_back(std::move(tj));
  }
  j["expected_state"] = task.expected_state;
  j["required_calls"] = Json::array();
  for (const auto& c : task.required_calls) j["required_calls"].push_back(CallToJson(c));
  if (!task.ordered) j["ordered"] = false;
  if (task.max_steps > 0) j["max_steps"] = task.max_steps;
  if (!task.names.empty()) {
    Json n = Json::object();
    for (const auto& [shown, env] : task.names) n[shown] = {{"tool", env.tool}, {"params", env.params}};
    j["names"] = std::move(n);
  }
  if (!task.pack.empty()) {
    j["pack"] = task.pack;
    j["pack_data"] = task.pack_data;
  }
  if (task.user) j["user"] = ToJson(*task.user);
  return j;
}

MultiStepTask ParseMultiStep(const Json& j, const std::vector<Tool>& tools) {
  const std::string f = "multi_step.";
  if (!j.is_object()) throw FieldError("multi_step", "expected an object");
  static const std::set<std::string> kKeys = {"env", "initial_state", "turns", "expected_state", "required_calls",
                                              "ordered", "max_steps", "names", "pack", "pack_data", "user"};
  for (auto it = j.begin(); it != j.end(); ++it) {
    if (!kKeys.count(it.key())) throw FieldError(f + it.key(), "unknown field");
  }
  MultiStepTask task;
  task.env = OptionalString(j, "env", f);
  if (task.env.empty()) throw FieldError(f + "env", "missing");
  auto state = j.find("initial_state");
  if (state == j.end() || !state->is_object()) throw FieldError(f + "initial_state", "expected an object");
  task.initial_state = *state;
  auto turns = j.find("turns");
  if (turns == j.end() || !turns->is_array() || turns->empty()) throw FieldError(f + "turns", "expected a non-empty array");
  for (size_t i = 0; i < turns->size(); ++i) {
    const std::string tf = f + "turns[" + std::to_string(i) + "].";
    const Json& t = (*turns)[i];
    if (!t.is_object()) throw FieldError(tf.substr(0, tf.size() - 1), "expected an object");
    for (auto it = t.begin(); it != t.end(); ++it) {
      if (it.key() != "user" && it.key() != "plan" && it.key() != "answer" && it.key() != "answer_pattern") {
        throw FieldError(tf + it.key(), "unknown field");
      }
    }
    UserTurn turn;
    turn.user = OptionalString(t, "user", tf);
    if (i > 0 && turn.user.empty()) throw FieldError(tf + "user", "a follow-up turn needs its user message");
    if (i == 0 && !turn.user.empty()) throw FieldError(tf + "user", "the first turn's user message is the episode's last message");
    auto plan = t.find("plan");
    if (plan == t.end() || !plan->is_array()) throw FieldError(tf + "plan", "expected an array of steps");
    for (size_t s = 0; s < plan->size(); ++s) {
      const std::string sf = tf + "plan[" + std::to_string(s) + "]";
      if (!(*plan)[s].is_array() || (*plan)[s].empty()) throw FieldError(sf, "expected a non-empty array of calls");
      std::vector<ToolCall> step;
      for (size_t c = 0; c < (*plan)[s].size(); ++c) {
        step.push_back(ParseCall((*plan)[s][c], sf + "[" + std::to_string(c) + "]", tools));
      }
      turn.plan.push_back(std::move(step));
    }
    for (size_t s = 0; s < turn.plan.size(); ++s) {  // recursion is bounded: values nest at most kMaxJsonDepth
      for (size_t c = 0; c < turn.plan[s].size(); ++c) {
        CheckReferences(turn.plan[s][c].arguments, tf + "plan[" + std::to_string(s) + "][" + std::to_string(c) + "].args", s,
                        turn.plan);
      }
    }
    turn.answer = OptionalString(t, "answer", tf);
    turn.answer_pattern = OptionalString(t, "answer_pattern", tf);
    if (!turn.answer_pattern.empty()) {
      RE2 re("(?i)" + turn.answer_pattern, RE2::Quiet);
      if (!re.ok()) throw FieldError(tf + "answer_pattern", "not a valid RE2 pattern: " + re.error());
      if (!RE2::PartialMatch(turn.answer, re)) throw FieldError(tf + "answer", "does not match its own answer_pattern");
    }
    task.turns.push_back(std::move(turn));
  }
  auto expected = j.find("expected_state");
  if (expected != j.end()) {
    if (!expected->is_object()) throw FieldError(f + "expected_state", "expected an object");
    task.expected_state = *expected;
  }
  if (auto req = j.find("required_calls"); req != j.end()) {
    if (!req->is_array()) throw FieldError(f + "required_calls", "expected an array");
    for (size_t i = 0; i < req->size(); ++i) {
      task.required_calls.push_back(ParseCall((*req)[i], f + "required_calls[" + std::to_string(i) + "]", tools));
    }
  }
  if (auto o = j.find("ordered"); o != j.end()) {
    if (!o->is_boolean()) throw FieldError(f + "ordered", "expected true or false");
    task.ordered = o->get<bool>();
  }
  if (auto m = j.find("max_steps"); m != j.end()) {
    if (!m->is_number_integer() || m->get<int64_t>() < task.MinimalSteps() || m->get<int64_t>() > 1000) {
      throw FieldError(f + "max_steps", "expected an integer from the plan's " + std::to_string(task.MinimalSteps()) + " steps to 1000");
    }
    task.max_steps = m->get<int>();
  }
  if (auto n = j.find("names"); n != j.end()) {
    if (!n->is_object()) throw FieldError(f + "names", "expected an object");
    for (auto it = n->begin(); it != n->end(); ++it) {
      const std::string nf = f + "names." + it.key();
      if (!FindTool(tools, it.key())) throw FieldError(nf, "is not one of the episode's tools");
      if (!it->is_object() || !it->contains("tool") || !(*it)["tool"].is_string()) throw FieldError(nf + ".tool", "expected a string");
      EnvName en;
      en.tool = (*it)["tool"].get<std::string>();
      if (auto p = it->find("params"); p != it->end()) {
        if (!p->is_object()) throw FieldError(nf + ".params", "expected an object of strings");
        for (auto q = p->begin(); q != p->end(); ++q) {
          if (!q->is_string()) throw FieldError(nf + ".params." + q.key(), "expected a string");
          en.params[q.key()] = q->get<std::string>();
        }
      }
      task.names[it.key()] = std::move(en);
    }
  }
  task.pack = OptionalString(j, "pack", f);
  if (auto d = j.find("pack_data"); d != j.end()) {
    if (task.pack.empty()) throw FieldError(f + "pack_data", "only an episode with a pack has pack data");
    if (!d->is_object()) throw FieldError(f + "pack_data", "expected an object");
    task.pack_data = *d;
  }
  if (auto u = j.find("user"); u != j.end()) {
    task.user = ParseSimulatedUser(*u, f + "user");
  }
  return task;
}

}  // namespace toolshift
