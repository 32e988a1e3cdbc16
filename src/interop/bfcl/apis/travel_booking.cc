// TravelAPI (BFCL's FSC/travel_booking.py), as BEHAVIOUR.md §7 specifies it: a travel
// agency's token, credit cards, bookings, fares, exchange rates and traveller checks. Values
// stay the PyValues Python would hold, so results print and states compare as BFCL's do.
//
// Aliasing (§7 ⚠): in long context BFCL adds the cards of CREDIT_CARD_EXTENSION to an
// instance's credit_card_list by reference, so a balance change on such a card shows in every
// instance of the process. Cards are therefore held by shared pointer; the extension's cards
// live in the BfclProcess and are shared by every long-context instance made from it. Booking
// records are never changed in place, so they are held by value.
#include <ctime>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "src/interop/bfcl/apis/api.h"
#include "src/interop/bfcl/apis/long_context.h"
#include "src/interop/bfcl/apis/py_datetime.h"
#include "src/interop/bfcl/apis/py_num.h"
#include "src/interop/bfcl/apis/py_ops.h"
#include "src/interop/bfcl/py/py_random.h"

namespace toolshift::bfcl {

namespace {

PyValue S(std::string s) { return PyValue::Str(std::move(s)); }
PyValue F(double d) { return PyValue::Float(d); }
PyValue I(int64_t i) { return PyValue::Int(PyInt(i)); }
PyValue B(bool b) { return PyValue::Bool(b); }
bool Is(const PyValue& v, std::string_view s) { return v.is_str() && v.as_str() == s; }
PyValue Error(std::string message) { return PyValue::Dict({{S("error"), S(std::move(message))}}); }
// An error dict that starts with a status flag: {"booking_status": False, "error": ...}.
PyValue Flagged(const char* flag, std::string message) {
  return PyValue::Dict({{S(flag), B(false)}, {S("error"), S(std::move(message))}});
}
std::string RandomDigits(PyRandom& rng, int64_t lo, int64_t hi) { return rng.RandInt(PyInt(lo), PyInt(hi)).ToString(); }

struct Route {
  const char* from;
  const char* to;
  int64_t base;
};
// get_flight_cost's directed route table, in BFCL's order (long context lists every route).
constexpr Route kRoutes[] = {
    {"SFO", "LAX", 200}, {"SFO", "JFK", 500}, {"SFO", "ORD", 400}, {"SFO", "BOS", 450}, {"SFO", "RMS", 300},
    {"SFO", "SBK", 350}, {"SFO", "MPC", 370}, {"SFO", "SVP", 320}, {"SFO", "SHD", 330}, {"SFO", "SSV", 340},
    {"SFO", "OKD", 360}, {"SFO", "WLB", 310}, {"SFO", "CRH", 380}, {"SFO", "ATV", 390}, {"SFO", "PHV", 420},
    {"SFO", "GFD", 430}, {"SFO", "CIA", 700}, {"LAX", "SFO", 100}, {"LAX", "JFK", 600}, {"LAX", "ORD", 500},
    {"LAX", "BOS", 550}, {"LAX", "RMS", 310}, {"LAX", "SBK", 320}, {"LAX", "MPC", 330}, {"LAX", "SVP", 340},
    {"LAX", "SHD", 350}, {"LAX", "SSV", 360}, {"LAX", "OKD", 370}, {"LAX", "WLB", 380}, {"LAX", "CRH", 390},
    {"LAX", "ATV", 400}, {"LAX", "PHV", 410}, {"LAX", "GFD", 420}, {"LAX", "HND", 430}, {"JFK", "ORD", 300},
    {"JFK", "BOS", 250}, {"JFK", "RMS", 450}, {"JFK", "SBK", 460}, {"JFK", "MPC", 470}, {"JFK", "SVP", 480},
    {"JFK", "SHD", 490}, {"JFK", "SSV", 500}, {"JFK", "OKD", 510}, {"JFK", "WLB", 520}, {"JFK", "CRH", 530},
    {"JFK", "ATV", 540}, {"JFK", "PHV", 550}, {"JFK", "GFD", 560}, {"JFK", "LAX", 570}, {"JFK", "HND", 800},
    {"JFK", "PVG", 950}, {"JFK", "PEK", 1000}, {"ORD", "LAX", 180}, {"ORD", "BOS", 200}, {"ORD", "RMS", 350},
    {"ORD", "SBK", 360}, {"ORD", "MPC", 370}, {"ORD", "SVP", 380}, {"ORD", "SHD", 390}, {"ORD", "SSV", 400},
    {"ORD", "OKD", 410}, {"ORD", "WLB", 420}, {"ORD", "CRH", 430}, {"ORD", "ATV", 440}, {"ORD", "PHV", 450},
    {"ORD", "GFD", 460}, {"BOS", "RMS", 400}, {"BOS", "SBK", 410}, {"BOS", "MPC", 420}, {"BOS", "SVP", 430},
    {"BOS", "SHD", 440}, {"BOS", "SSV", 450}, {"BOS", "OKD", 460}, {"BOS", "WLB", 470}, {"BOS", "CRH", 480},
    {"BOS", "ATV", 490}, {"BOS", "PHV", 500}, {"BOS", "GFD", 510}, {"RMS", "BOS", 200}, {"RMS", "JFK", 210},
    {"RMS", "SBK", 220}, {"RMS", "MPC", 230}, {"RMS", "SVP", 240}, {"RMS", "SHD", 250}, {"RMS", "SSV", 260},
    {"RMS", "OKD", 270}, {"RMS", "WLB", 280}, {"RMS", "CRH", 290}, {"RMS", "ATV", 300}, {"RMS", "PHV", 310},
    {"RMS", "GFD", 320}, {"RMS", "LAX", 330}, {"SBK", "MPC", 200}, {"SBK", "SVP", 210}, {"SBK", "SHD", 220},
    {"SBK", "SSV", 230}, {"SBK", "OKD", 240}, {"SBK", "WLB", 250}, {"SBK", "CRH", 260}, {"SBK", "ATV", 270},
    {"SBK", "PHV", 280}, {"SBK", "GFD", 290}, {"MPC", "SVP", 210}, {"MPC", "SHD", 220}, {"MPC", "SSV", 230},
    {"MPC", "OKD", 240}, {"MPC", "WLB", 250}, {"MPC", "CRH", 260}, {"MPC", "ATV", 270}, {"MPC", "PHV", 280},
    {"MPC", "GFD", 290}, {"SVP", "SHD", 230}, {"SVP", "SSV", 240}, {"SVP", "OKD", 250}, {"SVP", "WLB", 260},
    {"SVP", "CRH", 270}, {"SVP", "ATV", 280}, {"SVP", "PHV", 290}, {"SVP", "GFD", 300}, {"SHD", "SSV", 220},
    {"SHD", "OKD", 230}, {"SHD", "WLB", 240}, {"SHD", "CRH", 250}, {"SHD", "ATV", 260}, {"SHD", "PHV", 270},
    {"SHD", "GFD", 280}, {"SSV", "OKD", 240}, {"SSV", "WLB", 250}, {"SSV", "CRH", 260}, {"SSV", "ATV", 270},
    {"SSV", "PHV", 280}, {"SSV", "GFD", 290}, {"OKD", "WLB", 230}, {"OKD", "CRH", 240}, {"OKD", "ATV", 250},
    {"OKD", "PHV", 260}, {"OKD", "GFD", 270}, {"WLB", "CRH", 250}, {"WLB", "ATV", 260}, {"WLB", "PHV", 270},
    {"WLB", "GFD", 280}, {"CRH", "ATV", 240}, {"CRH", "PHV", 250}, {"CRH", "GFD", 260}, {"CRH", "SFO", 270},
    {"CRH", "RMS", 280}, {"CRH", "HKG", 290}, {"CRH", "JFK", 300}, {"ATV", "PHV", 230}, {"ATV", "GFD", 240},
    {"PHV", "GFD", 220}, {"LHR", "CDG", 100}, {"OKD", "LAX", 220},
};

constexpr const char* kAirports[] = {"RMS", "SBK", "MPC", "SVP", "SHD", "CDG", "LHR", "SSV", "OKD", "WLB", "PEK", "HND",
                                     "HKG", "CIA", "CRH", "ATV", "PHV", "GFD", "SFO", "LAX", "JFK", "ORD", "BOS"};

bool Digit(char c) { return c >= '0' && c <= '9'; }

// datetime.strptime(v, "%Y-%m-%d"), or nullopt where it raises ValueError (BFCL catches that
// one); a TypeError for a non-str propagates, as in BFCL.
std::optional<PyDateTime> StrptimeYmd(const PyValue& v) {
  try {
    return PyStrptime(v, "%Y-%m-%d");
  } catch (const PyException& e) {
    if (e.type() != "ValueError") throw;
    return std::nullopt;
  }
}

// The cards of CREDIT_CARD_EXTENSION, one object each for the whole process (§7 ⚠), and the
// booking records of BOOKING_RECORD_EXTENSION (values: nothing changes them in place).
struct TravelShared {
  bool loaded = false;
  std::vector<std::pair<PyValue, std::shared_ptr<PyValue>>> cards;
  PyDict bookings;
};
constexpr const char* kSharedSlot = "TravelAPI.long_context_extensions";

class TravelApi : public ApiInstance {
 public:
  explicit TravelApi(BfclProcess& process) : process_(process) {}

