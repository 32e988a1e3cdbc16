#include "src/interop/acebench/ace_agent_import.h"

#include <algorithm>
#include <map>

#include "src/core/input_error.h"
#include "src/interop/acebench/ace_agent_check.h"
#include "src/interop/acebench/ace_agent_pack.h"
#include "src/interop/acebench/ace_decode.h"
#include "src/interop/acebench/ace_phone.h"

namespace toolshift::acebench {
namespace {

// The phone scene's message users (MessageApi's name -> id table, SPEC.md 7.3), id -> name.
std::string UserNameOf(const std::string& id) {
  static const std::map<std::string, std::string> kNames = {{"USR100", "Eve"},   {"USR101", "Frank"}, {"USR102", "Grace"},
                                                            {"USR103", "Helen"}, {"USR104", "Isaac"}, {"USR105", "Jack"}};
  auto it = kNames.find(id);
  return it == kNames.end() ? id : it->second;
}

// The attributes of class `cls` in a {ClassName: attributes} list, or nullptr.
const Json* ClassIn(const Json& state, const std::string& cls) {
  if (!state.is_array()) return nullptr;
  for (const auto& e : state) {
    if (e.is_object() && e.size() == 1 && e.begin().key() == cls) return &e.begin().value();
  }
  return nullptr;
}

const Json* Attr(const Json* cls, const char* attr) {
  if (!cls || !cls->is_object()) return nullptr;
  auto it = cls->find(attr);
  return it == cls->end() ? nullptr : &*it;
}

// Keys of a dict attribute in numeric order (message and reminder ids are integers as strings).
std::vector<std::string> IdOrder(const Json& dict) {
  std::vector<std::string> keys;
  for (auto it = dict.begin(); it != dict.end(); ++it) keys.push_back(it.key());
  std::stable_sort(keys.begin(), keys.end(), [](const std::string& a, const std::string& b) {
    return std::strtoll(a.c_str(), nullptr, 10) < std::strtoll(b.c_str(), nullptr, 10);
  });
  return keys;
}

Json IdValue(const std::string& key) {
  char* end = nullptr;
  const long long n = std::strtoll(key.c_str(), &end, 10);
  return end && *end == '\0' && !key.empty() ? Json(n) : Json(key);
}

struct Planner {
  std::vector<ToolCall> food, messages, reminders;
  bool need_wifi = false, need_login = false;

  void Food(const Json* got, const Json* want) {
    if (const Json* users = Attr(want, "logged_in_users"); users && users->is_array()) {
      const Json* accounts = Attr(got, "users");
      for (const auto& u : *users) {
        if (!u.is_string()) continue;
        const Json* account = accounts && accounts->contains(u.get<std::string>()) ? &(*accounts)[u.get<std::string>()] : nullptr;
        const Json password = account && account->contains("password") ? (*account)["password"] : Json("");
        food.push_back(ToolCall{"login_food_platform", Json{{"username", u}, {"password", password}}});
        need_wifi = true;
      }
    }
    if (const Json* orders = Attr(want, "orders"); orders && orders->is_array()) {
      for (const auto& o : *orders) {
        if (!o.is_object()) continue;
        Json items = Json::array();
        for (const auto& i : o.value("items", Json::array())) {
          if (i.is_object()) items.push_back(Json{{"product", i.value("product", Json(""))}, {"quantity", i.value("quantity", Json(1))}});
        }
        food.push_back(ToolCall{"add_food_delivery_order", Json{{"username", o.value("user_name", Json(""))},
                                                                {"merchant_name", o.value("merchant_name", Json(""))},
                                                                {"items", std::move(items)}}});
      }
    }
  }

