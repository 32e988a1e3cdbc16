#include "src/interop/acebench/ace_phone.h"

#include <map>
#include <optional>

#include "src/interop/acebench/ace_travel.h"
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

// What the phone classes say, in English (scenariosen) and Chinese (scenarioszh); "{}" is
// filled in order by FillText().
struct PhoneTexts {
  const char *wifi_on, *device_login;
  const char *send_no_login, *send_no_wifi, *inbox_full, *no_pair, *sent;
  const char *delete_no_login, *no_message_id, *deleted;
  const char *view_no_login, *no_sender, *no_receiver, *no_records, *no_user, *no_keyword_message;
  const char *times_no_login, *latest_no_login, *earliest_no_login, *empty_inbox, *latest, *earliest;
  const char *reminder_view_no_login, *reminder_not_found, *reminder_add_no_login, *reminder_full, *reminder_added;
  const char *reminder_delete_no_login, *reminder_no_id, *reminder_deleted, *no_reminders;
  const char *reminder_marked, *no_keyword_reminder;
  const char *food_no_wifi, *food_bad_password, *food_already, *food_logged_in, *food_none_logged_in;
  const char *order_not_logged_in, *no_merchant, *bad_quantity, *no_product, *insufficient, *ordered;
  const char *merchant_missing, *no_orders, *no_matching_orders;
};

constexpr PhoneTexts kEnglish = {
    "Wi-Fi has been turned on", "Device has been logged in",
    "Device not logged in, unable to send message", "Wi-Fi is turned off, cannot send messages at this time",
    "Inbox capacity is full. You need to ask the user which message to delete.", "Sender or receiver does not exist",
    "Message successfully sent to {}.",
    "Device not logged in, unable to delete message", "Message ID does not exist", "Message ID {} has been successfully deleted.",
    "Device not logged in, unable to view message information", "Sender does not exist", "Receiver does not exist",
    "No related message records found", "User does not exist", "No messages found containing the keyword",
    "Device not logged in, unable to retrieve all message times and their corresponding message IDs.",
    "Device not logged in, unable to retrieve the latest sent message ID.",
    "Device not logged in, unable to retrieve the earliest sent message ID.", "No message records found",
    "The latest message ID is {}", "The earliest message ID is {}",
    "The device is not logged in, so you cannot view notifications", "No reminder found with the title '{}'.",
    "Device not logged in. Unable to add a new reminder.", "Reminder capacity is full. Unable to add a new reminder.",
    "Reminder '{}' was successfully added.",
    "Device not logged in. Unable to delete the specified reminder.", "Reminder ID does not exist.",
    "Reminder ID {} was successfully deleted.", "No reminders found.",
    "", "",
    "Wi-Fi is not enabled, unable to login", "Incorrect password", "{} is already logged in",
    "User {} has successfully logged in!", "No users are currently logged in to the food platform",
    "User {} is not logged in to the food platform", "Merchant does not exist", "Invalid quantity {} for product {}",
    "Product {} does not exist in {}'s menu", "Insufficient balance to place the order",
    "Food delivery order successfully placed with {}. Total amount: {} yuan",
    "Merchant '{}' does not exist", "User has no order records", "No matching orders found",
};

constexpr PhoneTexts kChinese = {
    "wifi已经打开", "设备已经登录",
    "device未登录，无法发送短信", "wifi关闭，此时不能发送信息", "内存容量不够了，你需要询问user删除哪一条短信。",
    "发送者或接收者不存在", "短信成功发送给{}。",
    "device未登录，无法删除短信", "短信ID不存在", "短信ID {} 已成功删除。",
    "device未登录，无法查看短信信息", "发送者不存在", "接收者不存在", "没有找到相关的短信记录", "用户不存在",
    "没有找到包含关键词的短信",
    "device未登录，获取所有短信的时间以及对应的短信编号。", "device未登录，无法获取最新发送的短信ID。",
    "device未登录，无法获取最早发送的短信ID", "短信记录为空", "最新的短信ID是 {}", "最早的短信ID是 {}",
    "device未登录，无法查看提醒", "没有找到标题为 '{}' 的提醒", "device未登录，无法添加一个新的提醒",
    "提醒容量已满，无法添加新的提醒", "提醒 '{}' 已成功添加",
    "device未登录，无法删除指定的提醒", "提醒ID不存在", "提醒ID {} 已成功删除", "没有任何提醒",
    "提醒ID {} 已标记为已通知", "没有找到包含该关键词的提醒",
    "wifi未打开，无法登录", "密码错误", "{} 已经登录", "用户{}登陆成功！", "当前没有登录food platform",
    "用户 {} 未登录food platform", "商家不存在", "无效的数量 {} 对于商品 {}", "商品 {} 不存在于 {} 的菜单中",
    "余额不足，无法下单", "外卖订单成功下单给 {}，总金额为 {} 元",
    "商家 '{}' 不存在", "用户没有订单记录", "没有找到匹配的订单",
};

}  // namespace

