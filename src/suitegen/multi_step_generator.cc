#include "src/suitegen/multi_step_generator.h"

#include <algorithm>
#include <cstdio>
#include <functional>
#include <map>
#include <set>
#include <stdexcept>

#include "src/envs/environment.h"
#include "src/scoring/statistics.h"
#include "src/suitegen/episode_generator.h"

namespace toolshift {
namespace {

// A task before it is solved: the world, the request and the plan.
struct Draft {
  Json state = Json::object();
  std::vector<UserTurn> turns;  // turns[0].user is the request; the rest are follow-ups
  std::map<std::string, std::string> free_text;  // free-phrased values -> the pattern they must match
  bool ordered = true;
};

using Rng = SplitMix64;
using Template = std::function<Draft(Rng&)>;

ToolCall C(std::string name, Json args) { return ToolCall{std::move(name), std::move(args)}; }
Json R(int step, int call, const std::string& pointer) {
  return {{"$from", std::to_string(step) + "." + std::to_string(call) + pointer}};
}
const std::string& Pick(Rng& rng, const std::vector<std::string>& pool) { return pool[rng.Below(pool.size())]; }
std::vector<std::string> PickDistinct(Rng& rng, std::vector<std::string> pool, size_t n) {
  for (size_t i = pool.size(); i > 1; --i) std::swap(pool[i - 1], pool[rng.Below(i)]);
  pool.resize(std::min(n, pool.size()));
  return pool;
}
std::string Quote(const std::string& s) { return "'" + s + "'"; }

std::string RegexEscape(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (std::string_view("\\.+*?()|[]{}^$").find(c) != std::string_view::npos) out += '\\';
    out += c;
  }
  return out;
}

// 1234.5 -> "1,?234(\.50?)?": the amount however a model writes it (with or without a
// thousands separator or trailing zeros).
std::string MoneyPattern(double amount) {
  const std::string s = env::Money(amount);
  const std::string whole = s.substr(0, s.find('.')), cents = s.substr(s.find('.') + 1);
  std::string out;
  for (size_t i = 0; i < whole.size(); ++i) {
    if (i > 0 && (whole.size() - i) % 3 == 0) out += ",?";
    out += whole[i];
  }
  if (cents == "00") return "\\b" + out + "(\\.00?)?\\b";
  if (cents[1] == '0') return "\\b" + out + "\\." + cents.substr(0, 1) + "0?\\b";
  return "\\b" + out + "\\." + cents + "\\b";
}

double Amount(Rng& rng, int low, int high) { return low + static_cast<double>(rng.Below(static_cast<uint64_t>((high - low) * 4))) * 0.25; }

const std::vector<std::string> kPeople = {"Dana Reyes", "Omar Haddad", "Lena Fischer", "Kenji Sato", "Priya Nair",
                                          "Tomas Novak", "Amara Okafor", "Jonas Berg", "Sofia Rossi", "Mateo Silva",
                                          "Hana Kim", "Yusuf Demir", "Clara Dubois", "Ravi Mehta", "Greta Holm"};
std::string FirstName(const std::string& full) { return full.substr(0, full.find(' ')); }
std::string Email(const std::string& full) {
  std::string e;
  for (char c : full) e += c == ' ' ? '.' : static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return e + "@example.com";
}

// ---------------------------------------------------------------- bank
struct Bank {
  Json state;
  std::vector<std::string> owners;
  // owner -> kind -> (index in list_accounts, id)
  std::map<std::string, std::map<std::string, std::pair<int, std::string>>> acc;
};
Bank MakeBank(Rng& rng) {
  Bank b;
  b.state = {{"accounts", Json::object()}, {"transfers", Json::array()}};
  b.owners = PickDistinct(rng, kPeople, 4);
  int next = 1001 + static_cast<int>(rng.Below(50)) * 10;
  for (const auto& o : b.owners) {
    std::vector<std::string> kinds = {"checking", "savings"};
    if (rng.Below(2)) std::swap(kinds[0], kinds[1]);
    for (int i = 0; i < 2; ++i) {
      const std::string id = "ACC-" + std::to_string(next++);
      b.state["accounts"][id] = {{"owner", o}, {"kind", kinds[i]}, {"balance", Amount(rng, 200, 4000)}};
      b.acc[o][kinds[i]] = {i, id};
    }
  }
  return b;
}
std::string AccPtr(const Bank& b, const std::string& o, const std::string& kind) {
  return "/accounts/" + std::to_string(b.acc.at(o).at(kind).first) + "/account_id";
}
double Balance(const Bank& b, const std::string& o, const std::string& kind) {
  return b.state["accounts"][b.acc.at(o).at(kind).second]["balance"].get<double>();
}

std::vector<Template> BankTemplates() {
  const std::vector<std::string> memos = {"rent share", "concert tickets", "dinner", "birthday gift", "car repair"};
  return {
      [](Rng& rng) {
        Bank b = MakeBank(rng);
        const std::string& me = b.owners[0];
        const double amt = Amount(rng, 10, 150);
        Draft d{b.state, {}, {}, true};
        d.turns.push_back({"I'm " + me + ". Please move " + env::Money(amt) + " EUR from my savings account to my checking account.",
                           {{C("list_accounts", {{"owner", me}})},
                            {C("transfer", {{"from_account", R(0, 0, AccPtr(b, me, "savings"))},
                                            {"to_account", R(0, 0, AccPtr(b, me, "checking"))}, {"amount", amt}})}},
                           "I moved " + env::Money(amt) + " EUR from your savings to your checking account.", MoneyPattern(amt)});
        return d;
      },
      [memos](Rng& rng) {
        Bank b = MakeBank(rng);
        const std::string &me = b.owners[0], &other = b.owners[1 + rng.Below(3)];
        const double amt = Amount(rng, 10, 150);
        const std::string memo = Pick(rng, memos);
        Draft d{b.state, {}, {}, true};
        d.turns.push_back({"I'm " + me + ". Send " + env::Money(amt) + " EUR from my checking account to " + other +
                               "'s savings account, with the memo " + Quote(memo) + ".",
                           {{C("list_accounts", {{"owner", me}}), C("list_accounts", {{"owner", other}})},
                            {C("transfer", {{"from_account", R(0, 0, AccPtr(b, me, "checking"))},
                                            {"to_account", R(0, 1, AccPtr(b, other, "savings"))}, {"amount", amt}, {"memo", memo}})}},
                           "Sent " + env::Money(amt) + " EUR to " + other + ".", MoneyPattern(amt)});
        return d;
      },
      [](Rng& rng) {
        Bank b = MakeBank(rng);
        const std::string& me = b.owners[rng.Below(4)];
        const double bal = Balance(b, me, "savings"), amt = Amount(rng, 5, 100);
        Draft d{b.state, {}, {}, true};
        d.turns.push_back({"I'm " + me + ". What is the balance of my savings account?", {{C("list_accounts", {{"owner", me}})}},
                           "Your savings account holds " + env::Money(bal) + " EUR.", MoneyPattern(bal)});
        d.turns.push_back({"Thanks. Please move " + env::Money(amt) + " EUR of it to my checking account.",
                           {{C("transfer", {{"from_account", b.acc[me]["savings"].second},
                                            {"to_account", b.acc[me]["checking"].second}, {"amount", amt}})}},
                           "Done, " + env::Money(amt) + " EUR moved to checking.", MoneyPattern(amt)});
        return d;
      },
      [](Rng& rng) {
        Bank b = MakeBank(rng);
        const std::string& me = b.owners[rng.Below(4)];
        const double total = Balance(b, me, "savings") + Balance(b, me, "checking");
        Draft d{b.state, {}, {}, true};
        d.turns.push_back({"I'm " + me + ". How much money do I have in total across all my accounts?",
                           {{C("list_accounts", {{"owner", me}})}},
                           "You have " + env::Money(total) + " EUR in total.", MoneyPattern(total)});
        return d;
      },
      [](Rng& rng) {
        Bank b = MakeBank(rng);
        const std::string &me = b.owners[0], &other = b.owners[1 + rng.Below(3)];
        const double have = Balance(b, me, "checking");
        const double ask = have + Amount(rng, 100, 900);
        Draft d{b.state, {}, {}, true};
        d.turns.push_back({"I'm " + me + ". Transfer " + env::Money(ask) + " EUR from my checking account to " + other +
                               "'s checking account. If there isn't enough money, transfer the whole checking balance instead.",
                           {{C("list_accounts", {{"owner", me}}), C("list_accounts", {{"owner", other}})},
                            {C("transfer", {{"from_account", R(0, 0, AccPtr(b, me, "checking"))},
                                            {"to_account", R(0, 1, AccPtr(b, other, "checking"))}, {"amount", have}})}},
                           "There was not enough, so I transferred the whole balance of " + env::Money(have) + " EUR.", MoneyPattern(have)});
        return d;
      },
  };
}

// ---------------------------------------------------------------- files
const std::vector<std::string> kDocNames = {"budget", "roadmap", "minutes", "invoice", "draft", "summary", "plan", "notes", "report", "agenda"};
const std::vector<std::string> kSentences = {"Ship the beta on Friday.", "Budget approved for the next quarter.",
                                             "Call the supplier about the delay.", "Team offsite moved to June.",
                                             "Renew the domain before it expires.", "Review the hiring plan with Sam.",
                                             "Back up the database every night.", "Send the slides to the board."};
struct Files {
  Json state;
  std::map<std::string, std::vector<std::string>> dirs;
};
Files MakeFiles(Rng& rng) {
  Files f;
  f.state = {{"files", Json::object()}};
  for (const std::string dir : {"/docs", "/notes", "/reports", "/downloads", "/projects"}) {
    for (const auto& n : PickDistinct(rng, kDocNames, 2 + rng.Below(2))) {
      const std::string path = dir + "/" + n + (dir == "/notes" ? ".txt" : ".md");
      f.state["files"][path] = Pick(rng, kSentences);
      f.dirs[dir].push_back(path);
    }
  }
  f.state["files"]["/archive/old.md"] = "Archived.";
  return f;
}
std::string BaseName(const std::string& p) { return p.substr(p.rfind('/') + 1); }

std::vector<Template> FilesTemplates() {
  const std::vector<std::string> dirs = {"/docs", "/notes", "/reports", "/downloads", "/projects"};
  return {
      [dirs](Rng& rng) {
        Files f = MakeFiles(rng);
        const std::string src = Pick(rng, f.dirs[Pick(rng, dirs)]);
        Draft d{f.state, {}, {}, true};
        d.turns.push_back({"Move " + src + " into /archive, keeping its name.",
                           {{C("move_file", {{"source", src}, {"destination", "/archive/" + BaseName(src)}})}},
                           "Moved it to /archive/" + BaseName(src) + ".", RegexEscape("/archive/" + BaseName(src))});
        return d;
      },
      [dirs](Rng& rng) {
        Files f = MakeFiles(rng);
        const std::string src = Pick(rng, f.dirs[Pick(rng, dirs)]);
        const std::string dst = "/archive/copy-of-" + BaseName(src);
        Draft d{f.state, {}, {}, true};
        d.turns.push_back({"Make a copy of " + src + " at " + dst + ".",
                           {{C("read_file", {{"path", src}})}, {C("write_file", {{"path", dst}, {"content", R(0, 0, "/content")}})}},
                           "Copied " + src + " to " + dst + ".", ""});
        return d;
      },
      [dirs](Rng& rng) {
        Files f = MakeFiles(rng);
        const std::string dir = Pick(rng, dirs);
        const size_t keep = rng.Below(f.dirs[dir].size());
        static const std::vector<std::string> verbs = {"Delete", "Remove", "Clear out"};
        Draft d{f.state, {}, {}, false};
        std::vector<ToolCall> deletes;
        for (size_t i = 0; i < f.dirs[dir].size(); ++i) {
          if (i != keep) deletes.push_back(C("delete_file", {{"path", R(0, 0, "/files/" + std::to_string(i))}}));
        }
        d.turns.push_back({Pick(rng, verbs) + " every file in " + dir + " except " + f.dirs[dir][keep] + ".",
                           {{C("list_files", {{"directory", dir}})}, deletes},
                           "Deleted " + std::to_string(deletes.size()) + " files and kept " + f.dirs[dir][keep] + ".", ""});
        return d;
      },
      [dirs](Rng& rng) {
        Files f = MakeFiles(rng);
        const std::string src = Pick(rng, f.dirs[Pick(rng, dirs)]);
        const std::string text = f.state["files"][src].get<std::string>();
        const std::string dst = src.substr(0, src.rfind('/') + 1) + "final-" + BaseName(src);
        Draft d{f.state, {}, {}, true};
        d.turns.push_back({"What does " + src + " say?", {{C("read_file", {{"path", src}})}}, "It says: " + text,
                           RegexEscape(text.substr(0, text.find(' ', 6)))});
        d.turns.push_back({"Rename it to " + dst + ".", {{C("move_file", {{"source", src}, {"destination", dst}})}},
                           "Renamed to " + dst + ".", ""});
        return d;
      },
      [dirs](Rng& rng) {
        Files f = MakeFiles(rng);
        const std::string src = Pick(rng, f.dirs[Pick(rng, dirs)]);
        const std::string line = Pick(rng, kSentences);
        const std::string content = f.state["files"][src].get<std::string>() + "\n" + line;
        Draft d{f.state, {}, {}, true};
        d.turns.push_back({"Add the line " + Quote(line) + " at the end of " + src + " (on a new line).",
                           {{C("read_file", {{"path", src}})}, {C("write_file", {{"path", src}, {"content", content}})}},
                           "Added the line to " + src + ".", ""});
        return d;
      },
  };
}

// ---------------------------------------------------------------- calendar
const std::vector<std::string> kMeetings = {"Design review", "Standup", "Budget sync", "Dentist", "1:1 with Sam",
                                            "Team lunch", "Vendor call", "Sprint planning", "Yoga class", "Interview"};
const std::vector<std::string> kDates = {"2026-12-01", "2026-12-02", "2026-12-03"};
struct Calendar {
  Json state;
  std::map<std::string, std::vector<std::tuple<std::string, int, int>>> by_date;  // title, start hour, length minutes
};
std::string Hour(int h) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%02d:00", h);
  return buf;
}
Calendar MakeCalendar(Rng& rng) {
  Calendar c;
  c.state = {{"events", Json::object()}};
  int n = 1;
  std::vector<std::string> titles = PickDistinct(rng, kMeetings, 9);
  size_t t = 0;
  for (const auto& date : kDates) {
    int hour = 8 + static_cast<int>(rng.Below(2));
    for (int k = 0; k < 3; ++k) {
      const int len = rng.Below(2) ? 60 : 30;
      const std::string& title = titles[t++];
      c.state["events"]["EV-" + std::to_string(n++)] = {{"title", title}, {"date", date}, {"start", Hour(hour)},
                                                       {"end", len == 60 ? Hour(hour + 1) : Hour(hour).substr(0, 3) + "30"},
                                                       {"attendees", Json::array()}};
      c.by_date[date].emplace_back(title, hour, len);
      hour += 2 + static_cast<int>(rng.Below(2));
    }
  }
  c.state["next_event"] = n;
  return c;
}

