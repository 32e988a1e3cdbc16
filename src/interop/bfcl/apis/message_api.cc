// MessageAPI (BFCL's message_api.py): a workspace of users and one shared inbox of
// {receiver_id: text} entries, with a login. BEHAVIOUR.md §3.
// Arguments keep their Python types: a receiver id is looked up among the user map's values by
// Python ==, a keyword that is not a str raises the AttributeError `.lower()` raises.
#include <algorithm>
#include <optional>
#include <stdexcept>

#include "src/interop/bfcl/apis/api.h"
#include "src/interop/bfcl/apis/py_ops.h"
#include "src/interop/bfcl/py/py_random.h"

namespace toolshift::bfcl {
namespace {

PyValue S(const char* s) { return PyValue::Str(s); }
PyValue Error(std::string text) { return PyValue::Dict(PyDict{{S("error"), PyValue::Str(std::move(text))}}); }
PyValue NotLoggedIn() { return Error("No user is currently logged in."); }

// str(v).zfill(width), Python's: zeros after a leading sign.
std::string ZFill(const std::string& s, size_t width) {
  size_t len = PyLen(s);
  if (len >= width) return s;
  std::string zeros(width - len, '0');
  if (!s.empty() && (s[0] == '+' || s[0] == '-')) return s.substr(0, 1) + zeros + s.substr(1);
  return zeros + s;
}

// The one (key, value) pair of an inbox entry: `list(message.items())[0]`.
const PyDict::Item& FirstItem(const PyValue& message) {
  if (!message.is_dict()) ThrowNoAttribute(message, "items");
  const auto& items = message.as_dict().items();
  if (items.empty()) throw PyException("IndexError", "list index out of range");
  return items.front();
}

class MessageApi : public ApiInstance {
 public:
  explicit MessageApi(BfclProcess& /*process*/) { LoadScenario(PyDict{}, false); }

  std::string_view ClassName() const override { return "MessageAPI"; }

  void LoadScenario(const PyDict& scenario, bool /*long_context*/) override {
    auto get = [&](const char* key, PyValue fallback) {
      const PyValue* v = scenario.Find(key);
      return v ? *v : fallback;
    };
    PyValue seed = get("random_seed", PyValue::Int(200191));
    if (!seed.is_int()) throw PyException("TypeError", "MessageAPI: only an int random_seed is supported");
    random_.emplace(seed.as_int());
    ids_.clear();
    ids_value_.reset();
    if (const PyValue* ids = scenario.Find("generated_ids")) ids_value_ = *ids;  // JSON gives a list, not a set
    user_count_ = get("user_count", PyValue::Int(4));
    user_map_ = get("user_map", PyValue::Dict(PyDict{{S("Alice"), S("USR001")},
                                                     {S("Bob"), S("USR002")},
                                                     {S("Catherine"), S("USR003")},
                                                     {S("Daniel"), S("USR004")}}));
    inbox_ = get("inbox", PyValue::List({PyValue::Dict(PyDict{{S("USR002"), S("My name is Alice. I want to connect.")}}),
                                         PyValue::Dict(PyDict{{S("USR003"), S("Could you upload the file?")}}),
                                         PyValue::Dict(PyDict{{S("USR004"), S("Could you upload the file?")}})}));
    message_count_ = get("message_count", PyValue::Int(3));
    current_user_ = get("current_user", PyValue::None());
  }

  const std::vector<MethodSig>& Methods() const override {
    static const std::vector<MethodSig> kMethods = [] {
      std::vector<MethodSig> sigs;
      for (const Method& m : Table()) sigs.push_back(m.sig);
      return sigs;
    }();
    return kMethods;
  }

  PyValue Invoke(std::string_view method, std::vector<PyValue> args) override {
    for (const Method& m : Table()) {
      if (m.sig.name != method) continue;
      if (args.size() != m.sig.params.size())
        throw std::logic_error("MessageAPI." + m.sig.name + ": arguments not bound to the signature");
      return (this->*m.fn)(args);
    }
    throw PyException("AttributeError", "'MessageAPI' object has no attribute '" + std::string(method) + "'");
  }

  // In the order BFCL's _load_scenario assigns them (vars() order).
  PyDict PublicState() const override {
    return PyDict{{S("generated_ids"), GeneratedIds()}, {S("user_count"), user_count_},
                  {S("user_map"), user_map_},           {S("inbox"), inbox_},
                  {S("message_count"), message_count_}, {S("current_user"), current_user_}};
  }

 private:
  using Args = std::vector<PyValue>;
  struct Method {
    MethodSig sig;
    PyValue (MessageApi::*fn)(Args&);
  };

