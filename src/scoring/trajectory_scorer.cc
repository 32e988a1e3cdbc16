#include "src/scoring/trajectory_scorer.h"

#include <cmath>

#include <re2/re2.h>

#include "src/envs/environment.h"
#include "src/scoring/episode_pack.h"

namespace toolshift {
namespace {

std::string Show(const Json& j) {
  std::string s = DumpJson(j);
  if (s.size() > 120) s = s.substr(0, 117) + "...";
  return s;
}

bool IsPattern(const Json& j) { return j.is_object() && j.size() == 1 && j.contains("$pattern") && j["$pattern"].is_string(); }

bool PatternMatches(const std::string& pattern, const std::string& text) {
  RE2 re("(?i)" + pattern, RE2::Quiet);
  return re.ok() && RE2::PartialMatch(text, re);
}

std::string Escape(const std::string& key) {
  std::string out;
  for (char c : key) {
    if (c == '~') out += "~0";
    else if (c == '/') out += "~1";
    else out += c;
  }
  return out;
}

void Diff(const Json& expected, const Json& actual, const std::string& path, bool top, std::vector<std::string>& out) {
  if (IsPattern(expected)) {
    if (!actual.is_string() || !PatternMatches(expected["$pattern"].get<std::string>(), actual.get<std::string>())) {
      out.push_back(path + ": expected text matching /" + expected["$pattern"].get<std::string>() + "/, got " + Show(actual));
    }
    return;
  }
  if (expected.is_number() && actual.is_number()) {
    const double e = expected.get<double>(), a = actual.get<double>();
    if (std::fabs(e - a) > 1e-9 * std::max(1.0, std::fabs(e))) out.push_back(path + ": expected " + Show(expected) + ", got " + Show(actual));
    return;
  }
  if (expected.is_object() && actual.is_object()) {
    for (auto it = expected.begin(); it != expected.end(); ++it) {
      const std::string p = path + "/" + Escape(it.key());
      auto a = actual.find(it.key());
      if (a == actual.end()) out.push_back(p + ": expected " + Show(*it) + ", missing");
      else Diff(*it, *a, p, false, out);
    }
    if (!top) {
      for (auto it = actual.begin(); it != actual.end(); ++it) {
        if (!expected.contains(it.key())) out.push_back(path + "/" + Escape(it.key()) + ": not expected, got " + Show(*it));
      }
    }
    return;
  }
  if (expected.is_array() && actual.is_array()) {
    const size_t n = std::min(expected.size(), actual.size());
    for (size_t i = 0; i < n; ++i) Diff(expected[i], actual[i], path + "/" + std::to_string(i), false, out);
    for (size_t i = n; i < expected.size(); ++i) out.push_back(path + "/" + std::to_string(i) + ": expected " + Show(expected[i]) + ", missing");
    for (size_t i = n; i < actual.size(); ++i) out.push_back(path + "/" + std::to_string(i) + ": not expected, got " + Show(actual[i]));
    return;
  }
  if (expected != actual) out.push_back(path + ": expected " + Show(expected) + ", got " + Show(actual));
}

bool CallCarries(const ToolCall& required, const ToolCall& made) {
  if (required.name != made.name || !made.arguments.is_object()) return false;
  for (auto it = required.arguments.begin(); it != required.arguments.end(); ++it) {
    auto a = made.arguments.find(it.key());
    if (a == made.arguments.end() || !ValueMatches(*it, *a)) return false;
  }
  return true;
}

}  // namespace

std::vector<std::string> StateDiff(const Json& expected, const Json& actual) {
  std::vector<std::string> out;
  Diff(expected, actual, "", true, out);
  return out;
}

bool ValueMatches(const Json& expected, const Json& actual) {
  std::vector<std::string> out;
  Diff(expected, actual, "", false, out);
  return out.empty();
}

EpisodeVerdict ScoreTrajectory(const Episode& episode, const Trajectory& t) {
  if (const EpisodePack* pack = PackOf(episode)) return pack->Score(episode, t);  // the benchmark's own checker
  const MultiStepTask& task = *episode.multi;
  const Environment* env = FindEnvironment(task.env);
  EpisodeVerdict v;
  TrajectoryVerdict tv;
  tv.steps = static_cast<int>(t.steps.size());
  tv.minimal_steps = task.MinimalSteps();
  tv.end = std::string(EndName(t.end));
  tv.state_diff = StateDiff(task.expected_state, t.final_state);

  // Required calls, in environment names, matched against the calls the environment accepted.
  std::vector<ToolCall> required;
  for (const auto& c : task.required_calls) required.push_back(task.ToEnv(c));
  std::vector<bool> matched(required.size(), false);
  size_t next_required = 0;
  bool malformed_seen = false;
  size_t answer_index = 0;
  bool answers_ok = true;
  for (size_t i = 0; i < t.steps.size(); ++i) {
    const TrajectoryStep& s = t.steps[i];
    StepVerdict sv{s.turn, std::string(StepKindName(s.kind)), "ok", ""};
    if (s.kind == TrajectoryStep::Kind::kMalformed) {
      malformed_seen = true;
      sv.verdict = "malformed";
      sv.detail = s.parse.error;
      if (v.parse.status != ParseResult::Status::kMalformed) v.parse = s.parse;  // the first broken reply
    } else if (s.kind == TrajectoryStep::Kind::kAnswer) {
      const auto& turn = task.turns[std::min(answer_index, task.turns.size() - 1)];
      if (!turn.answer_pattern.empty() && !PatternMatches(turn.answer_pattern, s.reply.content)) {
        answers_ok = false;
        sv.verdict = "wrong_answer";
        sv.detail = "answer does not match /" + turn.answer_pattern + "/";
      }
      ++answer_index;
    } else {
      for (size_t c = 0; c < s.calls.size(); ++c) {
        const ToolCall& call = s.calls[c];
        if (IsErrorObservation(s.results[c])) {
          ++tv.tool_errors;
          if (sv.verdict == "ok") {
            sv.verdict = "tool_error";
            sv.detail = call.name + ": " + s.results[c]["error"].get<std::string>();
          }
          continue;
        }
        const Environment::EnvTool* tool = env ? env->Find(call.name) : nullptr;
        bool hit = false;
        if (task.ordered) {
          if (next_required < required.size() && CallCarries(required[next_required], call)) {
            matched[next_required++] = hit = true;
          }
        } else {
          for (size_t r = 0; r < required.size() && !hit; ++r) {
            if (!matched[r] && CallCarries(required[r], call)) matched[r] = hit = true;
          }
        }
        if (!hit && tool && tool->mutates && sv.verdict == "ok") {
          sv.verdict = "off_plan";
          sv.detail = call.name + " changed the environment where the plan did not";
        }
      }
    }
    if (i + 1 == t.steps.size() && t.end == Trajectory::End::kLoop) {
      sv.verdict = "loop";
      sv.detail = "the same calls again: the loop detector stopped the episode";
    }
    tv.per_step.push_back(std::move(sv));
  }
  if (v.parse.status != ParseResult::Status::kMalformed && !t.steps.empty()) v.parse = t.steps.front().parse;
  for (size_t i = 0; i < tv.per_step.size(); ++i) {
    if (tv.per_step[i].verdict != "ok") {
      tv.first_failed_step = static_cast<int>(i);
      break;
    }
  }
  size_t missing = 0;
  for (bool m : matched) missing += m ? 0 : 1;

  if (t.end == Trajectory::End::kLoop) {
    v.failure = FailureCategory::kLoop;
    v.detail = "loop: the same call repeated until the loop detector stopped the episode";
  } else if (t.end != Trajectory::End::kFinished) {
    v.failure = malformed_seen ? FailureCategory::kMalformed : FailureCategory::kStepLimit;
    v.detail = "step limit " + std::to_string(task.StepLimit()) + " reached" +
               (malformed_seen ? " after broken call attempts: " + v.parse.error : "");
  } else if (!tv.state_diff.empty()) {
    v.failure = FailureCategory::kStateMismatch;
    v.detail = "final state differs: " + tv.state_diff.front() +
               (tv.state_diff.size() > 1 ? " (+" + std::to_string(tv.state_diff.size() - 1) + " more)" : "");
  } else if (missing) {
    v.failure = FailureCategory::kMissingCall;
    for (size_t r = 0; r < required.size(); ++r) {
      if (!matched[r]) {
        v.detail = "required call " + DumpJson(ToJson(required[r])) + " missing" + (task.ordered ? " or out of order" : "");
        break;
      }
    }
  } else if (!answers_ok) {
    v.failure = FailureCategory::kWrongAnswer;
    for (const auto& s : tv.per_step) {
      if (s.verdict == "wrong_answer") v.detail = s.detail;
    }
  } else {
    v.correct = true;
  }
  v.trajectory = std::move(tv);
  return v;
}

}  // namespace toolshift
