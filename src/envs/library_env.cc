// library (held out): a lending library. State: {"books": {"BOOK-1": {"title", "author",
// "copies"}}, "loans": [{"book_id", "member_id"}], "members": {"M-1": {"name", "limit"}}}.
#include "src/envs/environment.h"

namespace toolshift {

Environment MakeLibraryEnvironment() {
  using namespace env;
  std::vector<Environment::EnvTool> tools;
  tools.push_back({{"search_catalog", "Search books by title or author.", Params({{"text", Str("Words of the title or author")}}, {"text"})},
                   false, [](const Json& a, Json& s) {
                     const std::string q = Lower(a["text"].get<std::string>());
                     Json out = Json::array();
                     for (auto it = s["books"].begin(); it != s["books"].end(); ++it) {
                       const std::string hay = Lower((*it)["title"].get<std::string>() + " " + (*it)["author"].get<std::string>());
                       if (hay.find(q) != std::string::npos) {
                         out.push_back({{"book_id", it.key()}, {"title", (*it)["title"]}, {"author", (*it)["author"]}, {"copies", (*it)["copies"]}});
                       }
                     }
                     return Json{{"books", out}};
                   }});
  tools.push_back({{"checkout_book", "Lend a book to a member.",
                    Params({{"book_id", Str("Book id, e.g. BOOK-4")}, {"member_id", Str("Member id, e.g. M-2")}}, {"book_id", "member_id"})},
                   true, [](const Json& a, Json& s) {
                     const std::string bid = a["book_id"].get<std::string>(), mid = a["member_id"].get<std::string>();
                     Json& b = Entity(s, "books", bid, "book");
                     Json& m = Entity(s, "members", mid, "member");
                     if (b["copies"].get<int64_t>() < 1) throw ToolError("no copy of " + bid + " is available");
                     int64_t held = 0;
                     for (const auto& l : s["loans"]) held += l["member_id"] == mid ? 1 : 0;
                     if (held >= m["limit"].get<int64_t>()) throw ToolError("member " + mid + " has reached the loan limit of " + m["limit"].dump());
                     b["copies"] = b["copies"].get<int64_t>() - 1;
                     s["loans"].push_back({{"book_id", bid}, {"member_id", mid}});
                     return Json{{"status", "lent"}, {"book_id", bid}, {"member_id", mid}};
                   }});
  tools.push_back({{"return_book", "Record a returned book.",
                    Params({{"book_id", Str("Book id")}, {"member_id", Str("Member id")}}, {"book_id", "member_id"})},
                   true, [](const Json& a, Json& s) {
                     Json& loans = s["loans"];
                     for (size_t i = 0; i < loans.size(); ++i) {
                       if (loans[i]["book_id"] == a["book_id"] && loans[i]["member_id"] == a["member_id"]) {
                         loans.erase(i);
                         Json& b = Entity(s, "books", a["book_id"].get<std::string>(), "book");
                         b["copies"] = b["copies"].get<int64_t>() + 1;
                         return Json{{"status", "returned"}};
                       }
                     }
                     throw ToolError("member " + a["member_id"].get<std::string>() + " has no loan of " + a["book_id"].get<std::string>());
                   }});
  tools.push_back({{"find_member", "Find a library member by name.", Params({{"name", Str("Member's full name")}}, {"name"})},
                   false, [](const Json& a, Json& s) {
                     for (auto it = s["members"].begin(); it != s["members"].end(); ++it) {
                       if ((*it)["name"] == a["name"]) return Json{{"member_id", it.key()}, {"name", (*it)["name"]}};
                     }
                     throw ToolError("no member named '" + a["name"].get<std::string>() + "'");
                   }});
  return Environment("library", "A public lending library.", std::move(tools));
}

}  // namespace toolshift
