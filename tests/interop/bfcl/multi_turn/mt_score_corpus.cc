#include "tests/interop/bfcl/multi_turn/mt_score_corpus.h"

#include <algorithm>
#include <vector>

#include "src/interop/bfcl/multi_turn/mt_executor.h"

namespace toolshift::bfcl::score_corpus {
namespace {

using Calls = std::vector<ToolCall>;

std::string StepText(const Calls& calls, std::string_view format) {
  std::string text;
  if (format == "pythonic") {
    // Keyword arguments only: BFCL's prompting decoder drops positional ones.
    text = "[";
    for (size_t i = 0; i < calls.size(); ++i) text += (i ? ", " : "") + CallString(calls[i]);
    return text + "]";
  }
  for (size_t i = 0; i < calls.size(); ++i) {
    text += (i ? "\n" : "") + std::string("<tool_call>\n") +
            DumpJson(Json{{"name", calls[i].name}, {"arguments", calls[i].arguments}}) + "\n</tool_call>";
  }
  return text;
}

// A changed copy of the first argument that can change (false when none can).
bool ChangeOneArgument(ToolCall& call) {
  for (auto it = call.arguments.begin(); it != call.arguments.end(); ++it) {
    Json& v = *it;
    if (v.is_string()) v = v.get<std::string>() + "_zq";
    else if (v.is_number_integer()) v = v.get<int64_t>() + 1;
    else if (v.is_number()) v = v.get<double>() * 2 + 1;
    else if (v.is_boolean()) v = !v.get<bool>();
    else continue;
    return true;
  }
  return false;
}

}  // namespace

std::string_view NearMissName(int kind) {
  static constexpr std::string_view kNames[kNearMissKinds] = {"truth",       "wrong_arg",   "missing_call",
                                                              "extra_call",  "split_steps", "eager_or_reordered"};
  return kNames[kind];
}

Json NearMissResult(const Episode& e, std::string_view format, int kind) {
  const size_t n = e.multi->turns.size();
  std::vector<Calls> turns(n);  // the calls made in each turn
  for (size_t t = 0; t < n; ++t) {
    if (!e.multi->turns[t].plan.empty()) turns[t] = e.multi->turns[t].plan[0];
  }
  std::vector<size_t> acting;  // turns with ground truth
  for (size_t t = 0; t < n; ++t) {
    if (!turns[t].empty()) acting.push_back(t);
  }
  bool split = false;
  if (!acting.empty()) {
    const size_t first = acting.front();
    const size_t last = acting.back();
    if (kind == 1) {
      for (size_t t : acting) {
        bool done = false;
        for (auto& c : turns[t]) {
          if ((done = ChangeOneArgument(c))) break;
        }
        if (done) break;
      }
    } else if (kind == 2) {
      turns[last].pop_back();
    } else if (kind == 3) {
      turns[last].push_back(turns[first].front());
    } else if (kind == 4) {
      split = true;
    } else if (kind == 5) {
      size_t ask = n;
      for (size_t t = 0; t + 1 < n && ask == n; ++t) {
        if (turns[t].empty() && !turns[t + 1].empty()) ask = t;
      }
      if (ask != n) turns[ask] = turns[ask + 1];
      else
        for (auto& calls : turns) std::reverse(calls.begin(), calls.end());
    }
  }
  Json result = Json::array();
  for (size_t t = 0; t < n; ++t) {
    Json steps = Json::array();
    if (split && !turns[t].empty()) {
      steps.push_back(format == "pythonic" ? "[cd(folder='x'" : "<tool_call>\n{\"name\": \"cd\", \n</tool_call>");
      for (const auto& c : turns[t]) steps.push_back(StepText({c}, format));
    } else if (!turns[t].empty()) {
      steps.push_back(StepText(turns[t], format));
    }
    steps.push_back("I have done what you asked.");
    result.push_back(std::move(steps));
  }
  return Json{{"id", e.id}, {"result", std::move(result)}};
}

std::string VerdictWord(const EpisodeVerdict& v) {
  if (v.correct) return "ok";
  std::string e = v.trajectory && !v.trajectory->error_type.empty() ? v.trajectory->error_type : "no_error_type";
  if (e.rfind("multi_turn:", 0) == 0) e.erase(0, 11);
  return e;
}

}  // namespace toolshift::bfcl::score_corpus