std::vector<Template> CalendarTemplates() {
  const std::vector<std::string> fresh = {"Board prep", "Coffee with Ana", "Code review", "Gym", "Parent meeting"};
  return {
      [](Rng& rng) {
        Calendar c = MakeCalendar(rng);
        const std::string& date = Pick(rng, kDates);
        const size_t k = rng.Below(3);
        const std::string title = std::get<0>(c.by_date[date][k]);
        Draft d{c.state, {}, {}, true};
        d.turns.push_back({"Cancel my " + Quote(title) + " on " + date + ".",
                           {{C("find_events", {{"date", date}})}, {C("cancel_event", {{"event_id", R(0, 0, "/events/" + std::to_string(k) + "/event_id")}})}},
                           "Cancelled " + title + " on " + date + ".", ""});
        return d;
      },
      [fresh](Rng& rng) {
        Calendar c = MakeCalendar(rng);
        const std::string& date = Pick(rng, kDates);
        const std::string& title = Pick(rng, fresh);
        const int hour = 17 + static_cast<int>(rng.Below(3));  // after every generated event
        const int len = rng.Below(2) ? 45 : 90;
        const std::string who = Email(Pick(rng, kPeople));
        Draft d{c.state, {}, {}, true};
        d.turns.push_back({"Schedule " + Quote(title) + " on " + date + " at " + Hour(hour) + " for " + std::to_string(len) +
                               " minutes and invite " + who + ".",
                           {{C("create_event", {{"title", title}, {"date", date}, {"start", Hour(hour)}, {"duration_minutes", len}})},
                            {C("add_attendee", {{"event_id", R(0, 0, "/event_id")}, {"email", who}})}},
                           "Scheduled " + title + " at " + Hour(hour) + " and invited " + who + ".", ""});
        return d;
      },
      [](Rng& rng) {
        Calendar c = MakeCalendar(rng);
        const std::string& date = Pick(rng, kDates);
        const size_t k = rng.Below(3);
        const auto& [title, hour, len] = c.by_date[date][k];
        const int to = 18 + static_cast<int>(rng.Below(3));
        Draft d{c.state, {}, {}, true};
        d.turns.push_back({"Move my " + Quote(title) + " on " + date + " to " + Hour(to) + ", same length.",
                           {{C("find_events", {{"date", date}})},
                            {C("cancel_event", {{"event_id", R(0, 0, "/events/" + std::to_string(k) + "/event_id")}})},
                            {C("create_event", {{"title", title}, {"date", date}, {"start", Hour(to)}, {"duration_minutes", len}})}},
                           "Moved " + title + " to " + Hour(to) + ".", RegexEscape(Hour(to).substr(0, 2))});
        (void)hour;
        return d;
      },
      [fresh](Rng& rng) {
        Calendar c = MakeCalendar(rng);
        const std::string& date = Pick(rng, kDates);
        const std::string& title = Pick(rng, fresh);
        const int hour = 17 + static_cast<int>(rng.Below(4));
        Draft d{c.state, {}, {}, true};
        d.turns.push_back({"How many events do I have on " + date + "?", {{C("find_events", {{"date", date}})}},
                           "You have 3 events on " + date + ".", "\\b(3|three)\\b"});
        d.turns.push_back({"Add " + Quote(title) + " at " + Hour(hour) + " that day, for an hour.",
                           {{C("create_event", {{"title", title}, {"date", date}, {"start", Hour(hour)}})}},
                           "Added " + title + " at " + Hour(hour) + ".", ""});
        return d;
      },
  };
}

