// helpdesk (held out): support tickets. State: {"tickets": {"T-1": {"subject", "status",
// "priority", "assignee", "notes": []}}, "agents": ["kim", ...]}.
#include "src/envs/environment.h"

namespace toolshift {

Environment MakeHelpdeskEnvironment() {
  using namespace env;
  std::vector<Environment::EnvTool> tools;
  tools.push_back({{"list_tickets", "List tickets with a status.",
                    Params({{"status", Enum("Ticket status", {"open", "pending", "closed"})}}, {"status"})},
                   false, [](const Json& a, Json& s) {
                     Json out = Json::array();
                     for (auto it = s["tickets"].begin(); it != s["tickets"].end(); ++it) {
                       if ((*it)["status"] == a["status"]) {
                         out.push_back({{"ticket_id", it.key()}, {"subject", (*it)["subject"]}, {"priority", (*it)["priority"]}});
                       }
                     }
                     return Json{{"tickets", out}};
                   }});
  tools.push_back({{"assign_ticket", "Assign a ticket to a support agent.",
                    Params({{"ticket_id", Str("Ticket id, e.g. T-3")}, {"agent", Str("Agent's username")}}, {"ticket_id", "agent"})},
                   true, [](const Json& a, Json& s) {
                     Json& t = Entity(s, "tickets", a["ticket_id"].get<std::string>(), "ticket");
                     bool known = false;
                     for (const auto& x : s["agents"]) known = known || x == a["agent"];
                     if (!known) throw ToolError("no agent '" + a["agent"].get<std::string>() + "'");
                     if (t["status"] == "closed") throw ToolError("ticket " + a["ticket_id"].get<std::string>() + " is closed");
                     t["assignee"] = a["agent"];
                     return Json{{"ticket_id", a["ticket_id"]}, {"assignee", a["agent"]}};
                   }});
  tools.push_back({{"set_priority", "Change a ticket's priority.",
                    Params({{"ticket_id", Str("Ticket id")}, {"priority", Enum("New priority", {"low", "normal", "high", "urgent"})}},
                           {"ticket_id", "priority"})},
                   true, [](const Json& a, Json& s) {
                     Json& t = Entity(s, "tickets", a["ticket_id"].get<std::string>(), "ticket");
                     t["priority"] = a["priority"];
                     return Json{{"ticket_id", a["ticket_id"]}, {"priority", a["priority"]}};
                   }});
  tools.push_back({{"close_ticket", "Close a ticket with a resolution note.",
                    Params({{"ticket_id", Str("Ticket id")}, {"resolution", Str("What fixed it")}}, {"ticket_id", "resolution"})},
                   true, [](const Json& a, Json& s) {
                     Json& t = Entity(s, "tickets", a["ticket_id"].get<std::string>(), "ticket");
                     if (t["status"] == "closed") throw ToolError("ticket " + a["ticket_id"].get<std::string>() + " is already closed");
                     t["status"] = "closed";
                     t["resolution"] = a["resolution"];
                     return Json{{"ticket_id", a["ticket_id"]}, {"status", "closed"}};
                   }});
  return Environment("helpdesk", "An IT support desk's ticket queue.", std::move(tools));
}

}  // namespace toolshift
