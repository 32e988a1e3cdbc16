#include "src/interop/bfcl/multi_turn/mt_pack.h"

#include <set>

#include "src/core/input_error.h"
#include "src/dialects/observation.h"
#include "src/interop/bfcl/multi_turn/mt_decode.h"
#include "src/interop/bfcl/multi_turn/mt_executor.h"
#include "src/interop/bfcl/multi_turn/mt_import.h"
#include "src/interop/bfcl/multi_turn/mt_prepared.h"
#include "src/scoring/reply_limits.h"

namespace toolshift::bfcl {
namespace {

constexpr std::string_view kErrorPrefix = "Error during execution: ";

// The environment's (BFCL's) name of a tool the episode shows under `shown`.
std::string EnvNameOf(const MultiStepTask& task, const std::string& shown) {
  auto it = task.names.find(shown);
  return it == task.names.end() ? shown : it->second.tool;
}

// The shown names of the episode's tools, leaving out those held out after turn `turn`.
std::vector<std::string> ToolsOfferedAt(const Episode& ep, const BfclEntry& entry, int turn) {
  std::set<std::string> held;
  for (const auto& [t, names] : entry.missed_function) {
    if (t > turn) held.insert(names.begin(), names.end());
  }
  std::vector<std::string> out;
  for (const auto& tool : ep.tools) {
    if (!held.count(EnvNameOf(*ep.multi, tool.name))) out.push_back(tool.name);
  }
  return out;
}

// BFCL's function doc of an episode tool, as its prompting message prints it (without the
// language hint BFCL adds only to the functions it offers from the start).
PyValue DocOf(const Tool& tool, const std::string& env_name, const BfclEntry& entry) {
  std::string description = tool.description;
  if (description.size() >= kPythonHint.size() &&
      description.compare(description.size() - kPythonHint.size(), kPythonHint.size(), kPythonHint) == 0) {
    description.resize(description.size() - kPythonHint.size());
  }
  PyDict doc;
  doc.Set("name", PyValue::Str(tool.name));
  doc.Set("description", PyValue::Str(description));
  doc.Set("parameters", FromJson(tool.parameters));
  if (entry.responses) {
    if (auto r = entry.responses->find(env_name); r != entry.responses->end()) doc.Set("response", FromJson(*r));
  }
  return PyValue::Dict(std::move(doc));
}

class Session : public PackSession {
 public:
  explicit Session(const Episode& ep)
      : episode_(ep),
        entry_(ReadEntry(ep)),
        prepared_(PrepareEntry(entry_)),
        executor_(process_, entry_, "toolshift", nullptr, &prepared_->scenarios()) {
    executor_.Ensure();  // BFCL creates the instances before the first query (for its state log)
  }

  std::vector<Json> Execute(const std::vector<ToolCall>& calls) override {
    std::vector<Json> out;
    out.reserve(calls.size());
    for (const auto& c : calls) out.emplace_back(executor_.Run(CallString(c)));
    return out;
  }

  TurnOpening BeginTurn(int turn) override {
    TurnOpening o;
    auto missed = entry_.missed_function.find(turn);
    if (missed == entry_.missed_function.end()) {
      o.messages.push_back(Message{Role::kUser, episode_.multi->turns[static_cast<size_t>(turn)].user, {}});
      return o;
    }
    if (episode_.dialect == "native") {
      o.messages.push_back(Message{Role::kUser, std::string(kAdditionalFunctionMessage), {}});
      o.offered_tools = ToolsOfferedAt(episode_, entry_, turn);
      return o;
    }
    PyList docs;
    for (const auto& env_name : missed->second) {
      for (const auto& tool : episode_.tools) {
        if (EnvNameOf(*episode_.multi, tool.name) == env_name) docs.push_back(DocOf(tool, env_name, entry_));
      }
    }
    o.messages.push_back(
        Message{Role::kUser, PyStr(PyValue::List(std::move(docs))) + "\n" + std::string(kAdditionalFunctionMessage), {}});
    return o;
  }

  Json State() const override {
    Json j = Json::object();
    for (const auto& [cls, inst] : executor_.instances()) j[cls] = ToJson(PyValue::Dict(inst->PublicState()));
    return j;
  }