// ---------------------------------------------------------------- shop
const std::vector<std::pair<std::string, std::string>> kProducts = {
    {"USB-C cable", "cable"}, {"Braided USB-C cable", "cable"}, {"HDMI cable", "cable"},
    {"Wireless mouse", "mouse"}, {"Ergonomic mouse", "mouse"}, {"Mechanical keyboard", "keyboard"},
    {"Compact keyboard", "keyboard"}, {"Laptop stand", "stand"}, {"Monitor stand", "stand"}, {"Desk lamp", "lamp"}};
struct Shop {
  Json state;
};
Shop MakeShop(Rng& rng) {
  Shop s;
  s.state = {{"products", Json::object()}, {"orders", Json::object()}};
  int n = 1;
  for (const auto& [name, kind] : kProducts) {
    s.state["products"]["P-" + std::to_string(n++)] = {{"name", name}, {"price", Amount(rng, 8, 120)}, {"stock", 6 + static_cast<int64_t>(rng.Below(20))}};
  }
  const int orders = 3 + static_cast<int>(rng.Below(6));
  for (int i = 1; i <= orders; ++i) {
    const std::string pid = "P-" + std::to_string(1 + rng.Below(kProducts.size()));
    s.state["orders"]["O-" + std::to_string(i)] = {{"product_id", pid}, {"quantity", 1}, {"total", s.state["products"][pid]["price"]},
                                                   {"status", i == 1 ? "shipped" : "placed"}};
  }
  s.state["next_order"] = orders + 1;
  return s;
}
// Sorted (price, id) of the products whose name contains `kind`, as search_products returns them.
std::vector<std::pair<double, std::string>> Matches(const Shop& s, const std::string& kind) {
  std::vector<std::pair<double, std::string>> out;
  for (auto it = s.state["products"].begin(); it != s.state["products"].end(); ++it) {
    std::string name = (*it)["name"].get<std::string>();
    std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (name.find(kind) != std::string::npos) out.emplace_back((*it)["price"].get<double>(), it.key());
  }
  std::stable_sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  return out;
}
const std::vector<std::string> kKinds = {"cable", "mouse", "keyboard", "stand", "usb-c", "lamp"};

