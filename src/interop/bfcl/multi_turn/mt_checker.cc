#include "src/interop/bfcl/multi_turn/mt_checker.h"

#include <memory>
#include <optional>

#include "src/interop/bfcl/multi_turn/mt_executor.h"
#include "src/interop/bfcl/multi_turn/mt_prepared.h"

namespace toolshift::bfcl {
namespace {

constexpr size_t kMaxDiffLines = 12;

std::string Show(const PyValue& v) {
  std::string s = DumpJson(ToJson(v));
  if (s.size() > 160) s = s.substr(0, 157) + "...";
  return s;
}

// Where two values differ, as "path: model X, ground truth Y" lines (Python == decides).
void Diff(const PyValue& model, const PyValue& truth, const std::string& path, std::vector<std::string>& out) {
  if (out.size() >= kMaxDiffLines || PyEquals(model, truth)) return;
  if (model.is_dict() && truth.is_dict()) {
    for (const auto& [k, v] : truth.as_dict().items()) {
      const std::string p = path + "/" + PyStr(k);
      if (const PyValue* m = model.as_dict().Find(k)) Diff(*m, v, p, out);
      else if (out.size() < kMaxDiffLines) out.push_back(p + ": missing in the model's state, ground truth " + Show(v));
    }
    for (const auto& [k, v] : model.as_dict().items()) {
      if (!truth.as_dict().Find(k) && out.size() < kMaxDiffLines) {
        out.push_back(path + "/" + PyStr(k) + ": model " + Show(v) + ", not in the ground truth's state");
      }
    }
    return;
  }
  if ((model.is_list() && truth.is_list()) || (model.is_tuple() && truth.is_tuple())) {
    const PyList& a = model.as_list();
    const PyList& b = truth.as_list();
    if (a.size() == b.size()) {
      for (size_t i = 0; i < a.size(); ++i) Diff(a[i], b[i], path + "/" + std::to_string(i), out);
      return;
    }
  }
  out.push_back(path + ": model " + Show(model) + ", ground truth " + Show(truth));
}

SideState StateOf(const BfclExecutor& side) {
  SideState out;
  out.reserve(side.instances().size());
  for (const auto& [name, inst] : side.instances()) out.emplace_back(name, inst->PublicState());
  return out;
}

// BFCL's state_checker: the first class (ground-truth order) whose public attributes differ.
bool StatesMatch(const BfclExecutor& model, const SideState& truth, std::string* cls, std::vector<std::string>* diff) {
  for (size_t i = 0; i < truth.size(); ++i) {
    const auto& [name, ts] = truth[i];
    const PyDict ms = model.instances()[i].second->PublicState();
    bool ok = true;
    for (const auto& [attr, tv] : ts.items()) {
      const PyValue* mv = ms.Find(attr);
      if (mv && PyEquals(*mv, tv)) continue;
      ok = false;
      const std::string p = name + "." + PyStr(attr);
      if (!mv) diff->push_back(p + ": missing in the model's instance");
      else Diff(*mv, tv, p, *diff);
    }
    if (!ok) {
      *cls = name;
      return false;
    }
  }
  return true;
}

}  // namespace

BfclVerdict InferenceError() {
  BfclVerdict v;
  v.error_type = "multi_turn:inference_error";
  v.error_message = "Error during inference phase. Model did not output a list of model responses.";
  return v;
}

BfclVerdict CheckMultiTurn(const BfclEntry& entry, const DecodedTurns& decoded, size_t recorded_turns,
                           const ApiFactory& factory, bool reuse_truth,
                           std::vector<std::vector<std::string>>* model_results) {
  BfclVerdict v;
  const size_t n = entry.ground_truth.size();
  for (size_t t = 0; t < n; ++t) v.turns.push_back({static_cast<int>(t), "not_reached", ""});
  const bool force_terminated = recorded_turns != n;
  if (force_terminated) {
    v.error_type = "multi_turn:force_terminated";
    v.error_message = "Model was force-terminated during inference phase. The length of the model result turns (" +
                      std::to_string(recorded_turns) + ") does not match the length of the ground truth turns (" +
                      std::to_string(n) + ").";
    if (!model_results) return v;
  }
  // The ground truth played alone once, when no shared object can make the model's side matter
  // to it; otherwise beside the model's, in one Python process, as BFCL plays them.
  const std::shared_ptr<const PreparedEntry> prepared = factory ? nullptr : PrepareEntry(entry);
  const std::vector<PyDict>* scenarios = prepared ? &prepared->scenarios() : nullptr;
  BfclProcess process;
  BfclExecutor model(process, entry, kModelSide, factory, scenarios);
  if (model_results) model_results->clear();
  // Runs the model's steps of turn `t`, noting their results.
  std::vector<std::string> all_model_results;
  auto run_model_turn = [&](size_t t) {
    if (t >= decoded.size()) return;
    for (const auto& step : decoded[t]) {
      std::vector<std::string> results = model.Run(step);
      if (model_results) model_results->push_back(results);
      for (auto& r : results) all_model_results.push_back(std::move(r));
    }
  };
  // The verdict is decided at turn `t`: the rest is played for the diagnostics only.
  auto decided = [&](size_t t) {
    for (size_t rest = t; model_results && rest < decoded.size(); ++rest) run_model_turn(rest);
    return v;
  };
  if (force_terminated) return decided(0);  // the ground truth is not played
  const TruthRun* played = prepared && reuse_truth && prepared->truth().isolated ? &prepared->truth() : nullptr;
  std::optional<BfclExecutor> truth;
  if (!played) truth.emplace(process, entry, kTruthSide, factory, scenarios);
  std::vector<std::string> truth_turn;
  for (size_t t = 0; t < n; ++t) {
    const bool has_steps = t < decoded.size() && !decoded[t].empty();
    run_model_turn(t);
    if (!played) truth_turn = truth->Run(entry.ground_truth[t]);
    const std::vector<std::string>& truth_results = played ? played->results[t] : truth_turn;
    TurnCheck& tc = v.turns[t];
    const std::string turn = std::to_string(t);
    if (entry.ground_truth[t].empty()) {
      tc.verdict = "unchecked";
      tc.detail = "no ground truth this turn: the model should not act";
      continue;
    }
    v.failed_turn = static_cast<int>(t);
    if (!has_steps) {
      tc.verdict = v.error_type = "multi_turn:empty_turn_model_response";
      tc.detail = v.error_message = "Model response list is empty for turn " + turn;
      return decided(t + 1);
    }
    std::string cls;
    if (!StatesMatch(model, played ? played->states[t] : StateOf(*truth), &cls, &v.state_diff)) {
      tc.verdict = v.error_type = "multi_turn:instance_state_mismatch";
      v.error_message = "Model instance for " + cls + " does not match the state with ground truth instance.";
      tc.detail = v.state_diff.empty() ? v.error_message : v.state_diff.front();
      return decided(t + 1);
    }
    // _is_subsequence_unordered: each ground-truth result takes one equal model result.
    std::vector<bool> used(all_model_results.size(), false);
    for (const auto& want : truth_results) {
      bool found = false;
      for (size_t i = 0; i < all_model_results.size() && !found; ++i) {
        if (!used[i] && all_model_results[i] == want) used[i] = found = true;
      }
      if (!found) v.missing.push_back(want);
    }
    if (!v.missing.empty()) {
      tc.verdict = v.error_type = "multi_turn:execution_response_mismatch";
      v.error_message = "Model response execution results so far does not contain all the ground truth response "
                        "execution results for turn " + turn + ".";
      std::string first = v.missing.front();
      if (first.size() > 160) first = first.substr(0, 157) + "...";
      tc.detail = std::to_string(v.missing.size()) + " ground-truth result(s) missing, first: " + first;
      return decided(t + 1);
    }
    tc.verdict = "ok";
    v.failed_turn = -1;
  }
  v.valid = true;
  return v;
}

}  // namespace toolshift::bfcl
