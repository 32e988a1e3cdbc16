// messaging: contacts, an inbox and sent messages. State: {"contacts": {"C-1": {"name",
// "phone"}}, "inbox": [{"from", "text"}], "sent": [{"to", "text"}]}.
#include "src/envs/environment.h"

#include <algorithm>
#include <cctype>

namespace toolshift {
namespace {

bool ContainsNoCase(const std::string& hay, const std::string& needle) {
  auto it = std::search(hay.begin(), hay.end(), needle.begin(), needle.end(),
                        [](char a, char b) { return std::tolower(static_cast<unsigned char>(a)) == std::tolower(static_cast<unsigned char>(b)); });
  return it != hay.end();
}

}  // namespace

Environment MakeMessagingEnvironment() {
  using namespace env;
  std::vector<Environment::EnvTool> tools;
  tools.push_back({{"find_contact", "Find contacts whose name contains the given text.",
                    Params({{"name", Str("Part of the contact's name")}}, {"name"})},
                   false, [](const Json& a, Json& s) {
                     Json out = Json::array();
                     for (auto it = s["contacts"].begin(); it != s["contacts"].end(); ++it) {
                       if (ContainsNoCase((*it)["name"].get<std::string>(), a["name"].get<std::string>())) {
                         out.push_back({{"contact_id", it.key()}, {"name", (*it)["name"]}});
                       }
                     }
                     if (out.empty()) throw ToolError("no contact matches '" + a["name"].get<std::string>() + "'");
                     return Json{{"contacts", out}};
                   }});
  tools.push_back({{"read_inbox", "Read the received messages, newest last.", Params(Json::object(), {})},
                   false, [](const Json&, Json& s) { return Json{{"messages", s["inbox"]}}; }});
  tools.push_back({{"send_message", "Send a text message to a contact.",
                    Params({{"contact_id", Str("Contact id, e.g. C-2")}, {"text", Str("The message")}}, {"contact_id", "text"})},
                   true, [](const Json& a, Json& s) {
                     const std::string id = a["contact_id"].get<std::string>();
                     Entity(s, "contacts", id, "contact");
                     if (a["text"].get<std::string>().empty()) throw ToolError("text must not be empty");
                     s["sent"].push_back({{"to", id}, {"text", a["text"]}});
                     return Json{{"status", "sent"}, {"to", id}};
                   }});
  return Environment("messaging", "A phone's messaging app with contacts.", std::move(tools));
}

}  // namespace toolshift