std::vector<Template> ShopTemplates() {
  return {
      [](Rng& rng) {
        Shop s = MakeShop(rng);
        const std::string& kind = Pick(rng, kKinds);
        const int q = 1 + static_cast<int>(rng.Below(5));
        const std::string oid = "O-" + std::to_string(s.state["next_order"].get<int>());
        Draft d{s.state, {}, {}, true};
        d.turns.push_back({"Order " + std::to_string(q) + " of the cheapest " + kind + " you have.",
                           {{C("search_products", {{"query", kind}})}, {C("place_order", {{"product_id", R(0, 0, "/results/0/product_id")}, {"quantity", q}})}},
                           "Placed order " + oid + ".", "\\b" + oid + "\\b"});
        return d;
      },
      [](Rng& rng) {
        Shop s = MakeShop(rng);
        const int n = s.state["next_order"].get<int>() - 1;
        const std::string oid = "O-" + std::to_string(2 + rng.Below(static_cast<uint64_t>(n - 1)));
        Draft d{s.state, {}, {}, true};
        static const std::vector<std::string> asks = {"Has order " + std::string("%s shipped yet? If not, cancel it."),
                                                      "If order %s has not shipped, cancel it.",
                                                      "Please cancel order %s unless it already shipped."};
        std::string ask = Pick(rng, asks);
        ask.replace(ask.find("%s"), 2, oid);
        d.turns.push_back({ask,
                           {{C("get_order", {{"order_id", oid}})}, {C("cancel_order", {{"order_id", oid}})}},
                           "It had not shipped, so I cancelled " + oid + ".", "cancel"});
        return d;
      },
      [](Rng& rng) {
        Shop s = MakeShop(rng);
        const std::string& kind = Pick(rng, kKinds);
        const std::string oid = "O-" + std::to_string(s.state["next_order"].get<int>());
        Draft d{s.state, {}, {}, true};
        const int q = 1 + static_cast<int>(rng.Below(4));
        d.turns.push_back({"Order " + std::to_string(q) + " of the cheapest " + kind + ", please.",
                           {{C("search_products", {{"query", kind}})}, {C("place_order", {{"product_id", R(0, 0, "/results/0/product_id")}, {"quantity", q}})}},
                           "Placed order " + oid + ".", "\\b" + oid + "\\b"});
        d.turns.push_back({"Actually, cancel that order.", {{C("cancel_order", {{"order_id", oid}})}}, "Cancelled " + oid + ".", ""});
        return d;
      },
      [](Rng& rng) {
        Shop s = MakeShop(rng);
        const std::string& kind = Pick(rng, kKinds);
        const auto m = Matches(s, kind);
        const int q = 1 + static_cast<int>(rng.Below(3));
        const double total = m.back().first * q;
        Draft d{s.state, {}, {}, true};
        d.turns.push_back({"Buy " + std::to_string(q) + " of the most expensive " + kind + " and tell me the total.",
                           {{C("search_products", {{"query", kind}})},
                            {C("place_order", {{"product_id", R(0, 0, "/results/" + std::to_string(m.size() - 1) + "/product_id")}, {"quantity", q}})}},
                           "Ordered; the total is " + env::Money(total) + " EUR.", MoneyPattern(total)});
        return d;
      },
  };
}

