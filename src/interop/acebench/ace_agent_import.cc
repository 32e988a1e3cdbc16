#include "src/interop/acebench/ace_agent_import.h"

#include <algorithm>
#include <map>

#include "src/core/input_error.h"
#include "src/interop/acebench/ace_agent_check.h"
#include "src/interop/acebench/ace_agent_pack.h"
#include "src/interop/acebench/ace_pack.h"
#include "src/interop/acebench/ace_decode.h"
#include "src/interop/acebench/ace_phone.h"
#include "src/interop/acebench/ace_user.h"

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
  std::vector<ToolCall> food, messages, reminders, travel;
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

  // New reservations are booked (the password from the users table), changed ones modified.
  void Travel(const Json* got, const Json* want) {
    const Json* before = Attr(got, "reservations");
    const Json* after = Attr(want, "reservations");
    const Json* users = Attr(got, "users");
    if (!before || !after || !before->is_array() || !after->is_array()) return;
    auto field = [](const Json& r, const char* f) { return r.is_object() && r.contains(f) ? r[f] : Json(); };
    for (const auto& r : *after) {
      const Json id = field(r, "reservation_id");
      const Json* old = nullptr;
      for (const auto& b : *before) {
        if (field(b, "reservation_id") == id) old = &b;
      }
      if (!old) {
        const Json user = field(r, "user_id");
        const Json password = users && user.is_string() && users->contains(user.get<std::string>())
                                  ? field((*users)[user.get<std::string>()], "password")
                                  : Json("");
        travel.push_back(ToolCall{"reserve_flight", Json{{"user_id", user}, {"password", password},
                                                         {"flight_no", field(r, "flight_no")}, {"cabin", field(r, "cabin")},
                                                         {"payment_method", field(r, "payment_method")},
                                                         {"baggage_count", field(r, "baggage")}}});
        continue;
      }
      Json args = Json{{"user_id", field(r, "user_id")}, {"reservation_id", id}};
      if (field(r, "flight_no") != field(*old, "flight_no")) args["new_flight_no"] = field(r, "flight_no");
      if (field(r, "cabin") != field(*old, "cabin")) args["new_cabin"] = field(r, "cabin");
      const Json bags = field(r, "baggage"), old_bags = field(*old, "baggage");
      if (bags.is_number_integer() && old_bags.is_number_integer() && bags.get<int64_t>() > old_bags.get<int64_t>()) {
        args["add_baggage"] = bags.get<int64_t>() - old_bags.get<int64_t>();
      }
      if (field(r, "payment_method") != field(*old, "payment_method")) args["new_payment_method"] = field(r, "payment_method");
      if (args.size() > 2) travel.push_back(ToolCall{"modify_flight", std::move(args)});
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
                                       const Json& ground_truth, bool chinese) {
  const Json initial = PhoneScene(involved, initial_config, chinese).Result();
  Planner p;
  p.Food(ClassIn(initial, "FoodPlatform"), ClassIn(ground_truth, "FoodPlatform"));
  p.Messages(ClassIn(initial, "MessageApi"), ClassIn(ground_truth, "MessageApi"));
  p.Reminders(ClassIn(initial, "ReminderApi"), ClassIn(ground_truth, "ReminderApi"));
  p.Travel(ClassIn(initial, "Travel"), ClassIn(ground_truth, "Travel"));
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
  for (auto* part : {&p.food, &p.messages, &p.reminders, &p.travel}) plan.insert(plan.end(), part->begin(), part->end());
  if (plan.empty()) {
    // Nothing to change (or only a misspelt GT class would say what): one read-only call still
    // creates the scene, without which the end state is [] (ACEBench: "wrong number of class").
    for (const auto& cls : involved) {
      if (cls == "MessageApi") plan.push_back(ToolCall{"get_latest_message_id", Json::object()});
      if (cls == "ReminderApi") plan.push_back(ToolCall{"view_reminder_by_title", Json{{"title", "To-do list"}}});
      if (cls == "FoodPlatform") plan.push_back(ToolCall{"check_balance", Json{{"user_name", "Eve"}}});
      if (cls == "Travel") plan.push_back(ToolCall{"get_flight_details", Json::object()});
      if (!plan.empty()) break;
    }
  }
  return plan;
}

namespace {

std::string SystemTextMultiStep(bool chinese) {
  if (chinese) {
    return "你是一个通过调用下列API完成用户请求的agent，请一步一步执行：每条消息只发出一个请求（一般不要并行调用）。"
           "未标为必填的参数是可选的：只给出对话中提到的参数。没有固定格式的值请保留用户的原话。\n"
           "你写的每条消息都会发给执行器，它运行其中的调用并返回结果；它不能回答问题。当你认为任务已经完成时，回复"
           "\"finish conversation\"。\n\n"
           "角色：user是用户，agent是你，execution是API返回的结果。";
  }
  return "You are an agent that carries out the user's request by calling the APIs below, step by step: one request "
         "per message (generally no parallel calls). Parameters not marked as required are optional: give only those "
         "the conversation mentions. For values without a fixed format, keep the user's own wording.\n"
         "Every message you write goes to the executor, which runs the calls in it and answers with their results; it "
         "cannot answer questions. When you believe the task is complete, reply \"finish conversation\".\n\n"
         "Roles: user is the user, agent is you, execution is what the APIs returned.";
}

// ACEBench's multi_turn system prompt (SPEC.md 2.3) in toolshift's words: the agent's rules,
// then the domain policies of the scenes involved (travel first).
std::string SystemTextMultiTurn(bool chinese, bool travel, bool phone) {
  std::string out =
      chinese ? "你是一个通过调用下列API帮助用户的agent。要调用API时，只回复请求本身（调用格式见下文）；要和用户交谈时，"
                "用普通文字回复。用户提供的信息不完整时，询问缺少的信息；不要替用户回答。未标为必填的参数是可选的："
                "只给出对话中提到的参数。没有固定格式的值请保留用户的原话。\n"
                "角色：user是用户，agent是你，execution是API返回的结果。\n\n你需要遵守的规则如下：\n\n"
              : "You are an agent that helps the user by calling the APIs below. To call them, reply with the requests "
                "only (the call format is given below); to talk with the user, reply in plain words. When the user's "
                "information is incomplete, ask for what is missing; never answer on the user's behalf. Parameters not "
                "marked as required are optional: give only those the conversation mentions. For values without a fixed "
                "format, keep the user's own wording.\n"
                "Roles: user is the user, agent is you, execution is what the APIs returned.\n\n"
                "The rules you need to follow are as follows:\n\n";
  if (travel) {
    out += chinese
               ? "你是航空公司的agent。当前时间是2024年7月15日08:00。预订或修改预订之前，先说明细节并得到用户明确的确认。"
                 "预订需要用户id和密码、航班、舱位（经济舱或商务舱）、支付方式（cash或bank）和托运行李件数。免费托运行李："
                 "regular会员经济舱1件、商务舱2件；silver会员2件/3件；gold会员3件/3件；每件额外行李50元。航班只能改为出发地"
                 "和目的地相同的航班；更改舱位按票价差补款或退款。起飞前超过24小时取消，或因航空公司取消航班而取消，全额退款；"
                 "否则收取10%的取消费。任务完成后回复\"finish conversation\"。\n"
               : "You are an airline agent. The current time is July 15, 2024, 08:00. Before booking or changing a "
                 "reservation, state its details and get the user's explicit confirmation. A booking needs the user id "
                 "and password, the flight, the cabin (Economy Class or Business Class), the payment method (cash or bank) "
                 "and the number of checked bags. Free checked bags: regular members 1 in economy, 2 in business; silver "
                 "2 / 3; gold 3 / 3; each extra bag costs 50 yuan. A flight can only be changed to one with the same origin "
                 "and destination; a cabin change is paid or refunded by the fare difference. A cancellation more than 24 "
                 "hours before departure, or because the airline cancelled the flight, is refunded in full; otherwise a "
                 "10% fee is kept. When the task is done, reply \"finish conversation\".\n";
  }
  if (phone) {
    out += chinese ? "当前时间是2024年6月11日16:00。发送短信需要发送者和接收者。短信容量已满时，询问用户删除哪一条短信。"
                     "查看短信之前先用login_device()登录设备。提醒需要标题和内容。点外卖之前先登录外卖平台。"
                     "任务完成后回复\"finish conversation\"。\n"
                   : "The current time is June 11, 2024, 16:00. A message needs a sender and a receiver. When the inbox is "
                     "full, ask the user which message to delete. Log in with login_device() before viewing messages. A "
                     "reminder needs a title and a description. Log in to the food platform before ordering food. When the "
                     "task is done, reply \"finish conversation\".\n";
  }
  return out;
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
    involved.push_back(classes[i].get<std::string>());
  }
  Json config = q.value("initial_config", Json::object());
  if (!config.is_object()) throw FieldError("initial_config", "expected an object");
  const Json& gt = Field(a, "ground_truth", "the expected end state");
  if (!gt.is_array()) throw FieldError("ground_truth", "expected a list of {ClassName: attributes}");
  const Json& miles = Field(a, "mile_stone", "the expected agent messages");
  if (!miles.is_array()) throw FieldError("mile_stone", "expected a list");

  Json turn = Json::object();
  turn["plan"] = Json::array();
  const std::string category = AceCategoryOfId(id);
  const bool multi_turn = category == "agent_multi_turn";
  for (const auto& c : PlanFromEndState(involved, config, gt, chinese)) {
    turn["plan"].push_back(Json::array({Json{{"name", c.name}, {"args", c.arguments}}}));
  }
  turn["answer"] = std::string(kFinishPhrase);

  Json data = Json::object();
  data["id"] = id;
  data["category"] = category;
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
  Json messages = Json::array();
  if (multi_turn) {
    // ACEBench's simulated user speaks first, briefed with the record's question.
    bool travel = false, phone = false;
    for (const auto& c : involved) (c == "Travel" ? travel : phone) = true;
    multi["user"] = ToJson(AceUser(travel ? AceScene::kTravel : AceScene::kPhone, question.get<std::string>()));
    messages.push_back(Json{{"role", "system"}, {"content", SystemTextMultiTurn(chinese, travel, phone)}});
  } else {
    messages.push_back(Json{{"role", "system"}, {"content", SystemTextMultiStep(chinese)}});
    messages.push_back(Json{{"role", "user"}, {"content", question}});
  }

  return PackEpisodeJson(id, category, dialect, std::move(tools), std::move(messages), std::move(multi));
}

std::string AgentSelfCheck(const Json& episode) {
  const Json& multi = episode["multi_step"];
  const Json& data = multi["pack_data"];
  std::vector<std::string> involved;
  for (const auto& c : data["involved_classes"]) involved.push_back(c.get<std::string>());
  const bool chinese = data.value("language", "en") == "zh";
  const bool multi_turn = data.value("category", "") == "agent_multi_turn";
  PhoneScene scene(involved, data["initial_config"], chinese);
  bool created = false;  // ACEBench creates the scene at the first execution (multi_turn: one that does not raise)
  for (const auto& step : multi["turns"][0]["plan"]) {
    std::vector<ToolCall> calls;
    for (const auto& c : step) calls.push_back(ToolCall{c["name"].get<std::string>(), c["args"]});
    bool raised = false;
    if (multi_turn) {
      scene.ExecuteMultiTurn(FromToolCalls(calls), &raised);
    } else {
      scene.Execute(FromToolCalls(calls));
    }
    created = created || !raised;
  }
  const Json result = created ? scene.Result() : Json::array();
  const AceVerdict v = CheckEndState(result, data["ground_truth"]);
  return v.valid ? "" : v.error_type + ": " + v.error;
}

}  // namespace toolshift::acebench
