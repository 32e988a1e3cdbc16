// Name-noise shifts from published robustness benchmarks, so results compare with theirs:
// RoTBench's noise levels and ToolSandbox's scrambled or stripped tool definitions.
#include <algorithm>
#include <array>
#include <cctype>
#include <functional>

#include "src/shifts/rename.h"
#include "src/shifts/shift_kinds.h"

namespace toolshift {
namespace {

char RandomLetter(SplitMix64& rng) { return static_cast<char>('a' + rng.Below(26)); }

// RoTBench "slight": one character inserted, omitted or substituted.
std::string SlightEdit(const std::string& name, SplitMix64& rng) {
  std::string s = name;
  const size_t pos = 1 + rng.Below(std::max<size_t>(1, s.size() - 1));  // keep the first character
  switch (rng.Below(3)) {
    case 0: s.insert(std::min(pos, s.size()), 1, RandomLetter(rng)); break;
    case 1:
      if (s.size() > 3) {
        s.erase(std::min(pos, s.size() - 1), 1);
        break;
      }
      [[fallthrough]];
    default: {
      const size_t at = std::min(pos, s.size() - 1);
      char c = RandomLetter(rng);
      if (c == s[at]) c = c == 'z' ? 'a' : static_cast<char>(c + 1);
      s[at] = c;
    }
  }
  return s;
}

// RoTBench "medium": the name reversed, or replaced by a random string.
std::string MediumEdit(const std::string& name, SplitMix64& rng) {
  std::string reversed(name.rbegin(), name.rend());
  while (!reversed.empty() && !std::isalpha(static_cast<unsigned char>(reversed.front()))) reversed.erase(0, 1);
  if (rng.Below(2) == 0 && reversed != name && !reversed.empty()) return reversed;
  std::string s;
  const size_t n = 5 + rng.Below(6);
  for (size_t i = 0; i < n; ++i) s.push_back(RandomLetter(rng));
  return s;
}

// A derangement-like rotation of `names` values: each key gets another key's name.
void RotateNames(std::map<std::string, std::string>& names, SplitMix64& rng) {
  if (names.size() < 2) return;
  std::vector<std::string> keys;
  for (const auto& [k, v] : names) keys.push_back(k);
  Shuffle(keys, rng);
  for (size_t i = 0; i < keys.size(); ++i) names[keys[i]] = keys[(i + 1) % keys.size()];
}

// RoTBench "heavy" also adds a mandatory parameter; its value is stated in its description.
void AddMandatoryParam(Episode& e) {
  static const char* kParam = "trace_tag";
  for (auto& t : e.tools) {
    if (t.Property(kParam)) continue;
    if (!t.parameters.contains("properties")) t.parameters["properties"] = Json::object();
    t.parameters["properties"][kParam] = {{"type", "string"}, {"enum", {"rb-7"}},
                                          {"description", "Mandatory. Always pass the value 'rb-7'."}};
    if (!t.parameters.contains("required")) t.parameters["required"] = Json::array();
    t.parameters["required"].push_back(kParam);
  }
  for (auto& c : e.expected) c.args[kParam] = Json::array({"rb-7"});
  if (e.multi) {
    // The model must pass it; the environment never sees it (mapped to "": not forwarded).
    for (auto& turn : e.multi->turns) {
      for (auto& step : turn.plan) {
        for (auto& c : step) c.arguments[kParam] = "rb-7";
      }
    }
    for (const auto& t : e.tools) e.multi->names.try_emplace(t.name, EnvName{t.name, {}}).first->second.params[kParam] = "";
  }
}

enum class Level { kSlight, kMedium, kHeavy, kUnion };

class RotBenchShift : public Shift {
 public:
  explicit RotBenchShift(Level level) : level_(level) {}
  std::string kind() const override {
    static const std::array<const char*, 4> kNames = {"slight", "medium", "heavy", "union"};
    return std::string("rotbench:") + kNames[static_cast<int>(level_)];
  }
  Episode Apply(const Episode& base, SplitMix64& rng) const override {
    Episode e = base;
    // Parameters first (keyed by the original tool names), then tools.
    for (const auto& t : base.tools) {
      auto params = ParamNameMap(t);
      if (level_ == Level::kHeavy) {
        RotateNames(params, rng);
      } else {
        for (auto& [from, to] : params) to = Edit(from, rng);
      }
      Deduplicate(params);
      RenameParams(e, t.name, params);
    }
    auto tools = ToolNameMap(base);
    if (level_ == Level::kHeavy || level_ == Level::kUnion) {
      if (level_ == Level::kUnion) {
        for (auto& [from, to] : tools) to = Edit(from, rng);
      }
      RotateNames(tools, rng);
      AddMandatoryParam(e);
    } else {
      for (auto& [from, to] : tools) to = Edit(from, rng);
    }
    Deduplicate(tools);
    RenameTools(e, tools);
    return e;
  }

