// TicketAPI against BEHAVIOUR.md §5: every function's result text, error text and state change,
// Python-typed corner cases, and every ground-truth call of the data.
#include <catch2/catch.hpp>

#include "tests/test_support.h"
#include "src/interop/bfcl/apis/api.h"
#include "tests/interop/bfcl/apis/call_support.h"

namespace toolshift::bfcl {
namespace {

using testing_calls::Exec;
using testing_calls::ScenarioFromJson;
using testing_calls::StateOf;

std::unique_ptr<ApiInstance> Fresh(BfclProcess& process, std::string_view json = "{}") {
  auto api = MakeTicketApi(process);
  api->LoadScenario(ScenarioFromJson(json), false);
  return api;
}

TEST_CASE("TicketAPI: signatures in the doc file's order, defaults, state", "[bfcl][apis]") {
  BfclProcess process;
  auto api = Fresh(process);
  std::vector<std::string> names;
  for (const MethodSig& m : api->Methods()) names.push_back(m.name);
  CHECK(names == std::vector<std::string>{"close_ticket", "create_ticket", "edit_ticket", "get_ticket",
                                          "get_user_tickets", "logout", "resolve_ticket",
                                          "ticket_get_login_status", "ticket_login"});
  const MethodSig& create = api->Methods()[1];
  REQUIRE(create.params.size() == 3);
  CHECK(create.params[0].name == "title");
  CHECK_FALSE(create.params[0].default_value.has_value());
  CHECK(PyRepr(*create.params[1].default_value) == "''");
  CHECK(PyRepr(*create.params[2].default_value) == "1");
  CHECK(PyRepr(*api->Methods()[4].params[0].default_value) == "None");
  CHECK(api->ClassName() == "TicketAPI");
  CHECK(PyRepr(PyValue::Dict(api->PublicState())) ==
        "{'ticket_queue': [], 'ticket_counter': 1, 'current_user': None}");
  CHECK(Exec(*api, "create_ticket()") ==
        "Error during execution: TicketAPI.create_ticket() missing 1 required positional argument: 'title'");
}

TEST_CASE("TicketAPI: login, logout, status", "[bfcl][apis]") {
  BfclProcess process;
  auto api = Fresh(process);
  CHECK(Exec(*api, "ticket_get_login_status()") == R"({"login_status": false})");
  CHECK(Exec(*api, "logout()") == R"({"success": false})");
  CHECK(Exec(*api, "ticket_login(username='alice', password='')") == R"({"success": false})");
  CHECK(StateOf(*api, "current_user") == "null");
  CHECK(Exec(*api, "ticket_login('alice', 'pw')") == R"({"success": true})");
  CHECK(StateOf(*api, "current_user") == R"("alice")");
  CHECK(Exec(*api, "ticket_get_login_status()") == R"({"login_status": true})");
  CHECK(Exec(*api, "logout()") == R"({"success": true})");
  CHECK(StateOf(*api, "current_user") == "null");
  CHECK(Exec(*api, "logout()") == R"({"success": false})");
}

TEST_CASE("TicketAPI: create_ticket", "[bfcl][apis]") {
  BfclProcess process;
  auto api = Fresh(process);
  CHECK(Exec(*api, "create_ticket(title='T')") ==
        R"({"error": "User not authenticated. Please log in to create a ticket."})");
  Exec(*api, "ticket_login(username='alice', password='pw')");
  CHECK(Exec(*api, "create_ticket(title='T')") ==
        R"({"id": 1, "title": "T", "description": "", "status": "Open", "priority": 1, "created_by": "alice"})");
  CHECK(Exec(*api, "create_ticket('U', 'd', 5.0)") ==
        R"({"id": 2, "title": "U", "description": "d", "status": "Open", "priority": 5.0, "created_by": "alice"})");
  CHECK(Exec(*api, "create_ticket(title='V', priority=0)") ==
        R"({"error": "Invalid priority. Priority must be between 1 and 5."})");
  CHECK(Exec(*api, "create_ticket(title='V', priority=6)") ==
        R"({"error": "Invalid priority. Priority must be between 1 and 5."})");
  CHECK(Exec(*api, "create_ticket(title='V', priority='3')") ==
        "Error during execution: '<' not supported between instances of 'str' and 'int'");
  CHECK(StateOf(*api, "ticket_counter") == "3");
  CHECK(Exec(*api, "get_user_tickets()").rfind("[{'id': 1, 'title': 'T'", 0) == 0);
}

TEST_CASE("TicketAPI: get, close, resolve, edit", "[bfcl][apis]") {
  BfclProcess process;
  auto api = Fresh(process, R"({"ticket_queue": [
      {"id": 1, "title": "A", "description": "x", "status": "Open", "priority": 2, "created_by": "bob"},
      {"id": 2, "title": "B", "description": "y", "status": "Closed", "priority": 4, "created_by": "eve"}],
      "ticket_counter": 3})");
  CHECK(Exec(*api, "get_ticket(ticket_id=1.0)") ==
        R"({"id": 1, "title": "A", "description": "x", "status": "Open", "priority": 2, "created_by": "bob"})");
  CHECK(Exec(*api, "get_ticket(ticket_id='1')") == R"({"error": "Ticket with ID 1 not found."})");
  CHECK(Exec(*api, "close_ticket(ticket_id='ticket_001')") ==
        R"({"error": "Ticket with ID ticket_001 not found."})");
  CHECK(Exec(*api, "close_ticket(ticket_id=2)") == R"({"error": "Ticket with ID 2 is already closed."})");
  CHECK(Exec(*api, "close_ticket(1)") == R"({"status": "Ticket 1 has been closed successfully."})");
  CHECK(Exec(*api, "resolve_ticket(ticket_id=1, resolution='done')") ==
        R"({"status": "Ticket 1 has been resolved successfully."})");
  CHECK(Exec(*api, "resolve_ticket(ticket_id=1, resolution='again')") ==
        R"({"error": "Ticket with ID 1 is already resolved."})");
  CHECK(Exec(*api, "resolve_ticket(ticket_id=9, resolution='x')") == R"({"error": "Ticket with ID 9 not found."})");
  CHECK(Exec(*api, "get_ticket(1)") ==
        R"({"id": 1, "title": "A", "description": "x", "status": "Resolved", "priority": 2, "created_by": "bob", )"
        R"("resolution": "done"})");
  // Values are not checked; None values are skipped; key order is kept.
  CHECK(Exec(*api, "edit_ticket(ticket_id=1, updates={'priority': 9, 'title': None, 'status': 'Open'})") ==
        R"({"status": "Ticket 1 has been updated successfully."})");
  CHECK(Exec(*api, "get_ticket(1)") ==
        R"({"id": 1, "title": "A", "description": "x", "status": "Open", "priority": 9, "created_by": "bob", )"
        R"("resolution": "done"})");
  CHECK(Exec(*api, "edit_ticket(ticket_id=1, updates={'owner': 'x', 'priority': 1})") ==
        R"({"error": "Invalid fields for update: owner"})");
  CHECK(Exec(*api, "edit_ticket(ticket_id=1, updates={'zeta': 1, 'alpha': 2})") ==
        R"({"error": "Invalid fields for update: alpha, zeta"})");
  CHECK(Exec(*api, "edit_ticket(ticket_id=1, updates={5: 1})") ==
        "Error during execution: sequence item 0: expected str instance, int found");
  CHECK(Exec(*api, "edit_ticket(ticket_id=1, updates=['title'])") ==
        "Error during execution: 'list' object has no attribute 'keys'");
  CHECK(Exec(*api, "edit_ticket(ticket_id=7, updates=['title'])") == R"({"error": "Ticket with ID 7 not found."})");
  CHECK(StateOf(*api, "ticket_queue").find(R"("priority": 9)") != std::string::npos);
}

