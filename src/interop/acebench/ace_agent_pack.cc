#include "src/interop/acebench/ace_agent_pack.h"

#include <optional>

#include "src/core/input_error.h"
#include "src/dialects/observation.h"
#include "src/interop/acebench/ace_agent_check.h"
#include "src/interop/acebench/ace_agent_result.h"
#include "src/interop/acebench/ace_decode.h"
#include "src/interop/acebench/ace_phone.h"
#include "src/interop/acebench/ace_summary.h"
#include "src/scoring/reply_limits.h"

namespace toolshift::acebench {
namespace {

bool IsStandIn(const std::vector<ToolCall>& calls, std::string_view name) {
  return calls.size() == 1 && calls.front().name == name;
}

// The scene is created when the first reply that decodes reaches the executor, as ACEBench
// creates its objects (multi_turn: the first execution that does not raise); until then the end
// state is [].
class AgentScene {
 public:
  explicit AgentScene(const Episode& episode) : entry_(ReadAgentEntry(episode)) {}

  // The execution message for one step's calls (names already the scene's), one payload per
  // call (multi_turn's character-list error message fills every call's place).
  std::vector<Json> Run(const std::vector<ToolCall>& calls) {
    if (IsStandIn(calls, kProseCall)) return {Json(std::string(kNoQuestionsReply))};
    const bool fresh = !scene_;
    if (fresh) scene_ = std::make_unique<PhoneScene>(entry_.involved_classes, *entry_.initial_config, entry_.chinese);
    if (IsStandIn(calls, kNoCallsCall)) return {Json::array()};
    if (!entry_.multi_turn) {
      const Json out = scene_->Execute(FromToolCalls(calls));
      return std::vector<Json>(out.begin(), out.end());
    }
    bool raised = false;
    const Json out = scene_->ExecuteMultiTurn(FromToolCalls(calls), &raised);
    if (!raised) return std::vector<Json>(out.begin(), out.end());
    if (fresh) scene_.reset();  // ACEBench keeps no objects from an execution that raised
    return std::vector<Json>(calls.size(), out);
  }

  Json Result() const { return scene_ ? scene_->Result() : Json::array(); }

 private:
  AgentEntry entry_;
  std::unique_ptr<PhoneScene> scene_;
};

class AgentSession : public PackSession {
 public:
  explicit AgentSession(const Episode& episode) : scene_(episode) {}
  std::vector<Json> Execute(const std::vector<ToolCall>& calls) override { return scene_.Run(calls); }
  TurnOpening BeginTurn(int) override { return {}; }  // multi_step has one turn
  Json State() const override { return scene_.Result(); }

