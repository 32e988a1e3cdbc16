// Format shifts: the task stays, its form changes.
#include <algorithm>
#include <array>
#include <cctype>

#include "src/core/bfcl_prompt_config.h"
#include "src/core/dialect_names.h"
#include "src/shifts/rename.h"
#include "src/shifts/shift_kinds.h"

namespace toolshift {

std::string ToCamel(const std::string& snake) {
  std::string out;
  bool upper = false;
  for (char c : snake) {
    if (c == '_' || c == '-' || c == '.') {
      upper = !out.empty();
      continue;
    }
    out.push_back(upper ? static_cast<char>(std::toupper(static_cast<unsigned char>(c))) : c);
    upper = false;
  }
  if (out.empty()) return snake;
  // Dropping the leading separators must not leave a leading digit ("_5G_X" is an identifier,
  // "5GX" is not in any dialect): keep one underscore in front.
  if (std::isdigit(static_cast<unsigned char>(out[0]))) out.insert(out.begin(), '_');
  return out;
}

std::map<std::string, std::string> ToolNameMap(const Episode& e) {
  std::map<std::string, std::string> m;
  for (const auto& t : e.tools) m[t.name] = t.name;
  return m;
}

std::map<std::string, std::string> ParamNameMap(const Tool& t) {
  std::map<std::string, std::string> m;
  for (const auto& p : t.PropertyNames()) m[p] = p;
  return m;
}

namespace {

class DialectShift : public Shift {
 public:
  explicit DialectShift(std::string dialect) : dialect_(std::move(dialect)) {}
  std::string kind() const override { return "dialect:" + dialect_; }
  bool AppliesTo(const Episode& e) const override { return e.dialect != dialect_; }
  Episode Apply(const Episode& base, SplitMix64&) const override {
    Episode e = base;
    e.dialect = dialect_;
    e.presentation.prompt = PromptVariantFor(e.presentation.prompt, dialect_);
    return e;
  }

 private:
  std::string dialect_;
};

class SchemaShift : public Shift {
 public:
  explicit SchemaShift(std::string style) : style_(std::move(style)) {}
  std::string kind() const override { return "schema:" + style_; }
  Episode Apply(const Episode& base, SplitMix64&) const override {
    Episode e = base;
    e.presentation.schema = style_;
    return e;
  }

