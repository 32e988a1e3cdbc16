// TradingBot (BFCL's trading_bot.py): stock quotes, orders, a watch list and an account with
// a transaction history. BEHAVIOUR.md §6.
//
// The clock is fixed (2024-09-01 10:30:00); each successful deposit or withdrawal draws its
// timestamp from the instance's own CPython random.Random(1053520) as 10:30:00 plus
// randbelow(86401) seconds (BFCL's randint over a one-day window, whatever the time zone).
// Long context adds BFCL's extension constants (apis/long_context.h) to some results only;
// the state never holds them.
#include <stdexcept>

#include "src/interop/bfcl/apis/api.h"
#include "src/interop/bfcl/apis/long_context.h"
#include "src/interop/bfcl/apis/py_datetime.h"
#include "src/interop/bfcl/apis/py_ops.h"
#include "src/interop/bfcl/py/py_random.h"

namespace toolshift::bfcl {
namespace {

constexpr int64_t kDefaultSeed = 1053520;
const PyDateTime kCurrentTime{2024, 9, 1, 10, 30, 0, 0};

PyValue S(const char* s) { return PyValue::Str(s); }
PyValue F(double d) { return PyValue::Float(d); }
PyValue I(int64_t i) { return PyValue::Int(i); }
PyValue Error(std::string text) { return PyValue::Dict(PyDict{{S("error"), PyValue::Str(std::move(text))}}); }
PyValue NotAuthenticated(const char* action) {
  return Error(std::string("User not authenticated. Please log in to ") + action + ".");
}
PyValue Obj(PyDict d) { return PyValue::Dict(std::move(d)); }

// random.Random(seed), seeded once per program for the default seed: seeding MT19937 costs more
// than the rest of an instance's set-up, and every instance (model's and ground truth's, per
// entry) starts from it. The copy is the generator in that state; nothing writes the original.
PyRandom SeededRandom(const PyInt& seed) {
  static const PyRandom kDefault{PyInt(kDefaultSeed)};
  return seed == PyInt(kDefaultSeed) ? kDefault : PyRandom(seed);
}

// DEFAULT_STATE's orders and stocks, built once: a copy shares them until it is changed
// (PyValue is copy-on-write), so every instance starts from a fresh deep copy, as in BFCL.
PyValue BuildDefaultOrders() {
  PyDict orders;
  orders.Set(I(12345), Obj({{S("id"), I(12345)}, {S("order_type"), S("Buy")}, {S("symbol"), S("AAPL")},
                            {S("price"), F(210.65)}, {S("amount"), I(10)}, {S("status"), S("Completed")}}));
  orders.Set(I(12446), Obj({{S("id"), I(12446)}, {S("order_type"), S("Sell")}, {S("symbol"), S("GOOG")},
                            {S("price"), F(2840.56)}, {S("amount"), I(5)}, {S("status"), S("Pending")}}));
  return Obj(std::move(orders));
}

PyValue BuildDefaultStocks() {
  struct Row {
    const char* symbol;
    double price, percent_change, volume, ma5, ma20;
  };
  static const Row kRows[] = {
      {"AAPL", 227.16, 0.17, 2.552, 227.11, 227.09},     {"GOOG", 2840.34, 0.24, 1.123, 2835.67, 2842.15},
      {"TSLA", 667.92, -0.12, 1.654, 671.15, 668.20},    {"MSFT", 310.23, 0.09, 3.234, 309.88, 310.11},
      {"NVDA", 220.34, 0.34, 1.234, 220.45, 220.67},     {"ALPH", 1320.45, -0.08, 1.567, 1321.12, 1325.78},
      {"OMEG", 457.23, 0.12, 2.345, 456.78, 458.12},     {"QUAS", 725.89, -0.03, 1.789, 726.45, 728.00},
      {"NEPT", 88.34, 0.19, 0.654, 88.21, 88.67},        {"SYNX", 345.67, 0.11, 2.112, 345.34, 346.12},
      {"ZETA", 22.09, -0.05, 0.789, 22.12, 22.34},
  };
  PyDict stocks;
  for (const Row& r : kRows)
    stocks.Set(r.symbol, Obj({{S("price"), F(r.price)}, {S("percent_change"), F(r.percent_change)},
                              {S("volume"), F(r.volume)}, {S("MA(5)"), F(r.ma5)}, {S("MA(20)"), F(r.ma20)}}));
  return Obj(std::move(stocks));
}

PyValue DefaultOrders() {
  static const PyValue kOrders = BuildDefaultOrders();
  return kOrders;
}

PyValue DefaultStocks() {
  static const PyValue kStocks = BuildDefaultStocks();
  return kStocks;
}

// str.isdigit() for the ASCII digits the data uses (an empty string is not).
bool IsDigits(const std::string& s) {
  if (s.empty()) return false;
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return true;
}

// str.format(symbol=...) for BFCL's ORDER_DETAIL_EXTENSION texts: "{symbol}" replaced, "{{"
// and "}}" unescaped.
std::string FormatSymbol(const std::string& text, const std::string& symbol) {
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text.compare(i, 8, "{symbol}") == 0) {
      out += symbol;
      i += 7;
    } else if ((text[i] == '{' || text[i] == '}') && i + 1 < text.size() && text[i + 1] == text[i]) {
      out += text[i++];
    } else {
      out += text[i];
    }
  }
  return out;
}

