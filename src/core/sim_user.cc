#include "src/core/sim_user.h"

#include <set>

#include <re2/re2.h>

#include "src/core/input_error.h"

namespace toolshift {
namespace {

std::string StringField(const Json& j, const char* key, const std::string& f) {
  auto it = j.find(key);
  if (it == j.end()) return "";
  if (!it->is_string()) throw FieldError(f + key, "expected a string");
  return it->get<std::string>();
}

void CheckPattern(const std::string& pattern, const std::string& field) {
  if (pattern.empty()) return;
  RE2 re("(?i)" + pattern, RE2::Quiet);
  if (!re.ok()) throw FieldError(field, "not a valid RE2 pattern: " + re.error());
}

UserScript ParseScript(const Json& j, const std::string& field) {
  const std::string f = field + ".";
  if (!j.is_object()) throw FieldError(field, "expected an object {\"rules\", \"otherwise\", \"finish_if\"}");
  for (auto it = j.begin(); it != j.end(); ++it) {
    if (it.key() != "rules" && it.key() != "otherwise" && it.key() != "finish_if") throw FieldError(f + it.key(), "unknown field");
  }
  UserScript s;
  s.otherwise = StringField(j, "otherwise", f);
  s.finish_if = StringField(j, "finish_if", f);
  CheckPattern(s.finish_if, f + "finish_if");
  if (auto r = j.find("rules"); r != j.end()) {
    if (!r->is_array()) throw FieldError(f + "rules", "expected an array of {\"if\", \"say\"}");
    for (size_t i = 0; i < r->size(); ++i) {
      const std::string rf = f + "rules[" + std::to_string(i) + "]";
      const Json& rule = (*r)[i];
      if (!rule.is_object()) throw FieldError(rf, "expected an object {\"if\", \"say\"}");
      for (auto it = rule.begin(); it != rule.end(); ++it) {
        if (it.key() != "if" && it.key() != "say") throw FieldError(rf + "." + it.key(), "unknown field");
      }
      ScriptRule sr{StringField(rule, "if", rf + "."), StringField(rule, "say", rf + ".")};
      if (sr.pattern.empty()) throw FieldError(rf + ".if", "expected a non-empty RE2 pattern");
      CheckPattern(sr.pattern, rf + ".if");
      if (sr.reply.empty()) throw FieldError(rf + ".say", "expected a non-empty string");
      s.rules.push_back(std::move(sr));
    }
  }
  return s;
}

}  // namespace

Json ToJson(const SimulatedUser& user) {
  Json rules = Json::array();
  for (const auto& r : user.script.rules) rules.push_back({{"if", r.pattern}, {"say", r.reply}});
  Json script = {{"rules", std::move(rules)}};
  if (!user.script.otherwise.empty()) script["otherwise"] = user.script.otherwise;
  if (!user.script.finish_if.empty()) script["finish_if"] = user.script.finish_if;
  return Json{{"brief", user.brief}, {"opening", user.opening}, {"finish_phrase", user.finish_phrase},
              {"max_messages", user.max_messages}, {"script", std::move(script)}};
}

SimulatedUser ParseSimulatedUser(const Json& j, const std::string& field) {
  const std::string f = field + ".";
  if (!j.is_object()) throw FieldError(field, "expected an object");
  static const std::set<std::string> kKeys = {"brief", "opening", "finish_phrase", "max_messages", "script"};
  for (auto it = j.begin(); it != j.end(); ++it) {
    if (!kKeys.count(it.key())) throw FieldError(f + it.key(), "unknown field");
  }
  SimulatedUser u;
  u.brief = StringField(j, "brief", f);
  if (u.brief.empty()) throw FieldError(f + "brief", "missing (the user model's system prompt)");
  u.opening = StringField(j, "opening", f);
  if (j.contains("finish_phrase")) {
    u.finish_phrase = StringField(j, "finish_phrase", f);
    if (u.finish_phrase.empty()) throw FieldError(f + "finish_phrase", "expected a non-empty string");
  }
  if (auto m = j.find("max_messages"); m != j.end()) {
    if (!m->is_number_integer() || m->get<int64_t>() < 2 || m->get<int64_t>() > 1000) {
      throw FieldError(f + "max_messages", "expected an integer from 2 to 1000");
    }
    u.max_messages = m->get<int>();
  }
  if (auto s = j.find("script"); s != j.end()) u.script = ParseScript(*s, f + "script");
  return u;
}

}  // namespace toolshift
