#include "src/shifts/rename.h"

#include <set>

namespace toolshift {

void RenameTools(Episode& episode, const std::map<std::string, std::string>& names) {
  auto renamed = [&](const std::string& n) {
    auto it = names.find(n);
    return it == names.end() ? n : it->second;
  };
  for (auto& t : episode.tools) t.name = renamed(t.name);
  for (auto& c : episode.expected) c.name = renamed(c.name);
}

void RenameParams(Episode& episode, const std::string& tool, const std::map<std::string, std::string>& names) {
  auto renamed = [&](const std::string& n) {
    auto it = names.find(n);
    return it == names.end() ? n : it->second;
  };
  for (auto& t : episode.tools) {
    if (t.name != tool) continue;
    Json& params = t.parameters;
    if (params.contains("properties")) {
      Json props = Json::object();
      for (auto it = params["properties"].begin(); it != params["properties"].end(); ++it) props[renamed(it.key())] = *it;
      params["properties"] = std::move(props);
    }
    if (params.contains("required")) {
      for (auto& r : params["required"]) r = renamed(r.get<std::string>());
    }
  }
  for (auto& c : episode.expected) {
    if (c.name != tool) continue;
    Json args = Json::object();
    for (auto it = c.args.begin(); it != c.args.end(); ++it) args[renamed(it.key())] = *it;
    c.args = std::move(args);
  }
}

void Deduplicate(std::map<std::string, std::string>& names) {
  std::set<std::string> used;
  for (auto& [from, to] : names) {
    std::string candidate = to;
    for (int k = 2; !used.insert(candidate).second; ++k) candidate = to + "_" + std::to_string(k);
    to = candidate;
  }
}

}  // namespace toolshift
