#include "src/interop/acebench/ace_summary.h"

#include <cstdio>
#include <cstdlib>
#include <map>

#include "src/interop/acebench/ace_pack.h"

namespace toolshift::acebench {
namespace {

constexpr double kNormalWeight = 0.578;
constexpr double kSpecialWeight = 0.2676;
constexpr double kAgentWeight = 0.1545;

bool IsMultiTurnNormal(const std::string& c) { return c.rfind("normal_multi_turn", 0) == 0; }

// "normal_multi_turn_user_adjust_3_1" -> "normal_multi_turn_user_adjust_3".
std::string ConversationOf(const std::string& id) {
  const size_t us = id.rfind('_');
  return us == std::string::npos ? id : id.substr(0, us);
}

double Mean(const std::vector<double>& xs) {
  if (xs.empty()) return 0;
  double s = 0;
  for (double x : xs) s += x;
  return s / static_cast<double>(xs.size());
}

struct CategoryScore {
  Json json = Json::object();
  double accuracy = 0;  // as it enters the summary means
};

CategoryScore ScoreCategory(const std::string& category, const std::vector<const AceOutcome*>& rs) {
  CategoryScore out;
  size_t correct = 0, unpassable = 0;
  for (const auto* r : rs) {
    correct += r->correct ? 1 : 0;
    unpassable += r->unpassable ? 1 : 0;
  }
  out.json["records"] = rs.size();
  out.json["correct"] = correct;
  if (unpassable) out.json["unpassable"] = unpassable;
  const double n = static_cast<double>(rs.size());
  if (IsMultiTurnNormal(category)) {
    // Consecutive turns of one conversation form a group.
    std::vector<std::pair<std::string, std::vector<bool>>> conversations;
    for (const auto* r : rs) {
      const std::string c = ConversationOf(r->id);
      if (conversations.empty() || conversations.back().first != c) conversations.push_back({c, {}});
      conversations.back().second.push_back(r->correct);
    }
    std::vector<double> whole, share;
    for (const auto& [_, turns] : conversations) {
      size_t ok = 0;
      for (bool t : turns) ok += t ? 1 : 0;
      whole.push_back(ok == turns.size() ? 1.0 : 0.0);
      share.push_back(Round3(static_cast<double>(ok) / static_cast<double>(turns.size())));
    }
    out.accuracy = Round3(Mean(whole));
    out.json["conversations"] = conversations.size();
    out.json["accuracy"] = out.accuracy;
    out.json["process_accuracy"] = Round3(Mean(share));
  } else if (IsAgentCategory(category)) {
    std::vector<double> process;
    size_t unknown = 0;
    for (const auto* r : rs) {
      process.push_back(r->correct ? 1.0 : Round3(r->process));
      unknown += r->correct || r->process_known ? 0 : 1;
    }
    out.accuracy = Round3(static_cast<double>(correct) / n);
    out.json["accuracy"] = out.accuracy;
    out.json["process_accuracy"] = unknown ? Json() : Json(Round3(Mean(process)));
    if (unknown) out.json["process_unknown"] = unknown;
  } else if (IsSpecialCategory(category)) {
    out.accuracy = static_cast<double>(correct) / n;  // unrounded, as ACEBench keeps it
    out.json["accuracy"] = out.accuracy;
  } else {
    out.accuracy = Round3(static_cast<double>(correct) / n);
    out.json["accuracy"] = out.accuracy;
  }
  return out;
}

}  // namespace

double Round3(double x) {
  // printf rounds the exact binary value to nearest, as Python's round() does.
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.3f", x);
  return std::strtod(buf, nullptr);
}

Json SummarizeGroup(const std::vector<AceOutcome>& outcomes) {
  std::map<std::string, std::vector<const AceOutcome*>> by_category;
  for (const auto& o : outcomes) by_category[o.category].push_back(&o);
  Json out = Json::object();
  out["categories"] = Json::object();
  std::map<std::string, double> acc;
  Json missing = Json::array();
  for (const auto& c : AceCategories()) {
    auto it = by_category.find(c);
    if (it == by_category.end()) {
      missing.push_back(c);
      acc[c] = 0;
      continue;
    }
    CategoryScore s = ScoreCategory(c, it->second);
    acc[c] = s.accuracy;
    out["categories"][c] = std::move(s.json);
  }
  auto mean_of = [&](std::initializer_list<const char*> cats) {
    std::vector<double> xs;
    for (const char* c : cats) xs.push_back(acc[c]);
    return Round3(Mean(xs));
  };
  out["atom"] = mean_of({"normal_atom_bool", "normal_atom_enum", "normal_atom_number", "normal_atom_list",
                         "normal_atom_object_deep", "normal_atom_object_short"});
  out["single_turn"] = mean_of({"normal_single_turn_single_function", "normal_single_turn_parallel_function"});
  out["multi_turn"] = mean_of({"normal_multi_turn_user_switch", "normal_multi_turn_user_adjust"});
  std::vector<double> normal;
  for (size_t i = 0; i < 12; ++i) normal.push_back(acc[AceCategories()[i]]);
  const double n = Round3(Mean(normal));
  const double s = mean_of({"special_incomplete", "special_error_param", "special_irrelevant"});
  const double a = mean_of({"agent_multi_turn", "agent_multi_step"});
  out["normal"] = n;
  out["special"] = s;
  out["agent"] = a;
  out["overall"] = Round3(kNormalWeight * n + kSpecialWeight * s + kAgentWeight * a);
  out["missing_categories"] = std::move(missing);
  return out;
}

Json Summarize(const std::vector<PackOutcome>& outcomes) {
  std::map<std::string, std::vector<AceOutcome>> groups;
  std::map<std::string, size_t> backend_errors;
  for (const auto& o : outcomes) {
    const AceEntry entry = ReadAceEntry(*o.episode);
    std::string key = std::string(entry.chinese ? "zh" : "en") + "/" + o.episode->dialect;
    if (!o.episode->shift.empty()) key += "/" + o.episode->shift;
    if (o.backend_error) {
      ++backend_errors[key];
      continue;
    }
    AceOutcome a;
    a.id = entry.id;
    a.category = entry.category;
    a.correct = o.verdict->correct;
    a.unpassable = !entry.unpassable.empty();
    a.process_known = !IsAgentCategory(a.category);
    if (o.verdict->trajectory && o.verdict->trajectory->process_accuracy >= 0) {
      a.process = o.verdict->trajectory->process_accuracy;
      a.process_known = true;
    }
    groups[key].push_back(std::move(a));
  }
  Json out = Json::object();
  for (const auto& [key, rs] : groups) {
    Json g = SummarizeGroup(rs);
    if (backend_errors.count(key)) g["backend_errors"] = backend_errors[key];
    out[key] = std::move(g);
  }
  for (const auto& [key, n] : backend_errors) {
    if (!out.contains(key)) out[key] = Json{{"backend_errors", n}};
  }
  return out;
}

}  // namespace toolshift::acebench
