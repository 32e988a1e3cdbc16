// TravelAPI against BEHAVIOUR.md §7: every function's result text, every error in its order,
// the state left behind, the ids drawn from CPython's Random(141053) (§9 vectors), the
// long-context variants with their process-wide card objects, and Python-typed corner cases.
#include <catch2/catch.hpp>

#include <cmath>
#include <cstdio>
#include <ctime>
#include <filesystem>

#include "tests/test_support.h"
#include "src/interop/bfcl/apis/api.h"
#include "src/interop/bfcl/apis/long_context.h"
#include "src/interop/bfcl/apis/py_num.h"
#include "tests/interop/bfcl/apis/call_support.h"

namespace toolshift::bfcl {
namespace {

using testing_calls::Exec;
using testing_calls::ScenarioFromJson;
using testing_calls::StateOf;

std::unique_ptr<ApiInstance> Travel(BfclProcess& process, std::string_view scenario_json = "{}",
                                    bool long_context = false) {
  auto api = MakeTravelApi(process);
  api->LoadScenario(ScenarioFromJson(scenario_json), long_context);
  return api;
}

bool HaveLongContext() {
  if (std::filesystem::exists(DefaultLongContextPath())) return true;
  TOOLSHIFT_SKIP("skipped: " << DefaultLongContextPath() << " not found (it ships in ../shared beside the repository)");
  return false;
}

constexpr const char* kAuth =
    "authenticate_travel(client_id='id', client_secret='secret', refresh_token='r', grant_type='read_write', "
    "user_first_name='Ann', user_last_name='Lee')";
constexpr const char* kRegister =
    "register_credit_card(access_token='251675', card_number='4111111111111111', expiration_date='12/2028', "
    "cardholder_name='Ann Lee', card_verification_number=123)";
constexpr const char* kBook =
    "book_flight(access_token='251675', card_id='391310425148', travel_date='2024-11-15', travel_from='SFO', "
    "travel_to='LAX', travel_class='economy')";

// An authenticated instance with one registered card (the first three draws of §9's vector).
std::unique_ptr<ApiInstance> WithCard(BfclProcess& process) {
  auto api = Travel(process);
  REQUIRE(Exec(*api, kAuth) ==
          "{\"expires_in\": 2, \"access_token\": \"251675\", \"token_type\": \"Bearer\", \"scope\": \"read_write\"}");
  REQUIRE(Exec(*api, kRegister) == "{\"card_id\": \"391310425148\"}");
  return api;
}

TEST_CASE("TravelAPI: signatures in the doc file's order, Python's parameter order", "[bfcl][apis]") {
  BfclProcess process;
  auto api = Travel(process);
  CHECK(api->ClassName() == "TravelAPI");
  std::vector<std::string> names;
  for (const MethodSig& m : api->Methods()) names.push_back(m.name);
  CHECK(names == std::vector<std::string>{"authenticate_travel", "book_flight", "cancel_booking",
                                          "compute_exchange_rate", "contact_customer_support",
                                          "get_all_credit_cards", "get_booking_history", "get_budget_fiscal_year",
                                          "get_credit_card_balance", "get_flight_cost",
                                          "get_nearest_airport_by_city", "list_all_airports", "purchase_insurance",
                                          "register_credit_card", "retrieve_invoice", "set_budget_limit",
                                          "travel_get_login_status", "verify_traveler_information"});
  const MethodSig* insurance = testing_calls::FindMethod(*api, "purchase_insurance");
  REQUIRE(insurance);
  std::vector<std::string> params;
  for (const Param& p : insurance->params) params.push_back(p.name);
  CHECK(params == std::vector<std::string>{"access_token", "insurance_type", "booking_id", "insurance_cost", "card_id"});
  const MethodSig* invoice = testing_calls::FindMethod(*api, "retrieve_invoice");
  REQUIRE(invoice);
  REQUIRE(invoice->params.size() == 3);
  CHECK(invoice->params[1].default_value->is_none());
  CHECK(invoice->params[2].default_value->is_none());
}

TEST_CASE("TravelAPI: defaults and the token", "[bfcl][apis]") {
  BfclProcess process;
  auto api = Travel(process);
  CHECK(PyJsonDumps(PyValue::Dict(api->PublicState())) ==
        "{\"credit_card_list\": {}, \"booking_record\": {}, \"access_token\": null, \"token_type\": null, "
        "\"token_expires_in\": null, \"token_scope\": null, \"user_first_name\": null, \"user_last_name\": null, "
        "\"budget_limit\": null, \"long_context\": false}");
  CHECK(Exec(*api, "travel_get_login_status()") == "{\"status\": false}");
  CHECK(Exec(*api, kRegister) == "{\"error\": \"Token not initialized\"}");
  CHECK(Exec(*api, "get_budget_fiscal_year()") == "{\"budget_fiscal_year\": \"2018\"}");
  CHECK(Exec(*api, "get_budget_fiscal_year(lastModifiedAfter='2020-01-01T00:00:00', includeRemoved='true')") ==
        "{\"budget_fiscal_year\": \"2018\"}");
  // Without a token every secured call compares against None.
  CHECK(Exec(*api, "get_credit_card_balance(access_token='x', card_id='1')") == "{\"error\": \"Invalid access token\"}");
  CHECK(Exec(*api, "get_credit_card_balance(access_token=None, card_id='1')") ==
        "{\"error\": \"Card not registered. Here are a list of card_id's: []\"}");

  CHECK(Exec(*api, kAuth) ==
        "{\"expires_in\": 2, \"access_token\": \"251675\", \"token_type\": \"Bearer\", \"scope\": \"read_write\"}");
  CHECK(Exec(*api, "travel_get_login_status()") == "{\"status\": true}");
  CHECK(StateOf(*api, "access_token") == "\"251675\"");
  CHECK(StateOf(*api, "token_expires_in") == "2");
  CHECK(StateOf(*api, "token_type") == "\"Bearer\"");
  CHECK(StateOf(*api, "token_scope") == "\"read_write\"");
  CHECK(StateOf(*api, "user_first_name") == "\"Ann\"");
  CHECK(StateOf(*api, "user_last_name") == "\"Lee\"");

  auto expired = Travel(process, R"({"access_token": "abc", "token_expires_in": 0})");
  CHECK(Exec(*expired, "travel_get_login_status()") == "{\"status\": false}");
  CHECK(Exec(*expired, "register_credit_card('abc', '1', '1/2030', 'A', 1)") == "{\"error\": \"Token expired\"}");
  CHECK(Exec(*expired, "get_credit_card_balance('abc', '1')") == "{\"error\": \"Token expired\"}");
  CHECK(Exec(*expired, "book_flight('abc', '1', '2024-11-15', 'SFO', 'LAX', 'economy')") ==
        "{\"booking_status\": false, \"error\": \"Token expired\"}");
  CHECK(Exec(*expired, "cancel_booking('abc', '1')") == "{\"cancel_status\": false, \"error\": \"Token expired\"}");
  CHECK(Exec(*expired, "purchase_insurance('abc', 'x', '1', 10, '1')") ==
        "{\"insurance_status\": false, \"error\": \"Token expired\"}");
  CHECK(Exec(*expired, "retrieve_invoice('abc')") == "{\"error\": \"Token expired\"}");
  CHECK(Exec(*expired, "get_booking_history('abc')") == "{\"error\": \"Token expired\"}");
  CHECK(Exec(*expired, "set_budget_limit('abc', 10)") == "{\"error\": \"Token expired\"}");

  auto valid = Travel(process, R"({"access_token": "abc", "token_expires_in": 5})");
  CHECK(Exec(*valid, "register_credit_card('abd', '1', '1/2030', 'A', 1)") == "{\"error\": \"Invalid access token\"}");
  CHECK(Exec(*valid, "book_flight(123, '1', '2024-11-15', 'SFO', 'LAX', 'economy')") ==
        "{\"booking_status\": false, \"error\": \"Invalid access token\"}");
  CHECK(Exec(*valid, "cancel_booking('x', '1')") == "{\"cancel_status\": false, \"error\": \"Invalid access token\"}");
  CHECK(Exec(*valid, "purchase_insurance('x', 'x', '1', 10, '1')") ==
        "{\"insurance_status\": false, \"error\": \"Invalid access token\"}");
  CHECK(Exec(*valid, "retrieve_invoice('x', '1')") == "{\"error\": \"Invalid access token\"}");
  CHECK(Exec(*valid, "get_booking_history('x')") == "{\"error\": \"Invalid access token\"}");
  CHECK(Exec(*valid, "set_budget_limit('x', 10)") == "{\"error\": \"Invalid access token\"}");
}

TEST_CASE("TravelAPI: the booking flow draws CPython's ids", "[bfcl][apis]") {
  BfclProcess process;
  auto api = WithCard(process);
  CHECK(StateOf(*api, "credit_card_list") ==
        "{\"391310425148\": {\"card_number\": \"4111111111111111\", \"expiration_date\": \"12/2028\", "
        "\"cardholder_name\": \"Ann Lee\", \"card_verification_number\": 123, \"balance\": 58617}}");
  CHECK(Exec(*api, "get_credit_card_balance(access_token='251675', card_id='391310425148')") ==
        "{\"card_balance\": 58617}");
  CHECK(Exec(*api, kBook) ==
        "{\"booking_id\": \"4191922\", \"transaction_id\": \"56121276\", \"booking_status\": true, "
        "\"booking_history\": {}}");
  CHECK(Exec(*api, "get_credit_card_balance('251675', '391310425148')") == "{\"card_balance\": 58217.0}");
  const std::string record =
      "{\"card_id\": \"391310425148\", \"travel_date\": \"2024-11-15\", \"travel_from\": \"SFO\", \"travel_to\": "
      "\"LAX\", \"travel_class\": \"economy\", \"travel_cost\": 400.0, \"transaction_id\": \"56121276\"}";
  CHECK(StateOf(*api, "booking_record") == "{\"4191922\": " + record + "}");
  CHECK(Exec(*api, "get_booking_history(access_token='251675')") == "{\"booking_history\": {\"4191922\": " + record + "}}");
  CHECK(Exec(*api, "retrieve_invoice(access_token='251675', booking_id='4191922')") ==
        "{\"invoice\": {\"booking_id\": \"4191922\", \"travel_date\": \"2024-11-15\", \"travel_from\": \"SFO\", "
        "\"travel_to\": \"LAX\", \"travel_class\": \"economy\", \"travel_cost\": 400.0, \"transaction_id\": "
        "\"56121276\"}}");
  CHECK(Exec(*api, "retrieve_invoice('251675')") == "{\"error\": \"Booking not found\"}");
  CHECK(Exec(*api,
             "purchase_insurance(access_token='251675', insurance_type='comprehensive', booking_id='4191922', "
             "insurance_cost=50.5, card_id='391310425148')") ==
        "{\"insurance_id\": \"789652479\", \"insurance_status\": true}");
  CHECK(Exec(*api, "get_credit_card_balance('251675', '391310425148')") == "{\"card_balance\": 58166.5}");
  CHECK(Exec(*api, "contact_customer_support(booking_id='4191922', message='Help')") ==
        "{\"customer_support_message\": \"Thank you for contacting customer support. Your message has been "
        "received and we will get back to you shortly.\"}");
  CHECK(Exec(*api, "contact_customer_support('1', 'Help')") == "{\"error\": \"Booking not found\"}");
  CHECK(Exec(*api, "cancel_booking(access_token='251675', booking_id='4191922')") == "{\"cancel_status\": true}");
  CHECK(Exec(*api, "cancel_booking('251675', '4191922')") ==
        "{\"cancel_status\": false, \"error\": \"Booking not found\"}");
  CHECK(StateOf(*api, "booking_record") == "{}");
  CHECK(Exec(*api, "get_all_credit_cards()") ==
        "{\"credit_card_list\": {\"391310425148\": {\"card_number\": \"4111111111111111\", \"expiration_date\": "
        "\"12/2028\", \"cardholder_name\": \"Ann Lee\", \"card_verification_number\": 123, \"balance\": 58566.5}}}");
  CHECK(Exec(*api, "get_credit_card_balance('251675', '999')") ==
        "{\"error\": \"Card not registered. Here are a list of card_id's: ['391310425148']\"}");
}

TEST_CASE("TravelAPI: book_flight refusals in order", "[bfcl][apis]") {
  BfclProcess process;
  auto api = Travel(process, R"({"access_token": "t", "token_expires_in": 2,
      "credit_card_list": {"c1": {"balance": 1000}, "c2": {"card_number": "1"}, "poor": {"balance": 100.0}}})");
  auto book = [&](std::string_view card, std::string_view date, std::string_view from, std::string_view to,
                  std::string_view cls) {
    return Exec(*api, "book_flight('t', " + std::string(card) + ", " + std::string(date) + ", " + std::string(from) +
                          ", " + std::string(to) + ", " + std::string(cls) + ")");
  };
  auto refused = [](std::string why) { return "{\"booking_status\": false, \"error\": \"" + why + "\"}"; };
  CHECK(book("'c9'", "'2024-11-15'", "'SFO'", "'LAX'", "'economy'") == refused("Card not registered"));
  CHECK(book("'c2'", "'2024-11-15'", "'SFO'", "'LAX'", "'economy'") == refused("Balance not found"));
  CHECK(book("'c1'", "'2024-11-15'", "'XXX'", "'YYY'", "'economy'") == refused("Invalid departure airport code: XXX"));
  CHECK(book("'c1'", "'2024-11-15'", "None", "'LAX'", "'economy'") == refused("Invalid departure airport code: None"));
  CHECK(book("'c1'", "'2024-11-15'", "'SFO'", "'YYY'", "'economy'") ==
        refused("Invalid destination airport code: YYY"));
  CHECK(book("'c1'", "'2024/11/15'", "'SFO'", "'LAX'", "'economy'") == refused("Invalid date format. Use YYYY-MM-DD."));
  CHECK(book("'c1'", "'2023-02-29'", "'SFO'", "'LAX'", "'economy'") == refused("Invalid date format. Use YYYY-MM-DD."));
  CHECK(book("'c1'", "'2024-11-15x'", "'SFO'", "'LAX'", "'economy'") ==
        refused("Invalid date format. Use YYYY-MM-DD."));
  CHECK(book("'c1'", "20241115", "'SFO'", "'LAX'", "'economy'") ==
        "Error during execution: strptime() argument 1 must be str, not int");
  CHECK(book("'c1'", "'2024-11-15'", "'SFO'", "'LAX'", "'coach'") ==
        refused("Invalid travel class. Must be one of {'economy', 'business', 'first'}"));
  CHECK(book("'c1'", "'2024-11-15'", "'SFO'", "'LAX'", "['economy']") == "Error during execution: unhashable type: 'list'");
  CHECK(book("'c1'", "'2024-11-15'", "'SFO'", "'PEK'", "'economy'") == refused("No available route for the given airports."));
  CHECK(book("'poor'", "'2024-11-15'", "'SFO'", "'LAX'", "'economy'") == refused("Insufficient funds"));
  CHECK(StateOf(*api, "booking_record") == "{}");
  // Unpadded fields are dates too; 2024-1-5: digits sum 14 (even) -> x2, first -> x5: 2000.0 > 1000.
  CHECK(book("'c1'", "'2024-1-5'", "'SFO'", "'LAX'", "'first'") == refused("Insufficient funds"));
  CHECK(Exec(*api, "set_budget_limit(access_token='t', budget_limit='950')") == "{\"budget_limit\": 950.0}");
  CHECK(StateOf(*api, "budget_limit") == "950.0");
  // 2024-11-16: digit sum 17 (odd) -> x1, 200.0; the budget check compares the balance before
  // the booking (1000 >= 950), so the next booking (800.0 < 950.0) is the one refused.
  // This instance never authenticated: the booking makes the generator's first two draws.
  CHECK(book("'c1'", "'2024-11-16'", "'SFO'", "'LAX'", "'economy'") ==
        "{\"booking_id\": \"3426812\", \"transaction_id\": \"45451592\", \"booking_status\": true, "
        "\"booking_history\": {}}");
  CHECK(Exec(*api, "get_credit_card_balance('t', 'c1')") == "{\"card_balance\": 800.0}");
  CHECK(book("'c1'", "'2024-11-16'", "'SFO'", "'LAX'", "'economy'") == refused("Balance is less than budget limit"));
  CHECK(Exec(*api, "set_budget_limit('t', 'lots')") ==
        "Error during execution: could not convert string to float: 'lots'");
  CHECK(Exec(*api, "purchase_insurance('t', 'basic', '3426812', 1000, 'c1')") ==
        "{\"insurance_status\": false, \"error\": \"Exceeded budget limit\"}");
  CHECK(Exec(*api, "purchase_insurance('t', 'basic', 'b0', 10, 'c1')") ==
        "{\"insurance_status\": false, \"error\": \"Booking not found\"}");
  CHECK(Exec(*api, "purchase_insurance('t', 'basic', '3426812', 10, 'c0')") ==
        "{\"insurance_status\": false, \"error\": \"Credit card not registered\"}");
  // No sufficiency check: the balance may go negative; an int cost keeps the float balance.
  CHECK(Exec(*api, "purchase_insurance('t', 'basic', '3426812', 900, 'poor')") ==
        "{\"insurance_id\": \"498276044\", \"insurance_status\": true}");
  CHECK(Exec(*api, "get_credit_card_balance('t', 'poor')") == "{\"card_balance\": -800.0}");
}

TEST_CASE("TravelAPI: cancelling a booking whose card is gone raises KeyError", "[bfcl][apis]") {
  BfclProcess process;
  auto api = Travel(process, R"({"access_token": "t", "token_expires_in": 2,
      "booking_record": {"b1": {"card_id": "gone", "travel_date": "2024-01-01", "travel_from": "SFO",
                                "travel_to": "LAX", "travel_class": "economy", "travel_cost": 200.0,
                                "transaction_id": "x"}}})");
  CHECK(Exec(*api, "cancel_booking('t', 'b1')") == "Error during execution: 'gone'");
  CHECK(StateOf(*api, "booking_record").find("\"b1\"") != std::string::npos);  // not deleted
  CHECK(Exec(*api, "retrieve_invoice('t', booking_id='b1')") ==
        "{\"invoice\": {\"booking_id\": \"b1\", \"travel_date\": \"2024-01-01\", \"travel_from\": \"SFO\", "
        "\"travel_to\": \"LAX\", \"travel_class\": \"economy\", \"travel_cost\": 200.0, \"transaction_id\": \"x\"}}");
  CHECK(Exec(*api, "retrieve_invoice('t', booking_id=['b1'])") == "Error during execution: unhashable type: 'list'");
}