  void Messages(const Json* got, const Json* want) {
    const Json* before = Attr(got, "inbox");
    const Json* after = Attr(want, "inbox");
    if (!before || !after || !before->is_object() || !after->is_object()) return;
    for (const auto& k : IdOrder(*before)) {
      if (after->contains(k)) continue;
      messages.push_back(ToolCall{"delete_message", Json{{"message_id", IdValue(k)}}});
      need_login = true;
    }
    for (const auto& k : IdOrder(*after)) {
      if (before->contains(k)) continue;
      const Json& m = (*after)[k];
      if (!m.is_object()) continue;
      auto text = [&](const char* f) { return m.contains(f) && m[f].is_string() ? m[f].get<std::string>() : std::string(); };
      messages.push_back(ToolCall{"send_message", Json{{"sender_name", UserNameOf(text("sender_id"))},
                                                       {"receiver_name", UserNameOf(text("receiver_id"))},
                                                       {"message", m.value("message", Json(""))}}});
      need_login = need_wifi = true;
    }
  }

  void Reminders(const Json* got, const Json* want) {
    const Json* before = Attr(got, "reminder_list");
    const Json* after = Attr(want, "reminder_list");
    if (!before || !after || !before->is_object() || !after->is_object()) return;
    for (const auto& k : IdOrder(*after)) {
      if (before->contains(k) || !(*after)[k].is_object()) continue;
      const Json& r = (*after)[k];
      reminders.push_back(ToolCall{"add_reminder", Json{{"title", r.value("title", Json(""))},
                                                        {"description", r.value("description", Json(""))},
                                                        {"time", r.value("time", Json(""))}}});
      need_login = true;
    }
  }
};

}  // namespace

std::vector<ToolCall> PlanFromEndState(const std::vector<std::string>& involved, const Json& initial_config,
                                       const Json& ground_truth) {
  const Json initial = PhoneScene(involved, initial_config).Result();
  Planner p;
  p.Food(ClassIn(initial, "FoodPlatform"), ClassIn(ground_truth, "FoodPlatform"));
  p.Messages(ClassIn(initial, "MessageApi"), ClassIn(ground_truth, "MessageApi"));
  p.Reminders(ClassIn(initial, "ReminderApi"), ClassIn(ground_truth, "ReminderApi"));
  if (const Json* base = ClassIn(ground_truth, "BaseApi")) {
    if (const Json* w = Attr(base, "wifi"); w && w->is_boolean() && w->get<bool>()) p.need_wifi = true;
    if (const Json* l = Attr(base, "logged_in"); l && l->is_boolean() && l->get<bool>()) p.need_login = true;
  }
  // Every phone class holds the same wifi/logged_in, loaded from the BaseApi config.
  const Json* start = initial_config.is_object() && initial_config.contains("BaseApi") ? &initial_config["BaseApi"] : nullptr;
  const bool wifi = start && start->contains("wifi") && (*start)["wifi"].is_boolean() && (*start)["wifi"].get<bool>();
  const bool logged_in = !(start && start->contains("logged_in") && (*start)["logged_in"].is_boolean()) || (*start)["logged_in"].get<bool>();
  std::vector<ToolCall> plan;
  if (p.need_wifi && !wifi) plan.push_back(ToolCall{"turn_on_wifi", Json::object()});
  if (p.need_login && !logged_in) plan.push_back(ToolCall{"login_device", Json::object()});
  for (auto* part : {&p.food, &p.messages, &p.reminders}) plan.insert(plan.end(), part->begin(), part->end());
  return plan;
}

namespace {

std::string SystemTextMultiStep() {
  return "You are an agent that carries out the user's request by calling the APIs below, step by step: one request "
         "per message (generally no parallel calls). Parameters not marked as required are optional: give only those "
         "the conversation mentions. For values without a fixed format, keep the user's own wording.\n"
         "Every message you write goes to the executor, which runs the calls in it and answers with their results; it "
         "cannot answer questions. When you believe the task is complete, reply \"finish conversation\".\n\n"
         "Roles: user is the user, agent is you, execution is what the APIs returned.";
}

const Json& Field(const Json& j, const char* key, const char* what) {
  auto it = j.find(key);
  if (it == j.end()) throw FieldError(key, std::string("missing (") + what + ")");
  return *it;
}

}  // namespace

Json BuildAgentEpisode(const Json& q, const Json& a, bool chinese, const std::string& dialect, Json tools, Json names) {
  const std::string id = q["id"].get<std::string>();
  const Json& question = Field(q, "question", "the user's instruction");
  if (!question.is_string()) throw FieldError("question", "expected a string");
  const Json& classes = Field(q, "involved_classes", "the scene's classes");
  if (!classes.is_array()) throw FieldError("involved_classes", "expected a list of class names");
  std::vector<std::string> involved;
  for (size_t i = 0; i < classes.size(); ++i) {
    if (!classes[i].is_string()) throw FieldError("involved_classes[" + std::to_string(i) + "]", "expected a string");
    const std::string c = classes[i].get<std::string>();
    if (c == "Travel") throw FieldError("involved_classes[" + std::to_string(i) + "]", "the Travel scene is not built yet (docs/acebench.md)");
    involved.push_back(c);
  }
  Json config = q.value("initial_config", Json::object());
  if (!config.is_object()) throw FieldError("initial_config", "expected an object");
  const Json& gt = Field(a, "ground_truth", "the expected end state");
  if (!gt.is_array()) throw FieldError("ground_truth", "expected a list of {ClassName: attributes}");
  const Json& miles = Field(a, "mile_stone", "the expected agent messages");
  if (!miles.is_array()) throw FieldError("mile_stone", "expected a list");

  Json turn = Json::object();
  turn["plan"] = Json::array();
  for (const auto& c : PlanFromEndState(involved, config, gt)) {
    turn["plan"].push_back(Json::array({Json{{"name", c.name}, {"args", c.arguments}}}));
  }
  turn["answer"] = std::string(kFinishPhrase);

  Json data = Json::object();
  data["id"] = id;
  data["category"] = "agent_multi_step";
  data["language"] = chinese ? "zh" : "en";
  data["functions"] = Field(q, "function", "the API list");
  data["ground_truth"] = gt;
  data["mile_stone"] = miles;
  data["involved_classes"] = classes;
  data["initial_config"] = std::move(config);

  Json multi = Json::object();
  multi["env"] = "acebench";
  multi["initial_state"] = Json::object();
  multi["turns"] = Json::array({std::move(turn)});
  multi["max_steps"] = kMaxAgentReplies;
  if (!names.empty()) multi["names"] = std::move(names);
  multi["pack"] = std::string(kPackName);
  multi["pack_data"] = std::move(data);

  Json ep = Json::object();
  ep["id"] = id;
  ep["domain"] = "agent_multi_step";
  ep["category"] = "multi_step";
  ep["dialect"] = dialect;
  ep["tools"] = std::move(tools);
  ep["messages"] = Json::array({Json{{"role", "system"}, {"content", SystemTextMultiStep()}},
                                Json{{"role", "user"}, {"content", question}}});
  ep["expected"] = Json::array();
  ep["multi_step"] = std::move(multi);
  return ep;
}

std::string AgentSelfCheck(const Json& episode) {
  const Json& multi = episode["multi_step"];
  const Json& data = multi["pack_data"];
  std::vector<std::string> involved;
  for (const auto& c : data["involved_classes"]) involved.push_back(c.get<std::string>());
  PhoneScene scene(involved, data["initial_config"]);
  for (const auto& step : multi["turns"][0]["plan"]) {
    std::vector<ToolCall> calls;
    for (const auto& c : step) calls.push_back(ToolCall{c["name"].get<std::string>(), c["args"]});
    scene.Execute(FromToolCalls(calls));
  }
  // ACEBench creates the scene at the first execution: a plan of no step leaves [].
  const Json result = multi["turns"][0]["plan"].empty() ? Json::array() : scene.Result();
  const AceVerdict v = CheckEndState(result, data["ground_truth"]);
  return v.valid ? "" : v.error_type + ": " + v.error;
}

}  // namespace toolshift::acebench
