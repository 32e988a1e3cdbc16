#include "adapters/reference/reference_policies.h"

#include <algorithm>
#include <stdexcept>

#include "adapters/reference/canonical_calls.h"
#include "adapters/reference/oracle_moves.h"
#include "src/dialects/dialect.h"
#include "src/dialects/native_dialect.h"
#include "src/envs/environment.h"
#include "src/scoring/statistics.h"
#include "src/shifts/shift.h"

namespace toolshift {
namespace {

const Episode& RequireEpisode(const ChatRequest& request) {
  if (!request.episode) throw std::logic_error("reference policies need ChatRequest::episode");
  return *request.episode;
}

// The dialect exactly as the episode presents it (e.g. respelled hermes tags).
std::unique_ptr<Dialect> AskedDialect(const ChatRequest& request) {
  std::unique_ptr<Dialect> d = MakeDialect(request.dialect, request.episode->presentation);
  if (!d) throw std::logic_error("unknown dialect '" + request.dialect + "'");
  return d;
}

ChatResponse Reply(Message m) {
  ChatResponse r;
  r.message = std::move(m);
  return r;
}

Json Placeholder(const Json* schema) {
  std::string type = schema && schema->contains("type") && (*schema)["type"].is_string()
                         ? (*schema)["type"].get<std::string>() : "string";
  if (type == "integer") return 1;
  if (type == "number" || type == "float") return 1.5;
  if (type == "boolean") return true;
  if (type == "array" || type == "tuple") return Json::array();
  if (type == "object" || type == "dict") return Json::object();
  return "unknown";
}

Json Perturb(const Json& v) {
  switch (v.type()) {
    case Json::value_t::string: return v.get<std::string>() + "zq";
    case Json::value_t::boolean: return !v.get<bool>();
    case Json::value_t::number_integer:
    case Json::value_t::number_unsigned: return v.get<int64_t>() + 7;
    case Json::value_t::number_float: return v.get<double>() * 1.5 + 1.0;
    case Json::value_t::array: {
      Json a = v;
      a.push_back(a.empty() ? Json("zq") : a.back());
      return a;
    }
    case Json::value_t::object: {
      Json o = v;
      o["zq"] = "zq";
      return o;
    }
    default: return "zq";
  }
}

// Applies one error, chosen uniformly among those that make sense for this episode.
std::vector<ToolCall> Corrupt(std::vector<ToolCall> calls, const Episode& ep, SplitMix64& rng) {
  if (calls.empty()) {  // irrelevance: call the first tool anyway
    const Tool& t = ep.tools.front();
    ToolCall c{t.name, Json::object()};
    for (const auto& p : t.PropertyNames()) {
      if (t.IsRequired(p)) c.arguments[p] = Placeholder(t.Property(p));
    }
    return {c};
  }
  enum Kind { kWrongTool, kWrongValue, kDropArg, kExtraArg, kWrongCount };
  std::vector<Kind> kinds = {kExtraArg, kWrongCount};
  ToolCall& target = calls[rng.Below(calls.size())];
  const Tool* tool = FindTool(ep.tools, target.name);
  if (ep.tools.size() > 1) kinds.push_back(kWrongTool);
  if (!target.arguments.empty()) kinds.push_back(kWrongValue);
  bool has_required = false;
  for (auto it = target.arguments.begin(); it != target.arguments.end(); ++it) {
    has_required = has_required || (tool && tool->IsRequired(it.key()));
  }
  if (has_required) kinds.push_back(kDropArg);
  switch (kinds[rng.Below(kinds.size())]) {
    case kWrongTool:
      for (const auto& t : ep.tools) {
        if (t.name != target.name) {
          target.name = t.name;
          break;
        }
      }
      break;
    case kWrongValue: {
      auto it = target.arguments.begin();
      std::advance(it, static_cast<long>(rng.Below(target.arguments.size())));
      *it = Perturb(*it);
      break;
    }
    case kDropArg:
      for (auto it = target.arguments.begin(); it != target.arguments.end(); ++it) {
        if (tool->IsRequired(it.key())) {
          target.arguments.erase(it);
          break;
        }
      }
      break;
    case kExtraArg: target.arguments["zq_extra"] = "zq"; break;
    case kWrongCount:
      if (calls.size() > 1) calls.pop_back();
      else calls.push_back(calls.front());
      break;
  }
  return calls;
}

// Whether a format shift other than a change of dialect made this episode's prompt look
// unlike in-distribution prompts (a shift *to* hermes brings the prompt to the policy's
// training form; the syntax check handles dialects).
bool IsSurfaceShifted(const Episode& ep) {
  if (ep.shift.empty()) return false;
  // Composed shifts list their kinds; any format kind counts.
  for (size_t at = 0; at <= ep.shift.size();) {
    size_t plus = ep.shift.find('+', at);
    if (plus == std::string::npos) plus = ep.shift.size();
    const std::string kind = ep.shift.substr(at, plus - at);
    at = plus + 1;
    if (kind.rfind("dialect:", 0) == 0) continue;
    try {
      if (auto shift = MakeShift(kind); shift && shift->split() == Split::kFormat) return true;
    } catch (const std::exception&) {
      // An imported or hand-made suite may name kinds toolshift does not know: not a format shift it can judge.
    }
  }
  return false;
}

// Whether `call` (in the names the episode shows) changes a multi-step episode's environment.
bool ChangesEnvironment(const Episode& ep, const ToolCall& call) {
  const Environment* env = FindEnvironment(ep.multi->env);
  const auto* tool = env ? env->Find(ep.multi->ToEnv(call).name) : nullptr;
  return tool && tool->mutates;
}

}  // namespace

ChatResponse OraclePolicy::Complete(const ChatRequest& request) {
  const Episode& ep = RequireEpisode(request);
  Message m = NextMove(ep, request.messages).Write(*AskedDialect(request));
  NameCallsAsOffered(m.tool_calls, request.tools);  // native: the names the request offered
  return Reply(std::move(m));
}

ChatResponse OverfitPolicy::Complete(const ChatRequest& request) {
  const Episode& ep = RequireEpisode(request);
  const OracleMove move = NextMove(ep, request.messages);
  const std::vector<ToolCall>& calls = move.calls;
  const std::unique_ptr<Dialect> asked = AskedDialect(request);
  const Dialect& target = *asked;
  const Dialect& trained = *FindDialect("hermes");  // standard tags: what it was trained on
  if (calls.empty()) return Reply(move.Write(target));
  // One draw per step of the plan: a step it breaks, it breaks again when told so.
  const uint64_t seed = MixSeed(request.seed, 0x6f76657266697431ull);
  SplitMix64 rng(ep.multi ? MixSeed(seed, move.position) : seed);
  const double r = rng.Unit();
  // The broken mix: the training dialect's opening tag, then the asked syntax cut short.
  auto broken = [&] {
    std::string text = target.is_native() ? trained.Write(calls).content : target.Write(calls).content;
    return Reply(Message{Role::kAssistant, "<tool_call>\n" + text.substr(0, text.size() * 3 / 5), {}});
  };
  if (target.name() == trained.name() && ep.presentation.call_open.empty()) {
    // Its own syntax. A prompt unlike its training prompts (renamed tools or parameters, schemas
    // shown another way, noise, another template) still throws it off now and then.
    if (IsSurfaceShifted(ep) && r < kSurfaceCollapse) return broken();
    return Reply(target.Write(calls));
  }
  if (r < kTransfer) return Reply(target.Write(calls));
  if (r < kTransfer + kLeak) return Reply(trained.Write(calls));
  return broken();
}

ChatResponse NoisyPolicy::Complete(const ChatRequest& request) {
  const Episode& ep = RequireEpisode(request);
  OracleMove move = NextMove(ep, request.messages);
  SplitMix64 rng(MixSeed(request.seed, 0x6e6f69737931ull));
  // One error per erring episode: single-step at its only step, multi-step at one step of the plan.
  const bool errs = rng.Unit() < error_rate_;
  size_t at = 0;
  if (ep.multi) {
    // A step whose error must show: one that changes the environment, else a final answer
    // that is checked (an error in a lookup the plan never relies on would go unnoticed).
    std::vector<size_t> mutating, checked_answers;
    size_t position = 0;
    for (const auto& turn : ep.multi->turns) {
      for (const auto& step : turn.plan) {
        if (std::any_of(step.begin(), step.end(), [&](const ToolCall& c) { return ChangesEnvironment(ep, c); })) {
          mutating.push_back(position);
        }
        ++position;
      }
      if (!turn.answer_pattern.empty()) checked_answers.push_back(position);
      ++position;
    }
    const auto& pool = !mutating.empty() ? mutating : checked_answers;
    at = pool.empty() ? 0 : pool[rng.Below(pool.size())];
  }
  if (errs && move.position == at) {
    if (move.calls.empty() && ep.multi) {
      move.answer = "Sorry, I could not finish that.";
    } else if (ep.multi) {
      // A wrong value in a state-changing call: numbers and ids before free text, which a
      // pattern may still accept.
      std::vector<ToolCall*> targets;
      for (auto& c : move.calls) {
        if (ChangesEnvironment(ep, c) && !c.arguments.empty()) targets.push_back(&c);
      }
      if (targets.empty()) {
        move.calls = Corrupt(std::move(move.calls), ep, rng);
      } else {
        ToolCall& c = *targets[rng.Below(targets.size())];
        auto rank = [](const Json& v) { return v.is_string() && v.get_ref<const std::string&>().find(' ') != std::string::npos ? 1 : 0; };
        auto pick = c.arguments.begin();
        for (auto it = c.arguments.begin(); it != c.arguments.end(); ++it) {
          if (rank(*it) < rank(*pick)) pick = it;
        }
        *pick = Perturb(*pick);
      }
    } else {
      move.calls = Corrupt(std::move(move.calls), ep, rng);
    }
  }
  return Reply(move.Write(*AskedDialect(request)));
}

ChatResponse LooperPolicy::Complete(const ChatRequest& request) {
  const Episode& ep = RequireEpisode(request);
  OracleMove move = NextMove(ep, request.messages);
  if (ep.multi) {
    // Stuck on the plan's first call: whatever comes back, it asks again.
    for (const auto& turn : ep.multi->turns) {
      if (turn.plan.empty()) continue;
      const ToolCall& first = turn.plan.front().front();
      move.calls = {ToolCall{first.name, ResolveArguments(first.arguments, {})}};
      break;
    }
  }
  return Reply(move.Write(*AskedDialect(request)));
}

}  // namespace toolshift