// ---------------------------------------------------------------- messaging
const std::vector<std::string> kTexts = {"Running ten minutes late", "The meeting moved to 3pm", "Dinner is at 7 tonight",
                                         "Can you bring the charger", "Tickets are booked for Saturday", "Happy birthday",
                                         "Parking is on level 2", "The keys are under the mat", "Call me after lunch",
                                         "Train delayed by an hour", "See you at the gate", "Thanks for the flowers"};
// The words a paraphrase must keep: the first two of the text.
std::string TextPattern(const std::string& text) {
  const size_t second = text.find(' ', text.find(' ') + 1);
  return RegexEscape(text.substr(0, second));
}
struct Messaging {
  Json state;
  std::vector<std::string> names;
};
Messaging MakeMessaging(Rng& rng) {
  Messaging m;
  m.state = {{"contacts", Json::object()}, {"inbox", Json::array()}, {"sent", Json::array()}};
  // Distinct first names, so a first name finds one contact.
  std::set<std::string> firsts;
  for (const auto& p : PickDistinct(rng, kPeople, 10)) {
    if (firsts.insert(FirstName(p)).second && m.names.size() < 6) m.names.push_back(p);
  }
  for (size_t i = 0; i < m.names.size(); ++i) {
    m.state["contacts"]["C-" + std::to_string(i + 1)] = {{"name", m.names[i]}, {"phone", "+49 170 55" + std::to_string(10000 + rng.Below(89999))}};
  }
  for (int i = 0; i < 3; ++i) m.state["inbox"].push_back({{"from", m.names[rng.Below(m.names.size())]}, {"text", Pick(rng, kTexts)}});
  return m;
}

std::vector<Template> MessagingTemplates() {
  return {
      [](Rng& rng) {
        Messaging m = MakeMessaging(rng);
        const std::string& who = Pick(rng, m.names);
        const std::string& text = Pick(rng, kTexts);
        Draft d{m.state, {}, {{text, TextPattern(text)}}, true};
        d.turns.push_back({"Text " + FirstName(who) + ": " + Quote(text) + ".",
                           {{C("find_contact", {{"name", FirstName(who)}})}, {C("send_message", {{"contact_id", R(0, 0, "/contacts/0/contact_id")}, {"text", text}})}},
                           "Sent your message to " + who + ".", ""});
        return d;
      },
      [](Rng& rng) {
        Messaging m = MakeMessaging(rng);
        const std::string& text = Pick(rng, kTexts);
        Draft d{m.state, {}, {{text, TextPattern(text)}}, true};
        static const std::vector<std::string> asks = {"Reply to the last message in my inbox with ",
                                                      "Answer whoever wrote me last: "};
        d.turns.push_back({Pick(rng, asks) + Quote(text) + ".",
                           {{C("read_inbox", Json::object())},
                            {C("find_contact", {{"name", R(0, 0, "/messages/2/from")}})},
                            {C("send_message", {{"contact_id", R(1, 0, "/contacts/0/contact_id")}, {"text", text}})}},
                           "Replied to " + m.state["inbox"][2]["from"].get<std::string>() + ".", ""});
        return d;
      },
      [](Rng& rng) {
        Messaging m = MakeMessaging(rng);
        const auto two = PickDistinct(rng, m.names, 2);
        const std::string& text = Pick(rng, kTexts);
        Draft d{m.state, {}, {{text, TextPattern(text)}}, false};
        d.turns.push_back({"Send " + Quote(text) + " to both " + FirstName(two[0]) + " and " + FirstName(two[1]) + ".",
                           {{C("find_contact", {{"name", FirstName(two[0])}}), C("find_contact", {{"name", FirstName(two[1])}})},
                            {C("send_message", {{"contact_id", R(0, 0, "/contacts/0/contact_id")}, {"text", text}}),
                             C("send_message", {{"contact_id", R(0, 1, "/contacts/0/contact_id")}, {"text", text}})}},
                           "Sent it to both.", ""});
        return d;
      },
  };
}