 private:
  const Episode& episode_;
  BfclEntry entry_;
  std::shared_ptr<const PreparedEntry> prepared_;  // the entry's initial state as Python values
  BfclProcess process_;  // the inference run's own Python process
  BfclExecutor executor_;
};

// A result as the dialect shows it: JSON results (most are) as JSON, other text as a string.
Json Shown(const Json& result) {
  if (!result.is_string()) return result;
  const std::string& text = result.get_ref<const std::string&>();
  if (!text.empty() && (text.front() == '{' || text.front() == '[')) {
    Json j = Json::parse(text, nullptr, /*allow_exceptions=*/false);
    if (!j.is_discarded()) return j;
  }
  return result;
}

std::string Text(const Json& result) { return result.is_string() ? result.get<std::string>() : DumpJson(result); }

}  // namespace

void MultiTurnPack::Validate(const Episode& episode) const {
  const BfclEntry entry = ReadEntry(episode);
  for (size_t i = 0; i < entry.involved_classes.size(); ++i) {
    if (!FindApiClass(entry.involved_classes[i])) {
      throw FieldError("multi_step.pack_data.involved_classes[" + std::to_string(i) + "]",
                       "'" + entry.involved_classes[i] + "' is not one of BFCL's multi-turn API classes");
    }
  }
}

PackRules MultiTurnPack::rules(const Episode&) const {
  PackRules r;
  r.malformed_ends_turn = true;
  r.max_calling_steps_per_turn = kMaximumStepLimit;
  r.detect_loops = false;
  return r;
}

std::vector<std::string> MultiTurnPack::InitialTools(const Episode& episode) const {
  return ToolsOfferedAt(episode, ReadEntry(episode), 0);
}

std::unique_ptr<PackSession> MultiTurnPack::Start(const Episode& episode) const {
  return std::make_unique<Session>(episode);
}

ParseResult MultiTurnPack::Parse(const Episode& episode, const Dialect& dialect, const Message& reply,
                                 const ReplyLimits& limits) const {
  // A reply over the limits is not read at all. (The limit is asked for by name: a dialect's own
  // parse error may quote an argument such as "budget_limit", which says nothing about limits.)
  if (std::string why = UnreadReason(reply, limits); !why.empty()) return ParseResult::Malformed(why);
  ParseResult decoded;
  if (!reply.tool_calls.empty()) decoded = DecodeFcCalls(reply.tool_calls);  // structured calls, whatever the dialect
  else if (dialect.name() == "pythonic") decoded = DecodePromptingStep(reply.content);
  else if (dialect.name() == "hermes" && episode.presentation.call_open.empty()) decoded = DecodeQwenFcStep(reply.content);
  else return ParseWithinLimits(dialect, reply, episode.tools, limits);
  if (decoded.calls.size() > limits.max_calls) {
    return ParseResult::Malformed(std::to_string(decoded.calls.size()) + " calls in one reply exceed --max-calls " +
                                  std::to_string(limits.max_calls));
  }
  return decoded;
}

std::vector<Message> MultiTurnPack::Render(const Dialect& dialect, const std::vector<ToolCall>& calls,
                                           const std::vector<Json>& results) const {
  std::vector<Message> out;
  if (dialect.is_native()) {
    for (size_t i = 0; i < calls.size(); ++i) out.push_back(Message{Role::kTool, Text(results[i]), {}, calls[i].id, calls[i].name});
    return out;
  }
  if (dialect.name() == "hermes") {
    // Qwen's chat template: consecutive tool messages as one user turn of <tool_response> blocks.
    std::string text;
    for (size_t i = 0; i < results.size(); ++i) {
      text += (i ? "\n" : "") + std::string("<tool_response>\n") + Text(results[i]) + "\n</tool_response>";
    }
    out.push_back(Message{Role::kUser, std::move(text), {}});
    return out;
  }
  std::vector<Json> shown;
  for (const auto& r : results) shown.push_back(Shown(r));
  return RenderObservations(dialect, calls, shown);
}

DecodedTurns DecodedTurnsOf(const Trajectory& t) {
  DecodedTurns out;
  for (const auto& s : t.steps) {
    if (s.turn < 0) continue;
    if (out.size() <= static_cast<size_t>(s.turn)) out.resize(static_cast<size_t>(s.turn) + 1);
    if (s.kind != TrajectoryStep::Kind::kCalls || s.calls.empty()) continue;
    std::vector<std::string> step;
    for (const auto& c : s.calls) step.push_back(CallString(c));
    out[static_cast<size_t>(s.turn)].push_back(std::move(step));
  }
  return out;
}

size_t RecordedTurnsOf(const Episode& episode, const Trajectory& t) {
  if (t.recorded_turns >= 0) return static_cast<size_t>(t.recorded_turns);
  if (t.end == Trajectory::End::kFinished) return episode.multi->turns.size();
  return t.steps.empty() ? 0 : static_cast<size_t>(t.steps.back().turn) + 1;
}

EpisodeVerdict ToEpisodeVerdict(const Episode& episode, const Trajectory& t, const BfclVerdict& b,
                                const std::vector<std::vector<std::string>>* model_results) {
  EpisodeVerdict v;
  TrajectoryVerdict tv;
  tv.steps = static_cast<int>(t.steps.size());
  tv.minimal_steps = episode.multi->MinimalSteps();
  tv.end = std::string(EndName(t.end));
  tv.state_diff = b.state_diff;
  tv.error_type = b.error_type;
  for (const auto& tc : b.turns) tv.per_turn.push_back({tc.turn, tc.verdict, tc.detail});
  size_t next_played = 0;  // the next step of model_results
  for (const auto& s : t.steps) {
    StepVerdict sv{s.turn, std::string(StepKindName(s.kind)), "ok", ""};
    if (s.kind == TrajectoryStep::Kind::kMalformed) {
      sv.verdict = "malformed";
      sv.detail = s.parse.error;
      if (v.parse.status != ParseResult::Status::kMalformed) v.parse = s.parse;
    }
    // The steps DecodedTurnsOf gives the checker, in the same order.
    const bool checked = s.turn >= 0 && s.kind == TrajectoryStep::Kind::kCalls && !s.calls.empty();
    const std::vector<std::string>* played = nullptr;
    if (checked && model_results && next_played < model_results->size()) played = &(*model_results)[next_played];
    if (checked) ++next_played;
    const size_t n_results = s.results.empty() && played ? played->size() : s.results.size();
    for (size_t c = 0; c < n_results && c < s.calls.size(); ++c) {
      const std::string text = s.results.empty() ? (*played)[c] : Text(s.results[c]);
      if (text.rfind(kErrorPrefix, 0) != 0) continue;
      ++tv.tool_errors;
      if (sv.verdict == "ok") {
        sv.verdict = "tool_error";
        sv.detail = s.calls[c].name + ": " + text.substr(kErrorPrefix.size());
      }
    }
    tv.per_step.push_back(std::move(sv));
  }
  if (v.parse.status != ParseResult::Status::kMalformed && !t.steps.empty()) v.parse = t.steps.front().parse;
  for (size_t i = 0; i < t.steps.size(); ++i) {
    if (b.failed_turn >= 0 && t.steps[i].turn == b.failed_turn) {
      tv.first_failed_step = static_cast<int>(i);
      break;
    }
  }
  v.correct = b.valid;
  if (!b.valid) {
    const std::string& e = b.error_type;
    v.failure = e == "multi_turn:force_terminated"              ? FailureCategory::kStepLimit
                : e == "multi_turn:empty_turn_model_response"   ? FailureCategory::kNoCall
                : e == "multi_turn:instance_state_mismatch"     ? FailureCategory::kStateMismatch
                : e == "multi_turn:execution_response_mismatch" ? FailureCategory::kMissingCall
                                                                : FailureCategory::kMalformed;
    v.detail = e + ": " + b.error_message;
    if (!b.state_diff.empty()) v.detail += " " + b.state_diff.front();
    if (!b.missing.empty()) {
      std::string first = b.missing.front();
      if (first.size() > 160) first = first.substr(0, 157) + "...";
      v.detail += " Missing: " + first;
    }
  }
  v.trajectory = std::move(tv);
  return v;
}

EpisodeVerdict MultiTurnPack::Score(const Episode& episode, const Trajectory& t) const {
  const BfclEntry entry = ReadEntry(episode);
  if (t.recorded_turns == kNotAListOfTurns) return ToEpisodeVerdict(episode, t, InferenceError());
  // Played without a session (a replay for the verdict alone), the steps' results come from here.
  bool unplayed = false;
  for (const auto& s : t.steps) unplayed = unplayed || (s.kind == TrajectoryStep::Kind::kCalls && s.results.size() != s.calls.size());
  std::vector<std::vector<std::string>> model_results;
  const BfclVerdict b = CheckMultiTurn(entry, DecodedTurnsOf(t), RecordedTurnsOf(episode, t), nullptr, true,
                                       unplayed ? &model_results : nullptr);
  return ToEpisodeVerdict(episode, t, b, unplayed ? &model_results : nullptr);
}

}  // namespace toolshift::bfcl
