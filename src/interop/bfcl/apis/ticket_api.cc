// TicketAPI (BFCL's ticket_api.py): a support-ticket queue with a login. BEHAVIOUR.md §5.
// Every argument keeps its Python type: a ticket id of 1.0 finds ticket 1 (Python ==), a
// priority given as a str raises the TypeError Python's `<` raises.
#include <algorithm>
#include <stdexcept>

#include "src/interop/bfcl/apis/api.h"
#include "src/interop/bfcl/apis/py_ops.h"

namespace toolshift::bfcl {
namespace {

PyValue S(const char* s) { return PyValue::Str(s); }
PyValue Error(std::string text) { return PyValue::Dict(PyDict{{S("error"), PyValue::Str(std::move(text))}}); }

class TicketApi : public ApiInstance {
 public:
  std::string_view ClassName() const override { return "TicketAPI"; }

  void LoadScenario(const PyDict& scenario, bool /*long_context*/) override {
    auto get = [&](const char* key, PyValue fallback) {
      const PyValue* v = scenario.Find(key);
      return v ? *v : fallback;
    };
    ticket_queue_ = get("ticket_queue", PyValue::List());
    ticket_counter_ = get("ticket_counter", PyValue::Int(1));
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
        throw std::logic_error("TicketAPI." + m.sig.name + ": arguments not bound to the signature");
      return (this->*m.fn)(args);
    }
    throw PyException("AttributeError", "'TicketAPI' object has no attribute '" + std::string(method) + "'");
  }

  PyDict PublicState() const override {
    return PyDict{{S("ticket_queue"), ticket_queue_},
                  {S("ticket_counter"), ticket_counter_},
                  {S("current_user"), current_user_}};
  }

 private:
  using Args = std::vector<PyValue>;
  struct Method {
    MethodSig sig;
    PyValue (TicketApi::*fn)(Args&);
  };

  // In the order of BFCL's ticket_api.json.
  static const std::vector<Method>& Table() {
    static const std::vector<Method> kTable = {
        {{"close_ticket", {{"ticket_id", {}}}}, &TicketApi::CloseTicket},
        {{"create_ticket", {{"title", {}}, {"description", S("")}, {"priority", PyValue::Int(1)}}},
         &TicketApi::CreateTicket},
        {{"edit_ticket", {{"ticket_id", {}}, {"updates", {}}}}, &TicketApi::EditTicket},
        {{"get_ticket", {{"ticket_id", {}}}}, &TicketApi::GetTicket},
        {{"get_user_tickets", {{"status", PyValue::None()}}}, &TicketApi::GetUserTickets},
        {{"logout", {}}, &TicketApi::Logout},
        {{"resolve_ticket", {{"ticket_id", {}}, {"resolution", {}}}}, &TicketApi::ResolveTicket},
        {{"ticket_get_login_status", {}}, &TicketApi::GetLoginStatus},
        {{"ticket_login", {{"username", {}}, {"password", {}}}}, &TicketApi::Login},
    };
    return kTable;
  }

  // _find_ticket: the first ticket whose "id" is Python-equal to `ticket_id`, or nullptr.
  PyValue* FindTicket(const PyValue& ticket_id) {
    if (!ticket_queue_.is_list()) {
      PyIterate(ticket_queue_);  // a non-iterable raises as Python's `for` would
      return nullptr;            // (a queue that is not a list never occurs in BFCL's data)
    }
    for (PyValue& ticket : ticket_queue_.as_list())
      if (PyEquals(PySubscript(ticket, S("id")), ticket_id)) return &ticket;
    return nullptr;
  }

  static PyValue NotFound(const PyValue& ticket_id) {
    return Error("Ticket with ID " + PyStr(ticket_id) + " not found.");
  }

  PyValue CreateTicket(Args& a) {
    const PyValue &title = a[0], &description = a[1], &priority = a[2];
    if (!current_user_.Truthy()) return Error("User not authenticated. Please log in to create a ticket.");
    if (PyCompare(priority, PyCmp::kLt, PyValue::Int(1)) || PyCompare(priority, PyCmp::kGt, PyValue::Int(5)))
      return Error("Invalid priority. Priority must be between 1 and 5.");
    PyValue ticket = PyValue::Dict(PyDict{{S("id"), ticket_counter_},
                                          {S("title"), title},
                                          {S("description"), description},
                                          {S("status"), S("Open")},
                                          {S("priority"), priority},
                                          {S("created_by"), current_user_}});
    if (!ticket_queue_.is_list()) ThrowNoAttribute(ticket_queue_, "append");
    ticket_queue_.as_list().push_back(ticket);
    ticket_counter_ = PyAdd(ticket_counter_, PyValue::Int(1), /*augmented=*/true);
    return ticket;
  }

  PyValue GetTicket(Args& a) {
    PyValue* ticket = FindTicket(a[0]);
    if (!ticket || !ticket->Truthy()) return NotFound(a[0]);
    return *ticket;
  }