// ---------------------------------------------------------------- travel
const std::vector<std::string> kCities = {"Lisbon", "Berlin", "Madrid", "Vienna", "Oslo", "Prague", "Dublin", "Rome"};
struct Travel {
  Json state;
  std::string origin, destination;
};
Travel MakeTravel(Rng& rng) {
  Travel t;
  const auto two = PickDistinct(rng, kCities, 2);
  t.origin = two[0];
  t.destination = two[1];
  t.state = {{"flights", Json::object()}, {"bookings", Json::object()}, {"next_booking", 1}};
  int n = 100 + static_cast<int>(rng.Below(800));
  for (const auto& date : kDates) {
    for (const auto& [o, dst] : std::vector<std::pair<std::string, std::string>>{{t.origin, t.destination}, {t.destination, t.origin}}) {
      for (int k = 0; k < 3; ++k) {
        t.state["flights"]["FL-" + std::to_string(n++)] = {{"origin", o}, {"destination", dst}, {"date", date},
                                                           {"price", Amount(rng, 40, 400)}, {"seats", 1 + static_cast<int64_t>(rng.Below(9))}};
      }
    }
  }
  return t;
}

// "Book the cheapest flight from A to B on D for P": search, then book the first (cheapest) result.
Draft BookCheapest(Rng& rng) {
  Travel t = MakeTravel(rng);
  const std::string& date = Pick(rng, kDates);
  const std::string& p = Pick(rng, kPeople);
  Draft d{t.state, {}, {}, true};
  d.turns.push_back({"Book the cheapest flight from " + t.origin + " to " + t.destination + " on " + date + " for " + p + ".",
                     {{C("search_flights", {{"origin", t.origin}, {"destination", t.destination}, {"date", date}})},
                      {C("book_flight", {{"flight_id", R(0, 0, "/flights/0/flight_id")}, {"passenger", p}})}},
                     "Booked: your booking is BK-1.", "\\bBK-1\\b"});
  return d;
}

std::vector<Template> TravelTemplates() {
  return {
      [](Rng& rng) { return BookCheapest(rng); },
      [](Rng& rng) {
        Draft d = BookCheapest(rng);
        d.turns.push_back({"I changed my mind, please cancel that booking.", {{C("cancel_booking", {{"booking_id", "BK-1"}})}},
                           "Booking BK-1 is cancelled.", ""});
        return d;
      },
      [](Rng& rng) {
        Travel t = MakeTravel(rng);
        const std::string& p = Pick(rng, kPeople);
        const size_t out = rng.Below(2);
        const std::string &go = kDates[out], &back = kDates[out + 1];
        Draft d{t.state, {}, {}, true};
        d.turns.push_back({"For " + p + ": book the cheapest flight from " + t.origin + " to " + t.destination + " on " + go +
                               " and the cheapest one back on " + back + ".",
                           {{C("search_flights", {{"origin", t.origin}, {"destination", t.destination}, {"date", go}}),
                             C("search_flights", {{"origin", t.destination}, {"destination", t.origin}, {"date", back}})},
                            {C("book_flight", {{"flight_id", R(0, 0, "/flights/0/flight_id")}, {"passenger", p}}),
                             C("book_flight", {{"flight_id", R(0, 1, "/flights/0/flight_id")}, {"passenger", p}})}},
                           "Booked both flights: BK-1 out and BK-2 back.", "BK-1.*BK-2|BK-2.*BK-1"});
        return d;
      },
  };
}

// ---------------------------------------------------------------- library (held out)
const std::vector<std::pair<std::string, std::string>> kBooks = {
    {"The Silent Harbor", "Mira Castell"}, {"Paper Moons", "Ivo Lindqvist"}, {"A Field Guide to Ferns", "Ruth Okoye"},
    {"Winter Algorithms", "Paul Brandt"}, {"The Salt Road", "Mira Castell"}, {"Night Trains", "Ivo Lindqvist"},
    {"Kitchen Chemistry", "Ruth Okoye"}, {"Quiet Engines", "Paul Brandt"}};
struct Library {
  Json state;
  std::vector<std::string> members;
};
Library MakeLibrary(Rng& rng) {
  Library l;
  l.state = {{"books", Json::object()}, {"members", Json::object()}, {"loans", Json::array()}};
  int n = 1;
  for (const auto& [title, author] : kBooks) {
    l.state["books"]["BOOK-" + std::to_string(n++)] = {{"title", title}, {"author", author}, {"copies", 1 + static_cast<int64_t>(rng.Below(3))}};
  }
  l.members = PickDistinct(rng, kPeople, 3);
  for (size_t i = 0; i < l.members.size(); ++i) l.state["members"]["M-" + std::to_string(i + 1)] = {{"name", l.members[i]}, {"limit", 3}};
  return l;
}

