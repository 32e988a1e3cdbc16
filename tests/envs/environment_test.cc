// The simulated environments: realistic refusals, schema checks, state left alone on refusal,
// determinism, and the name list core validates against.
#include <catch2/catch.hpp>

#include "src/core/env_names.h"
#include "src/envs/environment.h"

namespace toolshift {
namespace {

Json Run(const std::string& env, const std::string& tool, Json args, Json& state) {
  const Environment* e = FindEnvironment(env);
  REQUIRE(e != nullptr);
  return e->Execute(ToolCall{tool, std::move(args)}, state);
}

std::string ErrorOf(const Json& observation) {
  return IsErrorObservation(observation) ? observation["error"].get<std::string>() : "";
}

}  // namespace

TEST_CASE("every environment core knows is implemented, with tools", "[envs]") {
  size_t n = 0;
  for (auto name : kEnvironmentNames) {
    const Environment* e = FindEnvironment(name);
    REQUIRE(e != nullptr);
    CHECK(e->tools().size() >= 3);
    ++n;
  }
  CHECK(n == EnvironmentNames().size());
  CHECK(FindEnvironment("casino") == nullptr);
}

TEST_CASE("bank: transfers move money and refuse what a bank refuses", "[envs]") {
  Json s = {{"accounts", {{"ACC-1", {{"owner", "Ann"}, {"kind", "checking"}, {"balance", 100.0}}},
                          {"ACC-2", {{"owner", "Bo"}, {"kind", "savings"}, {"balance", 5.0}}}}},
            {"transfers", Json::array()}};
  const Json before = s;
  CHECK(ErrorOf(Run("bank", "transfer", {{"from_account", "ACC-2"}, {"to_account", "ACC-1"}, {"amount", 50}}, s)) ==
        "insufficient funds in ACC-2: balance 5.00, asked 50.00");
  CHECK(s == before);  // a refused call changes nothing
  CHECK(ErrorOf(Run("bank", "transfer", {{"from_account", "ACC-9"}, {"to_account", "ACC-1"}, {"amount", 1}}, s)) == "unknown account 'ACC-9'");
  CHECK(ErrorOf(Run("bank", "transfer", {{"from_account", "ACC-1"}, {"to_account", "ACC-2"}, {"amount", -3}}, s)) ==
        "amount must be positive, got -3.00");
  // Schema: an unknown argument, a missing one, a wrong type.
  CHECK(ErrorOf(Run("bank", "transfer", {{"from_account", "ACC-1"}, {"to_account", "ACC-2"}, {"amount", 1}, {"fee", 0}}, s)) ==
        "unexpected argument 'fee' for transfer");
  CHECK(ErrorOf(Run("bank", "transfer", {{"from_account", "ACC-1"}, {"amount", 1}}, s)) == "missing required argument 'to_account' for transfer");
  CHECK(ErrorOf(Run("bank", "transfer", {{"from_account", "ACC-1"}, {"to_account", "ACC-2"}, {"amount", "10"}}, s)) ==
        "argument 'amount' must be a number");
  CHECK(s == before);
  const Json ok = Run("bank", "transfer", {{"from_account", "ACC-1"}, {"to_account", "ACC-2"}, {"amount", 30.5}}, s);
  CHECK(ok["status"] == "completed");
  CHECK(s["accounts"]["ACC-1"]["balance"] == 69.5);
  CHECK(s["accounts"]["ACC-2"]["balance"] == 35.5);
  CHECK(s["transfers"].size() == 1);
  CHECK(ErrorOf(Run("bank", "wire_abroad", Json::object(), s)) == "unknown tool 'wire_abroad'");
}

TEST_CASE("each environment refuses a bad call with a message naming what is wrong", "[envs]") {
  Json files = {{"files", {{"/a.txt", "x"}, {"/b.txt", "y"}}}};
  CHECK(ErrorOf(Run("files", "read_file", {{"path", "/zz.txt"}}, files)) == "no such file: /zz.txt");
  CHECK(ErrorOf(Run("files", "move_file", {{"source", "/a.txt"}, {"destination", "/b.txt"}}, files)) == "destination exists: /b.txt");
  Json cal = {{"events", {{"EV-1", {{"title", "Standup"}, {"date", "2026-12-01"}, {"start", "09:00"}, {"end", "10:00"}, {"attendees", Json::array()}}}}}};
  CHECK(ErrorOf(Run("calendar", "create_event", {{"title", "X"}, {"date", "2026-12-01"}, {"start", "09:30"}}, cal)) ==
        "time slot taken by EV-1 'Standup' (09:00-10:00)");
  CHECK(ErrorOf(Run("calendar", "create_event", {{"title", "X"}, {"date", "Dec 1"}, {"start", "09:30"}}, cal)) == "date 'Dec 1' must be YYYY-MM-DD");
  Json shop = {{"products", {{"P-1", {{"name", "Lamp"}, {"price", 10.0}, {"stock", 2}}}}}, {"orders", Json::object()}, {"next_order", 1}};
  CHECK(ErrorOf(Run("shop", "place_order", {{"product_id", "P-1"}, {"quantity", 3}}, shop)) == "only 2 of P-1 in stock");
  Json travel = {{"flights", {{"FL-1", {{"origin", "A"}, {"destination", "B"}, {"date", "d"}, {"price", 5.0}, {"seats", 0}}}}}, {"bookings", Json::object()}};
  CHECK(ErrorOf(Run("travel", "book_flight", {{"flight_id", "FL-1"}, {"passenger", "P"}}, travel)) == "flight FL-1 is full");
  Json lib = {{"books", {{"BOOK-1", {{"title", "T"}, {"author", "A"}, {"copies", 0}}}}}, {"members", {{"M-1", {{"name", "N"}, {"limit", 3}}}}}, {"loans", Json::array()}};
  CHECK(ErrorOf(Run("library", "checkout_book", {{"book_id", "BOOK-1"}, {"member_id", "M-1"}}, lib)) == "no copy of BOOK-1 is available");
  Json desk = {{"tickets", {{"T-1", {{"subject", "S"}, {"status", "closed"}, {"priority", "normal"}, {"assignee", ""}}}}}, {"agents", {"kim"}}};
  CHECK(ErrorOf(Run("helpdesk", "close_ticket", {{"ticket_id", "T-1"}, {"resolution", "r"}}, desk)) == "ticket T-1 is already closed");
  CHECK(ErrorOf(Run("helpdesk", "set_priority", {{"ticket_id", "T-1"}, {"priority", "asap"}}, desk)) ==
        "argument 'priority' must be one of [\"low\",\"normal\",\"high\",\"urgent\"]");
  Json msg = {{"contacts", {{"C-1", {{"name", "Ann Lee"}}}}}, {"inbox", Json::array()}, {"sent", Json::array()}};
  CHECK(ErrorOf(Run("messaging", "find_contact", {{"name", "Zed"}}, msg)) == "no contact matches 'Zed'");
}

TEST_CASE("environments are deterministic: the same calls give the same results and state", "[envs]") {
  auto play = [] {
    Json s = {{"products", {{"P-1", {{"name", "Desk lamp"}, {"price", 10.0}, {"stock", 5}}}, {"P-2", {{"name", "Lamp shade"}, {"price", 4.0}, {"stock", 5}}}}},
              {"orders", Json::object()}, {"next_order", 7}};
    Json out = Json::array();
    out.push_back(Run("shop", "search_products", {{"query", "lamp"}}, s));
    out.push_back(Run("shop", "place_order", {{"product_id", "P-2"}, {"quantity", 2}}, s));
    out.push_back(Run("shop", "cancel_order", {{"order_id", "O-7"}}, s));
    out.push_back(s);
    return out;
  };
  const Json a = play();
  CHECK(a == play());
  CHECK(a[0]["results"][0]["product_id"] == "P-2");  // cheapest first
  CHECK(a[1]["order_id"] == "O-7");
  CHECK(a[3]["products"]["P-2"]["stock"] == 5);  // cancelled: stock returned
}

}  // namespace toolshift
