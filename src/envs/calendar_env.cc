// calendar: events on days. State: {"events": {"EV-1": {"title", "date", "start", "end",
// "attendees": []}}, "next_event": N}. Times are "HH:MM"; events on a day may not overlap.
#include "src/envs/environment.h"

#include <re2/re2.h>

namespace toolshift {
namespace {

int Minutes(const std::string& hhmm) {
  int h = 0, m = 0;
  if (!RE2::FullMatch(hhmm, R"((\d\d):(\d\d))", &h, &m) || h > 23 || m > 59) {
    throw ToolError("time '" + hhmm + "' must be HH:MM (24-hour)");
  }
  return h * 60 + m;
}

std::string Clock(int minutes) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%02d:%02d", minutes / 60, minutes % 60);
  return buf;
}

void RequireDate(const std::string& d) {
  if (!RE2::FullMatch(d, R"(\d{4}-\d\d-\d\d)")) throw ToolError("date '" + d + "' must be YYYY-MM-DD");
}

}  // namespace

Environment MakeCalendarEnvironment() {
  using namespace env;
  std::vector<Environment::EnvTool> tools;
  tools.push_back({{"find_events", "List the events on a date.", Params({{"date", Str("YYYY-MM-DD")}}, {"date"})},
                   false, [](const Json& a, Json& s) {
                     const std::string date = a["date"].get<std::string>();
                     RequireDate(date);
                     Json out = Json::array();
                     for (auto it = s["events"].begin(); it != s["events"].end(); ++it) {
                       if ((*it)["date"] == date) {
                         Json e = *it;
                         e["event_id"] = it.key();
                         out.push_back(std::move(e));
                       }
                     }
                     return Json{{"date", date}, {"events", out}};
                   }});
  tools.push_back({{"create_event", "Create an event. Fails if it overlaps another event that day.",
                    Params({{"title", Str("Event title")}, {"date", Str("YYYY-MM-DD")}, {"start", Str("Start time HH:MM")},
                            {"duration_minutes", Int("Length in minutes (default 60)")}},
                           {"title", "date", "start"})},
                   true, [](const Json& a, Json& s) {
                     const std::string date = a["date"].get<std::string>();
                     RequireDate(date);
                     const int start = Minutes(a["start"].get<std::string>());
                     const int length = a.value("duration_minutes", 60);
                     if (length <= 0 || start + length > 24 * 60) throw ToolError("the event must end on the same day");
                     for (auto it = s["events"].begin(); it != s["events"].end(); ++it) {
                       if ((*it)["date"] != date) continue;
                       const int s0 = Minutes((*it)["start"]), e0 = Minutes((*it)["end"]);
                       if (start < e0 && s0 < start + length) {
                         throw ToolError("time slot taken by " + it.key() + " '" + (*it)["title"].get<std::string>() +
                                         "' (" + Clock(s0) + "-" + Clock(e0) + ")");
                       }
                     }
                     const std::string id = NextId(s, "next_event", "EV");
                     s["events"][id] = {{"title", a["title"]}, {"date", date}, {"start", Clock(start)},
                                        {"end", Clock(start + length)}, {"attendees", Json::array()}};
                     return Json{{"event_id", id}, {"start", Clock(start)}, {"end", Clock(start + length)}};
                   }});
  tools.push_back({{"cancel_event", "Cancel (delete) an event.", Params({{"event_id", Str("Event id, e.g. EV-3")}}, {"event_id"})},
                   true, [](const Json& a, Json& s) {
                     const std::string id = a["event_id"].get<std::string>();
                     Entity(s, "events", id, "event");
                     s["events"].erase(id);
                     return Json{{"cancelled", id}};
                   }});
  tools.push_back({{"add_attendee", "Invite someone to an event.",
                    Params({{"event_id", Str("Event id")}, {"email", Str("The invitee's email address")}}, {"event_id", "email"})},
                   true, [](const Json& a, Json& s) {
                     Json& e = Entity(s, "events", a["event_id"].get<std::string>(), "event");
                     const std::string email = a["email"].get<std::string>();
                     if (email.find('@') == std::string::npos) throw ToolError("'" + email + "' is not an email address");
                     for (const auto& x : e["attendees"]) {
                       if (x == email) throw ToolError(email + " is already invited");
                     }
                     e["attendees"].push_back(email);
                     return Json{{"event_id", a["event_id"]}, {"attendees", e["attendees"]}};
                   }});
  return Environment("calendar", "A personal calendar of meetings and appointments.", std::move(tools));
}

}  // namespace toolshift
