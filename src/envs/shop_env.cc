// shop: a catalogue with stock, and orders. State: {"products": {"P-1": {"name", "price",
// "stock"}}, "orders": {"O-1": {"product_id", "quantity", "total", "status"}}, "next_order": N}.
#include "src/envs/environment.h"

#include <algorithm>

namespace toolshift {

Environment MakeShopEnvironment() {
  using namespace env;
  std::vector<Environment::EnvTool> tools;
  tools.push_back({{"search_products", "Search the catalogue; results are sorted by price, cheapest first.",
                    Params({{"query", Str("Words the product name contains")}}, {"query"})},
                   false, [](const Json& a, Json& s) {
                     const std::string q = Lower(a["query"].get<std::string>());
                     Json out = Json::array();
                     for (auto it = s["products"].begin(); it != s["products"].end(); ++it) {
                       if (Lower((*it)["name"].get<std::string>()).find(q) != std::string::npos) {
                         Json p = *it;
                         p["product_id"] = it.key();
                         out.push_back(std::move(p));
                       }
                     }
                     std::stable_sort(out.begin(), out.end(), [](const Json& x, const Json& y) {
                       return x["price"].get<double>() < y["price"].get<double>();
                     });
                     return Json{{"results", out}};
                   }});
  tools.push_back({{"place_order", "Order a product.",
                    Params({{"product_id", Str("Product id, e.g. P-4")}, {"quantity", Int("How many, at least 1")}},
                           {"product_id", "quantity"})},
                   true, [](const Json& a, Json& s) {
                     const std::string pid = a["product_id"].get<std::string>();
                     Json& p = Entity(s, "products", pid, "product");
                     const int64_t q = a["quantity"].get<int64_t>(), stock = p["stock"].get<int64_t>();
                     if (q < 1) throw ToolError("quantity must be at least 1");
                     if (q > stock) throw ToolError("only " + std::to_string(stock) + " of " + pid + " in stock");
                     p["stock"] = stock - q;
                     const std::string id = NextId(s, "next_order", "O");
                     const double total = p["price"].get<double>() * static_cast<double>(q);
                     s["orders"][id] = {{"product_id", pid}, {"quantity", q}, {"total", total}, {"status", "placed"}};
                     return Json{{"order_id", id}, {"total", total}, {"status", "placed"}};
                   }});
  tools.push_back({{"get_order", "Look up an order.", Params({{"order_id", Str("Order id, e.g. O-12")}}, {"order_id"})},
                   false, [](const Json& a, Json& s) {
                     Json o = Entity(s, "orders", a["order_id"].get<std::string>(), "order");
                     o["order_id"] = a["order_id"];
                     return o;
                   }});
  tools.push_back({{"cancel_order", "Cancel an order that has not shipped; its stock is returned.",
                    Params({{"order_id", Str("Order id")}}, {"order_id"})},
                   true, [](const Json& a, Json& s) {
                     const std::string id = a["order_id"].get<std::string>();
                     Json& o = Entity(s, "orders", id, "order");
                     if (o["status"] != "placed") throw ToolError("order " + id + " is " + o["status"].get<std::string>() + " and cannot be cancelled");
                     o["status"] = "cancelled";
                     Json& p = Entity(s, "products", o["product_id"].get<std::string>(), "product");
                     p["stock"] = p["stock"].get<int64_t>() + o["quantity"].get<int64_t>();
                     return Json{{"order_id", id}, {"status", "cancelled"}};
                   }});
  return Environment("shop", "An online shop's catalogue and orders.", std::move(tools));
}

}  // namespace toolshift
