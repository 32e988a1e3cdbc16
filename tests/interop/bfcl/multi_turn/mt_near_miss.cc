#include "tests/interop/bfcl/multi_turn/mt_near_miss.h"

#include <map>

#include "src/interop/bfcl/multi_turn/mt_entry.h"
#include "src/interop/bfcl/multi_turn/mt_executor.h"
#include "src/interop/bfcl/py/py_call.h"

namespace toolshift::bfcl::near_miss {
namespace {

constexpr const char* kProse = "I have done what you asked.";
constexpr const char* kForceTerminated = "multi_turn:force_terminated";
constexpr const char* kEmptyTurn = "multi_turn:empty_turn_model_response";
// BFCL's MAXIMUM_STEP_LIMIT is 20: its inference loop stops after the 21st calling step.
constexpr int kStepsPastLimit = 21;

// One step of a result: what the model wrote and what BFCL's decoder keeps of it.
struct Step {
  Json raw;
  std::vector<std::string> decoded;  // empty: the step is dropped
};
using Turn = std::vector<Step>;

// A call that changes nothing any check sees, per class (no RNG draw, no state change).
const std::map<std::string, ToolCall>& ReadOnlyCalls() {
  static const std::map<std::string, ToolCall> calls = {
      {"GorillaFileSystem", {"pwd", Json::object()}},
      {"MessageAPI", {"message_get_login_status", Json::object()}},
      {"TwitterAPI", {"posting_get_login_status", Json::object()}},
      {"TicketAPI", {"ticket_get_login_status", Json::object()}},
      {"TradingBot", {"trading_get_login_status", Json::object()}},
      {"TravelAPI", {"travel_get_login_status", Json::object()}},
      {"VehicleControlAPI", {"check_tire_pressure", Json::object()}},
      {"MathAPI", {"mean", Json{{"numbers", Json::array({1.0, 2.0})}}}},
  };
  return calls;
}

Step Calls(const std::vector<ToolCall>& calls, Format f) {
  Step s;
  if (f == Format::kNative) {
    s.raw = Json::array();
    for (const auto& c : calls) s.raw.push_back(Json{{c.name, DumpJson(c.arguments)}});
  } else if (f == Format::kHermes) {
    std::string text;
    for (size_t i = 0; i < calls.size(); ++i) {
      text += (i ? "\n" : "") + std::string("<tool_call>\n") +
              DumpJson(Json{{"name", calls[i].name}, {"arguments", calls[i].arguments}}) + "\n</tool_call>";
    }
    s.raw = text;
  } else {
    std::string text = "[";
    for (size_t i = 0; i < calls.size(); ++i) text += (i ? ", " : "") + CallString(calls[i]);
    s.raw = text + "]";
  }
  for (const auto& c : calls) s.decoded.push_back(CallString(c));
  return s;
}

Step Prose() { return Step{Json(kProse), {}}; }

// Text that starts a call and breaks off: BFCL's decoder raises and the step is dropped.
Step Broken(Format f) {
  if (f == Format::kNative) return Step{Json::array({Json{{"pwd", "{\"not json"}}}), {}};
  if (f == Format::kHermes) return Step{Json("<tool_call>\n{\"name\": \"pwd\", \"arguments\": {\n</tool_call>"), {}};
  return Step{Json("[cd(folder='x'"), {}};
}

// A step that decodes to no call at all (BFCL: is_empty_execute_response).
Step Empty(Format f) {
  if (f == Format::kNative) return Step{Json::array(), {}};
  if (f == Format::kHermes) return Step{Json(""), {}};
  return Step{Json("[]"), {}};
}

class Builder {
 public:
  Builder(const Episode& e, Format f) : e_(e), f_(f), entry_(ReadEntry(e)) {
    for (const auto& cls : entry_.involved_classes) {
      if (auto it = ReadOnlyCalls().find(cls); it != ReadOnlyCalls().end() && read_only_.name.empty()) {
        read_only_ = it->second;
      }
    }
    for (size_t t = 0; t < entry_.ground_truth.size(); ++t) {
      if (first_ < 0 && !entry_.ground_truth[t].empty()) first_ = static_cast<int>(t);
    }
  }

  const std::vector<ToolCall>& Truth(size_t t) const {
    static const std::vector<ToolCall> none;
    return e_.multi->turns[t].plan.empty() ? none : e_.multi->turns[t].plan[0];
  }
  size_t n() const { return entry_.ground_truth.size(); }
  int first() const { return first_; }
  bool has_read_only() const { return !read_only_.name.empty(); }
  Step ReadOnly() const { return Calls({read_only_}, f_); }
  Format format() const { return f_; }
  const BfclEntry& entry() const { return entry_; }