 private:
  std::string style_;
};

// Synonyms for parameter names the built-in domains use, and common ones elsewhere.
const std::map<std::string, std::string>& ParamSynonyms() {
  static const std::map<std::string, std::string> kSynonyms = {
      {"city", "location"}, {"date", "day"}, {"amount", "sum"}, {"query", "search_terms"}, {"title", "heading"},
      {"name", "label"}, {"unit", "units"}, {"days", "num_days"}, {"account", "account_type"}, {"payee", "recipient"},
      {"quantity", "count"}, {"codes", "coupon_codes"}, {"order_id", "order_number"}, {"origin", "from_airport"},
      {"destination", "to_airport"}, {"passengers", "travellers"}, {"nights", "stay_length"}, {"level", "volume"},
      {"songs", "tracks"}, {"artist", "performer"}, {"message", "text"}, {"recipient", "to"}, {"path", "file_path"},
      {"content", "body"}, {"subject", "topic"}, {"value", "input_value"}, {"device", "device_name"},
      {"event_id", "event_identifier"}, {"start_time", "begins_at"}, {"attendees", "guests_list"}};
  return kSynonyms;
}

const std::map<std::string, std::string>& VerbSynonyms() {
  static const std::map<std::string, std::string> kVerbs = {
      {"get", "fetch"}, {"create", "make"}, {"search", "find"}, {"list", "show"}, {"delete", "remove"},
      {"set", "change"}, {"add", "append"}, {"send", "dispatch"}, {"book", "reserve"}, {"play", "start"},
      {"convert", "transform"}, {"pay", "settle"}, {"transfer", "move"}, {"track", "follow"}, {"apply", "use"},
      {"read", "open"}, {"write", "save"}, {"turn", "switch"}, {"compute", "calculate"}, {"find", "locate"}};
  return kVerbs;
}

class RenameParamsShift : public Shift {
 public:
  std::string kind() const override { return "rename-params"; }
  Episode Apply(const Episode& base, SplitMix64& rng) const override {
    Episode e = base;
    const int style = static_cast<int>(rng.Below(3));  // one style per episode, as a renamed API would be
    for (const auto& t : base.tools) {
      auto names = ParamNameMap(t);
      for (auto& [from, to] : names) {
        auto syn = ParamSynonyms().find(from);
        if (style == 0) to = ToCamel(from) != from ? ToCamel(from) : from + "Value";
        else if (style == 1) to = syn != ParamSynonyms().end() ? syn->second : "the_" + from;
        else to = "p_" + from;
      }
      Deduplicate(names);
      RenameParams(e, t.name, names);
    }
    return e;
  }
};

class RenameToolsShift : public Shift {
 public:
  std::string kind() const override { return "rename-tools"; }
  Episode Apply(const Episode& base, SplitMix64& rng) const override {
    Episode e = base;
    const int style = static_cast<int>(rng.Below(3));
    auto names = ToolNameMap(base);
    for (auto& [from, to] : names) {
      const size_t us = from.find('_');
      const std::string verb = from.substr(0, us);
      auto syn = VerbSynonyms().find(verb);
      if (style == 0) to = syn != VerbSynonyms().end() ? syn->second + (us == std::string::npos ? "" : from.substr(us)) : "do_" + from;
      else if (style == 1) to = ToCamel(from) != from ? ToCamel(from) : from + "Fn";
      else to = "api_v2_" + from;
    }
    Deduplicate(names);
    RenameTools(e, names);
    return e;
  }
};

class ShuffleOrderShift : public Shift {
 public:
  std::string kind() const override { return "shuffle-order"; }
  Episode Apply(const Episode& base, SplitMix64& rng) const override {
    Episode e = base;
    // Reversal guarantees a visible change for two items; a shuffle on top varies longer lists.
    std::reverse(e.tools.begin(), e.tools.end());
    Shuffle(e.tools.Mutable(), rng);
    for (auto& t : e.tools) {
      std::vector<std::string> names = t.PropertyNames();
      if (names.size() < 2) continue;
      std::reverse(names.begin(), names.end());
      Shuffle(names, rng);
      Json props = Json::object();
      for (const auto& n : names) props[n] = t.parameters["properties"][n];
      t.parameters["properties"] = std::move(props);
    }
    return e;
  }
};

class SystemTemplateShift : public Shift {
 public:
  std::string kind() const override { return "system-template"; }
  Episode Apply(const Episode& base, SplitMix64& rng) const override {
    static const std::array<const char*, 5> kTemplates = {
        "You are an API orchestration engine. Read the request, decide which functions to invoke, and emit the "
        "invocations exactly as specified below. Do not explain.",
        "SYSTEM: Assistant mode = tool use. Follow the calling convention strictly.",
        "Du bist ein hilfreicher Assistent mit Zugriff auf Werkzeuge. Antworte im unten beschriebenen Format.",
        "You are Max, a cheerful concierge bot. Be concise. When an action is needed, use the tools provided.",
        "Knowledge cutoff: 2024-06. Current date: 2027-01-01. You may call functions to satisfy the user's request."};
    Episode e = base;
    const std::string text = kTemplates[rng.Below(kTemplates.size())];
    if (!e.messages.empty() && e.messages.front().role == Role::kSystem) e.messages.front().content = text;
    else e.messages.insert(e.messages.begin(), Message{Role::kSystem, text, {}});
    return e;
  }
};

class ControlTokenShift : public Shift {
 public:
  std::string kind() const override { return "control-tokens"; }
  bool AppliesTo(const Episode& e) const override { return e.dialect == "hermes"; }
  Episode Apply(const Episode& base, SplitMix64& rng) const override {
    static const std::array<std::pair<const char*, const char*>, 5> kTags = {{
        {"<function_call>", "</function_call>"},
        {"[TOOL_CALL]", "[/TOOL_CALL]"},
        {"<|tool_call_begin|>", "<|tool_call_end|>"},
        {"<call>", "</call>"},
        {"<<CALL>>", "<</CALL>>"},
    }};
    Episode e = base;
    const auto& [open, close] = kTags[rng.Below(kTags.size())];
    e.presentation.call_open = open;
    e.presentation.call_close = close;
    return e;
  }
};

class DescribeNoiseShift : public Shift {
 public:
  std::string kind() const override { return "describe-noise"; }
  Episode Apply(const Episode& base, SplitMix64& rng) const override {
    Episode e = base;
    for (auto& t : e.tools) {
      t.description = Noisy(Paraphrase(t.description, rng), rng);
      if (!t.parameters.contains("properties")) continue;
      for (auto it = t.parameters["properties"].begin(); it != t.parameters["properties"].end(); ++it) {
        if (it->contains("description")) (*it)["description"] = Noisy((*it)["description"].get<std::string>(), rng);
      }
    }
    return e;
  }

