// TradingBot against BEHAVIOUR.md §6: results, error texts, state changes, the RNG-drawn
// transaction timestamps (§9 vectors), dates, long-context variants, Python-typed corner cases
// and every ground-truth call of the data.
#include <catch2/catch.hpp>

#include "tests/test_support.h"
#include "src/interop/bfcl/apis/api.h"
#include "src/interop/bfcl/apis/long_context.h"
#include "tests/interop/bfcl/apis/call_support.h"

namespace toolshift::bfcl {
namespace {

using testing_calls::Exec;
using testing_calls::ScenarioFromJson;
using testing_calls::StateOf;

std::unique_ptr<ApiInstance> Fresh(BfclProcess& process, std::string_view json = "{}", bool long_context = false) {
  auto api = MakeTradingBot(process);
  api->LoadScenario(ScenarioFromJson(json), long_context);
  return api;
}

std::unique_ptr<ApiInstance> LoggedIn(BfclProcess& process, std::string_view json = "{}", bool long_context = false) {
  auto api = Fresh(process, json, long_context);
  Exec(*api, "trading_login(username='u', password='p')");
  return api;
}

TEST_CASE("TradingBot: signatures in the doc file's order, default state", "[bfcl][apis]") {
  BfclProcess process;
  auto api = Fresh(process);
  std::vector<std::string> names;
  for (const MethodSig& m : api->Methods()) names.push_back(m.name);
  CHECK(names == std::vector<std::string>{
                     "add_to_watchlist", "cancel_order", "filter_stocks_by_price", "fund_account",
                     "get_account_info", "get_available_stocks", "get_current_time", "get_order_details",
                     "get_order_history", "get_stock_info", "get_symbol_by_name", "get_transaction_history",
                     "get_watchlist", "notify_price_change", "place_order", "remove_stock_from_watchlist",
                     "trading_get_login_status", "trading_login", "trading_logout", "withdraw_funds"});
  const MethodSig& history = api->Methods()[11];
  REQUIRE(history.params.size() == 2);
  CHECK(history.params[0].name == "start_date");
  CHECK(PyRepr(*history.params[1].default_value) == "None");
  const MethodSig& place = api->Methods()[14];
  REQUIRE(place.params.size() == 4);
  CHECK(place.params[3].name == "amount");

  CHECK(StateOf(*api, "orders") ==
        R"j({"12345": {"id": 12345, "order_type": "Buy", "symbol": "AAPL", "price": 210.65, "amount": 10, )j"
        R"j("status": "Completed"}, "12446": {"id": 12446, "order_type": "Sell", "symbol": "GOOG", )j"
        R"j("price": 2840.56, "amount": 5, "status": "Pending"}})j");
  CHECK(StateOf(*api, "account_info") ==
        R"j({"account_id": 12345, "balance": 10000.0, "binding_card": 1974202140965533})j");
  CHECK(StateOf(*api, "authenticated") == "false");
  CHECK(StateOf(*api, "market_status") == R"j("Closed")j");
  CHECK(StateOf(*api, "order_counter") == "12446");
  CHECK(StateOf(*api, "watch_list") == R"j(["NVDA"])j");
  CHECK(StateOf(*api, "transaction_history") == "[]");
  CHECK(StateOf(*api, "long_context") == "false");
  std::string stocks = StateOf(*api, "stocks");
  CHECK(stocks.rfind(R"j({"AAPL": {"price": 227.16, "percent_change": 0.17, "volume": 2.552, "MA(5)": 227.11, )j"
                     R"j("MA(20)": 227.09}, "GOOG": )j",
                     0) == 0);
  CHECK(stocks.find(R"j("TSLA": {"price": 667.92, "percent_change": -0.12, "volume": 1.654, "MA(5)": 671.15, )j"
                    R"j("MA(20)": 668.2})j") != std::string::npos);
  CHECK(stocks.find(R"j("ZETA": {"price": 22.09, "percent_change": -0.05, "volume": 0.789, "MA(5)": 22.12, )j"
                    R"j("MA(20)": 22.34}})j") != std::string::npos);
  std::vector<std::string> keys;
  PyDict state = api->PublicState();
  for (const auto& [k, v] : state.items()) keys.push_back(PyStr(k));
  CHECK(keys == std::vector<std::string>{"orders", "account_info", "authenticated", "market_status",
                                         "order_counter", "stocks", "watch_list", "transaction_history",
                                         "long_context"});
}

TEST_CASE("TradingBot: loading converts digit-string order keys only", "[bfcl][apis]") {
  BfclProcess process;
  auto api = Fresh(process, R"j({"orders": {"12345": {"symbol": "AAPL", "status": "Completed"}, "order_type": "Buy"},
      "order_counter": 12446})j");
  CHECK(StateOf(*api, "orders") == R"j({"12345": {"symbol": "AAPL", "status": "Completed"}, "order_type": "Buy"})j");
  Exec(*api, "trading_login(username='u', password='p')");
  CHECK(Exec(*api, "get_order_history()") == R"j({"history": [12345, "order_type"]})j");
  CHECK(Exec(*api, "get_order_details(order_id=12345)") == R"j({"symbol": "AAPL", "status": "Completed"})j");
  CHECK(Exec(*api, "get_order_details(order_id='12345')") ==
        R"j({"error": "Order with ID 12345 not found.Here is the list of orders_id: [12345, 'order_type']"})j");
}

TEST_CASE("TradingBot: login, time, symbols, quotes", "[bfcl][apis]") {
  BfclProcess process;
  auto api = Fresh(process);
  CHECK(Exec(*api, "trading_get_login_status()") == R"j({"status": false})j");
  CHECK(Exec(*api, "trading_logout()") == R"j({"status": "No user is currently logged in"})j");
  CHECK(Exec(*api, "trading_login(username='a', password='b')") == R"j({"status": "Logged in successfully"})j");
  CHECK(Exec(*api, "trading_login(username='x', password='y')") == R"j({"status": "Already logged in"})j");
  CHECK(Exec(*api, "trading_get_login_status()") == R"j({"status": true})j");
  CHECK(Exec(*api, "trading_logout()") == R"j({"status": "Logged out successfully"})j");
  CHECK(StateOf(*api, "authenticated") == "false");
  CHECK(Exec(*api, "get_current_time()") == R"j({"current_time": "10:30 AM"})j");
  CHECK(Exec(*api, "get_symbol_by_name(name='Quasar Ltd.')") == R"j({"symbol": "QUAS"})j");
  CHECK(Exec(*api, "get_symbol_by_name(name='Gorilla')") == R"j({"symbol": "GORI"})j");
  CHECK(Exec(*api, "get_symbol_by_name(name='apple')") == R"j({"symbol": "Stock not found"})j");
  CHECK(Exec(*api, "get_stock_info(symbol='QUAS')") ==
        R"j({"price": 725.89, "percent_change": -0.03, "volume": 1.789, "MA(5)": 726.45, "MA(20)": 728.0})j");
  CHECK(Exec(*api, "get_stock_info(symbol='AMZN')") == R"j({"error": "Stock with symbol 'AMZN' not found."})j");
  CHECK(Exec(*api, "get_stock_info(symbol=['AAPL'])") == "Error during execution: unhashable type: 'list'");
}

TEST_CASE("TradingBot: orders", "[bfcl][apis]") {
  BfclProcess process;
  auto api = Fresh(process);
  CHECK(Exec(*api, "get_order_details(order_id=12446)") ==
        R"j({"id": 12446, "order_type": "Sell", "symbol": "GOOG", "price": 2840.56, "amount": 5, "status": "Pending"})j");
  CHECK(Exec(*api, "get_order_details(order_id=1)") ==
        R"j({"error": "Order with ID 1 not found.Here is the list of orders_id: [12345, 12446]"})j");
  CHECK(Exec(*api, "cancel_order(order_id=12345)") ==
        R"j({"error": "Can't cancel order 12345. Order is already completed."})j");
  CHECK(Exec(*api, "cancel_order(order_id=1)") == R"j({"error": "Order with ID 1 not found."})j");
  CHECK(Exec(*api, "cancel_order(order_id=12446.0)") == R"j({"order_id": 12446.0, "status": "Cancelled"})j");
  CHECK(Exec(*api, "cancel_order(12446)") == R"j({"order_id": 12446, "status": "Cancelled"})j");  // again: allowed

  CHECK(Exec(*api, "place_order(order_type='Buy', symbol='AAPL', price=100, amount=1)") ==
        R"j({"error": "User not authenticated. Please log in to place an order."})j");
  Exec(*api, "trading_login(username='u', password='p')");
  CHECK(Exec(*api, "place_order(order_type='Buy', symbol='AMZN', price=100, amount=1)") ==
        R"j({"error": "Invalid stock symbol: AMZN"})j");
  CHECK(Exec(*api, "place_order(order_type='Buy', symbol='AAPL', price=0, amount=1)") ==
        R"j({"error": "Price and amount must be positive values."})j");
  CHECK(Exec(*api, "place_order(order_type='Buy', symbol='AAPL', price=1, amount=-2)") ==
        R"j({"error": "Price and amount must be positive values."})j");
  CHECK(Exec(*api, "place_order(order_type='Buy', symbol='AAPL', price='1', amount=2)") ==
        "Error during execution: '<=' not supported between instances of 'str' and 'int'");
  CHECK(Exec(*api, "place_order(order_type='Buy', symbol='TSLA', price=700, amount=100)") ==
        R"j({"error": "Insufficient funds: required $70000.00 but only $10000.00 available."})j");
  CHECK(Exec(*api, "place_order(order_type='buy', symbol='TSLA', price=100.005, amount=100.9)") ==
        R"j({"error": "Insufficient funds: required $10000.50 but only $10000.00 available."})j");
  // "%.2f" rounds the exact binary value: 10000.005 is 10000.00499999999919...
  CHECK(Exec(*api, "place_order(order_type='BUY', symbol='TSLA', price=10000.005, amount=1)") ==
        R"j({"error": "Insufficient funds: required $10000.00 but only $10000.00 available."})j");
  CHECK(Exec(*api, "place_order(order_type=1, symbol='TSLA', price=7, amount=1)") ==
        "Error during execution: 'int' object has no attribute 'lower'");
  CHECK(StateOf(*api, "order_counter") == "12446");
  // The data's counter equals an existing order id: the new order replaces it in place.
  CHECK(Exec(*api, "place_order(order_type='Buy', symbol='ZETA', price=120, amount=10)") ==
        R"j({"order_id": 12446, "order_type": "Buy", "status": "Pending", "price": 120.0, "amount": 10})j");
  CHECK(Exec(*api, "place_order('Sell', 'TSLA', 700, 100.5)") ==
        R"j({"order_id": 12447, "order_type": "Sell", "status": "Pending", "price": 700.0, "amount": 100.5})j");
  CHECK(StateOf(*api, "orders") ==
        R"j({"12345": {"id": 12345, "order_type": "Buy", "symbol": "AAPL", "price": 210.65, "amount": 10, )j"
        R"j("status": "Completed"}, "12446": {"id": 12446, "order_type": "Buy", "symbol": "ZETA", "price": 120.0, )j"
        R"j("amount": 10, "status": "Open"}, "12447": {"id": 12447, "order_type": "Sell", "symbol": "TSLA", )j"
        R"j("price": 700.0, "amount": 100.5, "status": "Open"}})j");
  CHECK(StateOf(*api, "order_counter") == "12448");
  CHECK(StateOf(*api, "account_info").find(R"j("balance": 10000.0)j") != std::string::npos);  // unchanged
  CHECK(Exec(*api, "get_order_history()") == R"j({"history": [12345, 12446, 12447]})j");
}

TEST_CASE("TradingBot: funds and RNG-drawn timestamps", "[bfcl][apis]") {
  BfclProcess process;
  auto api = Fresh(process);
  CHECK(Exec(*api, "withdraw_funds(amount=1)") ==
        R"j({"error": "User not authenticated. Please log in to make a transaction."})j");
  CHECK(Exec(*api, "fund_account(amount=1)") ==
        R"j({"error": "User not authenticated. Please log in to fund the account."})j");
  Exec(*api, "trading_login(username='u', password='p')");
  CHECK(Exec(*api, "withdraw_funds(amount=1)") == R"j({"error": "Market is closed. Transactions are not allowed."})j");

  auto open = LoggedIn(process, R"j({"market_status": "Open"})j");
  CHECK(Exec(*open, "withdraw_funds(amount=0)") == R"j({"error": "Transaction amount must be positive."})j");
  CHECK(Exec(*open, "withdraw_funds(amount=10000.5)") == R"j({"error": "Insufficient funds for withdrawal."})j");
  CHECK(Exec(*open, "fund_account(amount=-1)") == R"j({"error": "Funding amount must be positive."})j");
  CHECK(Exec(*open, "withdraw_funds(amount=500)") == R"j({"status": "Withdrawal successful", "new_balance": 9500.0})j");
  CHECK(Exec(*open, "fund_account(amount=2203.4)") ==
        R"j({"status": "Account funded successfully", "new_balance": 11703.4})j");
  CHECK(Exec(*open, "fund_account(amount=0.1)") ==
        R"j({"status": "Account funded successfully", "new_balance": 11703.5})j");
  // Random(1053520): randbelow(86401) gives 69015, 6994, 64788 (BEHAVIOUR.md §9).
  CHECK(StateOf(*open, "transaction_history") ==
        R"j([{"type": "withdrawal", "amount": 500, "timestamp": "2024-09-02 05:40:15"}, )j"
        R"j({"type": "deposit", "amount": 2203.4, "timestamp": "2024-09-01 12:26:34"}, )j"
        R"j({"type": "deposit", "amount": 0.1, "timestamp": "2024-09-02 04:29:48"}])j");
  CHECK(Exec(*open, "get_account_info()") ==
        R"j({"account_id": 12345, "balance": 11703.5, "binding_card": 1974202140965533})j");
  CHECK(Exec(*api, "get_account_info()").find("11703.5") == std::string::npos);  // instances are separate

  // An int balance stays an int.
  auto ints = LoggedIn(process, R"j({"account_info": {"account_id": 1, "balance": 5000, "binding_card": 2}})j");
  CHECK(Exec(*ints, "fund_account(amount=10)") == R"j({"status": "Account funded successfully", "new_balance": 5010})j");
  CHECK(Exec(*ints, "fund_account(amount='10')") ==
        "Error during execution: '<=' not supported between instances of 'str' and 'int'");
  CHECK(Exec(*Fresh(process), "get_account_info()") ==
        R"j({"error": "User not authenticated. Please log in to view account information."})j");
}

TEST_CASE("TradingBot: transaction history dates", "[bfcl][apis]") {
  BfclProcess process;
  auto api = LoggedIn(process, R"j({"transaction_history": [
      {"type": "deposit", "amount": 1, "timestamp": "2024-08-31 23:59:59"},
      {"type": "deposit", "amount": 2, "timestamp": "2024-09-01 00:00:00"},
      {"type": "withdrawal", "amount": 3, "timestamp": "2024-09-01 00:00:01"}]})j");
  auto amounts = [&](const std::string& call) {
    std::string text = Exec(*api, call);
    std::string out;
    for (size_t p = text.find("\"amount\": "); p != std::string::npos; p = text.find("\"amount\": ", p + 1))
      out += text[p + 10];
    return out.empty() ? text : out;
  };
  CHECK(amounts("get_transaction_history()") == "123");
  CHECK(amounts("get_transaction_history(start_date='2024-09-01')") == "23");
  CHECK(amounts("get_transaction_history(end_date='2024-09-01')") == "12");  // midnight: later that day excluded
  CHECK(amounts("get_transaction_history(start_date='2024-9-1', end_date='')") == "23");
  CHECK(Exec(*api, "get_transaction_history(start_date='2024-09-02')") == R"j({"transaction_history": []})j");
  CHECK(Exec(*api, "get_transaction_history(start_date='2024-13-01')") ==
        "Error during execution: time data '2024-13-01' does not match format '%Y-%m-%d'");
  CHECK(Exec(*api, "get_transaction_history(end_date='2024-02-30')") ==
        "Error during execution: day is out of range for month");
  CHECK(Exec(*api, "get_transaction_history(end_date='2024-01-011')") ==
        "Error during execution: unconverted data remains: 1");
  CHECK(Exec(*api, "get_transaction_history(start_date=20240901)") ==
        "Error during execution: strptime() argument 1 must be str, not int");
  CHECK(Exec(*Fresh(process), "get_transaction_history()") ==
        "[{'error': 'User not authenticated. Please log in to view transaction history.'}]");
}