  PyValue CloseTicket(Args& a) {
    const PyValue& id = a[0];
    PyValue* ticket = FindTicket(id);
    if (!ticket || !ticket->Truthy()) return NotFound(id);
    if (PyEquals(PySubscript(*ticket, S("status")), S("Closed")))
      return Error("Ticket with ID " + PyStr(id) + " is already closed.");
    ticket->as_dict().Set("status", S("Closed"));
    return PyValue::Dict(PyDict{{S("status"), PyValue::Str("Ticket " + PyStr(id) + " has been closed successfully.")}});
  }

  PyValue ResolveTicket(Args& a) {
    const PyValue &id = a[0], &resolution = a[1];
    PyValue* ticket = FindTicket(id);
    if (!ticket || !ticket->Truthy()) return NotFound(id);
    if (PyEquals(PySubscript(*ticket, S("status")), S("Resolved")))
      return Error("Ticket with ID " + PyStr(id) + " is already resolved.");
    ticket->as_dict().Set("status", S("Resolved"));
    ticket->as_dict().Set("resolution", resolution);
    return PyValue::Dict(
        PyDict{{S("status"), PyValue::Str("Ticket " + PyStr(id) + " has been resolved successfully.")}});
  }

  PyValue EditTicket(Args& a) {
    const PyValue &id = a[0], &updates = a[1];
    PyValue* ticket = FindTicket(id);
    if (!ticket || !ticket->Truthy()) return NotFound(id);
    if (!updates.is_dict()) ThrowNoAttribute(updates, "keys");
    // set(updates.keys()) - valid_fields. Python prints the set in string-hash order, fixed
    // within a process (model and ground truth share one); a sorted order stands in for it.
    static const char* kValid[] = {"title", "description", "status", "priority"};
    std::vector<PyValue> invalid;
    for (const auto& item : updates.as_dict().items()) {
      const PyValue& key = item.first;  // not a structured binding: clang 14 cannot capture one
      bool valid = std::any_of(std::begin(kValid), std::end(kValid), [&](const char* f) { return PyEquals(key, S(f)); });
      if (!valid) invalid.push_back(key);
    }
    if (!invalid.empty()) {
      std::stable_sort(invalid.begin(), invalid.end(), [](const PyValue& x, const PyValue& y) {
        if (x.is_str() != y.is_str()) return x.is_str();
        return x.is_str() && x.as_str() < y.as_str();
      });
      std::string joined;
      for (size_t i = 0; i < invalid.size(); ++i) {
        if (!invalid[i].is_str())
          throw PyException("TypeError", "sequence item " + std::to_string(i) + ": expected str instance, " +
                                             invalid[i].TypeName() + " found");
        joined += (i ? ", " : "") + invalid[i].as_str();
      }
      return Error("Invalid fields for update: " + joined);
    }
    for (const auto& [key, value] : updates.as_dict().items())
      if (!value.is_none()) ticket->as_dict().Set(key, value);
    return PyValue::Dict(
        PyDict{{S("status"), PyValue::Str("Ticket " + PyStr(id) + " has been updated successfully.")}});
  }

  PyValue Login(Args& a) {
    if (a[0].Truthy() && a[1].Truthy()) {
      current_user_ = a[0];
      return PyValue::Dict(PyDict{{S("success"), PyValue::Bool(true)}});
    }
    return PyValue::Dict(PyDict{{S("success"), PyValue::Bool(false)}});
  }

  PyValue GetLoginStatus(Args&) {
    return PyValue::Dict(PyDict{{S("login_status"), PyValue::Bool(current_user_.Truthy())}});
  }

  PyValue Logout(Args&) {
    bool was = current_user_.Truthy();
    if (was) current_user_ = PyValue::None();
    return PyValue::Dict(PyDict{{S("success"), PyValue::Bool(was)}});
  }

  PyValue GetUserTickets(Args& a) {
    const PyValue& status = a[0];
    if (!current_user_.Truthy())
      return PyValue::List({Error("User not authenticated. Please log in to view tickets.")});
    PyList mine;
    for (const PyValue& ticket : PyIterate(ticket_queue_))
      if (PyEquals(PySubscript(ticket, S("created_by")), current_user_)) mine.push_back(ticket);
    if (status.Truthy()) {
      PyList filtered;
      // Python evaluates status.lower() per ticket, so a bad status raises only if a ticket is left.
      for (const PyValue& ticket : mine)
        if (PyStrLower(PySubscript(ticket, S("status"))) == PyStrLower(status)) filtered.push_back(ticket);
      mine = std::move(filtered);
    }
    return PyValue::List(std::move(mine));
  }

  PyValue ticket_queue_ = PyValue::List();
  PyValue ticket_counter_ = PyValue::Int(1);
  PyValue current_user_;
};

}  // namespace

std::unique_ptr<ApiInstance> MakeTicketApi(BfclProcess& /*process*/) { return std::make_unique<TicketApi>(); }

}  // namespace toolshift::bfcl