  // The ground truth followed exactly: one step with the turn's calls, then prose.
  std::vector<Turn> Exact() const {
    std::vector<Turn> turns(n());
    for (size_t t = 0; t < n(); ++t) {
      if (!Truth(t).empty()) turns[t].push_back(Calls(Truth(t), f_));
      turns[t].push_back(Prose());
    }
    return turns;
  }

  NearMiss Make(std::string kind, const std::vector<Turn>& turns, std::string expect, int expect_turn = -1) const {
    NearMiss m;
    m.kind = std::move(kind);
    m.result = Json::array();
    for (const auto& turn : turns) {
      Json steps = Json::array();
      std::vector<std::vector<std::string>> kept;
      for (const auto& s : turn) {
        steps.push_back(s.raw);
        if (!s.decoded.empty()) kept.push_back(s.decoded);
      }
      m.result.push_back(std::move(steps));
      m.decoded.push_back(std::move(kept));
    }
    m.turns = turns.size();
    m.expect = std::move(expect);
    m.expect_turn = expect_turn;
    return m;
  }

 private:
  const Episode& e_;
  Format f_;
  BfclEntry entry_;
  ToolCall read_only_;
  int first_ = -1;
};

// One argument value changed the way a model gets it wrong; false when no argument can be.
bool MutateArgument(ToolCall& c) {
  for (auto it = c.arguments.begin(); it != c.arguments.end(); ++it) {
    Json& v = *it;
    if (v.is_string()) v = v.get<std::string>() + "_zq";
    else if (v.is_boolean()) v = !v.get<bool>();
    else if (v.is_number_integer()) v = v.get<int64_t>() + 1;
    else if (v.is_number_float()) v = v.get<double>() + 1.5;
    else if (v.is_array() && !v.empty() && v[0].is_string()) v.push_back("zq");
    else continue;
    return true;
  }
  return false;
}

void AddRuleKinds(const Builder& b, std::vector<NearMiss>& out) {
  const Format f = b.format();
  const size_t n = b.n();
  out.push_back(b.Make("exact", b.Exact(), "valid"));
  {
    auto turns = b.Exact();
    for (auto& t : turns) {
      t.insert(t.begin(), Broken(f));
      t.push_back(Broken(f));
    }
    out.push_back(b.Make("broken_steps", turns, "valid"));
  }
  {
    auto turns = b.Exact();
    for (auto& t : turns) t.insert(t.begin(), Empty(f));
    out.push_back(b.Make("empty_steps", turns, "valid"));
  }
  {
    std::vector<Turn> turns(n);
    for (size_t t = 0; t < n; ++t) {
      for (const auto& c : b.Truth(t)) turns[t].push_back(Calls({c}, f));
      turns[t].push_back(Prose());
    }
    out.push_back(b.Make("split_steps", turns, "valid"));
  }
  if (b.has_read_only()) {
    auto turns = b.Exact();
    for (size_t t = 0; t < n; ++t) {
      if (!b.Truth(t).empty()) turns[t].insert(turns[t].begin(), b.ReadOnly());
    }
    out.push_back(b.Make("extra_read_only", turns, "valid"));
    bool any = false;
    turns = b.Exact();
    for (size_t t = 0; t < n; ++t) {
      if (!b.Truth(t).empty()) continue;
      turns[t].insert(turns[t].begin(), b.ReadOnly());
      any = true;
    }
    if (any) out.push_back(b.Make("read_only_in_ask_turn", turns, "valid"));
  }
  if (b.first() < 0) return;
  const size_t first = static_cast<size_t>(b.first());
  if (b.has_read_only()) {
    // BFCL's checker has no step limit: a turn of 22 calling steps recorded in full is judged.
    auto turns = b.Exact();
    for (int i = 0; i < kStepsPastLimit; ++i) turns[first].insert(turns[first].end() - 1, b.ReadOnly());
    out.push_back(b.Make("over_step_limit", turns, "valid"));
    // BFCL's inference stops the entry at the 21st calling step: the turns after it are missing.
    turns = b.Exact();
    turns.resize(first + 1);
    turns[first].pop_back();  // no closing prose: the loop broke off
    for (int i = 0; i < kStepsPastLimit; ++i) turns[first].push_back(b.ReadOnly());
    out.push_back(b.Make("force_terminated", turns, first + 1 == n ? "valid" : kForceTerminated));
  }
  {
    auto turns = b.Exact();
    turns.pop_back();
    out.push_back(b.Make("missing_turn", turns, kForceTerminated));
    turns = b.Exact();
    turns.push_back({Prose()});
    out.push_back(b.Make("extra_turn", turns, kForceTerminated));
  }
  {
    auto turns = b.Exact();
    turns[first] = {Prose()};
    out.push_back(b.Make("empty_turn", turns, kEmptyTurn, static_cast<int>(first)));
  }
  NearMiss not_a_list;
  not_a_list.kind = "not_a_list";
  not_a_list.result = "[pwd()]";
  not_a_list.expect = "multi_turn:inference_error";
  out.push_back(std::move(not_a_list));
}

void AddRunKinds(const Builder& b, std::vector<NearMiss>& out) {
  const Format f = b.format();
  const size_t n = b.n();
  if (b.first() < 0) return;
  const size_t first = static_cast<size_t>(b.first());
  for (size_t t = first; t < n; ++t) {
    std::vector<ToolCall> calls = b.Truth(t);
    bool changed = false;
    for (auto& c : calls) {
      if ((changed = MutateArgument(c))) break;
    }
    if (!changed) continue;
    auto turns = b.Exact();
    turns[t][0] = Calls(calls, f);
    out.push_back(b.Make("wrong_arg", turns, ""));
    break;
  }
  {
    auto turns = b.Exact();
    std::vector<ToolCall> calls = b.Truth(first);
    calls.pop_back();
    if (calls.empty()) {
      turns[first] = {Prose()};
      out.push_back(b.Make("missing_call", turns, kEmptyTurn, static_cast<int>(first)));
    } else {
      turns[first][0] = Calls(calls, f);
      out.push_back(b.Make("missing_call", turns, ""));
    }
  }
  {
    auto turns = b.Exact();
    turns[first].insert(turns[first].end() - 1, Calls(b.Truth(first), f));
    out.push_back(b.Make("extra_state_call", turns, ""));
  }
  for (size_t t = first + 1; t < n; ++t) {
    if (b.Truth(t).empty()) continue;
    auto turns = b.Exact();
    turns[first].insert(turns[first].end() - 1, Calls({b.Truth(t)[0]}, f));
    out.push_back(b.Make("premature_call", turns, ""));
    break;
  }
  // miss_param / miss_func: a turn whose ground truth is empty (the model should ask or say it
  // cannot), acted on with the next turn's calls.
  for (size_t t = 0; t + 1 < n; ++t) {
    if (!b.Truth(t).empty() || b.Truth(t + 1).empty()) continue;
    auto turns = b.Exact();
    turns[t].insert(turns[t].begin(), Calls(b.Truth(t + 1), f));
    out.push_back(b.Make("act_in_ask_turn", turns, ""));
    // The calls made early and not repeated: the next turn has no decoded step.
    turns[t + 1] = {Prose()};
    out.push_back(b.Make("moved_to_ask_turn", turns, kEmptyTurn, static_cast<int>(t + 1)));
    break;
  }
  // An empty dict for a dict argument (edit_ticket's updates): the Python-list decoder fails on
  // it (parse_nested_value), the JSON decoders pass it on.
  for (size_t t = first; t < n; ++t) {
    std::vector<ToolCall> calls = b.Truth(t);
    bool changed = false;
    for (auto& c : calls) {
      for (auto it = c.arguments.begin(); it != c.arguments.end() && !changed; ++it) {
        if (it->is_object()) *it = Json::object(), changed = true;
      }
    }
    if (!changed) continue;
    auto turns = b.Exact();
    turns[t][0] = Calls(calls, f);
    if (f == Format::kPythonic) turns[t][0].decoded.clear();
    out.push_back(b.Make("empty_dict_argument", turns, ""));
    break;
  }
  if (f != Format::kPythonic) return;
  // The ground truth's own strings, positional arguments and all: BFCL's prompting decoder keeps
  // keyword arguments only.
  for (size_t t = 0; t < n; ++t) {
    const auto& gt = b.entry().ground_truth[t];
    bool positional = false;
    std::vector<std::string> kept;
    for (const auto& s : gt) {
      PyCall c = ParsePyCall(s);
      positional = positional || !c.args.empty();
      kept.push_back(WritePyCall(c.name, c.kwargs));
    }
    if (!positional) continue;
    auto turns = b.Exact();
    std::string text = "[";
    for (size_t i = 0; i < gt.size(); ++i) text += (i ? ", " : "") + gt[i];
    turns[t][0] = Step{Json(text + "]"), kept};
    out.push_back(b.Make("positional", turns, ""));
    break;
  }
}

// The same calls written the way models write them; BFCL's decoder reads some and drops others.
// `keeps` says whether it reads them; `all_turns` whether every turn is written so (otherwise
// only the first turn with ground truth, so a dropped step makes that turn empty).
struct Variant {
  const char* kind;
  Format format;
  bool keeps;
  bool all_turns;
};

constexpr Variant kVariants[] = {
    // strip("`\n "), then the brackets added: a bare call list and a plain fence decode...
    {"bare_calls", Format::kPythonic, true, true},
    {"fenced", Format::kPythonic, true, true},
    // ...a fence naming its language does not ("[python\n[...]]" is no Python list of calls),
    // nor do words before the list.
    {"fenced_python", Format::kPythonic, false, false},
    {"prose_before", Format::kPythonic, false, false},
    // Qwen FC: r"<tool_call>\n(.*?)\n</tool_call>" needs the newlines; json.loads takes padding
    // and arguments given as a JSON string; text around the blocks is ignored.
    {"tags_without_newlines", Format::kHermes, false, false},
    {"padded_json", Format::kHermes, true, true},
    {"string_arguments", Format::kHermes, true, true},
    {"think_before", Format::kHermes, true, true},
    // FC: arguments as an object are read as they are; one undecodable call drops the step.
    {"object_arguments", Format::kNative, true, true},
    {"one_bad_call", Format::kNative, false, false},
};

std::string Written(const Variant& v, const std::vector<ToolCall>& calls, Json* raw) {
  std::string text;
  if (v.format == Format::kPythonic) {
    for (size_t i = 0; i < calls.size(); ++i) text += (i ? ", " : "") + CallString(calls[i]);
    const std::string list = "[" + text + "]";
    if (std::string(v.kind) == "bare_calls") return text;
    if (std::string(v.kind) == "fenced") return "```\n" + list + "\n```";
    if (std::string(v.kind) == "fenced_python") return "```python\n" + list + "\n```";
    return "Sure, here is the call: " + list;
  }
  if (v.format == Format::kHermes) {
    for (size_t i = 0; i < calls.size(); ++i) {
      Json args = calls[i].arguments;
      if (std::string(v.kind) == "string_arguments") args = DumpJson(args);
      const std::string body = DumpJson(Json{{"name", calls[i].name}, {"arguments", args}});
      if (std::string(v.kind) == "tags_without_newlines") text += "<tool_call>" + body + "</tool_call>";
      else if (std::string(v.kind) == "padded_json") text += "<tool_call>\n  " + body + "  \n</tool_call>\n";
      else text += (i ? "\n" : "") + std::string("<tool_call>\n") + body + "\n</tool_call>";
    }
    if (std::string(v.kind) == "think_before") return "<think>\nThe user wants this done.\n</think>\n\n" + text;
    return text;
  }
  *raw = Json::array();
  for (const auto& c : calls) {
    if (std::string(v.kind) == "object_arguments") raw->push_back(Json{{c.name, c.arguments}});
    else raw->push_back(Json{{c.name, DumpJson(c.arguments)}});
  }
  if (std::string(v.kind) == "one_bad_call") raw->push_back(Json{{"pwd", "{\"unclosed"}});
  return "";
}

void AddDecoderKinds(const Builder& b, std::vector<NearMiss>& out) {
  if (b.first() < 0) return;
  for (const Variant& v : kVariants) {
    if (v.format != b.format()) continue;
    auto turns = b.Exact();
    for (size_t t = 0; t < b.n(); ++t) {
      if (b.Truth(t).empty() || (!v.all_turns && static_cast<int>(t) != b.first())) continue;
      Step s;
      const std::string text = Written(v, b.Truth(t), &s.raw);
      if (b.format() != Format::kNative) s.raw = text;
      if (v.keeps) s.decoded = Calls(b.Truth(t), b.format()).decoded;
      turns[t][0] = s;
    }
    if (v.keeps) out.push_back(b.Make(v.kind, turns, "valid"));
    else out.push_back(b.Make(v.kind, turns, kEmptyTurn, b.first()));
  }
  // A result with no turn at all.
  out.push_back(b.Make("no_turns", {}, kForceTerminated));
}

}  // namespace

const char* FormatName(Format f) {
  return f == Format::kNative ? "native" : f == Format::kHermes ? "hermes" : "pythonic";
}

std::vector<NearMiss> Generate(const Episode& episode, Format format) {
  const Builder b(episode, format);
  std::vector<NearMiss> out;
  AddRuleKinds(b, out);
  AddRunKinds(b, out);
  AddDecoderKinds(b, out);
  return out;
}

std::string CheckerVerdict(const Episode& episode, const NearMiss& m, int* failed_turn) {
  const BfclEntry entry = ReadEntry(episode);
  const BfclVerdict v = m.result.is_array() ? CheckMultiTurn(entry, m.decoded, m.turns) : InferenceError();
  *failed_turn = v.failed_turn;
  return v.valid ? "valid" : v.error_type;
}

}  // namespace toolshift::bfcl::near_miss
