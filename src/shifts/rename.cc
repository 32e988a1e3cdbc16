#include "src/shifts/rename.h"

#include <set>

namespace toolshift {

void RenameTools(Episode& episode, const std::map<std::string, std::string>& names) {
  auto renamed = [&](const std::string& n) {
    auto it = names.find(n);
    return it == names.end() ? n : it->second;
  };
  if (episode.multi) {
    // Multi-step: the plan and required calls follow; the environment keeps its names.
    MultiStepTask& m = *episode.multi;
    std::map<std::string, EnvName> env_names;
    for (const auto& t : episode.tools) {
      auto it = m.names.find(t.name);
      env_names[renamed(t.name)] = it == m.names.end() ? EnvName{t.name, {}} : it->second;
    }
    m.names = std::move(env_names);
    for (auto& turn : m.turns) {
      for (auto& step : turn.plan) {
        for (auto& c : step) c.name = renamed(c.name);
      }
    }
    for (auto& c : m.required_calls) c.name = renamed(c.name);
  }
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
  if (episode.multi) {
    MultiStepTask& m = *episode.multi;
    auto rename_args = [&](ToolCall& c) {
      if (c.name != tool) return;
      Json args = Json::object();
      for (auto it = c.arguments.begin(); it != c.arguments.end(); ++it) args[renamed(it.key())] = *it;
      c.arguments = std::move(args);
    };
    for (auto& turn : m.turns) {
      for (auto& step : turn.plan) {
        for (auto& c : step) rename_args(c);
      }
    }
    for (auto& c : m.required_calls) rename_args(c);
    auto [entry, fresh] = m.names.try_emplace(tool, EnvName{tool, {}});
    std::map<std::string, std::string> params;
    for (const auto& [from, to] : names) {
      auto known = entry->second.params.find(from);
      params[to] = known == entry->second.params.end() ? from : known->second;
    }
    for (const auto& [shown, env] : entry->second.params) {
      if (!names.count(shown)) params[shown] = env;
    }
    entry->second.params = std::move(params);
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
