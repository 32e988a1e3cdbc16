#include "src/report/collapse_diagnostics.h"

#include <algorithm>
#include <cmath>
#include <map>

#include "src/dialects/dialect.h"
#include "src/scoring/failure.h"

namespace toolshift {
namespace {

// Control tokens of ChatML, Llama 2/3, Mistral, Gemma, Phi and GPT-style templates. A
// server strips them from replies; seeing one means the model ran past its turn or
// imitated a template it was not given.
constexpr const char* kControlTokens[] = {
    "<|im_start|>", "<|im_end|>", "<|endoftext|>", "<|eot_id|>", "<|eom_id|>", "<|start_header_id|>",
    "<|end_header_id|>", "<|begin_of_text|>", "<|python_tag|>", "[INST]", "[/INST]", "<<SYS>>", "</s>",
    "<start_of_turn>", "<end_of_turn>", "<|user|>", "<|assistant|>", "<|system|>", "<|end|>"};

std::string TrimLeft(std::string s) {
  size_t i = 0;
  while (i < s.size() && (s[i] == ' ' || s[i] == '\n' || s[i] == '\t' || s[i] == '\r')) ++i;
  return s.substr(i);
}

// A token "opens a call" when, leading whitespace aside, it is a non-empty prefix of the
// opening or starts with the whole opening.
bool Opens(const std::string& token, const std::string& opening) {
  const std::string t = TrimLeft(token);
  if (t.empty() || opening.empty()) return false;
  if (t.size() <= opening.size()) return opening.compare(0, t.size(), t) == 0;
  return t.compare(0, opening.size(), opening) == 0;
}

// The start of the dialect's call syntax, up to the tool name: "<tool_call>", "[", ...
std::string CallOpening(const Dialect& dialect) {
  if (dialect.is_native()) return "";
  const std::string text = dialect.Write({ToolCall{"zqzqfn", Json::object()}}).content;
  const size_t at = text.find("zqzqfn");
  std::string opening = TrimLeft(at == std::string::npos ? text : text.substr(0, at));
  // Keep the first "word" of the opening: the part a tokenizer puts in the first tokens.
  const size_t stop = opening.find_first_of(" \n\"");
  if (stop != std::string::npos && stop > 0) opening.resize(stop);
  return opening;
}

Json Summary(std::vector<double> v) {
  if (v.empty()) return nullptr;
  std::sort(v.begin(), v.end());
  auto q = [&](double p) { return v[std::min(v.size() - 1, static_cast<size_t>(p * static_cast<double>(v.size() - 1) + 0.5))]; };
  double sum = 0;
  for (double x : v) sum += x;
  return {{"n", v.size()}, {"mean", sum / static_cast<double>(v.size())}, {"p10", q(0.1)}, {"p50", q(0.5)}, {"p90", q(0.9)}};
}

struct SplitDiagnostics {
  uint64_t scored = 0, malformed = 0, wrong_dialect = 0, control = 0;
  std::vector<double> open_expected, open_unexpected;
};

}  // namespace

std::vector<std::string> ControlTokensIn(const std::string& text) {
  std::vector<std::pair<size_t, std::string>> found;
  for (const char* t : kControlTokens) {
    const size_t at = text.find(t);
    if (at != std::string::npos) found.emplace_back(at, t);
  }
  std::sort(found.begin(), found.end());
  std::vector<std::string> out;
  for (auto& f : found) out.push_back(std::move(f.second));
  return out;
}

std::optional<double> FirstTokenOpenProbability(const Json& logprobs, const std::string& opening) {
  if (!logprobs.is_object() || opening.empty()) return std::nullopt;
  std::string chosen;
  double chosen_logprob = 0;
  std::vector<std::pair<std::string, double>> alternatives;
  try {
    if (logprobs.contains("content") && logprobs["content"].is_array()) {  // chat completions
      // Skip leading whitespace-only tokens: the call may open after a newline.
      for (const auto& t : logprobs["content"]) {
        if (TrimLeft(t.value("token", "")).empty()) continue;
        chosen = t.value("token", "");
        chosen_logprob = t.value("logprob", -1e9);
        for (const auto& a : t.value("top_logprobs", Json::array())) {
          alternatives.emplace_back(a.value("token", ""), a.value("logprob", -1e9));
        }
        break;
      }
    } else if (logprobs.contains("tokens") && logprobs["tokens"].is_array()) {  // completions
      const Json& tokens = logprobs["tokens"];
      for (size_t i = 0; i < tokens.size(); ++i) {
        if (!tokens[i].is_string() || TrimLeft(tokens[i].get<std::string>()).empty()) continue;
        chosen = tokens[i].get<std::string>();
        chosen_logprob = logprobs.at("token_logprobs").at(i).get<double>();
        const Json& top = logprobs.value("top_logprobs", Json::array());
        if (i < top.size() && top[i].is_object()) {
          for (auto a = top[i].begin(); a != top[i].end(); ++a) alternatives.emplace_back(a.key(), a->get<double>());
        }
        break;
      }
    }
  } catch (const std::exception&) {
    return std::nullopt;  // a shape we cannot read says nothing
  }
  if (chosen.empty()) return std::nullopt;
  double p = 0;
  bool chosen_counted = false;
  for (const auto& [token, lp] : alternatives) {
    if (!Opens(token, opening)) continue;
    p += std::exp(lp);
    chosen_counted = chosen_counted || token == chosen;
  }
  if (!chosen_counted && Opens(chosen, opening)) p += std::exp(chosen_logprob);
  return std::min(1.0, p);
}

ReplyFacts ReplyFactsOf(const EpisodeRecord& r) {
  ReplyFacts facts;
  if (!r.response.ok()) return facts;
  facts.control_tokens = !ControlTokensIn(r.response.message.content).empty();
  if (r.response.logprobs.is_null()) return facts;
  const std::unique_ptr<Dialect> dialect = MakeDialect(r.episode->dialect, r.episode->presentation);
  facts.call_open_probability = FirstTokenOpenProbability(r.response.logprobs, CallOpening(*dialect));
  return facts;
}

Json CollapseDiagnostics(const std::vector<EpisodeRecord>& records) {
  std::map<std::string, SplitDiagnostics> by_split;
  bool any_logprobs = false;
  for (const auto& r : records) {
    if (!r.response.ok()) continue;
    SplitDiagnostics& d = by_split[std::string(SplitName(r.suite->manifest.split))];
    ++d.scored;
    d.malformed += r.verdict.failure == FailureCategory::kMalformed;
    d.wrong_dialect += !r.verdict.other_dialect.empty();
    const ReplyFacts facts = r.reply_facts ? *r.reply_facts : ReplyFactsOf(r);  // noted before release, or now
    d.control += facts.control_tokens;
    const auto& p = facts.call_open_probability;
    if (!p) continue;
    any_logprobs = true;
    (r.episode->ExpectsNoCall() ? d.open_unexpected : d.open_expected).push_back(*p);
  }
  Json out = Json::object();
  for (auto& [split, d] : by_split) {
    const double n = static_cast<double>(d.scored);
    Json j = {{"scored", d.scored},
              {"malformed_rate", static_cast<double>(d.malformed) / n},
              {"wrong_dialect_rate", static_cast<double>(d.wrong_dialect) / n},
              {"control_token_rate", static_cast<double>(d.control) / n}};
    if (any_logprobs) {
      j["call_open_probability"] = {{"where_expected", Summary(std::move(d.open_expected))},
                                    {"where_not_expected", Summary(std::move(d.open_unexpected))}};
    }
    out[split] = std::move(j);
  }
  return out;
}

}  // namespace toolshift