class TradingBot : public ApiInstance {
 public:
  explicit TradingBot(BfclProcess& process) : process_(process), random_(SeededRandom(PyInt(kDefaultSeed))) {}

  std::string_view ClassName() const override { return "TradingBot"; }

  void LoadScenario(const PyDict& scenario, bool long_context) override {
    auto get = [&](const char* key, PyValue fallback) {
      const PyValue* v = scenario.Find(key);
      return v ? *v : fallback;
    };
    PyValue orders = get("orders", DefaultOrders());
    if (!orders.is_dict()) ThrowNoAttribute(orders, "items");
    orders_ = PyDict();
    for (const auto& [key, order] : orders.as_dict().items())
      orders_.Set(key.is_str() && IsDigits(key.as_str()) ? PyValue::Int(PyToInt(key)) : key, order);
    account_info_ = get("account_info", Obj({{S("account_id"), I(12345)}, {S("balance"), F(10000.0)},
                                             {S("binding_card"), I(1974202140965533)}}));
    authenticated_ = get("authenticated", PyValue::Bool(false));
    market_status_ = get("market_status", S("Closed"));
    order_counter_ = get("order_counter", I(12446));
    stocks_ = get("stocks", DefaultStocks());
    watch_list_ = get("watch_list", PyValue::List({S("NVDA")}));
    transaction_history_ = get("transaction_history", PyValue::List());
    long_context_ = long_context;
    PyValue seed = get("random_seed", I(kDefaultSeed));
    random_ = SeededRandom(PyToInt(seed));
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
        throw std::logic_error("TradingBot." + m.sig.name + ": arguments not bound to the signature");
      return (this->*m.fn)(args);
    }
    throw PyException("AttributeError", "'TradingBot' object has no attribute '" + std::string(method) + "'");
  }

  PyDict PublicState() const override {
    return PyDict{{S("orders"), Obj(orders_)},
                  {S("account_info"), account_info_},
                  {S("authenticated"), authenticated_},
                  {S("market_status"), market_status_},
                  {S("order_counter"), order_counter_},
                  {S("stocks"), stocks_},
                  {S("watch_list"), watch_list_},
                  {S("transaction_history"), transaction_history_},
                  {S("long_context"), PyValue::Bool(long_context_)}};
  }

 private:
  using Args = std::vector<PyValue>;
  struct Method {
    MethodSig sig;
    PyValue (TradingBot::*fn)(Args&);
  };

  // In the order of BFCL's trading_bot.json.
  static const std::vector<Method>& Table() {
    static const std::vector<Method> kTable = {
        {{"add_to_watchlist", {{"stock", {}}}}, &TradingBot::AddToWatchlist},
        {{"cancel_order", {{"order_id", {}}}}, &TradingBot::CancelOrder},
        {{"filter_stocks_by_price", {{"stocks", {}}, {"min_price", {}}, {"max_price", {}}}},
         &TradingBot::FilterStocksByPrice},
        {{"fund_account", {{"amount", {}}}}, &TradingBot::FundAccount},
        {{"get_account_info", {}}, &TradingBot::GetAccountInfo},
        {{"get_available_stocks", {{"sector", {}}}}, &TradingBot::GetAvailableStocks},
        {{"get_current_time", {}}, &TradingBot::GetCurrentTime},
        {{"get_order_details", {{"order_id", {}}}}, &TradingBot::GetOrderDetails},
        {{"get_order_history", {}}, &TradingBot::GetOrderHistory},
        {{"get_stock_info", {{"symbol", {}}}}, &TradingBot::GetStockInfo},
        {{"get_symbol_by_name", {{"name", {}}}}, &TradingBot::GetSymbolByName},
        {{"get_transaction_history", {{"start_date", PyValue::None()}, {"end_date", PyValue::None()}}},
         &TradingBot::GetTransactionHistory},
        {{"get_watchlist", {}}, &TradingBot::GetWatchlist},
        {{"notify_price_change", {{"stocks", {}}, {"threshold", {}}}}, &TradingBot::NotifyPriceChange},
        {{"place_order", {{"order_type", {}}, {"symbol", {}}, {"price", {}}, {"amount", {}}}},
         &TradingBot::PlaceOrder},
        {{"remove_stock_from_watchlist", {{"symbol", {}}}}, &TradingBot::RemoveStockFromWatchlist},
        {{"trading_get_login_status", {}}, &TradingBot::GetLoginStatus},
        {{"trading_login", {{"username", {}}, {"password", {}}}}, &TradingBot::Login},
        {{"trading_logout", {}}, &TradingBot::Logout},
        {{"withdraw_funds", {{"amount", {}}}}, &TradingBot::WithdrawFunds},
    };
    return kTable;
  }

  const PyValue& LongContext(std::string_view name) const { return LongContextConstant(process_, name); }

  // _generate_transaction_timestamp.
  std::string TransactionTimestamp() {
    PyInt offset = random_.RandBelow(PyInt(86401));
    return FormatYmdHms(AddSeconds(kCurrentTime, offset.as_int64()));
  }

  PyValue& Balance() {
    if (!account_info_.is_dict()) PySubscript(account_info_, S("balance"));  // raises as Python would
    return account_info_.as_dict().At(S("balance"));
  }

  // `symbol in self.stocks`.
  bool HasStock(const PyValue& symbol) const { return PyContains(stocks_, symbol); }

  PyValue GetCurrentTime(Args&) { return Obj({{S("current_time"), S("10:30 AM")}}); }

  PyValue GetSymbolByName(Args& a) {
    static const std::pair<const char*, const char*> kSymbols[] = {
        {"Apple", "AAPL"},         {"Google", "GOOG"},          {"Tesla", "TSLA"},
        {"Microsoft", "MSFT"},     {"Nvidia", "NVDA"},          {"Zeta Corp", "ZETA"},
        {"Alpha Tech", "ALPH"},    {"Omega Industries", "OMEG"}, {"Quasar Ltd.", "QUAS"},
        {"Neptune Systems", "NEPT"}, {"Synex Solutions", "SYNX"}, {"Amazon", "AMZN"},
        {"Gorilla", "GORI"},
    };
    CheckHashable(a[0]);
    for (const auto& [name, symbol] : kSymbols)
      if (PyEquals(a[0], S(name))) return Obj({{S("symbol"), S(symbol)}});
    return Obj({{S("symbol"), S("Stock not found")}});
  }

  PyValue GetStockInfo(Args& a) {
    const PyValue& symbol = a[0];
    if (!HasStock(symbol)) return Error("Stock with symbol '" + PyStr(symbol) + "' not found.");
    PyValue stock = PySubscript(stocks_, symbol);
    if (long_context_) {
      if (!stock.is_dict()) ThrowNoAttribute(stock, "copy");
      stock.as_dict().Set("MA(5)", LongContext("MA_5_EXTENSION"));
      stock.as_dict().Set("MA(20)", LongContext("MA_20_EXTENSION"));
    }
    return stock;
  }

  PyValue GetOrderDetails(Args& a) {
    const PyValue& id = a[0];
    CheckHashable(id);
    if (!orders_.Contains(id)) {
      PyList ids;
      for (const auto& [key, order] : orders_.items()) ids.push_back(key);
      return Error("Order with ID " + PyStr(id) + " not found.Here is the list of orders_id: " +
                   PyRepr(PyValue::List(std::move(ids))));
    }
    PyValue order = orders_.At(id);
    if (long_context_) {
      if (!order.is_dict()) ThrowNoAttribute(order, "copy");
      std::string symbol = PyStr(PySubscript(order, S("symbol")));
      PyDict metadata;
      for (const auto& [key, text] : LongContext("ORDER_DETAIL_EXTENSION").as_dict().items())
        metadata.Set(key, PyValue::Str(FormatSymbol(text.as_str(), symbol)));
      order.as_dict().Set("metadata", Obj(std::move(metadata)));
    }
    return order;
  }

  PyValue CancelOrder(Args& a) {
    const PyValue& id = a[0];
    CheckHashable(id);
    if (!orders_.Contains(id)) return Error("Order with ID " + PyStr(id) + " not found.");
    PyValue& order = orders_.At(id);
    if (PyEquals(PySubscript(order, S("status")), S("Completed")))
      return Error("Can't cancel order " + PyStr(id) + ". Order is already completed.");
    order.as_dict().Set("status", S("Cancelled"));
    return Obj({{S("order_id"), id}, {S("status"), S("Cancelled")}});
  }

  PyValue PlaceOrder(Args& a) {
    const PyValue &order_type = a[0], &symbol = a[1], &amount = a[3];
    PyValue price = a[2];
    if (!authenticated_.Truthy()) return NotAuthenticated("place an order");
    if (!HasStock(symbol)) return Error("Invalid stock symbol: " + PyStr(symbol));
    if (PyCompare(price, PyCmp::kLe, I(0)) || PyCompare(amount, PyCmp::kLe, I(0)))
      return Error("Price and amount must be positive values.");
    if (PyStrLower(order_type) == "buy") {
      PyValue cost = PyMul(F(PyToFloat(price)), PyValue::Int(PyToInt(amount)));
      const PyValue& balance = Balance();
      if (PyCompare(cost, PyCmp::kGt, balance))
        return Error("Insufficient funds: required $" + PyFormatFixed(cost, 2) + " but only $" +
                     PyFormatFixed(balance, 2) + " available.");
    }
    price = F(PyToFloat(price));
    PyValue order_id = order_counter_;
    CheckHashable(order_id);
    orders_.Set(order_id, Obj({{S("id"), order_id}, {S("order_type"), order_type}, {S("symbol"), symbol},
                               {S("price"), price}, {S("amount"), amount}, {S("status"), S("Open")}}));
    order_counter_ = PyAdd(order_counter_, I(1), /*augmented=*/true);
    return Obj({{S("order_id"), order_id}, {S("order_type"), order_type}, {S("status"), S("Pending")},
                {S("price"), price}, {S("amount"), amount}});
  }

  // The transaction record BFCL appends: type, amount, then the drawn timestamp.
  void AppendTransaction(const char* type, const PyValue& amount) {
    if (!transaction_history_.is_list()) ThrowNoAttribute(transaction_history_, "append");
    PyValue record = Obj({{S("type"), S(type)}, {S("amount"), amount}, {S("timestamp"), PyValue::None()}});
    record.as_dict().Set("timestamp", PyValue::Str(TransactionTimestamp()));
    transaction_history_.as_list().push_back(std::move(record));
  }

  PyValue WithdrawFunds(Args& a) {
    const PyValue& amount = a[0];
    if (!authenticated_.Truthy()) return NotAuthenticated("make a transaction");
    if (!PyEquals(market_status_, S("Open"))) return Error("Market is closed. Transactions are not allowed.");
    if (PyCompare(amount, PyCmp::kLe, I(0))) return Error("Transaction amount must be positive.");
    if (PyCompare(amount, PyCmp::kGt, Balance())) return Error("Insufficient funds for withdrawal.");
    PyValue& balance = Balance();
    balance = PySub(balance, amount, /*augmented=*/true);
    AppendTransaction("withdrawal", amount);
    return Obj({{S("status"), S("Withdrawal successful")}, {S("new_balance"), Balance()}});
  }

  PyValue GetAccountInfo(Args&) {
    if (!authenticated_.Truthy()) return NotAuthenticated("view account information");
    return account_info_;
  }

  PyValue Login(Args&) {
    if (authenticated_.Truthy()) return Obj({{S("status"), S("Already logged in")}});
    authenticated_ = PyValue::Bool(true);
    return Obj({{S("status"), S("Logged in successfully")}});
  }

  PyValue GetLoginStatus(Args&) { return Obj({{S("status"), PyValue::Bool(authenticated_.Truthy())}}); }

  PyValue Logout(Args&) {
    if (!authenticated_.Truthy()) return Obj({{S("status"), S("No user is currently logged in")}});
    authenticated_ = PyValue::Bool(false);
    return Obj({{S("status"), S("Logged out successfully")}});
  }

  PyValue FundAccount(Args& a) {
    const PyValue& amount = a[0];
    if (!authenticated_.Truthy()) return NotAuthenticated("fund the account");
    if (PyCompare(amount, PyCmp::kLe, I(0))) return Error("Funding amount must be positive.");
    PyValue& balance = Balance();
    balance = PyAdd(balance, amount, /*augmented=*/true);
    AppendTransaction("deposit", amount);
    return Obj({{S("status"), S("Account funded successfully")}, {S("new_balance"), Balance()}});
  }

  PyValue RemoveStockFromWatchlist(Args& a) {
    const PyValue& symbol = a[0];
    if (!authenticated_.Truthy()) return NotAuthenticated("modify the watchlist");
    if (!PyContains(watch_list_, symbol)) return Error("Stock " + PyStr(symbol) + " not found in watchlist.");
    if (!watch_list_.is_list()) ThrowNoAttribute(watch_list_, "remove");
    PyList& list = watch_list_.as_list();
    for (auto it = list.begin(); it != list.end(); ++it)
      if (PyEquals(*it, symbol)) {
        list.erase(it);
        break;
      }
    return Obj({{S("status"), PyValue::Str("Stock " + PyStr(symbol) + " removed from watchlist successfully.")}});
  }

  PyValue GetWatchlist(Args&) {
    if (!authenticated_.Truthy())
      return PyValue::List({S("Error: User not authenticated. Please log in to view the watchlist.")});
    if (long_context_) {
      PyList list = PyIterate(watch_list_);
      const PyList& extension = LongContext("WATCH_LIST_EXTENSION").as_list();
      list.insert(list.end(), extension.begin(), extension.end());
      return PyValue::List(std::move(list));
    }
    return Obj({{S("watchlist"), watch_list_}});
  }

  PyValue GetOrderHistory(Args&) {
    if (!authenticated_.Truthy())
      return PyValue::List({Error("User not authenticated. Please log in to view order history.")});
    PyList ids;
    for (const auto& [key, order] : orders_.items()) ids.push_back(key);
    return Obj({{S("history"), PyValue::List(std::move(ids))}});
  }

  PyValue GetTransactionHistory(Args& a) {
    const PyValue &start_date = a[0], &end_date = a[1];
    if (!authenticated_.Truthy())
      return PyValue::List({Error("User not authenticated. Please log in to view transaction history.")});
    PyDateTime start = start_date.Truthy() ? PyStrptime(start_date, "%Y-%m-%d") : PyDateTimeMin();
    PyDateTime end = end_date.Truthy() ? PyStrptime(end_date, "%Y-%m-%d") : PyDateTimeMax();
    PyList kept;
    for (const PyValue& t : PyIterate(transaction_history_)) {
      PyDateTime when = PyStrptime(PySubscript(t, S("timestamp")), "%Y-%m-%d %H:%M:%S");
      if (start <= when && when <= end) kept.push_back(t);
    }
    if (long_context_) {
      const PyList& extension = LongContext("TRANSACTION_HISTORY_EXTENSION").as_list();
      kept.insert(kept.end(), extension.begin(), extension.end());
    }
    return Obj({{S("transaction_history"), PyValue::List(std::move(kept))}});
  }

  PyValue GetAvailableStocks(Args& a) {
    const PyValue& sector = a[0];
    PyList technology = {S("AAPL"), S("GOOG"), S("MSFT"), S("NVDA")};
    PyList automobile = {S("TSLA"), S("F"), S("GM")};
    if (long_context_) {
      const PyList& tech_ext = LongContext("TECHNOLOGY_EXTENSION").as_list();
      const PyList& auto_ext = LongContext("AUTOMOBILE_EXTENSION").as_list();
      technology.insert(technology.end(), tech_ext.begin(), tech_ext.end());
      automobile.insert(automobile.end(), auto_ext.begin(), auto_ext.end());
    }
    CheckHashable(sector);
    PyList list;
    if (PyEquals(sector, S("Technology"))) list = std::move(technology);
    else if (PyEquals(sector, S("Automobile"))) list = std::move(automobile);
    return Obj({{S("stock_list"), PyValue::List(std::move(list))}});
  }

  // self.stocks.get(symbol, {}).get("price", 0)
  PyValue PriceOf(const PyValue& symbol) const {
    return PyDictGet(PyDictGet(stocks_, symbol, PyValue::Dict()), S("price"), I(0));
  }

  PyValue FilterStocksByPrice(Args& a) {
    const PyValue &min_price = a[1], &max_price = a[2];
    PyList kept;
    for (const PyValue& symbol : PyIterate(a[0]))
      if (PyCompare(PriceOf(symbol), PyCmp::kGe, min_price) && PyCompare(PriceOf(symbol), PyCmp::kLe, max_price))
        kept.push_back(symbol);
    return Obj({{S("filtered_stocks"), PyValue::List(std::move(kept))}});
  }

  PyValue AddToWatchlist(Args& a) {
    const PyValue& stock = a[0];
    if (!PyContains(watch_list_, stock) && HasStock(stock)) {
      if (!watch_list_.is_list()) ThrowNoAttribute(watch_list_, "append");
      watch_list_.as_list().push_back(stock);
    }
    return Obj({{S("watchlist"), watch_list_}});
  }

  PyValue NotifyPriceChange(Args& a) {
    const PyValue& threshold = a[1];
    std::string changed;
    for (const PyValue& symbol : PyIterate(a[0])) {
      if (!HasStock(symbol)) continue;
      PyValue change = PyAbs(PySubscript(PySubscript(stocks_, symbol), S("percent_change")));
      if (!PyCompare(change, PyCmp::kGe, threshold)) continue;
      if (!symbol.is_str())
        throw PyException("TypeError", "sequence item 0: expected str instance, " + symbol.TypeName() + " found");
      changed += (changed.empty() ? "" : ", ") + symbol.as_str();
    }
    if (changed.empty()) return Obj({{S("notification"), S("No significant price changes in the selected stocks.")}});
    return Obj({{S("notification"), PyValue::Str("Stocks " + changed + " have significant price changes.")}});
  }

  BfclProcess& process_;
  PyDict orders_;
  PyValue account_info_;
  PyValue authenticated_ = PyValue::Bool(false);
  PyValue market_status_ = S("Closed");
  PyValue order_counter_ = I(12446);
  PyValue stocks_;
  PyValue watch_list_;
  PyValue transaction_history_ = PyValue::List();
  bool long_context_ = false;
  PyRandom random_;
};

}  // namespace

std::unique_ptr<ApiInstance> MakeTradingBot(BfclProcess& process) { return std::make_unique<TradingBot>(process); }

}  // namespace toolshift::bfcl
