#include "src/suitegen/episode_generator.h"

#include <cstdio>
#include <map>
#include <set>

#include "src/core/episode_json.h"
#include "src/core/input_error.h"
#include "src/scoring/statistics.h"

namespace toolshift {
namespace {

using Binding = std::map<std::string, const PoolValue*>;

std::string ValueText(const PoolValue& v) {
  return v.value.is_string() ? v.value.get<std::string>() : v.value.dump();
}

std::string Substitute(std::string text, const Binding& b, bool say) {
  for (const auto& [name, v] : b) {
    const std::string key = "{" + name + "}";
    const std::string with = say ? v->say : ValueText(*v);
    for (size_t p = text.find(key); p != std::string::npos; p = text.find(key, p + with.size())) {
      text.replace(p, key.size(), with);
    }
  }
  return text;
}

// "$var" or "$var.field": the bound pool value (or one field of an object value); nullptr
// when `s` is no such reference.
const PoolValue* Reference(const std::string& s, const Binding& b, std::string* field) {
  if (s.size() < 2 || s[0] != '$') return nullptr;
  const size_t dot = s.find('.');
  auto it = b.find(s.substr(1, dot == std::string::npos ? std::string::npos : dot - 1));
  if (it == b.end()) return nullptr;
  *field = dot == std::string::npos ? "" : s.substr(dot + 1);
  return it->second;
}

// Replaces "$var" / "$var.field" with the bound value and "{var}" inside strings with its
// text, recursively.
Json Fill(const Json& j, const Binding& b) {
  if (j.is_string()) {
    const std::string& s = j.get_ref<const std::string&>();
    std::string field;
    if (const PoolValue* v = Reference(s, b, &field)) {
      if (field.empty()) return v->value;
      if (!v->value.is_object() || !v->value.contains(field)) {
        throw InputError("'" + s + "': the pool value has no field '" + field + "'");
      }
      return v->value[field];
    }
    return Substitute(s, b, /*say=*/false);
  }
  if (j.is_array()) {
    Json out = Json::array();
    for (const auto& e : j) out.push_back(Fill(e, b));
    return out;
  }
  if (j.is_object()) {
    Json out = Json::object();
    for (auto it = j.begin(); it != j.end(); ++it) out[it.key()] = Fill(*it, b);
    return out;
  }
  return j;
}

// An acceptable-values list: each "$var" entry also brings the pool value's alternatives.
Json FillAcceptable(const Json& list, const Binding& b) {
  Json out = Json::array();
  for (const auto& e : list) {
    out.push_back(Fill(e, b));
    std::string field;
    const PoolValue* v = e.is_string() ? Reference(e.get<std::string>(), b, &field) : nullptr;
    if (v && field.empty()) {
      for (const auto& a : v->accept) out.push_back(a);
    }
  }
  return out;
}

std::vector<Tool> OfferedTools(const DomainSpec& d, const TaskSpec& t) {
  std::set<std::string> names(t.offer.begin(), t.offer.end());
  const bool all = t.offer.empty() && (t.category == Category::kMultiple || t.category == Category::kParallelMultiple ||
                                       t.category == Category::kIrrelevance);
  if (t.offer.empty() && !all) {
    for (const auto& c : t.calls) names.insert(c.value("name", ""));
  }
  std::vector<Tool> out;
  for (const auto& tool : d.tools) {
    if (all || names.count(tool.name)) out.push_back(tool);
  }
  return out;
}

}  // namespace

std::vector<Episode> GenerateEpisodes(const std::vector<DomainSpec>& domains, uint64_t seed,
                                      const std::string& dialect) {
  std::vector<Episode> episodes;
  for (const auto& d : domains) {
    SplitMix64 rng(MixSeed(seed, HashString(d.domain.data(), d.domain.size())));
    std::map<Category, int> counters;
    std::set<std::string> seen_requests;
    for (size_t ti = 0; ti < d.tasks.size(); ++ti) {
      const TaskSpec& task = d.tasks[ti];
      const std::string where = d.source + ": tasks[" + std::to_string(ti) + "]";
      for (int k = 0; k < task.count; ++k) {
        Binding binding;
        std::string request;
        bool fresh = false;
        for (int attempt = 0; attempt < 200 && !fresh; ++attempt) {
          binding.clear();
          std::map<std::string, std::set<size_t>> used;  // distinct values per pool within an episode
          for (const auto& [var, pool_name] : task.vars) {
            const auto& pool = d.pools.at(pool_name);
            size_t idx = rng.Below(pool.size());
            for (size_t tries = 0; used[pool_name].count(idx) && tries < pool.size(); ++tries) idx = (idx + 1) % pool.size();
            used[pool_name].insert(idx);
            binding[var] = &pool[idx];
          }
          const std::string& tmpl = task.templates[(static_cast<size_t>(k) + rng.Below(task.templates.size())) %
                                                   task.templates.size()];
          request = Substitute(tmpl, binding, /*say=*/true);
          fresh = seen_requests.insert(request).second;
        }
        if (!fresh) throw InputError(where + ": cannot generate " + std::to_string(task.count) + " distinct requests");
        Episode ep;
        char id[32];
        std::snprintf(id, sizeof id, "-%03d", ++counters[task.category]);
        ep.id = d.domain + "-" + std::string(CategoryName(task.category)) + id;
        ep.domain = d.domain;
        ep.category = task.category;
        ep.dialect = dialect;
        ep.tools = OfferedTools(d, task);
        ep.messages = {Message{Role::kSystem, kDefaultSystemPrompt, {}}, Message{Role::kUser, request, {}}};
        Json expected = Json::array();
        for (const auto& c : task.calls) {
          Json args = Json::object();
          for (auto it = c["args"].begin(); it != c["args"].end(); ++it) args[it.key()] = FillAcceptable(*it, binding);
          expected.push_back({{"name", c["name"]}, {"args", args}});
        }
        // Round-trip through the loader's validation so a generated suite always loads.
        Json j = EpisodeToJson(ep, dialect);
        j["expected"] = expected;
        try {
          episodes.push_back(ParseEpisode(j, dialect));
        } catch (const FieldError& e) {
          throw InputError(where + ": generated episode " + ep.id + " is invalid: " + e.what());
        }
      }
    }
  }
  return episodes;
}

}  // namespace toolshift