std::vector<Template> LibraryTemplates() {
  return {
      [](Rng& rng) {
        Library l = MakeLibrary(rng);
        const std::string& who = Pick(rng, l.members);
        const auto& [title, author] = kBooks[rng.Below(kBooks.size())];
        Draft d{l.state, {}, {}, true};
        d.turns.push_back({"I'm " + who + ". Please check out " + Quote(title) + " for me.",
                           {{C("find_member", {{"name", who}}), C("search_catalog", {{"text", title}})},
                            {C("checkout_book", {{"book_id", R(0, 1, "/books/0/book_id")}, {"member_id", R(0, 0, "/member_id")}})}},
                           "Checked out " + title + " for you.", ""});
        return d;
      },
      [](Rng& rng) {
        Library l = MakeLibrary(rng);
        const size_t m = rng.Below(l.members.size()), b = rng.Below(kBooks.size());
        l.state["loans"].push_back({{"book_id", "BOOK-" + std::to_string(b + 1)}, {"member_id", "M-" + std::to_string(m + 1)}});
        Draft d{l.state, {}, {}, true};
        d.turns.push_back({"I'm " + l.members[m] + " and I'm returning " + Quote(kBooks[b].first) + ".",
                           {{C("find_member", {{"name", l.members[m]}}), C("search_catalog", {{"text", kBooks[b].first}})},
                            {C("return_book", {{"book_id", R(0, 1, "/books/0/book_id")}, {"member_id", R(0, 0, "/member_id")}})}},
                           "Thanks, " + kBooks[b].first + " is returned.", ""});
        return d;
      },
      [](Rng& rng) {
        Library l = MakeLibrary(rng);
        const std::string& who = Pick(rng, l.members);
        const size_t b = rng.Below(kBooks.size());
        // The author's first book in catalogue order: what a search by author lists first.
        size_t first = 0;
        while (kBooks[first].second != kBooks[b].second) ++first;
        Draft d{l.state, {}, {}, true};
        d.turns.push_back({"Do you have anything by " + kBooks[b].second + "?", {{C("search_catalog", {{"text", kBooks[b].second}})}},
                           "Yes: " + kBooks[first].first + " and more.", RegexEscape(kBooks[first].first)});
        d.turns.push_back({"Check out " + Quote(kBooks[first].first) + " for " + who + ", please.",
                           {{C("find_member", {{"name", who}})},
                            {C("checkout_book", {{"book_id", "BOOK-" + std::to_string(first + 1)}, {"member_id", R(0, 0, "/member_id")}})}},
                           "Done.", ""});
        return d;
      },
  };
}

// ---------------------------------------------------------------- helpdesk (held out)
const std::vector<std::string> kSubjects = {"VPN drops every hour", "Printer on floor 2 jams", "Password reset loop",
                                            "Laptop battery swelling", "Shared drive is read-only", "Email bounces from partner"};
const std::vector<std::string> kAgents = {"kim", "luis", "marta", "devi"};
const std::vector<std::string> kResolutions = {"Replaced the faulty cable", "Reinstalled the driver", "Reset the account lock",
                                                "Updated the firmware", "Cleared the print queue", "Renewed the certificate"};
struct Helpdesk {
  Json state;
  std::vector<std::string> open, pending;  // subjects in catalogue order
};
Helpdesk MakeHelpdesk(Rng& rng) {
  Helpdesk h;
  h.state = {{"tickets", Json::object()}, {"agents", kAgents}};
  int n = 1;
  for (const auto& s : kSubjects) {
    const uint64_t k = rng.Below(3);
    const std::string status = k == 0 ? "open" : k == 1 ? "pending" : "closed";
    if (status == "open") h.open.push_back(s);
    if (status == "pending") h.pending.push_back(s);
    h.state["tickets"]["T-" + std::to_string(n++)] = {{"subject", s}, {"status", status}, {"priority", "normal"}, {"assignee", ""}};
  }
  if (h.open.empty()) {  // at least one open ticket
    h.state["tickets"]["T-1"]["status"] = "open";
    h.open.insert(h.open.begin(), kSubjects[0]);
    h.pending.erase(std::remove(h.pending.begin(), h.pending.end(), kSubjects[0]), h.pending.end());
  }
  return h;
}
std::string TicketId(const std::string& subject) {
  return "T-" + std::to_string(std::find(kSubjects.begin(), kSubjects.end(), subject) - kSubjects.begin() + 1);
}

std::vector<Template> HelpdeskTemplates() {
  return {
      [](Rng& rng) {
        Helpdesk h = MakeHelpdesk(rng);
        const size_t k = rng.Below(h.open.size());
        const std::string& agent = Pick(rng, kAgents);
        const std::string ptr = "/tickets/" + std::to_string(k) + "/ticket_id";
        Draft d{h.state, {}, {}, false};
        d.turns.push_back({"Assign the open ticket about " + Quote(h.open[k]) + " to " + agent + " and mark it urgent.",
                           {{C("list_tickets", {{"status", "open"}})},
                            {C("assign_ticket", {{"ticket_id", R(0, 0, ptr)}, {"agent", agent}}), C("set_priority", {{"ticket_id", R(0, 0, ptr)}, {"priority", "urgent"}})}},
                           "Assigned to " + agent + " and marked urgent.", ""});
        return d;
      },
      [](Rng& rng) {
        Helpdesk h = MakeHelpdesk(rng);
        const size_t k = rng.Below(h.open.size());
        const std::string& text = Pick(rng, kResolutions);
        Draft d{h.state, {}, {{text, TextPattern(text)}}, true};
        d.turns.push_back({"Close the open ticket about " + Quote(h.open[k]) + " with the resolution " + Quote(text) + ".",
                           {{C("list_tickets", {{"status", "open"}})},
                            {C("close_ticket", {{"ticket_id", R(0, 0, "/tickets/" + std::to_string(k) + "/ticket_id")}, {"resolution", text}})}},
                           "Closed it.", ""});
        return d;
      },
      [](Rng& rng) {
        Helpdesk h = MakeHelpdesk(rng);
        if (h.pending.empty()) {
          h.state["tickets"][TicketId(kSubjects.back())]["status"] = "pending";
          h.pending.push_back(kSubjects.back());
          h.open.erase(std::remove(h.open.begin(), h.open.end(), kSubjects.back()), h.open.end());
          if (h.open.empty()) {
            h.state["tickets"]["T-1"]["status"] = "open";
            h.open.push_back(kSubjects[0]);
          }
        }
        static const std::vector<std::string> levels = {"high", "urgent", "low", "normal"};
        static const std::vector<std::string> asks = {"How many tickets are %s?", "Count the %s tickets for me.", "What's the number of %s tickets?"};
        const std::string status = rng.Below(2) ? "pending" : "open";
        const std::string& level = Pick(rng, levels);
        const auto& subjects = status == "pending" ? h.pending : h.open;
        std::vector<ToolCall> raise;
        for (const auto& s : subjects) raise.push_back(C("set_priority", {{"ticket_id", TicketId(s)}, {"priority", level}}));
        const std::string n = std::to_string(subjects.size());
        std::string ask = Pick(rng, asks);
        ask.replace(ask.find("%s"), 2, status);
        Draft d{h.state, {}, {}, false};
        d.turns.push_back({ask, {{C("list_tickets", {{"status", status}})}}, n + " tickets are " + status + ".", "\\b" + n + "\\b"});
        d.turns.push_back({"Set all of them to " + level + " priority.", {raise}, "All " + status + " tickets are now " + level + " priority.", ""});
        return d;
      },
  };
}