TEST_CASE("TravelAPI: get_flight_cost", "[bfcl][apis]") {
  BfclProcess process;
  auto api = Travel(process);
  CHECK(Exec(*api, "get_flight_cost(travel_from='SFO', travel_to='LAX', travel_date='2024-11-15', "
                   "travel_class='economy')") == "{\"travel_cost_list\": [400.0]}");
  CHECK(Exec(*api, "get_flight_cost('SFO', 'LAX', '2024-11-16', 'business')") == "{\"travel_cost_list\": [400.0]}");
  CHECK(Exec(*api, "get_flight_cost('LAX', 'SFO', '2024-11-16', 'first')") == "{\"travel_cost_list\": [500.0]}");
  CHECK(Exec(*api, "get_flight_cost('JFK', 'PEK', 'no digits', 'first')") == "{\"travel_cost_list\": [10000.0]}");
  CHECK(Exec(*api, "get_flight_cost('LAX', 'SFO', ['1', '22'], 'economy')") == "{\"travel_cost_list\": [100.0]}");
  // The route is directed and checked before the class.
  CHECK(Exec(*api, "get_flight_cost('LAX', 'CIA', '2024-11-16', 'coach')") ==
        "Error during execution: No available route for the given airports.");
  CHECK(Exec(*api, "get_flight_cost('SFO', 'LAX', '2024-11-16', 'coach')") ==
        "Error during execution: Invalid travel class. Options are: economy, business, first.");
  CHECK(Exec(*api, "get_flight_cost('SFO', 'LAX', 20241116, 'economy')") ==
        "Error during execution: 'int' object is not iterable");
  CHECK(Exec(*api, "get_flight_cost('SFO', 'LAX', [2024], 'economy')") ==
        "Error during execution: 'int' object has no attribute 'isdigit'");
  CHECK(Exec(*api, "get_flight_cost(['SFO'], 'LAX', '2024-11-16', 'economy')") ==
        "Error during execution: unhashable type: 'list'");
}