TEST_CASE("TradingBot: watch list, sectors, filters, notifications", "[bfcl][apis]") {
  BfclProcess process;
  auto api = Fresh(process);
  CHECK(Exec(*api, "get_watchlist()") == "['Error: User not authenticated. Please log in to view the watchlist.']");
  CHECK(Exec(*api, "get_order_history()") ==
        "[{'error': 'User not authenticated. Please log in to view order history.'}]");
  CHECK(Exec(*api, "remove_stock_from_watchlist(symbol='NVDA')") ==
        R"j({"error": "User not authenticated. Please log in to modify the watchlist."})j");
  CHECK(Exec(*api, "add_to_watchlist(stock='AAPL')") == R"j({"watchlist": ["NVDA", "AAPL"]})j");  // no login check
  CHECK(Exec(*api, "add_to_watchlist(stock='AAPL')") == R"j({"watchlist": ["NVDA", "AAPL"]})j");
  CHECK(Exec(*api, "add_to_watchlist(stock='XYZ')") == R"j({"watchlist": ["NVDA", "AAPL"]})j");
  Exec(*api, "trading_login(username='u', password='p')");
  CHECK(Exec(*api, "get_watchlist()") == R"j({"watchlist": ["NVDA", "AAPL"]})j");
  CHECK(Exec(*api, "remove_stock_from_watchlist(symbol='BDX')") == R"j({"error": "Stock BDX not found in watchlist."})j");
  CHECK(Exec(*api, "remove_stock_from_watchlist(symbol='NVDA')") ==
        R"j({"status": "Stock NVDA removed from watchlist successfully."})j");
  CHECK(StateOf(*api, "watch_list") == R"j(["AAPL"])j");

  CHECK(Exec(*api, "get_available_stocks(sector='Technology')") ==
        R"j({"stock_list": ["AAPL", "GOOG", "MSFT", "NVDA"]})j");
  CHECK(Exec(*api, "get_available_stocks('Automobile')") == R"j({"stock_list": ["TSLA", "F", "GM"]})j");
  CHECK(Exec(*api, "get_available_stocks(sector='Food')") == R"j({"stock_list": []})j");
  CHECK(Exec(*api, "filter_stocks_by_price(stocks=['AAPL', 'XYZ', 'GOOG', 'ZETA'], min_price=0, max_price=227.16)") ==
        R"j({"filtered_stocks": ["AAPL", "XYZ", "ZETA"]})j");
  CHECK(Exec(*api, "filter_stocks_by_price(stocks=['AAPL'], min_price=227.17, max_price=1000)") ==
        R"j({"filtered_stocks": []})j");
  CHECK(Exec(*api, "filter_stocks_by_price(stocks=['AAPL'], min_price='a', max_price=1)") ==
        "Error during execution: '>=' not supported between instances of 'float' and 'str'");
  CHECK(Exec(*api, "notify_price_change(stocks=['AAPL', 'TSLA', 'XYZ', 'NVDA'], threshold=0.12)") ==
        R"j({"notification": "Stocks AAPL, TSLA, NVDA have significant price changes."})j");
  CHECK(Exec(*api, "notify_price_change(stocks=['ZETA'], threshold=1)") ==
        R"j({"notification": "No significant price changes in the selected stocks."})j");
}