TEST_CASE("TicketAPI: get_user_tickets", "[bfcl][apis]") {
  BfclProcess process;
  auto api = Fresh(process, R"({"ticket_queue": [
      {"id": 1, "title": "A", "description": "", "status": "Open", "priority": 1, "created_by": "bob"},
      {"id": 2, "title": "B", "description": "", "status": "Closed", "priority": 1, "created_by": "eve"},
      {"id": 3, "title": "C", "description": "", "status": "Closed", "priority": 1, "created_by": "bob"}],
      "current_user": null})");
  CHECK(Exec(*api, "get_user_tickets()") == "[{'error': 'User not authenticated. Please log in to view tickets.'}]");
  Exec(*api, "ticket_login(username='bob', password='x')");
  CHECK(Exec(*api, "get_user_tickets(status='closed')") ==
        "[{'id': 3, 'title': 'C', 'description': '', 'status': 'Closed', 'priority': 1, 'created_by': 'bob'}]");
  CHECK(Exec(*api, "get_user_tickets(status='')").rfind("[{'id': 1,", 0) == 0);  // falsy: no filter
  CHECK(Exec(*api, "get_user_tickets(status=5)") == "Error during execution: 'int' object has no attribute 'lower'");
  Exec(*api, "ticket_login(username='zed', password='x')");
  CHECK(Exec(*api, "get_user_tickets(status=5)") == "[]");  // nothing left to compare: no error
}

TEST_CASE("TicketAPI: every ground-truth call runs without an exception", "[bfcl][apis]") {
  if (!testing_calls::HaveBfclData()) {
    TOOLSHIFT_SKIP("skipped: " << testing_calls::BfclDataDir() << " is absent");
    return;
  }
  testing_calls::ReplayStats stats = testing_calls::ReplayGroundTruth("TicketAPI", MakeTicketApi);
  for (const std::string& f : stats.failures) UNSCOPED_INFO(f);
  CHECK(stats.failures.empty());
  CHECK(stats.entries == 124);
  CHECK(stats.calls == 192);
  // Every result text and final state, as a CPython 3.11 run of an independent Python model of
  // BEHAVIOUR.md (outside the repository, real json.dumps/float repr/datetime/random) printed them.
  CHECK(stats.digest == 0xfa3dff5145fd3d0bULL);
}

}  // namespace
}  // namespace toolshift::bfcl