TEST_CASE("TravelAPI: exchange rates, airports, traveller checks", "[bfcl][apis]") {
  BfclProcess process;
  auto api = WithCard(process);
  CHECK(Exec(*api, "compute_exchange_rate(base_currency='USD', target_currency='EUR', value=100)") ==
        "{\"exchanged_value\": 80.0}");
  CHECK(Exec(*api, "compute_exchange_rate('USD', 'RMB', 10)") == "{\"exchanged_value\": 70.0}");
  CHECK(Exec(*api, "compute_exchange_rate('EUR', 'USD', 100)") == "{\"exchanged_value\": 125.0}");
  CHECK(Exec(*api, "compute_exchange_rate('JPY', 'USD', 1000)") == "{\"exchanged_value\": 9.09}");
  CHECK(Exec(*api, "compute_exchange_rate('GBP', 'USD', 100)") == "{\"exchanged_value\": 142.86}");
  CHECK(Exec(*api, "compute_exchange_rate('CAD', 'USD', 100.0)") == "{\"exchanged_value\": 76.92}");
  CHECK(Exec(*api, "compute_exchange_rate('USD', 'AUD', 15.5)") == "{\"exchanged_value\": 21.7}");
  CHECK(Exec(*api, "compute_exchange_rate('USD', 'USD', 1)") ==
        "Error during execution: No available exchange rate for the given currencies.");
  CHECK(Exec(*api, "compute_exchange_rate('USD', 'CAD', '10')") ==
        "Error during execution: can't multiply sequence by non-int of type 'float'");
  // str * int repeats the str, which float() then reads.
  CHECK(Exec(*api, "compute_exchange_rate('USD', 'RMB', '10')") == "{\"exchanged_value\": 10101010101010.0}");
  CHECK(Exec(*api, "compute_exchange_rate('RMB', 'USD', '10')") ==
        "Error during execution: unsupported operand type(s) for /: 'str' and 'int'");

  CHECK(Exec(*api, "list_all_airports()") ==
        "['RMS', 'SBK', 'MPC', 'SVP', 'SHD', 'CDG', 'LHR', 'SSV', 'OKD', 'WLB', 'PEK', 'HND', 'HKG', 'CIA', 'CRH', "
        "'ATV', 'PHV', 'GFD', 'SFO', 'LAX', 'JFK', 'ORD', 'BOS']");
  CHECK(Exec(*api, "get_nearest_airport_by_city(location='Rome')") == "{\"nearest_airport\": \"CIA\"}");
  CHECK(Exec(*api, "get_nearest_airport_by_city('Crescent Hollow')") == "{\"nearest_airport\": \"CRH\"}");
  CHECK(Exec(*api, "get_nearest_airport_by_city('Atlantis')") == "{\"nearest_airport\": \"Unknown\"}");
  CHECK(Exec(*api, "get_nearest_airport_by_city(['Rome'])") == "Error during execution: unhashable type: 'list'");

  auto fail = [](std::string why) {
    return "{\"verification_status\": false, \"verification_failure\": \"" + why + "\"}";
  };
  CHECK(Exec(*api, "verify_traveler_information(first_name='Bob', last_name='Lee', date_of_birth='1990-01-01', "
                   "passport_number='US1')") ==
        fail("Cannot book flight information for another user.Expected Ann Lee, got Bob Lee"));
  CHECK(Exec(*api, "verify_traveler_information('Ann', 'Lee', '1990-13-01', 'US1')") ==
        fail("Invalid date of birth format. Please use YYYY-MM-DD."));
  CHECK(Exec(*api, "verify_traveler_information('Ann', 'Lee', '1990-1-5', 'CA1')") ==
        fail("Passport must be issued by the United States."));
  CHECK(Exec(*api, "verify_traveler_information('Ann', 'Lee', '1990-01-01', 'US1')") == "{\"verification_status\": true}");
  CHECK(Exec(*api, "verify_traveler_information('Ann', 'Lee', '1990-01-01', 12345)") ==
        "Error during execution: 'int' object has no attribute 'startswith'");
  CHECK(Exec(*api, "verify_traveler_information('Ann', 'Lee', 19900101, 'US1')") ==
        "Error during execution: strptime() argument 1 must be str, not int");
  // Age against today's local date: 18 years ago today passes, any day 17 years ago fails.
  std::time_t now = std::time(nullptr);
  std::tm today{};
  localtime_r(&now, &today);
  char adult[32], minor[32];
  const int month = today.tm_mon + 1, day = today.tm_mday;
  std::snprintf(adult, sizeof adult, "%04d-%02d-%02d", today.tm_year + 1900 - 18, month, day == 29 && month == 2 ? 28 : day);
  std::snprintf(minor, sizeof minor, "%04d-01-01", today.tm_year + 1900 - 17);
  CHECK(Exec(*api, "verify_traveler_information('Ann', 'Lee', '" + std::string(adult) + "', 'US1')") ==
        "{\"verification_status\": true}");
  CHECK(Exec(*api, "verify_traveler_information('Ann', 'Lee', '" + std::string(minor) + "', 'US1')") ==
        fail("Traveler must be at least 18 years old."));

  auto anonymous = Travel(process);
  CHECK(Exec(*anonymous, "verify_traveler_information('Ann', 'Lee', '1990-01-01', 'US1')") ==
        fail("Cannot book flight information for another user.Expected None None, got Ann Lee"));
}

