// travel: flights and bookings. State: {"flights": {"FL-1": {"origin", "destination", "date",
// "price", "seats"}}, "bookings": {"BK-1": {"flight_id", "passenger", "status"}}, "next_booking": N}.
#include "src/envs/environment.h"

#include <algorithm>

namespace toolshift {

Environment MakeTravelEnvironment() {
  using namespace env;
  std::vector<Environment::EnvTool> tools;
  tools.push_back({{"search_flights", "Find flights on a date; results are sorted by price, cheapest first.",
                    Params({{"origin", Str("Departure city")}, {"destination", Str("Arrival city")}, {"date", Str("YYYY-MM-DD")}},
                           {"origin", "destination", "date"})},
                   false, [](const Json& a, Json& s) {
                     Json out = Json::array();
                     for (auto it = s["flights"].begin(); it != s["flights"].end(); ++it) {
                       const Json& f = *it;
                       if (f["origin"] == a["origin"] && f["destination"] == a["destination"] && f["date"] == a["date"]) {
                         out.push_back({{"flight_id", it.key()}, {"price", f["price"]}, {"seats", f["seats"]}});
                       }
                     }
                     std::stable_sort(out.begin(), out.end(), [](const Json& x, const Json& y) {
                       return x["price"].get<double>() < y["price"].get<double>();
                     });
                     return Json{{"flights", out}};
                   }});
  tools.push_back({{"book_flight", "Book a seat on a flight.",
                    Params({{"flight_id", Str("Flight id, e.g. FL-7")}, {"passenger", Str("Passenger's full name")}},
                           {"flight_id", "passenger"})},
                   true, [](const Json& a, Json& s) {
                     const std::string fid = a["flight_id"].get<std::string>();
                     Json& f = Entity(s, "flights", fid, "flight");
                     if (f["seats"].get<int64_t>() < 1) throw ToolError("flight " + fid + " is full");
                     f["seats"] = f["seats"].get<int64_t>() - 1;
                     const std::string id = NextId(s, "next_booking", "BK");
                     s["bookings"][id] = {{"flight_id", fid}, {"passenger", a["passenger"]}, {"status", "confirmed"}};
                     return Json{{"booking_id", id}, {"status", "confirmed"}, {"price", f["price"]}};
                   }});
  tools.push_back({{"cancel_booking", "Cancel a booking; the seat is released.",
                    Params({{"booking_id", Str("Booking id, e.g. BK-3")}}, {"booking_id"})},
                   true, [](const Json& a, Json& s) {
                     const std::string id = a["booking_id"].get<std::string>();
                     Json& b = Entity(s, "bookings", id, "booking");
                     if (b["status"] == "cancelled") throw ToolError("booking " + id + " is already cancelled");
                     b["status"] = "cancelled";
                     Json& f = Entity(s, "flights", b["flight_id"].get<std::string>(), "flight");
                     f["seats"] = f["seats"].get<int64_t>() + 1;
                     return Json{{"booking_id", id}, {"status", "cancelled"}};
                   }});
  return Environment("travel", "An airline booking system.", std::move(tools));
}

}  // namespace toolshift
