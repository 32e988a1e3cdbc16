#include "adapters/reference/oracle_moves.h"

#include "adapters/reference/canonical_calls.h"
#include "src/dialects/observation.h"

namespace toolshift {

Message OracleMove::Write(const Dialect& dialect) const {
  if (calls.empty() && !answer.empty()) return dialect.WriteAnswer(answer);
  return dialect.Write(calls);
}

OracleMove NextMove(const Episode& episode, const std::vector<Message>& conversation) {
  OracleMove move;
  if (!episode.multi) {
    move.calls = episode.ExpectsAnyCall() ? AnyCall(episode.tools) : CanonicalCalls(episode.expected);
    return move;
  }
  const MultiStepTask& task = *episode.multi;
  size_t turn = 0;
  std::vector<std::vector<Json>> observations;
  bool acted = false;  // past the prompt: the first assistant reply has been seen
  for (size_t i = 0; i < conversation.size(); ++i) {
    const Message& m = conversation[i];
    if (m.role == Role::kAssistant) {
      acted = true;
      continue;
    }
    if (!acted) continue;
    if (m.role == Role::kTool) {
      const bool continues = i > 0 && conversation[i - 1].role == Role::kTool;
      if (!continues) observations.emplace_back();
      for (auto& r : ReadObservation(m)) observations.back().push_back(std::move(r));
      continue;
    }
    if (m.role != Role::kUser || IsParseErrorNotice(m)) continue;
    std::vector<Json> results = ReadObservation(m);
    if (!results.empty()) {
      observations.push_back(std::move(results));
    } else {  // a scripted follow-up: the next turn
      ++turn;
      observations.clear();
    }
  }
  if (turn >= task.turns.size()) turn = task.turns.size() - 1;
  const UserTurn& t = task.turns[turn];
  for (size_t k = 0; k < turn; ++k) move.position += task.turns[k].plan.size() + 1;
  const size_t step = observations.size();
  move.position += std::min(step, t.plan.size());
  if (step < t.plan.size()) {
    for (const auto& c : t.plan[step]) move.calls.push_back(ToolCall{c.name, ResolveArguments(c.arguments, observations)});
  } else {
    move.answer = t.answer.empty() ? "Done." : t.answer;
  }
  return move;
}

}  // namespace toolshift