TEST_CASE("TradingBot: long-context results", "[bfcl][apis]") {
  if (!testing_calls::HaveBfclData()) {
    TOOLSHIFT_SKIP("skipped: " << testing_calls::BfclDataDir() << " is absent");
    return;
  }
  BfclProcess process;
  SetLongContextPath(process, testing_calls::BfclDataDir() + "/long_context.json");
  auto api = LoggedIn(process, R"j({"transaction_history": [
      {"type": "deposit", "amount": 1, "timestamp": "2024-08-31 23:59:59"}]})j", /*long_context=*/true);
  CHECK(StateOf(*api, "long_context") == "true");
  std::string info = Exec(*api, "get_stock_info(symbol='AAPL')");
  CHECK(info.rfind(R"j({"price": 227.16, "percent_change": 0.17, "volume": 2.552, "MA(5)": [234.34, 212.46, )j", 0) == 0);
  CHECK(info.find(R"j("MA(20)": [225.08, 209.54, )j") != std::string::npos);
  CHECK(StateOf(*api, "stocks").find(R"j("MA(5)": 227.11)j") != std::string::npos);  // the state is untouched

  std::string watch = Exec(*api, "get_watchlist()");
  CHECK(watch.rfind("['NVDA', 'JHGUN', 'LMAT', ", 0) == 0);
  const std::string tail = ", 'ZRFRE', Ellipsis]";
  REQUIRE(watch.size() > tail.size());
  CHECK(watch.substr(watch.size() - tail.size()) == tail);

  std::string order = Exec(*api, "get_order_details(order_id=12446)");
  CHECK(order.rfind(R"j({"id": 12446, "order_type": "Sell", "symbol": "GOOG", "price": 2840.56, "amount": 5, )j"
                    R"j("status": "Pending", "metadata": {"company_overview": ")j",
                    0) == 0);
  CHECK(order.find("{symbol}") == std::string::npos);
  CHECK(order.find("GOOG is one of the most influential companies") != std::string::npos);
  CHECK(StateOf(*api, "orders").find("metadata") == std::string::npos);

  std::string history = Exec(*api, "get_transaction_history(start_date='2024-09-01')");
  CHECK(history.rfind(R"j({"transaction_history": [{"type": "deposit", "amount": 9933.53, )j"
                      R"j("timestamp": "2024-05-01 22:14:05.858817"}, )j",
                      0) == 0);
  const PyValue& ext = LongContextConstant(process, "TRANSACTION_HISTORY_EXTENSION");
  PyValue all = FromJson(Json::parse(Exec(*api, "get_transaction_history()")));
  CHECK(all.as_dict().Find("transaction_history")->as_list().size() == 1 + ext.as_list().size());

  PyValue tech = FromJson(Json::parse(Exec(*api, "get_available_stocks(sector='Technology')")));
  const PyList& list = tech.as_dict().Find("stock_list")->as_list();
  REQUIRE(list.size() == 4 + LongContextConstant(process, "TECHNOLOGY_EXTENSION").as_list().size());
  CHECK(PyRepr(PyValue::List(PyList(list.begin(), list.begin() + 6))) ==
        "['AAPL', 'GOOG', 'MSFT', 'NVDA', 'AAPL', 'GOOG']");
}

TEST_CASE("TradingBot: every ground-truth call runs without an exception", "[bfcl][apis]") {
  if (!testing_calls::HaveBfclData()) {
    TOOLSHIFT_SKIP("skipped: " << testing_calls::BfclDataDir() << " is absent");
    return;
  }
  testing_calls::ReplayStats stats = testing_calls::ReplayGroundTruth("TradingBot", MakeTradingBot);
  for (const std::string& f : stats.failures) UNSCOPED_INFO(f);
  CHECK(stats.failures.empty());
  CHECK(stats.entries == 200);
  CHECK(stats.calls == 812);
  // Every result text and final state, as a CPython 3.11 run of an independent Python model of
  // BEHAVIOUR.md (outside the repository, real json.dumps/float repr/datetime/random) printed them.
  CHECK(stats.digest == 0x8771e09f27c3e6f7ULL);
}

}  // namespace
}  // namespace toolshift::bfcl
