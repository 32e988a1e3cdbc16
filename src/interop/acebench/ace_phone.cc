#include "src/interop/acebench/ace_phone.h"

#include <map>
#include <optional>

#include "src/interop/bfcl/py/py_value.h"

namespace toolshift::acebench {

using bfcl::PyDict;
using bfcl::PyException;
using bfcl::PyList;
using bfcl::PyValue;

namespace {

constexpr size_t kMaxCapacity = 6;

PyValue S(std::string s) { return PyValue::Str(std::move(s)); }
PyValue I(int64_t i) { return PyValue::Int(i); }
PyValue D(std::initializer_list<PyDict::Item> items) { return PyValue::Dict(PyDict(items)); }
PyValue Status(bool ok, const std::string& message) { return D({{S("status"), PyValue::Bool(ok)}, {S("message"), S(message)}}); }
PyValue Fail(const std::string& message) { return Status(false, message); }

const PyValue& Get(const PyValue& dict, std::string_view key) { return dict.as_dict().At(PyValue::Str(std::string(key))); }

// The method table entry: who defines it (Python's qualname in TypeErrors), its parameters
// (required first; optional ones have defaults) and the body.
struct Method {
  std::string owner;
  std::vector<std::string> params;
  size_t required = 0;
};

std::string QuotedList(const std::vector<std::string>& names) {
  std::string out;
  for (size_t i = 0; i < names.size(); ++i) {
    if (i) out += names.size() == 2 ? " and " : (i + 1 == names.size() ? ", and " : ", ");
    out += "'" + names[i] + "'";
  }
  return out;
}

}  // namespace

// One scene object: every phone class keeps its own wifi/logged_in; the other fields are used
// by the class that has them.
class PhoneObject {
 public:
  explicit PhoneObject(std::string cls) : cls_(std::move(cls)) { Defaults(); }

  const std::string& cls() const { return cls_; }
  void Load(const Json& config);
  bool Has(const std::string& method) const;
  PyValue Call(const std::string& method, const PyDict& args);
  PyValue Saved() const;

 private:
  void Defaults();
  PyValue FoodOrder(const std::vector<PyValue>& a);
  static const std::map<std::string, Method>& Methods();
  PyValue Dispatch(const std::string& method, const std::vector<PyValue>& a);

