#include "src/interop/acebench/ace_pack.h"

#include "src/core/input_error.h"
#include "src/interop/acebench/ace_agent_pack.h"
#include "src/interop/acebench/ace_decode.h"
#include "src/interop/acebench/ace_summary.h"

namespace toolshift::acebench {
namespace {

// Normal and special records have no state: their one reply is judged, not run.
class SingleShotSession : public PackSession {
 public:
  std::vector<Json> Execute(const std::vector<ToolCall>& calls) override {
    return std::vector<Json>(calls.size(), Json("(not run: the record is judged on this reply alone)"));
  }
  TurnOpening BeginTurn(int) override { return {}; }
  Json State() const override { return Json::object(); }
};

// Calls as the model made them, in ACEBench's names (tools shown under an alias, renamed or
// given renamed parameters by a format shift are translated back; arguments a shift added dropped).
void ToAceNames(const MultiStepTask& task, std::vector<AceCall>& calls) {
  for (auto& c : calls) {
    auto it = task.names.find(c.name);
    if (it == task.names.end()) continue;
    c.name = it->second.tool;
    bfcl::PyDict args;
    for (const auto& [k, v] : c.args.items()) {
      const std::string key = bfcl::PyStr(k);
      auto p = it->second.params.find(key);
      if (p != it->second.params.end() && p->second.empty()) continue;
      args.Set(bfcl::PyValue::Str(p == it->second.params.end() ? key : p->second), v);
    }
    c.args = std::move(args);
  }
}

bool WhitespaceFree(std::string_view category) { return category.rfind("normal_multi_turn", 0) == 0; }

enum class Reading { kPythonList, kToolCall, kDialect };

Reading ReadingOf(const Episode& episode, const Message& reply) {
  if (!reply.tool_calls.empty()) return Reading::kDialect;  // structured calls, whatever the dialect
  if (episode.dialect == "pythonic") return Reading::kPythonList;
  if (episode.dialect == "hermes" && episode.presentation.call_open.empty()) return Reading::kToolCall;
  return Reading::kDialect;
}

FailureCategory FailureOf(const std::string& error_type) {
  if (error_type == "wrong_output_format") return FailureCategory::kMalformed;
  if (error_type == "wrong functions number") return FailureCategory::kWrongCount;
  if (error_type == "function_mismatch" || error_type == "wrong_function_name") return FailureCategory::kWrongTool;
  if (error_type == "lack_args" || error_type == "wrong_param") return FailureCategory::kMissingArg;
  if (error_type == "addition_args") return FailureCategory::kExtraArg;
  if (error_type == "type_error") return FailureCategory::kWrongType;
  if (error_type == "error_detection" || error_type == "error_correction") return FailureCategory::kWrongAnswer;
  return FailureCategory::kWrongValue;
}

}  // namespace

std::string AceCategoryOfId(std::string_view id) {
  std::string s(id);
  const int cuts = s.rfind("normal_multi_turn", 0) == 0 ? 2 : 1;
  for (int i = 0; i < cuts; ++i) {
    const size_t us = s.rfind('_');
    if (us == std::string::npos) return "";
    s.resize(us);
  }
  return s;
}

const std::vector<std::string>& AceCategories() {
  static const std::vector<std::string> kAll = {
      "normal_single_turn_single_function", "normal_single_turn_parallel_function", "normal_multi_turn_user_adjust",
      "normal_multi_turn_user_switch",      "normal_similar_api",                   "normal_preference",
      "normal_atom_bool",                   "normal_atom_enum",                     "normal_atom_number",
      "normal_atom_list",                   "normal_atom_object_deep",              "normal_atom_object_short",
      "special_incomplete",                 "special_error_param",                  "special_irrelevant",
      "agent_multi_turn",                   "agent_multi_step"};
  return kAll;
}

bool IsNormalCategory(std::string_view c) {
  for (size_t i = 0; i < 12; ++i) {
    if (AceCategories()[i] == c) return true;
  }
  return false;
}
bool IsSpecialCategory(std::string_view c) {
  return c == "special_incomplete" || c == "special_error_param" || c == "special_irrelevant";
}
bool IsAgentCategory(std::string_view c) { return c == "agent_multi_turn" || c == "agent_multi_step"; }

AceEntry ReadAceEntry(const Episode& episode) {
  if (!episode.multi) throw FieldError("multi_step", "an ACEBench episode is multi-step");
  const Json& d = episode.multi->pack_data;
  const std::string f = "multi_step.pack_data.";
  AceEntry e;
  auto str = [&](const char* key, bool required) -> std::string {
    auto it = d.find(key);
    if (it == d.end()) {
      if (required) throw FieldError(f + key, "missing");
      return "";
    }
    if (!it->is_string()) throw FieldError(f + key, "expected a string");
    return it->get<std::string>();
  };
  e.id = str("id", true);
  e.category = str("category", true);
  if (!IsNormalCategory(e.category) && !IsSpecialCategory(e.category) && !IsAgentCategory(e.category)) {
    throw FieldError(f + "category", "'" + e.category + "' is not an ACEBench category");
  }
  const std::string lang = str("language", true);
  if (lang != "en" && lang != "zh") throw FieldError(f + "language", "expected \"en\" or \"zh\"");
  e.chinese = lang == "zh";
  e.unpassable = str("unpassable", false);
  auto fn = d.find("functions");
  if (fn == d.end() || !fn->is_array()) throw FieldError(f + "functions", "expected the record's function list");
  e.functions = &*fn;
  auto gt = d.find("ground_truth");
  if (gt == d.end()) throw FieldError(f + "ground_truth", "missing");
  e.ground_truth = &*gt;
  return e;
}

AceVerdict JudgeReply(const Episode& episode, const AceEntry& entry, const Message& reply) {
  // A reply past a limit (--max-output-bytes, nesting) is not read, as a run never reads one.
  if (!reply.unread.empty()) return AceVerdict{false, "wrong_output_format", "the reply was not read: " + reply.unread};
  if (IsSpecialCategory(entry.category)) return CheckSpecial(entry.category, reply.content, *entry.ground_truth);
  std::vector<AceCall> calls;
  const bool ws_free = WhitespaceFree(entry.category);
  switch (ReadingOf(episode, reply)) {
    case Reading::kPythonList:
    case Reading::kToolCall: {
      const DecodeResult d = ReadingOf(episode, reply) == Reading::kPythonList ? DecodePythonList(reply.content, ws_free)
                                                                               : DecodeToolCalls(reply.content, ws_free);
      if (!d.ok) return AceVerdict{false, "wrong_output_format", "Invalid syntax. Failed to decode AST. " + d.error};
      calls = d.calls;
      break;
    }
    case Reading::kDialect: {
      const auto dialect = MakeDialect(episode.dialect, episode.presentation);
      const ParseResult p = dialect ? dialect->Parse(reply, episode.tools) : ParseResult::Malformed("unknown dialect");
      if (p.status == ParseResult::Status::kMalformed) {
        return AceVerdict{false, "wrong_output_format", "Invalid syntax. " + p.error};
      }
      calls = FromToolCalls(p.calls);
      break;
    }
  }
  ToAceNames(*episode.multi, calls);
  return CheckNormal(calls, *entry.ground_truth, *entry.functions);
}

namespace {
bool IsAgentEpisode(const Episode& episode) { return IsAgentCategory(ReadAceEntry(episode).category); }
}  // namespace

void AcePack::Validate(const Episode& episode) const {
  const AceEntry entry = ReadAceEntry(episode);
  if (IsAgentCategory(entry.category)) ReadAgentEntry(episode);
}

PackRules AcePack::rules(const Episode& episode) const {
  if (IsAgentEpisode(episode)) return AgentRules();
  PackRules r;
  r.malformed_ends_turn = true;
  r.detect_loops = false;
  r.single_reply = true;
  return r;
}

std::vector<std::string> AcePack::InitialTools(const Episode& episode) const {
  std::vector<std::string> out;
  for (const auto& t : episode.tools) out.push_back(t.name);
  return out;
}

std::unique_ptr<PackSession> AcePack::Start(const Episode& episode) const {
  if (IsAgentEpisode(episode)) return StartAgent(episode);
  return std::make_unique<SingleShotSession>();
}

std::vector<Message> AcePack::Render(const Dialect& dialect, const std::vector<ToolCall>& calls,
                                     const std::vector<Json>& results) const {
  return RenderAgent(dialect, calls, results);  // single-shot records never show results
}

ParseResult AcePack::Parse(const Episode& episode, const Dialect& dialect, const Message& reply,
                           const ReplyLimits& limits) const {
  const std::string category = ReadAceEntry(episode).category;
  if (IsAgentCategory(category)) return ParseAgentReply(episode, dialect, reply, limits);
  const ParseResult bounded = ParseWithinLimits(dialect, reply, episode.tools, limits);
  if (!reply.unread.empty()) return bounded;
  const Reading reading = ReadingOf(episode, reply);
  if (reading == Reading::kDialect) return bounded;
  const bool ws_free = WhitespaceFree(category);
  const DecodeResult d = reading == Reading::kPythonList ? DecodePythonList(reply.content, ws_free)
                                                         : DecodeToolCalls(reply.content, ws_free);
  if (!d.ok) {
    if (IsSpecialCategory(category)) return ParseResult::NoCall();  // the special categories' sentence is an answer
    // Prose (a special category's sentence, a refusal) is an answer, not a broken call.
    if (reply.content.find_first_of(reading == Reading::kPythonList ? "[(" : "<") == std::string::npos) return ParseResult::NoCall();
    return ParseResult::Malformed(d.error);
  }
  if (d.calls.empty()) return ParseResult::NoCall();
  return ParseResult::Calls(ToToolCalls(d.calls));
}

EpisodeVerdict AcePack::Score(const Episode& episode, const Trajectory& t) const {
  const AceEntry entry = ReadAceEntry(episode);
  if (IsAgentCategory(entry.category)) return ScoreAgent(episode, t);
  EpisodeVerdict v;
  TrajectoryVerdict tv;
  tv.steps = static_cast<int>(t.steps.size());
  tv.minimal_steps = 1;
  tv.end = std::string(EndName(t.end));
  AceVerdict a;
  if (t.steps.empty()) {
    a = AceVerdict{false, "wrong_output_format", "no reply"};
  } else {
    v.parse = t.steps.front().parse;
    a = JudgeReply(episode, entry, t.steps.front().reply);
  }
  tv.error_type = a.valid ? "" : a.error_type;
  tv.per_turn.push_back({0, a.valid ? "ok" : a.error_type, a.error});
  for (const auto& s : t.steps) {
    tv.per_step.push_back({s.turn, std::string(StepKindName(s.kind)), s.kind == TrajectoryStep::Kind::kMalformed ? "malformed" : "ok",
                           s.kind == TrajectoryStep::Kind::kMalformed ? s.parse.error : ""});
  }
  v.correct = a.valid;
  if (!a.valid) {
    v.failure = FailureOf(a.error_type);
    v.detail = a.error_type + ": " + a.error;
    if (!entry.unpassable.empty()) v.detail += " (no reply can pass this record: " + entry.unpassable + ")";
  }
  v.trajectory = std::move(tv);
  return v;
}

Json AcePack::Summary(const std::vector<PackOutcome>& outcomes) const { return Summarize(outcomes); }

Json PackEpisodeJson(const std::string& id, const std::string& category, const std::string& dialect, Json tools,
                     Json messages, Json multi) {
  Json ep = Json::object();
  ep["id"] = id;
  ep["domain"] = category;
  ep["category"] = "multi_step";
  ep["dialect"] = dialect;
  ep["tools"] = std::move(tools);
  ep["messages"] = std::move(messages);
  ep["expected"] = Json::array();
  ep["multi_step"] = std::move(multi);
  return ep;
}

}  // namespace toolshift::acebench