TEST_CASE("TravelAPI: round(x, 2) rounds the exact binary value half-even", "[bfcl][apis]") {
  CHECK(pynum::Round(2.675, 2) == 2.67);  // 2.67499999...
  CHECK(pynum::Round(0.125, 2) == 0.12);  // an exact tie goes to even
  CHECK(pynum::Round(0.375, 2) == 0.38);
  CHECK(pynum::Round(1000.0 / 110, 2) == 9.09);
  CHECK(std::signbit(pynum::Round(-0.001, 2)));
  CHECK(pynum::Round(1e300, 2) == 1e300);
  CHECK(std::isinf(pynum::Round(HUGE_VAL, 2)));
  CHECK(PyRepr(pynum::TrueDiv(PyValue::Int(PyInt(7)), PyValue::Int(PyInt(2)))) == "3.5");
  CHECK(PyRepr(pynum::TrueDiv(PyValue::Bool(true), PyValue::Float(4.0))) == "0.25");
  auto raised = [](const PyValue& a, const PyValue& b) {
    try {
      pynum::TrueDiv(a, b);
    } catch (const PyException& e) {
      return e.type() + ": " + e.message();
    }
    return std::string("(no exception)");
  };
  CHECK(raised(PyValue::Int(PyInt(1)), PyValue::Int(PyInt(0))) == "ZeroDivisionError: division by zero");
  CHECK(raised(PyValue::Float(1), PyValue::Int(PyInt(0))) == "ZeroDivisionError: float division by zero");
  CHECK(raised(PyValue::Str("1"), PyValue::Int(PyInt(2))) ==
        "TypeError: unsupported operand type(s) for /: 'str' and 'int'");
}