  // In the order of BFCL's message_api.json.
  static const std::vector<Method>& Table() {
    static const std::vector<Method> kTable = {
        {{"add_contact", {{"user_name", {}}}}, &MessageApi::AddContact},
        {{"delete_message", {{"receiver_id", {}}}}, &MessageApi::DeleteMessage},
        {{"get_message_stats", {}}, &MessageApi::GetMessageStats},
        {{"get_user_id", {{"user", {}}}}, &MessageApi::GetUserId},
        {{"list_users", {}}, &MessageApi::ListUsers},
        {{"message_get_login_status", {}}, &MessageApi::GetLoginStatus},
        {{"message_login", {{"user_id", {}}}}, &MessageApi::Login},
        {{"search_messages", {{"keyword", {}}}}, &MessageApi::SearchMessages},
        {{"send_message", {{"receiver_id", {}}, {"message", {}}}}, &MessageApi::SendMessage},
        {{"view_messages_sent", {}}, &MessageApi::ViewMessagesSent},
    };
    return kTable;
  }

  const PyDict& UserMap() const {
    if (!user_map_.is_dict()) ThrowNoAttribute(user_map_, "values");
    return user_map_.as_dict();
  }
  // `x in self.user_map.values()`: Python == against every value.
  bool IsUserId(const PyValue& x) const {
    for (const auto& [name, id] : UserMap().items())
      if (PyEquals(id, x)) return true;
    return false;
  }
  PyList& Inbox() {
    if (!inbox_.is_list()) ThrowNoAttribute(inbox_, "append");
    return inbox_.as_list();
  }

  // The compared value of generated_ids: a set of ints (its repr sorted, so equal sets print
  // alike), or whatever the scenario gave.
  PyValue GeneratedIds() const {
    if (ids_value_) return *ids_value_;
    if (ids_.empty()) return PyValue::Opaque("set", "set()");
    std::string repr = "{";
    for (size_t i = 0; i < ids_.size(); ++i) repr += (i ? ", " : "") + std::to_string(ids_[i]);
    return PyValue::Opaque("set", repr + "}");
  }
  bool HasId(int64_t id) const {
    if (ids_value_) return PyContains(*ids_value_, PyValue::Int(id));
    return std::binary_search(ids_.begin(), ids_.end(), id);
  }

  // _generate_id: randint(10000, 99999) until unused, then generated_ids.add(id).
  PyValue GenerateId() {
    int64_t id = random_->RandInt(10000, 99999).as_int64();
    while (HasId(id)) id = random_->RandInt(10000, 99999).as_int64();
    if (ids_value_) ThrowNoAttribute(*ids_value_, "add");
    ids_.insert(std::upper_bound(ids_.begin(), ids_.end(), id), id);
    return PyValue::Dict(PyDict{{S("new_id"), PyValue::Int(id)}});
  }

  PyValue ListUsers(Args&) {
    PyList names;
    for (const auto& [name, id] : UserMap().items()) names.push_back(name);
    return PyValue::Dict(PyDict{{S("user_list"), PyValue::List(std::move(names))}});
  }

  PyValue GetUserId(Args& a) {
    const PyValue& user = a[0];
    CheckHashable(user);
    const PyValue* id = UserMap().Find(user);
    if (id == nullptr) return Error("User '" + PyStr(user) + "' not found in the workspace.");
    return PyValue::Dict(PyDict{{S("user_id"), *id}});
  }

  PyValue Login(Args& a) {
    const PyValue& user_id = a[0];
    if (!IsUserId(user_id))
      return PyValue::Dict(PyDict{{S("login_status"), PyValue::Bool(false)},
                                  {S("message"), PyValue::Str("User ID '" + PyStr(user_id) + "' not found.")}});
    current_user_ = user_id;
    return PyValue::Dict(PyDict{{S("login_status"), PyValue::Bool(true)},
                                {S("message"), PyValue::Str("User '" + PyStr(user_id) + "' logged in successfully.")}});
  }

  PyValue GetLoginStatus(Args&) {
    return PyValue::Dict(PyDict{{S("login_status"), PyValue::Bool(current_user_.Truthy())}});
  }

  PyValue SendMessage(Args& a) {
    const PyValue& receiver_id = a[0];
    if (!current_user_.Truthy()) return NotLoggedIn();
    if (!IsUserId(receiver_id)) return Error("Receiver ID '" + PyStr(receiver_id) + "' not found.");
    PyValue message_id = GenerateId();
    CheckHashable(receiver_id);
    Inbox().push_back(PyValue::Dict(PyDict{{receiver_id, a[1]}}));
    message_count_ = PyAdd(message_count_, PyValue::Int(1), /*augmented=*/true);
    return PyValue::Dict(PyDict{{S("sent_status"), PyValue::Bool(true)},
                                {S("message_id"), std::move(message_id)},
                                {S("message"), PyValue::Str("Message sent to '" + PyStr(receiver_id) + "' successfully.")}});
  }

