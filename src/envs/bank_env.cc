// bank: accounts and transfers. State: {"accounts": {"ACC-1001": {"owner", "kind", "balance"}},
// "transfers": [{"from", "to", "amount", "memo"}]}.
#include "src/envs/environment.h"

namespace toolshift {

Environment MakeBankEnvironment() {
  using namespace env;
  std::vector<Environment::EnvTool> tools;
  tools.push_back({{"list_accounts", "List the accounts a customer owns, with balances.",
                    Params({{"owner", Str("Customer name, e.g. Dana Reyes")}}, {"owner"})},
                   false, [](const Json& a, Json& s) {
                     Json out = Json::array();
                     for (auto it = s["accounts"].begin(); it != s["accounts"].end(); ++it) {
                       if ((*it)["owner"] == a["owner"]) {
                         out.push_back({{"account_id", it.key()}, {"kind", (*it)["kind"]}, {"balance", (*it)["balance"]}});
                       }
                     }
                     if (out.empty()) throw ToolError("no customer named '" + a["owner"].get<std::string>() + "'");
                     return Json{{"accounts", out}};
                   }});
  tools.push_back({{"get_balance", "Get an account's balance.", Params({{"account_id", Str("Account id, e.g. ACC-1001")}}, {"account_id"})},
                   false, [](const Json& a, Json& s) {
                     const std::string id = a["account_id"].get<std::string>();
                     return Json{{"account_id", id}, {"balance", Entity(s, "accounts", id, "account")["balance"]}};
                   }});
  tools.push_back({{"transfer", "Transfer money between two accounts.",
                    Params({{"from_account", Str("Account id to debit")},
                            {"to_account", Str("Account id to credit")},
                            {"amount", Num("Amount in EUR, positive")},
                            {"memo", Str("Optional note shown on both statements")}},
                           {"from_account", "to_account", "amount"})},
                   true, [](const Json& a, Json& s) {
                     const std::string from = a["from_account"].get<std::string>(), to = a["to_account"].get<std::string>();
                     const double amount = a["amount"].get<double>();
                     if (!(amount > 0)) throw ToolError("amount must be positive, got " + Money(amount));
                     if (from == to) throw ToolError("cannot transfer from an account to itself");
                     Json& src = Entity(s, "accounts", from, "account");
                     Json& dst = Entity(s, "accounts", to, "account");
                     const double balance = src["balance"].get<double>();
                     if (balance < amount) {
                       throw ToolError("insufficient funds in " + from + ": balance " + Money(balance) + ", asked " + Money(amount));
                     }
                     src["balance"] = balance - amount;
                     dst["balance"] = dst["balance"].get<double>() + amount;
                     s["transfers"].push_back({{"from", from}, {"to", to}, {"amount", amount}, {"memo", a.value("memo", "")}});
                     return Json{{"status", "completed"}, {"from_balance", src["balance"]}};
                   }});
  return Environment("bank", "A retail bank's accounts and transfers.", std::move(tools));
}

}  // namespace toolshift