  std::string cls_;
  bool wifi_ = false;
  bool logged_in_ = true;
  PyValue users_, inbox_, reminders_, food_users_, merchants_;
  PyList logged_in_users_, orders_;
  int64_t message_counter_ = 6, reminder_counter_ = 3;
};

void PhoneObject::Defaults() {
  users_ = D({{S("Eve"), S("USR100")}, {S("Frank"), S("USR101")}, {S("Grace"), S("USR102")},
              {S("Helen"), S("USR103")}, {S("Isaac"), S("USR104")}, {S("Jack"), S("USR105")}});
  auto msg = [](const char* from, const char* to, const char* text, const char* time) {
    return D({{S("sender_id"), S(from)}, {S("receiver_id"), S(to)}, {S("message"), S(text)}, {S("time"), S(time)}});
  };
  inbox_ = D({{I(1), msg("USR100", "USR101", "Hey Frank, don't forget about our meeting on 2024-06-11 at 4 PM in Conference Room 1.", "2024-06-09")},
              {I(2), msg("USR101", "USR102", "Can you help me order a \"Margherita Pizza\" delivery? The merchant is Domino's.", "2024-03-09")},
              {I(3), msg("USR102", "USR103",
                         "Please check the milk tea delivery options available from Heytea and purchase a cheaper milk tea for me. "
                         "After making the purchase, remember to reply to me with \"Already bought.\"",
                         "2023-12-05")},
              {I(4), msg("USR103", "USR102", "No problem Helen, I can assist you.", "2024-09-09")},
              {I(5), msg("USR104", "USR105", "Isaac, are you available for a call?", "2024-06-06")},
              {I(6), msg("USR105", "USR104", "Yes Jack, let's do it in 30 minutes.", "2024-01-15")}});
  auto rem = [](int64_t id, const char* title, const char* text, const char* time) {
    return D({{S("reminder_id"), I(id)}, {S("title"), S(title)}, {S("description"), S(text)}, {S("time"), S(time)},
              {S("notified"), PyValue::Bool(false)}});
  };
  reminders_ = D({{I(1), rem(1001, "Doctor's Appointment", "Visit Dr. Smith for a checkup.", "2024-07-15 09:30")},
                  {I(2), rem(1002, "Team Meeting", "Monthly project review with the team.", "2024-07-17 11:00")},
                  {I(3), rem(1003, "To-do list",
                             "First, help Frank place a food delivery order at \"Hema Fresh,\" ordering two \"Fresh Gift Packs.\" "
                             "Then, send a message to Frank saying, \"The price of the purchased goods is () yuan.\" Replace the "
                             "parentheses with the actual amount, keeping one decimal place.",
                             "2024-07-16 11:00")}});
  auto user = [](const char* id, const char* pw, double balance) {
    return D({{S("user_id"), S(id)}, {S("password"), S(pw)}, {S("balance"), PyValue::Float(balance)}});
  };
  food_users_ = D({{S("Eve"), user("U100", "password123", 500.0)}, {S("Frank"), user("U101", "password456", 300.0)},
                   {S("Grace"), user("U102", "password789", 150.0)}, {S("Helen"), user("U103", "password321", 800.0)},
                   {S("Isaac"), user("U104", "password654", 400.0)}, {S("Jack"), user("U105", "password654", 120.0)}});
  auto menu = [](const char* a, double pa, const char* b, double pb) {
    return PyValue::List({D({{S("product"), S(a)}, {S("price"), PyValue::Float(pa)}}), D({{S("product"), S(b)}, {S("price"), PyValue::Float(pb)}})});
  };
  merchants_ = D({{S("Domino's"), menu("Margherita Pizza", 68.0, "Super Supreme Pizza", 88.0)},
                  {S("Rice Village Bibimbap"), menu("Stone Pot Bibimbap", 35.0, "Korean Beef Bibimbap", 45.0)},
                  {S("Haidilao"), menu("Beef Rolls", 68.0, "Seafood Platter", 88.0)},
                  {S("Heytea"), menu("Cheese Milk Tea", 25.0, "Four Seasons Spring Milk Tea", 22.0)},
                  {S("Hema Fresh"), menu("Organic Vegetable Pack", 15.0, "Fresh Gift Pack", 99.0)},
                  {S("Jiutian BBQ"), menu("Korean Grilled Beef", 128.0, "Grilled Pork Belly", 78.0)}});
}

void PhoneObject::Load(const Json& config) {
  if (cls_ == "Travel") return;
  wifi_ = config.is_object() && config.contains("wifi") ? bfcl::FromJson(config["wifi"]).Truthy() : false;
  logged_in_ = config.is_object() && config.contains("logged_in") ? bfcl::FromJson(config["logged_in"]).Truthy() : true;
  if (cls_ == "FoodPlatform") {
    logged_in_users_.clear();
    if (config.is_object() && config.contains("logged_in_users") && config["logged_in_users"].is_array()) {
      logged_in_users_ = bfcl::FromJson(config["logged_in_users"]).as_list();
    }
  }
}

namespace {

bool IsStr(const PyValue& v) { return v.is_str(); }

// The YYYY-MM-DD date of a message (ACEBench parses it); KeyError 'time' when it has none.
std::string TimeOf(const PyValue& message) {
  const PyValue* t = message.as_dict().Find("time");
  if (!t) throw PyException("KeyError", "'time'");
  return bfcl::PyStr(*t);
}

PyValue ExtremeMessageId(const PyValue& inbox, bool latest) {
  const PyValue* best = nullptr;
  std::string best_time;
  for (const auto& [id, m] : inbox.as_dict().items()) {
    const std::string t = TimeOf(m);
    if (!best || (latest ? t > best_time : t < best_time)) {
      best = &id;
      best_time = t;
    }
  }
  const std::string which = latest ? "latest" : "earliest";
  return D({{S("status"), PyValue::Bool(true)}, {S("message"), S("The " + which + " message ID is " + bfcl::PyStr(*best))},
            {S("message_id"), *best}});
}

}  // namespace

const std::map<std::string, Method>& PhoneObject::Methods() {
  static const std::map<std::string, Method> kMethods = [] {
    std::map<std::string, Method> m;
    auto add = [&](const char* owner, const char* name, std::vector<std::string> params, size_t required) {
      m[name] = Method{owner, std::move(params), required};
    };
    add("BaseApi", "turn_on_wifi", {}, 0);
    add("BaseApi", "login_device", {}, 0);
    add("MessageApi", "send_message", {"sender_name", "receiver_name", "message"}, 3);
    add("MessageApi", "delete_message", {"message_id"}, 1);
    add("MessageApi", "view_messages_between_users", {"sender_name", "receiver_name"}, 2);
    add("MessageApi", "search_messages", {"user_name", "keyword"}, 2);
    add("MessageApi", "get_all_message_times_with_ids", {}, 0);
    add("MessageApi", "get_latest_message_id", {}, 0);
    add("MessageApi", "get_earliest_message_id", {}, 0);
    add("ReminderApi", "view_reminder_by_title", {"title"}, 1);
    add("ReminderApi", "add_reminder", {"title", "description", "time"}, 3);
    add("ReminderApi", "delete_reminder", {"reminder_id"}, 1);
    add("ReminderApi", "view_all_reminders", {}, 0);
    add("FoodPlatform", "login_food_platform", {"username", "password"}, 2);
    add("FoodPlatform", "view_logged_in_users", {}, 0);
    add("FoodPlatform", "check_balance", {"user_name"}, 1);
    add("FoodPlatform", "add_food_delivery_order", {"username", "merchant_name", "items"}, 3);
    add("FoodPlatform", "get_products", {"merchant_name"}, 1);
    add("FoodPlatform", "view_orders", {"user_name"}, 1);
    add("FoodPlatform", "search_orders", {"keyword"}, 1);
    return m;
  }();
  return kMethods;
}

bool PhoneObject::Has(const std::string& method) const {
  auto it = Methods().find(method);
  if (it == Methods().end()) return false;
  return it->second.owner == "BaseApi" ? cls_ != "Travel" : it->second.owner == cls_;
}

PyValue PhoneObject::Call(const std::string& method, const PyDict& args) {
  const Method& m = Methods().at(method);
  const std::string qual = m.owner + "." + method + "()";
  std::vector<PyValue> bound(m.params.size());
  std::vector<bool> given(m.params.size(), false);
  for (const auto& [k, v] : args.items()) {
    const std::string key = bfcl::PyStr(k);
    size_t i = 0;
    while (i < m.params.size() && m.params[i] != key) ++i;
    if (i == m.params.size()) throw PyException("TypeError", qual + " got an unexpected keyword argument '" + key + "'");
    bound[i] = v;
    given[i] = true;
  }
  std::vector<std::string> missing;
  for (size_t i = 0; i < m.required; ++i) {
    if (!given[i]) missing.push_back(m.params[i]);
  }
  if (!missing.empty()) {
    throw PyException("TypeError", qual + " missing " + std::to_string(missing.size()) + " required positional argument" +
                                       (missing.size() > 1 ? "s" : "") + ": " + QuotedList(missing));
  }
  return Dispatch(method, bound);
}

PyValue PhoneObject::Dispatch(const std::string& method, const std::vector<PyValue>& a) {
  if (method == "turn_on_wifi") {
    wifi_ = true;
    return Status(true, "Wi-Fi has been turned on");
  }
  if (method == "login_device") {
    logged_in_ = true;
    return Status(true, "Device has been logged in");
  }
  auto user_id = [&](const PyValue& name) -> const PyValue* { return IsStr(name) ? users_.as_dict().Find(name) : nullptr; };
  if (method == "send_message") {
    if (!logged_in_) return Fail("Device not logged in, unable to send message");
    if (!wifi_) return Fail("Wi-Fi is turned off, cannot send messages at this time");
    if (inbox_.as_dict().size() >= kMaxCapacity) return Fail("Inbox capacity is full. You need to ask the user which message to delete.");
    const PyValue* from = user_id(a[0]);
    const PyValue* to = user_id(a[1]);
    if (!from || !to) return Fail("Sender or receiver does not exist");
    inbox_.as_dict().Set(I(++message_counter_), D({{S("sender_id"), *from}, {S("receiver_id"), *to}, {S("message"), a[2]}}));
    return Status(true, "Message successfully sent to " + bfcl::PyStr(a[1]) + ".");
  }
  if (method == "delete_message") {
    if (!logged_in_) return Fail("Device not logged in, unable to delete message");
    if (!inbox_.as_dict().Erase(a[0])) return Fail("Message ID does not exist");
    return Status(true, "Message ID " + bfcl::PyStr(a[0]) + " has been successfully deleted.");
  }
  if (method == "view_messages_between_users") {
    if (!logged_in_) return Fail("Device not logged in, unable to view message information");
    const PyValue* from = user_id(a[0]);
    if (!from) return Fail("Sender does not exist");
    const PyValue* to = user_id(a[1]);
    if (!to) return Fail("Receiver does not exist");
    PyList found;
    for (const auto& [id, m] : inbox_.as_dict().items()) {
      if (bfcl::PyEquals(Get(m, "sender_id"), *from) && bfcl::PyEquals(Get(m, "receiver_id"), *to)) {
        found.push_back(D({{S("id"), id}, {S("sender"), a[0]}, {S("receiver"), a[1]}, {S("message"), Get(m, "message")}}));
      }
    }
    if (found.empty()) return Fail("No related message records found");
    return D({{S("status"), PyValue::Bool(true)}, {S("messages"), PyValue::List(std::move(found))}});
  }
  if (method == "search_messages") {
    const PyValue* uid = user_id(a[0]);
    if (!uid) return Fail("User does not exist");
    PyList found;
    const std::string keyword = bfcl::PyLower(bfcl::PyStr(a[1]));
    for (const auto& [id, m] : inbox_.as_dict().items()) {
      const bool mine = bfcl::PyEquals(Get(m, "sender_id"), *uid) || bfcl::PyEquals(Get(m, "receiver_id"), *uid);
      if (mine && bfcl::PyLower(bfcl::PyStr(Get(m, "message"))).find(keyword) != std::string::npos) {
        found.push_back(D({{S("id"), id}, {S("sender_id"), Get(m, "sender_id")}, {S("receiver_id"), Get(m, "receiver_id")},
                           {S("message"), Get(m, "message")}}));
      }
    }
    if (found.empty()) return Fail("No messages found containing the keyword");
    return D({{S("status"), PyValue::Bool(true)}, {S("messages"), PyValue::List(std::move(found))}});
  }
  if (method == "get_all_message_times_with_ids") {
    if (!logged_in_) return Fail("Device not logged in, unable to retrieve all message times and their corresponding message IDs.");
    PyDict times;
    for (const auto& [id, m] : inbox_.as_dict().items()) times.Set(id, S(TimeOf(m)));
    return PyValue::Dict(std::move(times));
  }
  if (method == "get_latest_message_id" || method == "get_earliest_message_id") {
    const bool latest = method == "get_latest_message_id";
    if (!logged_in_) {
      return Fail(std::string("Device not logged in, unable to retrieve the ") + (latest ? "latest" : "earliest") + " sent message ID.");
    }
    if (inbox_.as_dict().empty()) return Fail("No message records found");
    return ExtremeMessageId(inbox_, latest);
  }
  if (method == "view_reminder_by_title") {
    if (!logged_in_) return Fail("The device is not logged in, so you cannot view notifications");
    for (const auto& [_, r] : reminders_.as_dict().items()) {
      if (bfcl::PyEquals(Get(r, "title"), a[0])) return D({{S("status"), PyValue::Bool(true)}, {S("reminder"), r}});
    }
    return Fail("No reminder found with the title '" + bfcl::PyStr(a[0]) + "'.");
  }
  if (method == "add_reminder") {
    if (!logged_in_) return Fail("Device not logged in. Unable to add a new reminder.");
    if (reminders_.as_dict().size() >= kMaxCapacity) return Fail("Reminder capacity is full. Unable to add a new reminder.");
    ++reminder_counter_;
    reminders_.as_dict().Set(I(reminder_counter_), D({{S("reminder_id"), I(reminder_counter_)}, {S("title"), a[0]}, {S("description"), a[1]},
                                                      {S("time"), a[2]}, {S("notified"), PyValue::Bool(false)}}));
    return Status(true, "Reminder '" + bfcl::PyStr(a[0]) + "' was successfully added.");
  }
  if (method == "delete_reminder") {
    if (!logged_in_) return Fail("Device not logged in. Unable to delete the specified reminder.");
    if (!reminders_.as_dict().Erase(a[0])) return Fail("Reminder ID does not exist.");
    return Status(true, "Reminder ID " + bfcl::PyStr(a[0]) + " was successfully deleted.");
  }
  if (method == "view_all_reminders") {
    if (reminders_.as_dict().empty()) return Fail("No reminders found.");
    PyList all;
    for (const auto& [_, r] : reminders_.as_dict().items()) {
      all.push_back(D({{S("title"), Get(r, "title")}, {S("description"), Get(r, "description")}, {S("time"), Get(r, "time")},
                       {S("notified"), Get(r, "notified")}}));
    }
    return D({{S("status"), PyValue::Bool(true)}, {S("reminders"), PyValue::List(std::move(all))}});
  }
  if (method == "login_food_platform") {
    if (!wifi_) return Fail("Wi-Fi is not enabled, unable to login");
    const PyValue* u = IsStr(a[0]) ? food_users_.as_dict().Find(a[0]) : nullptr;
    if (!u) return Fail("User does not exist");
    if (!bfcl::PyEquals(Get(*u, "password"), a[1])) return Fail("Incorrect password");
    for (const auto& l : logged_in_users_) {
      if (bfcl::PyEquals(l, a[0])) return Fail(bfcl::PyStr(a[0]) + " is already logged in");
    }
    logged_in_users_.push_back(a[0]);
    return Status(true, "User " + bfcl::PyStr(a[0]) + " has successfully logged in!");
  }
  if (method == "view_logged_in_users") {
    if (logged_in_users_.empty()) return Fail("No users are currently logged in to the food platform");
    return D({{S("status"), PyValue::Bool(true)}, {S("logged_in_users"), PyValue::List(logged_in_users_)}});
  }
  if (method == "check_balance") {
    const PyValue* u = IsStr(a[0]) ? food_users_.as_dict().Find(a[0]) : nullptr;
    return u ? Get(*u, "balance") : PyValue::Float(0.0);
  }
  if (method == "add_food_delivery_order") return FoodOrder(a);
  if (method == "get_products") {
    const PyValue* menu = IsStr(a[0]) ? merchants_.as_dict().Find(a[0]) : nullptr;
    if (!menu) return Fail("Merchant '" + bfcl::PyStr(a[0]) + "' does not exist");
    return *menu;
  }
  if (method == "view_orders" || method == "search_orders") {
    PyList found;
    const std::string keyword = method == "search_orders" ? bfcl::PyLower(bfcl::PyStr(a[0])) : "";
    for (const auto& o : orders_) {
      bool hit = false;
      if (method == "view_orders") {
        hit = bfcl::PyEquals(Get(o, "user_name"), a[0]);
      } else {
        hit = bfcl::PyLower(bfcl::PyStr(Get(o, "merchant_name"))).find(keyword) != std::string::npos;
        for (const auto& item : Get(o, "items").as_list()) {
          hit = hit || bfcl::PyLower(bfcl::PyStr(Get(item, "product"))).find(keyword) != std::string::npos;
        }
      }
      if (hit) found.push_back(o);
    }
    if (found.empty()) return Fail(method == "view_orders" ? "User has no order records" : "No matching orders found");
    return D({{S("status"), PyValue::Bool(true)}, {S("orders"), PyValue::List(std::move(found))}});
  }
  throw PyException("AttributeError", "'" + cls_ + "' object has no attribute '" + method + "'");
}

PyValue PhoneObject::FoodOrder(const std::vector<PyValue>& a) {
  bool logged = false;
  for (const auto& l : logged_in_users_) logged = logged || bfcl::PyEquals(l, a[0]);
  if (!logged) return Fail("User " + bfcl::PyStr(a[0]) + " is not logged in to the food platform");
  const PyValue* menu = IsStr(a[1]) ? merchants_.as_dict().Find(a[1]) : nullptr;
  if (!menu) return Fail("Merchant does not exist");
  if (!a[2].is_list()) throw PyException("TypeError", "'" + a[2].TypeName() + "' object is not iterable");
  double total = 0;
  PyList items;
  for (const auto& item : a[2].as_list()) {
    if (!item.is_dict()) throw PyException("TypeError", "string indices must be integers, not 'str'");
    const PyValue& product = item.as_dict().At(S("product"));
    const PyValue* q = item.as_dict().Find("quantity");
    const PyValue quantity = q ? *q : I(1);
    if (!(quantity.is_int() || quantity.is_bool()) || !(quantity.is_bool() ? quantity.as_bool() : quantity.as_int().sign() > 0)) {
      return Fail("Invalid quantity " + bfcl::PyStr(quantity) + " for product " + bfcl::PyStr(product));
    }
    const PyValue* price = nullptr;
    for (const auto& entry : menu->as_list()) {
      if (bfcl::PyEquals(Get(entry, "product"), product)) price = &Get(entry, "price");
    }
    if (!price) return Fail("Product " + bfcl::PyStr(product) + " does not exist in " + bfcl::PyStr(a[1]) + "'s menu");
    const double n = quantity.is_bool() ? 1.0 : quantity.as_int().to_double();
    total += price->as_float() * n;
    items.push_back(D({{S("product"), product}, {S("quantity"), quantity}, {S("price_per_unit"), *price}}));
  }
  PyValue& user = food_users_.as_dict().At(a[0]);
  const double balance = Get(user, "balance").as_float();
  if (total > balance) return Fail("Insufficient balance to place the order");
  user.as_dict().Set("balance", PyValue::Float(balance - total));
  orders_.push_back(D({{S("user_name"), a[0]}, {S("merchant_name"), a[1]}, {S("items"), PyValue::List(std::move(items))},
                       {S("total_price"), PyValue::Float(total)}}));
  return Status(true, "Food delivery order successfully placed with " + bfcl::PyStr(a[1]) + ". Total amount: " +
                          bfcl::PyFloatRepr(total) + " yuan");
}

PyValue PhoneObject::Saved() const {
  PyDict d;
  if (cls_ == "BaseApi") {
    d.Set("wifi", PyValue::Bool(wifi_));
    d.Set("logged_in", PyValue::Bool(logged_in_));
  } else if (cls_ == "MessageApi") {
    d.Set("inbox", inbox_);
  } else if (cls_ == "ReminderApi") {
    d.Set("reminder_list", reminders_);
  } else if (cls_ == "FoodPlatform") {
    d.Set("users", food_users_);
    d.Set("logged_in_users", PyValue::List(logged_in_users_));
    d.Set("orders", PyValue::List(orders_));
  }
  return PyValue::Dict(std::move(d));
}

namespace {

// A result as ACEBench's executor records it.
Json Rendered(const PyValue& r) {
  auto json_of = [](const std::string& text) { return Json::parse(text, nullptr, /*allow_exceptions=*/false); };
  if (r.is_str()) {
    const Json j = json_of(r.as_str());
    return j.is_discarded() ? Json(r.as_str()) : j;
  }
  if (r.is_dict()) {
    if (auto dumped = bfcl::PyJsonDumps(r)) return json_of(*dumped);
  }
  const std::string text = bfcl::PyStr(r);
  const Json j = json_of(text);
  return j.is_discarded() ? Json(text) : j;
}

constexpr std::string_view kPhoneClasses[] = {"BaseApi", "MessageApi", "ReminderApi", "FoodPlatform"};

}  // namespace

PhoneScene::PhoneScene(const std::vector<std::string>& involved, const Json& initial_config) {
  const Json empty = Json::object();
  auto config_of = [&](const std::string& cls) -> const Json& {
    return initial_config.is_object() && initial_config.contains(cls) ? initial_config[cls] : empty;
  };
  for (const auto& cls : involved) {
    bool known = false;
    for (auto k : kPhoneClasses) known = known || k == cls;
    if (!known) continue;
    auto o = std::make_unique<PhoneObject>(cls);
    o->Load(config_of(cls));
    o->Load(config_of("BaseApi"));
    objects_.push_back(std::move(o));
  }
}

PhoneScene::~PhoneScene() = default;

Json PhoneScene::Execute(const std::vector<AceCall>& calls) {
  Json out = Json::array();
  std::optional<Json> last;
  for (const auto& c : calls) {
    bool ran = false;
    Json result;
    try {
      for (auto& o : objects_) {
        if (!o->Has(c.name)) continue;
        result = Rendered(o->Call(c.name, c.args));
        ran = true;
      }
    } catch (const PyException& e) {
      result = "Error during execution: " + e.message();
      ran = true;
    }
    if (!ran) {
      // Nothing ran: ACEBench reports the previous result again (or fails on its unset variable).
      result = last ? *last
                    : Json("Error during execution: cannot access local variable 'func_call_result' where it is not "
                           "associated with a value");
    }
    last = result;
    out.push_back(std::move(result));
  }
  return out;
}

Json PhoneScene::Result() const {
  Json out = Json::array();
  for (const auto& o : objects_) {
    const std::optional<std::string> dumped = bfcl::PyJsonDumps(o->Saved());
    out.push_back(Json{{o->cls(), dumped ? Json::parse(*dumped) : Json::object()}});
  }
  return out;
}

}  // namespace toolshift::acebench