std::vector<Template> TemplatesFor(const std::string& env) {
  if (env == "bank") return BankTemplates();
  if (env == "files") return FilesTemplates();
  if (env == "calendar") return CalendarTemplates();
  if (env == "shop") return ShopTemplates();
  if (env == "messaging") return MessagingTemplates();
  if (env == "travel") return TravelTemplates();
  if (env == "library") return LibraryTemplates();
  if (env == "helpdesk") return HelpdeskTemplates();
  throw std::logic_error("no task templates for environment '" + env + "'");
}

// Replaces free-phrased strings by the pattern a paraphrase must match.
Json Loosen(const Json& j, const std::map<std::string, std::string>& free_text) {
  return RewriteValues(j, [&](const Json& v) -> std::optional<Json> {
    if (!v.is_string()) return std::nullopt;
    auto it = free_text.find(v.get<std::string>());
    if (it == free_text.end()) return std::nullopt;
    return Json{{"$pattern", it->second}};
  });
}

// Solves the draft's plan against the environment: the expected state and required calls.
Episode Solve(const Draft& d, const Environment& env, const std::string& id, const std::string& dialect) {
  Episode e;
  e.id = id;
  e.domain = env.name();
  e.category = d.turns.size() > 1 ? Category::kMultiTurn : Category::kMultiStep;
  e.dialect = dialect;
  for (const auto& t : env.tools()) e.tools.push_back(t.tool);
  e.messages = {Message{Role::kSystem, kDefaultSystemPrompt, {}}, Message{Role::kUser, d.turns[0].user, {}}};
  MultiStepTask task;
  task.env = env.name();
  task.initial_state = d.state;
  task.ordered = d.ordered;
  Json state = d.state;
  for (size_t k = 0; k < d.turns.size(); ++k) {
    UserTurn turn = d.turns[k];
    if (k == 0) turn.user.clear();
    std::vector<std::vector<Json>> observations;
    for (const auto& step : turn.plan) {
      std::vector<Json> results;
      for (const auto& call : step) {
        const ToolCall resolved{call.name, ResolveArguments(call.arguments, observations)};
        Json result = env.Execute(resolved, state);
        if (IsErrorObservation(result)) {
          throw std::logic_error(id + ": generated plan refused: " + call.name + " " + DumpJson(resolved.arguments) + ": " + DumpJson(result));
        }
        if (env.Find(call.name)->mutates) {
          ToolCall required = resolved;
          for (auto it = required.arguments.begin(); it != required.arguments.end();) {
            it = d.free_text.count(it->is_string() ? it->get<std::string>() : "") ? required.arguments.erase(it) : std::next(it);
          }
          task.required_calls.push_back(std::move(required));
        }
        results.push_back(std::move(result));
      }
      observations.push_back(std::move(results));
    }
    task.turns.push_back(std::move(turn));
  }
  for (auto it = state.begin(); it != state.end(); ++it) {
    if (!d.state.contains(it.key()) || d.state[it.key()] != *it) task.expected_state[it.key()] = Loosen(*it, d.free_text);
  }
  const int steps = task.MinimalSteps();
  if (steps < 2 || steps > 8) throw std::logic_error(id + ": " + std::to_string(steps) + " steps, outside 2-8");
  e.multi = std::move(task);
  return e;
}

}  // namespace

std::vector<std::string> InDistributionEnvironments() { return {"bank", "files", "calendar", "shop", "messaging", "travel"}; }
std::vector<std::string> HeldOutEnvironments() { return {"library", "helpdesk"}; }

std::vector<Episode> GenerateMultiStepEpisodes(const std::vector<std::string>& envs, size_t per_env, uint64_t seed,
                                               const std::string& dialect) {
  std::vector<Episode> out;
  for (const auto& name : envs) {
    const Environment* env = FindEnvironment(name);
    if (!env) throw std::logic_error("unknown environment '" + name + "'");
    const std::vector<Template> templates = TemplatesFor(name);
    std::set<std::string> seen;
    SplitMix64 rng(MixSeed(seed, HashString(name.data(), name.size())));
    for (size_t i = 0; i < per_env; ++i) {
      for (int attempt = 0;; ++attempt) {
        Draft d = templates[i % templates.size()](rng);
        // Distinct requests, not just distinct worlds: an episode is known by what the user says.
        std::string key;
        for (const auto& t : d.turns) key += t.user + "\n";
        if (!seen.insert(key).second) {
          if (attempt > 100) throw std::logic_error(name + ": cannot draw " + std::to_string(per_env) + " distinct tasks");
          continue;
        }
        char id[64];
        std::snprintf(id, sizeof id, "ms-%s-%03zu", name.c_str(), i + 1);
        out.push_back(Solve(d, *env, id, dialect));
        break;
      }
    }
  }
  return out;
}

}  // namespace toolshift