  std::string_view ClassName() const override { return "TravelAPI"; }
  void LoadScenario(const PyDict& scenario, bool long_context) override;
  const std::vector<MethodSig>& Methods() const override;
  PyValue Invoke(std::string_view method, std::vector<PyValue> args) override;
  PyDict PublicState() const override;

 private:
  using Args = const std::vector<PyValue>&;
  using Handler = PyValue (TravelApi::*)(Args);
  struct Method {
    MethodSig sig;
    Handler fn;
  };
  static const std::vector<Method>& Table();

  PyRandom& Rng();
  TravelShared& Shared();
  // Index of the card `card_id` in credit_card_list (after the dict's hashability check), or -1.
  int FindCard(const PyValue& card_id) const;
  bool HasBooking(const PyValue& booking_id) const;
  PyValue CardList() const;
  // "Token expired" / "Invalid access token", or nullopt when the token checks pass.
  std::optional<std::string> TokenError(const PyValue& access_token) const;
  // get_flight_cost's checks and list; `travel_cost` gets the cost of the route asked for.
  PyValue FlightCosts(const PyValue& from, const PyValue& to, const PyValue& date, const PyValue& travel_class,
                      double* travel_cost) const;

  PyValue AuthenticateTravel(Args a);
  PyValue BookFlight(Args a);
  PyValue CancelBooking(Args a);
  PyValue ComputeExchangeRate(Args a);
  PyValue ContactCustomerSupport(Args a);
  PyValue GetAllCreditCards(Args a);
  PyValue GetBookingHistory(Args a);
  PyValue GetBudgetFiscalYear(Args a);
  PyValue GetCreditCardBalance(Args a);
  PyValue GetFlightCost(Args a);
  PyValue GetNearestAirportByCity(Args a);
  PyValue ListAllAirports(Args a);
  PyValue PurchaseInsurance(Args a);
  PyValue RegisterCreditCard(Args a);
  PyValue RetrieveInvoice(Args a);
  PyValue SetBudgetLimit(Args a);
  PyValue TravelGetLoginStatus(Args a);
  PyValue VerifyTravelerInformation(Args a);