 private:
  static std::string Paraphrase(const std::string& d, SplitMix64& rng) {
    static const std::array<const char*, 4> kLeads = {"This function lets you ", "Use this to ", "Tool that will ",
                                                      "Helper: "};
    if (d.empty()) return d;
    std::string body = d;
    body[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(body[0])));
    return kLeads[rng.Below(kLeads.size())] + body;
  }
  // Swaps two adjacent letters in about one word in five: typos a reader recovers from.
  static std::string Noisy(std::string s, SplitMix64& rng) {
    for (size_t i = 0; i + 2 < s.size(); ++i) {
      if (std::isalpha(static_cast<unsigned char>(s[i])) && std::isalpha(static_cast<unsigned char>(s[i + 1])) &&
          (i == 0 || s[i - 1] == ' ') && rng.Below(5) == 0) {
        std::swap(s[i + 1], s[i + 2]);
      }
    }
    return s;
  }
};

// One of BFCL's prompt configurations (its format-sensitivity study): BFCL's system prompt,
// function-doc format and return format, decoded as BFCL decodes it. The kind names the
// configuration as BFCL does: "bfcl-prompt:ret_fmt=json&tool_call_tag=True&...".
class BfclPromptShift : public Shift {
 public:
  explicit BfclPromptShift(BfclPromptConfig config) : config_(std::move(config)) {}
  std::string kind() const override { return std::string(kBfclPromptShiftPrefix) + config_.ToString(); }
  bool AppliesTo(const Episode& e) const override {
    if (e.IsMultiStep()) return false;  // BFCL asks single-turn records only
    return e.dialect != "bfcl" || ParseBfclPromptConfig(e.presentation.bfcl_prompt.empty()
                                                            ? kBfclDefaultPromptConfig
                                                            : std::string_view(e.presentation.bfcl_prompt)) != config_;
  }
  Episode Apply(const Episode& base, SplitMix64&) const override {
    Episode e = base;
    e.dialect = "bfcl";
    e.presentation = Presentation{};
    const std::string text = config_.ToString();
    if (text != kBfclDefaultPromptConfig) e.presentation.bfcl_prompt = text;
    return e;
  }

 private:
  BfclPromptConfig config_;
};

}  // namespace

std::vector<std::string> BfclPromptShiftKinds() {
  std::vector<std::string> kinds;
  for (const auto& c : BfclFormatSensitivityConfigs()) kinds.push_back(std::string(kBfclPromptShiftPrefix) + c.ToString());
  return kinds;
}

std::vector<std::string> FormatShiftKinds() {
  std::vector<std::string> kinds;
  for (auto d : kDialectNames) kinds.push_back("dialect:" + std::string(d));
  for (auto s : kSchemaStyles) {
    if (s != "json") kinds.push_back("schema:" + std::string(s));
  }
  for (const char* k : {"rename-params", "rename-tools", "describe-noise", "shuffle-order", "system-template", "control-tokens"}) {
    kinds.push_back(k);
  }
  return kinds;
}

std::unique_ptr<Shift> MakeFormatShift(const std::string& kind) {
  if (kind.rfind("dialect:", 0) == 0) {
    const std::string d = kind.substr(8);
    return IsKnownDialect(d) ? std::make_unique<DialectShift>(d) : nullptr;
  }
  if (kind.rfind("schema:", 0) == 0) {
    const std::string s = kind.substr(7);
    for (auto style : kSchemaStyles) {
      if (style == s) return std::make_unique<SchemaShift>(s);
    }
    return nullptr;
  }
  if (kind == "rename-params") return std::make_unique<RenameParamsShift>();
  if (kind == "rename-tools") return std::make_unique<RenameToolsShift>();
  if (kind == "shuffle-order") return std::make_unique<ShuffleOrderShift>();
  if (kind == "system-template") return std::make_unique<SystemTemplateShift>();
  if (kind == "control-tokens") return std::make_unique<ControlTokenShift>();
  if (kind == "describe-noise") return std::make_unique<DescribeNoiseShift>();
  if (kind.rfind(kBfclPromptShiftPrefix, 0) == 0) {
    auto config = ParseBfclPromptConfig(std::string_view(kind).substr(kBfclPromptShiftPrefix.size()));
    return config ? std::make_unique<BfclPromptShift>(*config) : nullptr;
  }
  return nullptr;
}

}  // namespace toolshift