 private:
  AgentScene scene_;
};

// The agent message as ACEBench's process list holds it: the reply text (structured calls,
// which have none, as the python-list message they stand for).
std::string ProcessText(const Message& reply) {
  if (!reply.content.empty() || reply.tool_calls.empty()) return reply.content;
  std::string out = "[";
  const std::vector<AceCall> calls = FromToolCalls(reply.tool_calls);
  for (size_t i = 0; i < calls.size(); ++i) out += (i ? ", " : "") + RenderCall(calls[i]);
  return out + "]";
}

// Whether `text` has a "[" ... "]" with no newline between (ACEBench's routing regex).
bool HasOneLineList(const std::string& text) {
  size_t open = text.find('[');
  while (open != std::string::npos) {
    const size_t close = text.find_first_of("]\n", open + 1);
    if (close == std::string::npos) return false;
    if (text[close] == ']') return true;
    open = text.find('[', close);
  }
  return false;
}

// multi_turn routing (SPEC.md 6.2): a reply goes to the executor when it holds a one-line [...]
// and decodes whole as calls (hermes: when it holds a <tool_call> block; an undecodable one runs
// nothing), else to the user (NoCall).
ParseResult RouteMultiTurn(const Episode& episode, const Dialect& dialect, const Message& reply, const ReplyLimits& limits) {
  DecodeResult d;
  if (!reply.tool_calls.empty()) {
    d.ok = true;
    d.calls = FromToolCalls(reply.tool_calls);
  } else if (dialect.name() == "pythonic") {
    if (!HasOneLineList(reply.content)) return ParseResult::NoCall();
    d = DecodeAgentMessage(reply.content, /*skip_non_calls=*/false);
    if (!d.ok) return ParseResult::NoCall();
  } else if (dialect.name() == "hermes" && episode.presentation.call_open.empty()) {
    if (reply.content.find("<tool_call>") == std::string::npos) return ParseResult::NoCall();
    d = DecodeToolCalls(reply.content, /*whitespace_free=*/false);
    if (!d.ok) d = DecodeResult{true, "", {}};
  } else {
    const ParseResult p = ParseWithinLimits(dialect, reply, episode.tools, limits);
    if (p.status != ParseResult::Status::kCalls) return ParseResult::NoCall();
    d.ok = true;
    d.calls = FromToolCalls(p.calls);
  }
  if (d.calls.empty()) return ParseResult::Calls({ToolCall{std::string(kNoCallsCall)}});
  if (d.calls.size() > limits.max_calls) {
    return ParseResult::Malformed(std::to_string(d.calls.size()) + " calls in one reply exceed --max-calls " +
                                  std::to_string(limits.max_calls));
  }
  return ParseResult::Calls(ToToolCalls(d.calls));
}

}  // namespace

AgentEntry ReadAgentEntry(const Episode& episode) {
  if (!episode.multi) throw FieldError("multi_step", "an ACEBench episode is multi-step");
  const Json& d = episode.multi->pack_data;
  const std::string f = "multi_step.pack_data.";
  AgentEntry e;
  auto classes = d.find("involved_classes");
  if (classes == d.end() || !classes->is_array()) throw FieldError(f + "involved_classes", "expected a list of class names");
  for (size_t i = 0; i < classes->size(); ++i) {
    if (!(*classes)[i].is_string()) throw FieldError(f + "involved_classes[" + std::to_string(i) + "]", "expected a string");
    e.involved_classes.push_back((*classes)[i].get<std::string>());
  }
  auto config = d.find("initial_config");
  if (config == d.end() || !config->is_object()) throw FieldError(f + "initial_config", "expected an object");
  e.initial_config = &*config;
  auto miles = d.find("mile_stone");
  if (miles == d.end() || !miles->is_array()) throw FieldError(f + "mile_stone", "expected a list of milestones");
  e.mile_stone = &*miles;
  e.chinese = d.value("language", "en") == "zh";
  e.multi_turn = d.value("category", "") == "agent_multi_turn";
  if (!d.contains("ground_truth") || !d["ground_truth"].is_array()) {
    throw FieldError(f + "ground_truth", "expected the end state: a list of {ClassName: attributes}");
  }
  return e;
}

PackRules AgentRules() {
  PackRules r;
  r.malformed_ends_turn = false;  // every reply reaches the executor
  r.detect_loops = false;         // ACEBench has no loop detector; the message cap ends a loop
  return r;
}

std::unique_ptr<PackSession> StartAgent(const Episode& episode) { return std::make_unique<AgentSession>(episode); }

ParseResult ParseAgentReply(const Episode& episode, const Dialect& dialect, const Message& reply,
                            const ReplyLimits& limits) {
  if (std::string why = UnreadReason(reply, limits); !why.empty()) return ParseResult::Malformed(why);
  if (RecordedAgentResult(reply)) return ParseResult::NoCall();  // a recorded end state, judged as it is
  // ACEBench stops as soon as the agent's message holds the phrase: nothing in it runs.
  if (reply.content.find(kFinishPhrase) != std::string::npos) return ParseResult::NoCall();
  if (ReadAgentEntry(episode).multi_turn) return RouteMultiTurn(episode, dialect, reply, limits);
  DecodeResult d;
  if (!reply.tool_calls.empty()) {
    d.ok = true;
    d.calls = FromToolCalls(reply.tool_calls);
  } else if (dialect.name() == "pythonic") {
    d = DecodeAgentMessage(reply.content, /*skip_non_calls=*/false);
  } else if (dialect.name() == "hermes" && episode.presentation.call_open.empty()) {
    d = DecodeToolCalls(reply.content, /*whitespace_free=*/false);
  } else {
    const ParseResult p = ParseWithinLimits(dialect, reply, episode.tools, limits);
    d.ok = p.status == ParseResult::Status::kCalls;
    d.error = p.error;
    d.calls = FromToolCalls(p.calls);
  }
  if (!d.ok) {
    // A native tool message must answer a call the assistant made: the loop's notice instead.
    if (dialect.is_native()) return ParseResult::Malformed(d.error.empty() ? "no call" : d.error);
    return ParseResult::Calls({ToolCall{std::string(kProseCall)}});
  }
  if (d.calls.empty()) {
    if (dialect.is_native()) return ParseResult::Malformed("no call");
    return ParseResult::Calls({ToolCall{std::string(kNoCallsCall)}});
  }
  if (d.calls.size() > limits.max_calls) {
    return ParseResult::Malformed(std::to_string(d.calls.size()) + " calls in one reply exceed --max-calls " +
                                  std::to_string(limits.max_calls));
  }
  return ParseResult::Calls(ToToolCalls(d.calls));
}

std::vector<Message> RenderAgent(const Dialect& dialect, const std::vector<ToolCall>& calls,
                                 const std::vector<Json>& results) {
  if (IsStandIn(calls, kProseCall)) return {Message{Role::kUser, std::string(kNoQuestionsReply), {}}};
  if (IsStandIn(calls, kNoCallsCall)) return {Message{Role::kUser, "[]", {}}};
  return RenderObservations(dialect, calls, results);
}

AgentRun ReplayAgent(const Episode& episode, const Trajectory& t) {
  AgentScene scene(episode);
  AgentRun run;
  const bool multi_turn = ReadAgentEntry(episode).multi_turn;
  for (const auto& s : t.steps) {
    if (s.kind == TrajectoryStep::Kind::kAnswer) continue;  // the finishing message (multi_turn: the user's) never reaches the executor
    if (multi_turn && s.kind != TrajectoryStep::Kind::kCalls) continue;
    run.process.push_back(ProcessText(s.reply));
    if (s.kind == TrajectoryStep::Kind::kCalls) scene.Run(s.calls);
  }
  run.result = scene.Result();
  return run;
}

EpisodeVerdict AgentVerdict(const Episode& episode, const Json& result, const std::vector<std::string>& process,
                            int steps) {
  const AceEntry entry = ReadAceEntry(episode);
  const AgentEntry agent = ReadAgentEntry(episode);
  const AceVerdict a = CheckEndState(result, *entry.ground_truth);
  const double process_accuracy = a.valid ? 1.0 : ProcessAccuracy(process, *agent.mile_stone);
  EpisodeVerdict v;
  TrajectoryVerdict tv;
  tv.steps = steps;
  tv.minimal_steps = static_cast<int>(episode.multi->MinimalSteps());
  tv.error_type = a.valid ? "" : a.error_type;
  tv.per_turn.push_back({0, a.valid ? "ok" : a.error_type, a.error});
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.3f", process_accuracy);
  tv.per_turn.push_back({0, "process", buf});  // for the episode log
  tv.process_accuracy = process_accuracy;  // for the summary (ace_summary.cc)
  v.correct = a.valid;
  if (!a.valid) {
    v.failure = FailureCategory::kStateMismatch;
    v.detail = a.error_type + ": " + a.error + " (process accuracy " + buf + ")";
    tv.state_diff.push_back(a.error);
    if (!entry.unpassable.empty()) v.detail += " (no reply can pass this record: " + entry.unpassable + ")";
  }
  v.trajectory = std::move(tv);
  return v;
}

EpisodeVerdict ScoreAgent(const Episode& episode, const Trajectory& t) {
  for (const auto& s : t.steps) {
    if (auto recorded = RecordedAgentResult(s.reply)) {
      EpisodeVerdict v = AgentVerdict(episode, recorded->result, recorded->process, static_cast<int>(recorded->process.size()));
      v.trajectory->end = std::string(EndName(Trajectory::End::kFinished));
      return v;
    }
  }
  const AgentRun run = ReplayAgent(episode, t);
  EpisodeVerdict v = AgentVerdict(episode, run.result, run.process, static_cast<int>(t.steps.size()));
  TrajectoryVerdict& tv = *v.trajectory;
  tv.end = std::string(EndName(t.end));
  for (const auto& s : t.steps) {
    StepVerdict sv{s.turn, std::string(StepKindName(s.kind)), "ok", ""};
    if (s.kind == TrajectoryStep::Kind::kMalformed) {
      sv.verdict = "malformed";
      sv.detail = s.parse.error;
    } else if (s.kind == TrajectoryStep::Kind::kCalls && IsStandIn(s.calls, kProseCall)) {
      sv.verdict = "prose";
      sv.detail = "answered: " + std::string(kNoQuestionsReply);
    }
    for (size_t c = 0; c < s.results.size() && sv.verdict == "ok"; ++c) {
      const Json& r = s.results[c];
      if (r.is_string() && r.get_ref<const std::string&>().rfind("Error during execution: ", 0) == 0) {
        sv.verdict = "tool_error";
        sv.detail = s.calls[c].name + ": " + r.get<std::string>();
      }
    }
    if (sv.verdict == "tool_error") ++tv.tool_errors;
    if (sv.verdict != "ok" && tv.first_failed_step < 0 && !v.correct) tv.first_failed_step = static_cast<int>(tv.per_step.size());
    tv.per_step.push_back(std::move(sv));
  }
  if (!t.steps.empty()) v.parse = t.steps.front().parse;
  return v;
}

}  // namespace toolshift::acebench