  BfclProcess& process_;
  std::optional<PyRandom> random_;
  // credit_card_list: card id -> card dict, in insertion order; long-context cards are shared.
  std::vector<std::pair<PyValue, std::shared_ptr<PyValue>>> cards_;
  PyDict booking_record_;
  PyValue access_token_, token_type_, token_expires_in_, token_scope_;
  PyValue user_first_name_, user_last_name_, budget_limit_;
  PyValue long_context_ = PyValue::Bool(false);
};

const std::vector<TravelApi::Method>& TravelApi::Table() {
  using T = TravelApi;
  auto req = [](const char* n) { return Param{n, std::nullopt}; };
  auto none = [](const char* n) { return Param{n, PyValue::None()}; };
  // In the doc file's order; parameters in the Python signature's order (purchase_insurance's
  // doc lists insurance_cost before booking_id, its signature after).
  static const std::vector<Method> table = {
      {{"authenticate_travel",
        {req("client_id"), req("client_secret"), req("refresh_token"), req("grant_type"), req("user_first_name"),
         req("user_last_name")}},
       &T::AuthenticateTravel},
      {{"book_flight",
        {req("access_token"), req("card_id"), req("travel_date"), req("travel_from"), req("travel_to"),
         req("travel_class")}},
       &T::BookFlight},
      {{"cancel_booking", {req("access_token"), req("booking_id")}}, &T::CancelBooking},
      {{"compute_exchange_rate", {req("base_currency"), req("target_currency"), req("value")}},
       &T::ComputeExchangeRate},
      {{"contact_customer_support", {req("booking_id"), req("message")}}, &T::ContactCustomerSupport},
      {{"get_all_credit_cards", {}}, &T::GetAllCreditCards},
      {{"get_booking_history", {req("access_token")}}, &T::GetBookingHistory},
      {{"get_budget_fiscal_year", {none("lastModifiedAfter"), none("includeRemoved")}}, &T::GetBudgetFiscalYear},
      {{"get_credit_card_balance", {req("access_token"), req("card_id")}}, &T::GetCreditCardBalance},
      {{"get_flight_cost", {req("travel_from"), req("travel_to"), req("travel_date"), req("travel_class")}},
       &T::GetFlightCost},
      {{"get_nearest_airport_by_city", {req("location")}}, &T::GetNearestAirportByCity},
      {{"list_all_airports", {}}, &T::ListAllAirports},
      {{"purchase_insurance",
        {req("access_token"), req("insurance_type"), req("booking_id"), req("insurance_cost"), req("card_id")}},
       &T::PurchaseInsurance},
      {{"register_credit_card",
        {req("access_token"), req("card_number"), req("expiration_date"), req("cardholder_name"),
         req("card_verification_number")}},
       &T::RegisterCreditCard},
      {{"retrieve_invoice", {req("access_token"), none("booking_id"), none("insurance_id")}}, &T::RetrieveInvoice},
      {{"set_budget_limit", {req("access_token"), req("budget_limit")}}, &T::SetBudgetLimit},
      {{"travel_get_login_status", {}}, &T::TravelGetLoginStatus},
      {{"verify_traveler_information", {req("first_name"), req("last_name"), req("date_of_birth"), req("passport_number")}},
       &T::VerifyTravelerInformation},
  };
  return table;
}

const std::vector<MethodSig>& TravelApi::Methods() const {
  static const std::vector<MethodSig> sigs = [] {
    std::vector<MethodSig> out;
    for (const Method& m : Table()) out.push_back(m.sig);
    return out;
  }();
  return sigs;
}

PyValue TravelApi::Invoke(std::string_view method, std::vector<PyValue> args) {
  for (const Method& m : Table()) {
    if (m.sig.name != method) continue;
    if (args.size() != m.sig.params.size())
      throw std::invalid_argument("TravelAPI." + m.sig.name + ": " + std::to_string(args.size()) +
                                  " arguments bound to " + std::to_string(m.sig.params.size()) + " parameters");
    return (this->*m.fn)(args);
  }
  throw PyException("AttributeError", "'TravelAPI' object has no attribute '" + std::string(method) + "'");
}

PyRandom& TravelApi::Rng() {
  if (!random_) throw PyException("AttributeError", "'TravelAPI' object has no attribute '_random'");
  return *random_;
}

TravelShared& TravelApi::Shared() {
  auto& shared = process_.Slot<TravelShared>(kSharedSlot);
  if (!shared.loaded) {
    for (const auto& [id, card] : LongContextConstant(process_, "CREDIT_CARD_EXTENSION").as_dict().items())
      shared.cards.emplace_back(id, std::make_shared<PyValue>(card));
    shared.bookings = LongContextConstant(process_, "BOOKING_RECORD_EXTENSION").as_dict();
    shared.loaded = true;
  }
  return shared;
}

void TravelApi::LoadScenario(const PyDict& scenario, bool long_context) {
  auto get = [&](std::string_view key, PyValue fallback) {
    const PyValue* v = scenario.Find(key);
    return v ? *v : std::move(fallback);
  };
  PyValue seed = get("random_seed", I(141053));
  if (!seed.is_int()) throw std::invalid_argument("TravelAPI: random_seed must be an int, got " + PyRepr(seed));
  random_.emplace(seed.as_int());
  cards_.clear();
  PyValue cards = get("credit_card_list", PyValue::Dict());
  if (!cards.is_dict()) throw std::invalid_argument("TravelAPI: credit_card_list must be a dict, got " + PyRepr(cards));
  for (const auto& [id, card] : cards.as_dict().items()) cards_.emplace_back(id, std::make_shared<PyValue>(card));
  PyValue bookings = get("booking_record", PyValue::Dict());
  if (!bookings.is_dict())
    throw std::invalid_argument("TravelAPI: booking_record must be a dict, got " + PyRepr(bookings));
  booking_record_ = bookings.as_dict();
  access_token_ = get("access_token", PyValue::None());
  token_type_ = get("token_type", PyValue::None());
  token_expires_in_ = get("token_expires_in", PyValue::None());
  token_scope_ = get("token_scope", PyValue::None());
  user_first_name_ = get("user_first_name", PyValue::None());
  user_last_name_ = get("user_last_name", PyValue::None());
  budget_limit_ = get("budget_limit", PyValue::None());
  long_context_ = B(long_context);
  if (long_context) {
    TravelShared& shared = Shared();
    for (const auto& [id, card] : shared.cards)
      if (FindCard(id) < 0) cards_.emplace_back(id, card);  // by reference, as BFCL adds them
    for (const auto& [id, booking] : shared.bookings.items())
      if (!booking_record_.Contains(id)) booking_record_.Set(id, booking);
  }
}

PyValue TravelApi::CardList() const {
  PyDict d;
  for (const auto& [id, card] : cards_) d.Set(id, *card);
  return PyValue::Dict(std::move(d));
}

PyDict TravelApi::PublicState() const {
  PyDict s;
  s.Set("credit_card_list", CardList());
  s.Set("booking_record", PyValue::Dict(booking_record_));
  s.Set("access_token", access_token_);
  s.Set("token_type", token_type_);
  s.Set("token_expires_in", token_expires_in_);
  s.Set("token_scope", token_scope_);
  s.Set("user_first_name", user_first_name_);
  s.Set("user_last_name", user_last_name_);
  s.Set("budget_limit", budget_limit_);
  s.Set("long_context", long_context_);
  return s;
}

int TravelApi::FindCard(const PyValue& card_id) const {
  CheckHashable(card_id);
  for (size_t i = 0; i < cards_.size(); ++i)
    if (PyEquals(cards_[i].first, card_id)) return static_cast<int>(i);
  return -1;
}

bool TravelApi::HasBooking(const PyValue& booking_id) const {
  CheckHashable(booking_id);
  return booking_record_.Contains(booking_id);
}

std::optional<std::string> TravelApi::TokenError(const PyValue& access_token) const {
  if (PyEquals(token_expires_in_, I(0))) return "Token expired";
  if (!PyEquals(access_token, access_token_)) return "Invalid access token";
  return std::nullopt;
}

PyValue TravelApi::AuthenticateTravel(Args a) {
  token_expires_in_ = I(2);
  access_token_ = S(RandomDigits(Rng(), 100000, 999999));
  token_type_ = S("Bearer");
  token_scope_ = a[3];
  user_first_name_ = a[4];
  user_last_name_ = a[5];
  return PyValue::Dict(
      {{S("expires_in"), I(2)}, {S("access_token"), access_token_}, {S("token_type"), S("Bearer")}, {S("scope"), a[3]}});
}

PyValue TravelApi::TravelGetLoginStatus(Args) {
  const bool logged_out = token_expires_in_.is_none() || PyEquals(token_expires_in_, I(0));
  return PyValue::Dict({{S("status"), B(!logged_out)}});
}

PyValue TravelApi::GetBudgetFiscalYear(Args) { return PyValue::Dict({{S("budget_fiscal_year"), S("2018")}}); }

PyValue TravelApi::RegisterCreditCard(Args a) {
  if (token_expires_in_.is_none()) return Error("Token not initialized");
  if (auto e = TokenError(a[0])) return Error(*e);
  // The card *number* is looked up among the card *ids* (so this practically never refuses).
  if (FindCard(a[1]) >= 0) return Error("Card already registered");
  PyValue card_id = S(RandomDigits(Rng(), 100000000000, 999999999999));
  PyDict card;
  card.Set("card_number", a[1]);
  card.Set("expiration_date", a[2]);
  card.Set("cardholder_name", a[3]);
  card.Set("card_verification_number", a[4]);
  card.Set("balance", PyValue::Int(Rng().RandInt(PyInt(10000), PyInt(99999))));
  auto value = std::make_shared<PyValue>(PyValue::Dict(std::move(card)));
  if (int i = FindCard(card_id); i >= 0) {
    cards_[i].second = value;  // d[k] = v keeps k's position and drops the old object
  } else {
    cards_.emplace_back(card_id, value);
  }
  return PyValue::Dict({{S("card_id"), card_id}});
}

PyValue TravelApi::FlightCosts(const PyValue& from, const PyValue& to, const PyValue& date,
                               const PyValue& travel_class, double* travel_cost) const {
  CheckHashable(PyValue::Tuple({from, to}));  // (from, to) in base_costs
  const Route* route = nullptr;
  for (const Route& r : kRoutes)
    if (Is(from, r.from) && Is(to, r.to)) route = &r;
  if (!route) throw PyException("ValueError", "No available route for the given airports.");
  int64_t factor;
  if (Is(travel_class, "economy")) {
    factor = 1;
  } else if (Is(travel_class, "business")) {
    factor = 2;
  } else if (Is(travel_class, "first")) {
    factor = 5;
  } else {
    throw PyException("ValueError", "Invalid travel class. Options are: economy, business, first.");
  }
  // sum(int(c) for c in travel_date if c.isdigit()), over whatever travel_date iterates.
  PyInt digit_sum = 0;
  for (const PyValue& c : PyIterate(date)) {
    if (!c.is_str()) ThrowNoAttribute(c, "isdigit");
    const std::string& t = c.as_str();
    bool digits = !t.empty();
    for (char ch : t) digits = digits && Digit(ch);  // ASCII digits; see the file's header
    if (digits) digit_sum = digit_sum + PyToInt(c);
  }
  const int64_t date_factor = PyInt::Mod(digit_sum, 2) == PyInt(0) ? 2 : 1;
  *travel_cost = static_cast<double>(route->base * factor * date_factor);
  PyList costs;
  if (long_context_.as_bool()) {
    for (const Route& r : kRoutes) costs.push_back(F(static_cast<double>(r.base * factor * date_factor)));
  } else {
    costs.push_back(F(*travel_cost));
  }
  return PyValue::Dict({{S("travel_cost_list"), PyValue::List(std::move(costs))}});
}

PyValue TravelApi::GetFlightCost(Args a) {
  double cost = 0;
  return FlightCosts(a[0], a[1], a[2], a[3], &cost);
}

PyValue TravelApi::GetCreditCardBalance(Args a) {
  if (auto e = TokenError(a[0])) return Error(*e);
  int i = FindCard(a[1]);
  if (i < 0) {
    PyList ids;
    for (const auto& [id, card] : cards_) ids.push_back(id);
    return Error("Card not registered. Here are a list of card_id's: " + PyRepr(PyValue::List(std::move(ids))));
  }
  return PyValue::Dict({{S("card_balance"), PySubscript(*cards_[i].second, S("balance"))}});
}

PyValue TravelApi::BookFlight(Args a) {
  const PyValue &token = a[0], &card_id = a[1], &date = a[2], &from = a[3], &to = a[4], &travel_class = a[5];
  constexpr const char* kFlag = "booking_status";
  if (auto e = TokenError(token)) return Flagged(kFlag, *e);
  int i = FindCard(card_id);
  if (i < 0) return Flagged(kFlag, "Card not registered");
  PyValue& card = *cards_[i].second;
  if (!PyContains(card, S("balance"))) return Flagged(kFlag, "Balance not found");
  PyList airports;
  for (const char* code : kAirports) airports.push_back(S(code));
  const PyValue airport_list = PyValue::List(std::move(airports));
  if (!PyContains(airport_list, from)) return Flagged(kFlag, "Invalid departure airport code: " + PyStr(from));
  if (!PyContains(airport_list, to)) return Flagged(kFlag, "Invalid destination airport code: " + PyStr(to));
  if (!StrptimeYmd(date)) return Flagged(kFlag, "Invalid date format. Use YYYY-MM-DD.");
  CheckHashable(travel_class);  // travel_class in a set
  if (!Is(travel_class, "economy") && !Is(travel_class, "business") && !Is(travel_class, "first"))
    // A set's order follows the process's string-hash seed; model and ground truth share it.
    return Flagged(kFlag, "Invalid travel class. Must be one of {'economy', 'business', 'first'}");
  double cost = 0;
  try {
    FlightCosts(from, to, date, travel_class, &cost);
  } catch (const PyException& e) {
    if (e.type() != "ValueError") throw;
    return Flagged(kFlag, e.message());
  }
  const PyValue travel_cost = F(cost);
  if (PyCompare(PySubscript(card, S("balance")), PyCmp::kLt, travel_cost)) return Flagged(kFlag, "Insufficient funds");
  if (!budget_limit_.is_none() && PyCompare(PySubscript(card, S("balance")), PyCmp::kLt, budget_limit_))
    return Flagged(kFlag, "Balance is less than budget limit");
  PyValue balance = PySub(PySubscript(card, S("balance")), travel_cost, /*augmented=*/true);
  card.as_dict().Set("balance", std::move(balance));
  PyValue booking_id = S(RandomDigits(Rng(), 1000000, 9999999));
  PyValue transaction_id = S(RandomDigits(Rng(), 10000000, 99999999));
  PyDict record;
  record.Set("card_id", card_id);
  record.Set("travel_date", date);
  record.Set("travel_from", from);
  record.Set("travel_to", to);
  record.Set("travel_class", travel_class);
  record.Set("travel_cost", travel_cost);
  record.Set("transaction_id", transaction_id);
  booking_record_.Set(booking_id, PyValue::Dict(std::move(record)));
  return PyValue::Dict({{S("booking_id"), booking_id},
                        {S("transaction_id"), transaction_id},
                        {S(kFlag), B(true)},
                        {S("booking_history"), long_context_.as_bool() ? PyValue::Dict(booking_record_) : PyValue::Dict()}});
}

PyValue TravelApi::RetrieveInvoice(Args a) {
  if (auto e = TokenError(a[0])) return Error(*e);
  const PyValue& booking_id = a[1];
  if (!HasBooking(booking_id)) return Error("Booking not found");
  const PyValue& record = booking_record_.At(booking_id);
  PyDict invoice;
  invoice.Set("booking_id", booking_id);
  for (const char* key : {"travel_date", "travel_from", "travel_to", "travel_class", "travel_cost", "transaction_id"})
    invoice.Set(key, PySubscript(record, S(key)));
  return PyValue::Dict({{S("invoice"), PyValue::Dict(std::move(invoice))}});
}

PyValue TravelApi::GetBookingHistory(Args a) {
  if (auto e = TokenError(a[0])) return Error(*e);
  return PyValue::Dict({{S("booking_history"), PyValue::Dict(booking_record_)}});
}

PyValue TravelApi::ListAllAirports(Args) {
  PyList airports;
  for (const char* code : kAirports) airports.push_back(S(code));
  return PyValue::List(std::move(airports));
}

PyValue TravelApi::CancelBooking(Args a) {
  constexpr const char* kFlag = "cancel_status";
  if (auto e = TokenError(a[0])) return Flagged(kFlag, *e);
  const PyValue& booking_id = a[1];
  if (!HasBooking(booking_id)) return Flagged(kFlag, "Booking not found");
  const PyValue& record = booking_record_.At(booking_id);
  PyValue card_id = PySubscript(record, S("card_id"));
  PyValue travel_cost = PySubscript(record, S("travel_cost"));
  int i = FindCard(card_id);
  if (i < 0) throw PyException("KeyError", PyRepr(card_id));
  PyValue& card = *cards_[i].second;
  PyValue balance = PyAdd(PySubscript(card, S("balance")), travel_cost, /*augmented=*/true);
  card.as_dict().Set("balance", std::move(balance));
  booking_record_.Erase(booking_id);
  return PyValue::Dict({{S(kFlag), B(true)}});
}

PyValue TravelApi::ComputeExchangeRate(Args a) {
  const PyValue &base = a[0], &target = a[1], &value = a[2];
  static const std::pair<const char*, double> kRates[] = {{"RMB", 7},   {"EUR", 0.8}, {"JPY", 110}, {"GBP", 0.7},
                                                          {"CAD", 1.3}, {"AUD", 1.4}, {"INR", 70},  {"RUB", 60},
                                                          {"BRL", 3.8}, {"MXN", 20}};
  for (const auto& [currency, rate] : kRates) {
    // BFCL writes the whole-number rates as ints: value * 7 stays an int until float().
    const PyValue r = rate == static_cast<int64_t>(rate) ? I(static_cast<int64_t>(rate)) : F(rate);
    if (Is(base, "USD") && Is(target, currency))
      return PyValue::Dict({{S("exchanged_value"), F(PyToFloat(PyMul(value, r)))}});
    if (Is(base, currency) && Is(target, "USD")) {
      const double quotient = pynum::TrueDiv(value, r).as_float();
      return PyValue::Dict({{S("exchanged_value"), F(pynum::Round(quotient, 2))}});
    }
  }
  throw PyException("ValueError", "No available exchange rate for the given currencies.");
}

PyValue TravelApi::VerifyTravelerInformation(Args a) {
  const PyValue &first = a[0], &last = a[1], &birth = a[2], &passport = a[3];
  auto failure = [](std::string why) {
    return PyValue::Dict({{S("verification_status"), B(false)}, {S("verification_failure"), S(std::move(why))}});
  };
  if (!PyEquals(user_first_name_, first) || !PyEquals(user_last_name_, last))
    return failure("Cannot book flight information for another user.Expected " + PyStr(user_first_name_) + " " +
                   PyStr(user_last_name_) + ", got " + PyStr(first) + " " + PyStr(last));
  std::optional<PyDateTime> born = StrptimeYmd(birth);
  if (!born) return failure("Invalid date of birth format. Please use YYYY-MM-DD.");
  // datetime.today(): the local date, so the verdict on a birthday near 18 years ago can change.
  std::time_t now = std::time(nullptr);
  std::tm today{};
  localtime_r(&now, &today);
  const int month = today.tm_mon + 1, day = today.tm_mday;
  const bool before_birthday = month < born->month || (month == born->month && day < born->day);
  const int age = today.tm_year + 1900 - born->year - (before_birthday ? 1 : 0);
  if (age < 18) return failure("Traveler must be at least 18 years old.");
  if (!passport.is_str()) ThrowNoAttribute(passport, "startswith");
  if (passport.as_str().rfind("US", 0) != 0) return failure("Passport must be issued by the United States.");
  return PyValue::Dict({{S("verification_status"), B(true)}});
}

PyValue TravelApi::SetBudgetLimit(Args a) {
  if (auto e = TokenError(a[0])) return Error(*e);
  budget_limit_ = F(PyToFloat(a[1]));
  return PyValue::Dict({{S("budget_limit"), budget_limit_}});
}

PyValue TravelApi::GetNearestAirportByCity(Args a) {
  static const std::pair<const char*, const char*> kCities[] = {
      {"Rivermist", "RMS"},      {"Stonebrook", "SBK"},    {"Maplecrest", "MPC"},     {"Silverpine", "SVP"},
      {"Shadowridge", "SHD"},    {"London", "LHR"},        {"Paris", "CDG"},          {"Sunset Valley", "SSV"},
      {"Oakendale", "OKD"},      {"Willowbend", "WLB"},    {"Crescent Hollow", "CRH"}, {"Autumnville", "ATV"},
      {"Pinehaven", "PHV"},      {"Greenfield", "GFD"},    {"San Francisco", "SFO"},  {"Los Angeles", "LAX"},
      {"New York", "JFK"},       {"Chicago", "ORD"},       {"Boston", "BOS"},         {"Beijing", "PEK"},
      {"Hong Kong", "HKG"},      {"Rome", "CIA"},          {"Tokyo", "HND"},
  };
  CheckHashable(a[0]);  // airport_map.get(location, ...)
  for (const auto& [city, code] : kCities)
    if (Is(a[0], city)) return PyValue::Dict({{S("nearest_airport"), S(code)}});
  return PyValue::Dict({{S("nearest_airport"), S("Unknown")}});
}

PyValue TravelApi::PurchaseInsurance(Args a) {
  const PyValue &token = a[0], &booking_id = a[2], &cost = a[3], &card_id = a[4];
  constexpr const char* kFlag = "insurance_status";
  if (auto e = TokenError(token)) return Flagged(kFlag, *e);
  if (!budget_limit_.is_none() && PyCompare(budget_limit_, PyCmp::kLt, cost)) return Flagged(kFlag, "Exceeded budget limit");
  if (!HasBooking(booking_id)) return Flagged(kFlag, "Booking not found");
  int i = FindCard(card_id);
  if (i < 0) return Flagged(kFlag, "Credit card not registered");
  PyValue& card = *cards_[i].second;
  PyValue balance = PySub(PySubscript(card, S("balance")), cost, /*augmented=*/true);
  card.as_dict().Set("balance", std::move(balance));
  return PyValue::Dict(
      {{S("insurance_id"), S(RandomDigits(Rng(), 100000000, 999999999))}, {S(kFlag), B(true)}});
}

PyValue TravelApi::ContactCustomerSupport(Args a) {
  if (!HasBooking(a[0])) return Error("Booking not found");
  return PyValue::Dict({{S("customer_support_message"),
                         S("Thank you for contacting customer support. Your message has been received and we will "
                           "get back to you shortly.")}});
}

PyValue TravelApi::GetAllCreditCards(Args) { return PyValue::Dict({{S("credit_card_list"), CardList()}}); }

}  // namespace

std::unique_ptr<ApiInstance> MakeTravelApi(BfclProcess& process) { return std::make_unique<TravelApi>(process); }

}  // namespace toolshift::bfcl