TEST_CASE("TravelAPI: states compare with Python ==, results keep int and float apart", "[bfcl][apis]") {
  BfclProcess process;
  auto ints = Travel(process, R"({"access_token": "t", "credit_card_list": {"c": {"balance": 100, "x": [1, 2]}}})");
  auto floats = Travel(process, R"({"access_token": "t", "credit_card_list": {"c": {"x": [1.0, 2], "balance": 100.0}}})");
  CHECK(PyEquals(PyValue::Dict(ints->PublicState()), PyValue::Dict(floats->PublicState())));
  CHECK(Exec(*ints, "get_credit_card_balance('t', 'c')") == "{\"card_balance\": 100}");
  CHECK(Exec(*floats, "get_credit_card_balance('t', 'c')") == "{\"card_balance\": 100.0}");
  // A state that differs only in list order is a different state.
  auto reordered = Travel(process, R"({"access_token": "t", "credit_card_list": {"c": {"balance": 100, "x": [2, 1]}}})");
  CHECK_FALSE(PyEquals(PyValue::Dict(ints->PublicState()), PyValue::Dict(reordered->PublicState())));
}

TEST_CASE("TravelAPI: long context adds the shared cards and bookings, aliased process-wide", "[bfcl][apis]") {
  if (!HaveLongContext()) return;
  constexpr const char* kScenario = R"({"access_token": "abc", "token_expires_in": 2,
      "credit_card_list": {"mine": {"balance": 10.0}}})";
  BfclProcess process;
  auto model = Travel(process, kScenario, /*long_context=*/true);
  auto truth = Travel(process, kScenario, true);
  const PyValue& extension = LongContextConstant(process, "CREDIT_CARD_EXTENSION");
  const PyValue& bookings = LongContextConstant(process, "BOOKING_RECORD_EXTENSION");
  const PyDict state = model->PublicState();
  CHECK(state.Find("credit_card_list")->as_dict().size() == 1 + extension.as_dict().size());
  CHECK(state.Find("credit_card_list")->as_dict().items().front().first.as_str() == "mine");
  CHECK(PyEquals(*state.Find("booking_record"), bookings));
  CHECK(StateOf(*model, "long_context") == "true");

  CHECK(Exec(*truth, "get_credit_card_balance('abc', '1234567812345678')") == "{\"card_balance\": 5000.0}");
  // Long context returns the whole booking record with the new booking; the cost list has
  // every route.
  PyValue booked = model->Invoke("book_flight", {PyValue::Str("abc"), PyValue::Str("1234567812345678"),
                                                 PyValue::Str("2024-11-15"), PyValue::Str("SFO"), PyValue::Str("LAX"),
                                                 PyValue::Str("economy")});
  REQUIRE(booked.is_dict());
  CHECK(booked.as_dict().Find("booking_history")->as_dict().size() == bookings.as_dict().size() + 1);
  PyValue costs = model->Invoke("get_flight_cost", {PyValue::Str("SFO"), PyValue::Str("LAX"),
                                                    PyValue::Str("2024-11-15"), PyValue::Str("economy")});
  const PyList& list = costs.as_dict().Find("travel_cost_list")->as_list();
  REQUIRE(list.size() == 153);
  CHECK(PyRepr(list.front()) == "400.0");  // SFO>LAX 200 x2
  CHECK(PyRepr(list.back()) == "440.0");   // OKD>LAX 220 x2

  // The model's booking took 400.0 from the card object the ground truth's instance holds too,
  // and from the one every later instance of this process gets.
  CHECK(Exec(*truth, "get_credit_card_balance('abc', '1234567812345678')") == "{\"card_balance\": 4600.0}");
  CHECK(PyEquals(*model->PublicState().Find("credit_card_list"), *truth->PublicState().Find("credit_card_list")));
  auto later = Travel(process, "{\"access_token\": \"abc\"}", true);
  CHECK(Exec(*later, "get_credit_card_balance('abc', '1234567812345678')") == "{\"card_balance\": 4600.0}");
  // Cancelling an extension booking credits its (shared) card.
  CHECK(Exec(*truth, "cancel_booking('abc', 'booking_901')") == "{\"cancel_status\": true}");
  CHECK(Exec(*model, "get_credit_card_balance('abc', '1234567812345678')") == "{\"card_balance\": 5000.0}");
  CHECK(StateOf(*model, "booking_record").find("booking_901") != std::string::npos);  // only truth's record lost it
  // Another process starts from the file's values.
  BfclProcess other_process;
  auto fresh = Travel(other_process, "{\"access_token\": \"abc\"}", true);
  CHECK(Exec(*fresh, "get_credit_card_balance('abc', '1234567812345678')") == "{\"card_balance\": 5000.0}");
  // A scenario card with an extension card's id is kept, not replaced.
  auto own = Travel(other_process,
                    R"({"access_token": "abc", "credit_card_list": {"1234567812345678": {"balance": 1.0}}})", true);
  CHECK(Exec(*own, "get_credit_card_balance('abc', '1234567812345678')") == "{\"card_balance\": 1.0}");
}

}  // namespace
}  // namespace toolshift::bfcl
