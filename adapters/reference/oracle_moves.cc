#include "adapters/reference/oracle_moves.h"

#include "adapters/reference/canonical_calls.h"
#include "src/dialects/observation.h"
#include "src/scoring/bfcl_type_conversion.h"

namespace toolshift {
namespace {

// Under BFCL's Java / JavaScript rules an answer is written as the source text BFCL's
// converter reads back into the expected value (5 -> "5L" for a long, a list -> "[1, 2]").
void WriteAsSource(const Episode& episode, std::vector<ToolCall>& calls) {
  const bool java = episode.scoring == ScoringRules::kBfclJava;
  if (!java && episode.scoring != ScoringRules::kBfclJavaScript) return;
  for (auto& call : calls) {
    const Tool* tool = FindTool(episode.tools, call.name);
    if (!tool) continue;
    for (auto it = call.arguments.begin(); it != call.arguments.end(); ++it) {
      const Json* schema = tool->Property(it.key());
      if (!schema) continue;
      auto text = [](const Json& s) { return s.is_object() && s.contains("type") && s["type"].is_string() ? s["type"].get<std::string>() : ""; };
      const std::string type = text(*schema);
      const std::string items = schema->contains("items") ? text((*schema)["items"]) : "";
      *it = java ? JavaSourceOf(*it, type, items) : JsSourceOf(*it, type, items);
    }
  }
}

}  // namespace

Message OracleMove::Write(const Dialect& dialect) const {
  if (calls.empty() && !answer.empty()) return dialect.WriteAnswer(answer);
  return dialect.Write(calls);
}

OracleMove NextMove(const Episode& episode, const std::vector<Message>& conversation) {
  OracleMove move;
  if (!episode.multi) {
    move.calls = episode.ExpectsAnyCall() ? AnyCall(episode.tools) : CanonicalCalls(episode.expected);
    WriteAsSource(episode, move.calls);
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