  PyValue DeleteMessage(Args& a) {
    const PyValue& receiver_id = a[0];
    if (!current_user_.Truthy()) return NotLoggedIn();
    PyList& inbox = Inbox();
    for (size_t i = inbox.size(); i-- > 0;) {
      PyValue receiver = FirstItem(inbox[i]).first;
      if (!PyEquals(receiver, receiver_id)) continue;
      // list.remove: the first entry equal to this one, which may be an earlier duplicate.
      PyValue entry = inbox[i];
      for (size_t j = 0; j < inbox.size(); ++j) {
        if (PyEquals(inbox[j], entry)) {
          inbox.erase(inbox.begin() + static_cast<std::ptrdiff_t>(j));
          break;
        }
      }
      return PyValue::Dict(
          PyDict{{S("deleted_status"), PyValue::Bool(true)},
                 {S("receiver_id"), receiver},
                 {S("message"), PyValue::Str("Receiver " + PyStr(receiver_id) + "'s latest message deleted successfully.")}});
    }
    return Error("Receiver ID " + PyStr(receiver_id) + " not found.");
  }

  PyValue ViewMessagesSent(Args&) {
    if (!current_user_.Truthy()) return NotLoggedIn();
    PyDict sent;
    for (const PyValue& message : Inbox()) {
      const auto& [receiver, text] = FirstItem(message);
      CheckHashable(receiver);
      if (PyValue* texts = sent.Find(receiver)) texts->as_list().push_back(text);
      else sent.Set(receiver, PyValue::List({text}));
    }
    return PyValue::Dict(PyDict{{S("messages"), PyValue::Dict(std::move(sent))}});
  }

  PyValue AddContact(Args& a) {
    const PyValue& user_name = a[0];
    CheckHashable(user_name);
    if (UserMap().Contains(user_name)) return Error("User name '" + PyStr(user_name) + "' already exists.");
    user_count_ = PyAdd(user_count_, PyValue::Int(1), /*augmented=*/true);
    std::string user_id = "USR" + ZFill(PyStr(user_count_), 3);
    if (IsUserId(PyValue::Str(user_id))) return Error("User ID '" + user_id + "' already exists.");
    user_map_.as_dict().Set(user_name, PyValue::Str(user_id));
    return PyValue::Dict(PyDict{{S("added_status"), PyValue::Bool(true)},
                                {S("user_id"), PyValue::Str(user_id)},
                                {S("message"), PyValue::Str("Contact '" + PyStr(user_name) + "' added successfully.")}});
  }

  PyValue SearchMessages(Args& a) {
    if (!current_user_.Truthy()) return NotLoggedIn();
    std::string keyword = PyStrLower(a[0]);
    PyList results;
    for (const PyValue& message : Inbox()) {
      const auto& [receiver, text] = FirstItem(message);
      if (PyStrLower(text).find(keyword) == std::string::npos) continue;
      results.push_back(PyValue::Dict(PyDict{{S("receiver_id"), receiver}, {S("message"), text}}));
    }
    return PyValue::Dict(PyDict{{S("results"), PyValue::List(std::move(results))}});
  }

  PyValue GetMessageStats(Args&) {
    if (!current_user_.Truthy()) return NotLoggedIn();
    int64_t received = 0;
    PyList contacts;  // a set, by Python ==
    for (const PyValue& message : Inbox()) {
      const PyValue& receiver = FirstItem(message).first;
      ++received;
      CheckHashable(receiver);
      bool seen = std::any_of(contacts.begin(), contacts.end(), [&](const PyValue& c) { return PyEquals(c, receiver); });
      if (!seen) contacts.push_back(receiver);
    }
    return PyValue::Dict(PyDict{
        {S("stats"), PyValue::Dict(PyDict{{S("received_count"), PyValue::Int(received)},
                                          {S("total_contacts"), PyValue::Int(static_cast<int64_t>(contacts.size()))}})}});
  }

  std::optional<PyRandom> random_;
  std::vector<int64_t> ids_;          // generated_ids as a set, sorted
  std::optional<PyValue> ids_value_;  // generated_ids as the scenario gave it (not a set)
  PyValue user_count_;
  PyValue user_map_;
  PyValue inbox_;
  PyValue message_count_;
  PyValue current_user_;
};

}  // namespace

std::unique_ptr<ApiInstance> MakeMessageApi(BfclProcess& process) { return std::make_unique<MessageApi>(process); }

}  // namespace toolshift::bfcl
