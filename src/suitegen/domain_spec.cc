#include "src/suitegen/domain_spec.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "src/core/episode_json.h"
#include "src/core/input_error.h"

namespace toolshift {
namespace fs = std::filesystem;

namespace {

PoolValue ParsePoolValue(const Json& j) {
  PoolValue v;
  if (j.is_object() && j.contains("value")) {
    v.value = j["value"];
    v.say = j.contains("say") && j["say"].is_string() ? j["say"].get<std::string>()
            : v.value.is_string()                     ? v.value.get<std::string>()
                                                      : v.value.dump();
    if (j.contains("accept")) {
      if (!j["accept"].is_array()) throw FieldError("accept", "expected an array");
      for (const auto& a : j["accept"]) v.accept.push_back(a);
    }
    return v;
  }
  v.value = j;
  v.say = j.is_string() ? j.get<std::string>() : j.dump();
  return v;
}

}  // namespace

DomainSpec LoadDomainSpec(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw InputError(path + ": cannot open");
  std::stringstream ss;
  ss << in.rdbuf();
  Json j;
  try {
    j = Json::parse(ss.str());
  } catch (const Json::exception& e) {  // parse errors, and number overflow (out_of_range 406)
    throw InputError(path + ": invalid JSON: " + JsonErrorText(e));
  }
  DomainSpec spec;
  spec.source = path;
  try {
    if (!j.is_object()) throw FieldError("(root)", "expected an object");
    if (!j.contains("domain") || !j["domain"].is_string()) throw FieldError("domain", "expected a string");
    spec.domain = j["domain"].get<std::string>();
    if (!j.contains("tools") || !j["tools"].is_array()) throw FieldError("tools", "expected an array");
    for (size_t i = 0; i < j["tools"].size(); ++i) {
      spec.tools.push_back(ParseTool(j["tools"][i], "tools[" + std::to_string(i) + "]"));
    }
    if (j.contains("pools")) {
      for (auto it = j["pools"].begin(); it != j["pools"].end(); ++it) {
        if (!it->is_array() || it->empty()) throw FieldError("pools." + it.key(), "expected a non-empty array");
        for (const auto& v : *it) spec.pools[it.key()].push_back(ParsePoolValue(v));
      }
    }
    if (!j.contains("tasks") || !j["tasks"].is_array()) throw FieldError("tasks", "expected an array");
    for (size_t i = 0; i < j["tasks"].size(); ++i) {
      const Json& t = j["tasks"][i];
      const std::string f = "tasks[" + std::to_string(i) + "].";
      TaskSpec task;
      auto cat = ParseCategory(t.value("category", ""));
      if (!cat) throw FieldError(f + "category", "unknown category");
      task.category = *cat;
      task.count = t.value("count", 1);
      if (task.count < 1) throw FieldError(f + "count", "must be at least 1");
      if (t.contains("vars")) {
        for (auto it = t["vars"].begin(); it != t["vars"].end(); ++it) {
          const std::string pool = it->get<std::string>();
          if (!spec.pools.count(pool)) throw FieldError(f + "vars." + it.key(), "unknown pool '" + pool + "'");
          task.vars[it.key()] = pool;
        }
      }
      if (!t.contains("templates") || !t["templates"].is_array() || t["templates"].empty()) {
        throw FieldError(f + "templates", "expected a non-empty array");
      }
      for (const auto& s : t["templates"]) task.templates.push_back(s.get<std::string>());
      if (t.contains("offer")) {
        for (const auto& s : t["offer"]) task.offer.push_back(s.get<std::string>());
      }
      task.calls = t.value("calls", Json::array());
      spec.tasks.push_back(std::move(task));
    }
  } catch (const FieldError& e) {
    throw InputError(path + ": " + e.what());
  } catch (const Json::exception& e) {
    throw InputError(path + ": " + e.what());
  }
  return spec;
}

std::vector<DomainSpec> LoadDomainSpecs(const std::string& dir) {
  std::vector<std::string> files;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    if (entry.is_regular_file() && entry.path().extension() == ".json") files.push_back(entry.path().string());
  }
  if (ec) throw InputError(dir + ": cannot list: " + ec.message());
  std::sort(files.begin(), files.end());
  std::vector<DomainSpec> specs;
  for (const auto& f : files) specs.push_back(LoadDomainSpec(f));
  return specs;
}

}  // namespace toolshift