// One phone-platform object: every phone class keeps its own wifi/logged_in; the other fields
// are used by the class that has them.
class PhoneObject : public SceneObject {
 public:
  PhoneObject(std::string cls, bool chinese) : cls_(std::move(cls)), chinese_(chinese), t_(chinese ? kChinese : kEnglish) {
    Defaults();
  }

  const std::string& cls() const override { return cls_; }
  void Load(const Json& config) override;
  bool Has(const std::string& method) const override;
  PyValue Call(const std::string& method, const PyDict& args) override;
  PyValue Saved() const override;

 private:
  void Defaults();
  PyValue FoodOrder(const std::vector<PyValue>& a);
  PyValue Reminders(const std::string& method, const std::vector<PyValue>& a);
  static const std::map<std::string, MethodSignature>& Methods();
  PyValue Dispatch(const std::string& method, const std::vector<PyValue>& a);

  std::string cls_;
  bool chinese_;
  const PhoneTexts& t_;
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
              {I(2), msg("USR101", "USR102",
                         chinese_ ? "你能帮我点一个\"玛格丽特披萨\"的外卖吗,商家是达美乐。"
                                  : "Can you help me order a \"Margherita Pizza\" delivery? The merchant is Domino's.",
                         "2024-03-09")},
              {I(3), msg("USR102", "USR103",
                         chinese_ ? "帮我查一些喜茶有哪些奶茶外卖，买一杯便宜些的奶茶。买完以后记得回复我,回复的内容是（已经买好了）"
                                  : "Please check the milk tea delivery options available from Heytea and purchase a cheaper milk tea "
                                    "for me. After making the purchase, remember to reply to me with \"Already bought.\"",
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
                             chinese_ ? "首先帮Frank在\"盒马生鲜\"点外卖，需要定两个\"生鲜大礼包\"，再发短信告诉Frank：\"购买商品的价格是()元\"。"
                                        "要把括号换成实际金额，保留一位小数。"
                                      : "First, help Frank place a food delivery order at \"Hema Fresh,\" ordering two \"Fresh Gift "
                                        "Packs.\" Then, send a message to Frank saying, \"The price of the purchased goods is () "
                                        "yuan.\" Replace the parentheses with the actual amount, keeping one decimal place.",
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
  if (chinese_) {
    merchants_ = D({{S("达美乐"), menu("玛格丽特披萨", 68.0, "超级至尊披萨", 88.0)},
                    {S("米村拌饭"), menu("石锅拌饭", 35.0, "韩式牛肉拌饭", 45.0)},
                    {S("海底捞"), menu("牛肉卷", 68.0, "海鲜拼盘", 88.0)},
                    {S("喜茶"), menu("芝士奶茶", 25.0, "四季春奶茶", 22.0)},
                    {S("盒马生鲜"), menu("有机蔬菜包", 15.0, "生鲜大礼包", 99.0)},
                    {S("九田家烤肉"), menu("韩式烤牛肉", 128.0, "烤五花肉", 78.0)}});
    return;
  }
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

PyValue ExtremeMessageId(const PyValue& inbox, bool latest, const char* text) {
  const PyValue* best = nullptr;
  std::string best_time;
  for (const auto& [id, m] : inbox.as_dict().items()) {
    const std::string t = TimeOf(m);
    if (!best || (latest ? t > best_time : t < best_time)) {
      best = &id;
      best_time = t;
    }
  }
  return D({{S("status"), PyValue::Bool(true)}, {S("message"), S(FillText(text, {bfcl::PyStr(*best)}))},
            {S("message_id"), *best}});
}

}  // namespace

const std::map<std::string, MethodSignature>& PhoneObject::Methods() {
  static const std::map<std::string, MethodSignature> kMethods = [] {
    std::map<std::string, MethodSignature> m;
    auto add = [&](const char* owner, const char* name, std::vector<std::string> params, size_t required) {
      m[name] = MethodSignature{std::string(owner) + "." + name, std::move(params), required, {}};
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
    add("ReminderApi", "mark_as_notified", {"reminder_id"}, 1);  // Chinese class only
    add("ReminderApi", "search_reminders", {"keyword"}, 1);      // Chinese class only
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
  // The English ReminderApi does not implement these two (SPEC.md 7.4, 7.8).
  if (!chinese_ && (method == "mark_as_notified" || method == "search_reminders")) return false;
  const std::string owner = it->second.qualname.substr(0, it->second.qualname.find('.'));
  return owner == "BaseApi" || owner == cls_;
}

PyValue PhoneObject::Call(const std::string& method, const PyDict& args) {
  return Dispatch(method, BindKeywords(Methods().at(method), args));
}

PyValue PhoneObject::Dispatch(const std::string& method, const std::vector<PyValue>& a) {
  if (method == "turn_on_wifi") {
    wifi_ = true;
    return Status(true, t_.wifi_on);
  }
  if (method == "login_device") {
    logged_in_ = true;
    return Status(true, t_.device_login);
  }
  auto user_id = [&](const PyValue& name) -> const PyValue* { return IsStr(name) ? users_.as_dict().Find(name) : nullptr; };
  if (method == "send_message") {
    if (!logged_in_) return Fail(t_.send_no_login);
    if (!wifi_) return Fail(t_.send_no_wifi);
    if (inbox_.as_dict().size() >= kMaxCapacity) return Fail(t_.inbox_full);
    const PyValue* from = user_id(a[0]);
    const PyValue* to = user_id(a[1]);
    if (!from || !to) return Fail(t_.no_pair);
    inbox_.as_dict().Set(I(++message_counter_), D({{S("sender_id"), *from}, {S("receiver_id"), *to}, {S("message"), a[2]}}));
    return Status(true, FillText(t_.sent, {bfcl::PyStr(a[1])}));
  }
  if (method == "delete_message") {
    if (!logged_in_) return Fail(t_.delete_no_login);
    if (!inbox_.as_dict().Erase(a[0])) return Fail(t_.no_message_id);
    return Status(true, FillText(t_.deleted, {bfcl::PyStr(a[0])}));
  }
  if (method == "view_messages_between_users") {
    if (!logged_in_) return Fail(t_.view_no_login);
    const PyValue* from = user_id(a[0]);
    if (!from) return Fail(t_.no_sender);
    const PyValue* to = user_id(a[1]);
    if (!to) return Fail(t_.no_receiver);
    PyList found;
    for (const auto& [id, m] : inbox_.as_dict().items()) {
      if (bfcl::PyEquals(Get(m, "sender_id"), *from) && bfcl::PyEquals(Get(m, "receiver_id"), *to)) {
        found.push_back(D({{S("id"), id}, {S("sender"), a[0]}, {S("receiver"), a[1]}, {S("message"), Get(m, "message")}}));
      }
    }
    if (found.empty()) return Fail(t_.no_records);
    return D({{S("status"), PyValue::Bool(true)}, {S("messages"), PyValue::List(std::move(found))}});
  }
  if (method == "search_messages") {
    const PyValue* uid = user_id(a[0]);
    if (!uid) return Fail(t_.no_user);
    PyList found;
    const std::string keyword = bfcl::PyLower(bfcl::PyStr(a[1]));
    for (const auto& [id, m] : inbox_.as_dict().items()) {
      const bool mine = bfcl::PyEquals(Get(m, "sender_id"), *uid) || bfcl::PyEquals(Get(m, "receiver_id"), *uid);
      if (mine && bfcl::PyLower(bfcl::PyStr(Get(m, "message"))).find(keyword) != std::string::npos) {
        found.push_back(D({{S("id"), id}, {S("sender_id"), Get(m, "sender_id")}, {S("receiver_id"), Get(m, "receiver_id")},
                           {S("message"), Get(m, "message")}}));
      }
    }
    if (found.empty()) return Fail(t_.no_keyword_message);
    return D({{S("status"), PyValue::Bool(true)}, {S("messages"), PyValue::List(std::move(found))}});
  }
  if (method == "get_all_message_times_with_ids") {
    if (!logged_in_) return Fail(t_.times_no_login);
    PyDict times;
    for (const auto& [id, m] : inbox_.as_dict().items()) times.Set(id, S(TimeOf(m)));
    return PyValue::Dict(std::move(times));
  }
  if (method == "get_latest_message_id" || method == "get_earliest_message_id") {
    const bool latest = method == "get_latest_message_id";
    if (!logged_in_) {
      return Fail(latest ? t_.latest_no_login : t_.earliest_no_login);
    }
    if (inbox_.as_dict().empty()) return Fail(t_.empty_inbox);
    return ExtremeMessageId(inbox_, latest, latest ? t_.latest : t_.earliest);
  }
  if (method == "view_reminder_by_title" || method == "add_reminder" || method == "delete_reminder" ||
      method == "view_all_reminders" || method == "mark_as_notified" || method == "search_reminders") {
    return Reminders(method, a);
  }
  if (method == "login_food_platform") {
    if (!wifi_) return Fail(t_.food_no_wifi);
    const PyValue* u = IsStr(a[0]) ? food_users_.as_dict().Find(a[0]) : nullptr;
    if (!u) return Fail(t_.no_user);
    if (!bfcl::PyEquals(Get(*u, "password"), a[1])) return Fail(t_.food_bad_password);
    for (const auto& l : logged_in_users_) {
      if (bfcl::PyEquals(l, a[0])) return Fail(FillText(t_.food_already, {bfcl::PyStr(a[0])}));
    }
    logged_in_users_.push_back(a[0]);
    return Status(true, FillText(t_.food_logged_in, {bfcl::PyStr(a[0])}));
  }
  if (method == "view_logged_in_users") {
    if (logged_in_users_.empty()) return Fail(t_.food_none_logged_in);
    return D({{S("status"), PyValue::Bool(true)}, {S("logged_in_users"), PyValue::List(logged_in_users_)}});
  }
  if (method == "check_balance") {
    const PyValue* u = IsStr(a[0]) ? food_users_.as_dict().Find(a[0]) : nullptr;
    return u ? Get(*u, "balance") : PyValue::Float(0.0);
  }
  if (method == "add_food_delivery_order") return FoodOrder(a);
  if (method == "get_products") {
    const PyValue* menu = IsStr(a[0]) ? merchants_.as_dict().Find(a[0]) : nullptr;
    if (!menu) return Fail(FillText(t_.merchant_missing, {bfcl::PyStr(a[0])}));
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
          // The Chinese class lowercases the item itself, a dict.
          if (!hit && chinese_) throw PyException("AttributeError", "'" + item.TypeName() + "' object has no attribute 'lower'");
          hit = hit || bfcl::PyLower(bfcl::PyStr(Get(item, "product"))).find(keyword) != std::string::npos;
        }
      }
      if (hit) found.push_back(o);
    }
    if (found.empty()) return Fail(method == "view_orders" ? t_.no_orders : t_.no_matching_orders);
    return D({{S("status"), PyValue::Bool(true)}, {S("orders"), PyValue::List(std::move(found))}});
  }
  throw PyException("AttributeError", "'" + cls_ + "' object has no attribute '" + method + "'");
}

PyValue PhoneObject::Reminders(const std::string& method, const std::vector<PyValue>& a) {
  PyDict& list = reminders_.as_dict();
  if (method == "view_reminder_by_title") {
    if (!logged_in_) return Fail(t_.reminder_view_no_login);
    for (const auto& [_, r] : list.items()) {
      if (bfcl::PyEquals(Get(r, "title"), a[0])) return D({{S("status"), PyValue::Bool(true)}, {S("reminder"), r}});
    }
    return Fail(FillText(t_.reminder_not_found, {bfcl::PyStr(a[0])}));
  }
  if (method == "add_reminder") {
    if (!logged_in_) return Fail(t_.reminder_add_no_login);
    if (list.size() >= kMaxCapacity) return Fail(t_.reminder_full);
    ++reminder_counter_;
    list.Set(I(reminder_counter_), D({{S("reminder_id"), I(reminder_counter_)}, {S("title"), a[0]}, {S("description"), a[1]},
                                       {S("time"), a[2]}, {S("notified"), PyValue::Bool(false)}}));
    return Status(true, FillText(t_.reminder_added, {bfcl::PyStr(a[0])}));
  }
  if (method == "delete_reminder") {
    if (!logged_in_) return Fail(t_.reminder_delete_no_login);
    if (!list.Erase(a[0])) return Fail(t_.reminder_no_id);
    return Status(true, FillText(t_.reminder_deleted, {bfcl::PyStr(a[0])}));
  }
  if (method == "mark_as_notified") {  // Chinese only; no login check
    PyValue* r = list.Find(a[0]);
    if (!r) return Fail(t_.reminder_no_id);
    r->as_dict().Set("notified", PyValue::Bool(true));
    return Status(true, FillText(t_.reminder_marked, {bfcl::PyStr(a[0])}));
  }
  if (method == "search_reminders") {  // Chinese only: a match fails on formatting the string time
    const std::string keyword = bfcl::PyLower(bfcl::PyStr(a[0]));
    for (const auto& [_, r] : list.items()) {
      if (bfcl::PyLower(bfcl::PyStr(Get(r, "title"))).find(keyword) != std::string::npos ||
          bfcl::PyLower(bfcl::PyStr(Get(r, "description"))).find(keyword) != std::string::npos) {
        throw PyException("AttributeError", "'" + Get(r, "time").TypeName() + "' object has no attribute 'strftime'");
      }
    }
    return Fail(t_.no_keyword_reminder);
  }
  // view_all_reminders: no login check
  if (list.empty()) return Fail(t_.no_reminders);
  PyList all;
  for (const auto& [_, r] : list.items()) {
    all.push_back(D({{S("title"), Get(r, "title")}, {S("description"), Get(r, "description")}, {S("time"), Get(r, "time")},
                     {S("notified"), Get(r, "notified")}}));
  }
  return D({{S("status"), PyValue::Bool(true)}, {S("reminders"), PyValue::List(std::move(all))}});
}

PyValue PhoneObject::FoodOrder(const std::vector<PyValue>& a) {
  bool logged = false;
  for (const auto& l : logged_in_users_) logged = logged || bfcl::PyEquals(l, a[0]);
  if (!logged) return Fail(FillText(t_.order_not_logged_in, {bfcl::PyStr(a[0])}));
  const PyValue* menu = IsStr(a[1]) ? merchants_.as_dict().Find(a[1]) : nullptr;
  if (!menu) return Fail(t_.no_merchant);
  if (!a[2].is_list()) throw PyException("TypeError", "'" + a[2].TypeName() + "' object is not iterable");
  double total = 0;
  PyList items;
  for (const auto& item : a[2].as_list()) {
    // The English method indexes the item, the Chinese one calls item.get().
    if (!item.is_dict() && chinese_) throw PyException("AttributeError", "'" + item.TypeName() + "' object has no attribute 'get'");
    if (!item.is_dict()) throw PyException("TypeError", "string indices must be integers, not 'str'");
    const PyValue* named = item.as_dict().Find("product");
    const PyValue product = named ? *named : (chinese_ ? PyValue::None() : item.as_dict().At(S("product")));
    const PyValue* q = item.as_dict().Find("quantity");
    const PyValue quantity = q ? *q : I(1);
    if (!(quantity.is_int() || quantity.is_bool()) || !(quantity.is_bool() ? quantity.as_bool() : quantity.as_int().sign() > 0)) {
      return Fail(FillText(t_.bad_quantity, {bfcl::PyStr(quantity), bfcl::PyStr(product)}));
    }
    const PyValue* price = nullptr;
    for (const auto& entry : menu->as_list()) {
      if (bfcl::PyEquals(Get(entry, "product"), product)) price = &Get(entry, "price");
    }
    if (!price) return Fail(FillText(t_.no_product, {bfcl::PyStr(product), bfcl::PyStr(a[1])}));
    const double n = quantity.is_bool() ? 1.0 : quantity.as_int().to_double();
    total += price->as_float() * n;
    items.push_back(D({{S("product"), product}, {S("quantity"), quantity}, {S("price_per_unit"), *price}}));
  }
  PyValue& user = food_users_.as_dict().At(a[0]);
  const double balance = Get(user, "balance").as_float();
  // The Chinese class refuses an order that would use the whole balance too.
  if (chinese_ ? total >= balance : total > balance) return Fail(t_.insufficient);
  user.as_dict().Set("balance", PyValue::Float(balance - total));
  orders_.push_back(D({{S("user_name"), a[0]}, {S("merchant_name"), a[1]}, {S("items"), PyValue::List(std::move(items))},
                       {S("total_price"), PyValue::Float(total)}}));
  return Status(true, FillText(t_.ordered, {bfcl::PyStr(a[1]), bfcl::PyFloatRepr(total)}));
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

PhoneScene::PhoneScene(const std::vector<std::string>& involved, const Json& initial_config, bool chinese) {
  const Json empty = Json::object();
  auto config_of = [&](const std::string& cls) -> const Json& {
    return initial_config.is_object() && initial_config.contains(cls) ? initial_config[cls] : empty;
  };
  for (const auto& cls : involved) {
    std::unique_ptr<SceneObject> o;
    if (cls == "Travel") {
      o = MakeTravel(chinese);
    } else {
      bool known = false;
      for (auto k : kPhoneClasses) known = known || k == cls;
      if (!known) continue;
      o = std::make_unique<PhoneObject>(cls, chinese);
    }
    o->Load(config_of(cls));
    o->Load(config_of("BaseApi"));
    objects_.push_back(std::move(o));
  }
}

PhoneScene::~PhoneScene() = default;

std::optional<Json> PhoneScene::RunCall(const AceCall& call) {
  std::optional<Json> result;
  for (auto& o : objects_) {
    if (o->Has(call.name)) result = Rendered(o->Call(call.name, call.args));
  }
  return result;
}

Json PhoneScene::Execute(const std::vector<AceCall>& calls) {
  Json out = Json::array();
  std::optional<Json> last;
  for (const auto& c : calls) {
    Json result;
    try {
      std::optional<Json> ran = RunCall(c);
      // Nothing ran: ACEBench reports the previous result again (or fails on its unset variable).
      result = ran ? std::move(*ran)
           : last ? *last
                  : Json("Error during execution: cannot access local variable 'func_call_result' where it is not "
                         "associated with a value");
    } catch (const PyException& e) {
      result = "Error during execution: " + e.message();
    }
    last = result;
    out.push_back(std::move(result));
  }
  return out;
}

Json PhoneScene::ExecuteMultiTurn(const std::vector<AceCall>& calls, bool* raised) {
  Json out = Json::array();
  std::optional<Json> last;
  auto fail = [&] {
    // ACEBench's multi_turn executor returns this text without its f-prefix, and the caller
    // iterates it: the message is its characters (code points) one by one.
    static const std::string kText = "Error during execution: {str(e)}";
    Json chars = Json::array();
    for (char c : kText) chars.push_back(std::string(1, c));
    if (raised) *raised = true;
    return chars;
  };
  for (const auto& c : calls) {
    std::optional<Json> ran;
    try {
      ran = RunCall(c);
    } catch (const PyException&) {
      return fail();
    }
    if (!ran && !last) return fail();  // the unbound-local error is an exception here
    Json result = ran ? std::move(*ran) : *last;
    last = result;
    out.push_back(std::move(result));
  }
  if (raised) *raised = false;
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