 private:
  std::string Edit(const std::string& name, SplitMix64& rng) const {
    switch (level_) {
      case Level::kSlight: return SlightEdit(name, rng);
      case Level::kMedium: return MediumEdit(name, rng);
      default: return rng.Below(2) ? SlightEdit(name, rng) : MediumEdit(name, rng);
    }
  }
  Level level_;
};

void ForEachParamSchema(Json& schema, const std::function<void(Json&)>& fn) {
  fn(schema);
  if (schema.contains("properties") && schema["properties"].is_object()) {
    for (auto it = schema["properties"].begin(); it != schema["properties"].end(); ++it) ForEachParamSchema(*it, fn);
  }
  if (schema.contains("items") && schema["items"].is_object()) ForEachParamSchema(schema["items"], fn);
}

class ToolSandboxShift : public Shift {
 public:
  explicit ToolSandboxShift(std::string variant) : variant_(std::move(variant)) {}
  std::string kind() const override { return "toolsandbox:" + variant_; }
  Episode Apply(const Episode& base, SplitMix64&) const override {
    Episode e = base;
    if (variant_ == "scrambled") {
      std::map<std::string, std::string> tools;
      for (size_t i = 0; i < base.tools.size(); ++i) {
        const Tool& t = base.tools[i];
        tools[t.name] = "tool_" + std::to_string(i);
        std::map<std::string, std::string> params;
        const auto names = t.PropertyNames();
        for (size_t k = 0; k < names.size(); ++k) params[names[k]] = "arg_" + std::to_string(k);
        RenameParams(e, t.name, params);
      }
      RenameTools(e, tools);
    } else if (variant_ == "no-descriptions") {
      for (auto& t : e.tools) {
        t.description.clear();
        ForEachParamSchema(t.parameters, [](Json& s) { s.erase("description"); });
      }
    } else {  // no-types: the top-level "type": "object" stays, parameter types go
      for (auto& t : e.tools) {
        if (!t.parameters.contains("properties")) continue;
        for (auto it = t.parameters["properties"].begin(); it != t.parameters["properties"].end(); ++it) {
          ForEachParamSchema(*it, [](Json& s) { s.erase("type"); });
        }
      }
    }
    return e;
  }

 private:
  std::string variant_;
};

}  // namespace

std::vector<std::string> NameNoiseShiftKinds() {
  return {"rotbench:slight", "rotbench:medium", "rotbench:heavy", "rotbench:union",
          "toolsandbox:scrambled", "toolsandbox:no-descriptions", "toolsandbox:no-types"};
}

std::unique_ptr<Shift> MakeNameNoiseShift(const std::string& kind) {
  if (kind == "rotbench:slight") return std::make_unique<RotBenchShift>(Level::kSlight);
  if (kind == "rotbench:medium") return std::make_unique<RotBenchShift>(Level::kMedium);
  if (kind == "rotbench:heavy") return std::make_unique<RotBenchShift>(Level::kHeavy);
  if (kind == "rotbench:union") return std::make_unique<RotBenchShift>(Level::kUnion);
  for (const char* v : {"scrambled", "no-descriptions", "no-types"}) {
    if (kind == std::string("toolsandbox:") + v) return std::make_unique<ToolSandboxShift>(v);
  }
  return nullptr;
}

}  // namespace toolshift
