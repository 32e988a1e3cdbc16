#include "src/report/collapse_diagnostics.h"

#include <algorithm>
#include <cmath>
#include <map>

#include "src/dialects/dialect.h"
#include "src/scoring/failure.h"
#include "src/scoring/statistics.h"

namespace toolshift {
namespace {

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

// Spikes of one kind over a set of replies with logprobs.
struct SpikeTally {
  uint64_t replies = 0;    // replies with at least one spike of the kind
  uint64_t positions = 0;  // spike positions over all of them
  std::vector<double> max_mass;  // per reply with a position where the kind applies
  Json example;            // the first reply with a spike
};

struct TokenTally {
  uint64_t replies = 0;  // replies with readable logprobs
  std::map<std::string, SpikeTally> kinds;
};

struct SplitDiagnostics {
  uint64_t scored = 0, malformed = 0, wrong_dialect = 0, control = 0;
  std::vector<double> open_expected, open_unexpected;
  TokenTally tokens;
  std::map<std::string, TokenTally> tokens_by_shift;
};

bool LeaksRole(const EpisodeRecord& r) {
  if (HasSignature(r.verdict.signatures, "role_leak")) return true;
  if (!r.verdict.trajectory) return false;
  for (const auto& step : r.verdict.trajectory->step_signatures) {
    if (HasSignature(step, "role_leak")) return true;
  }
  return false;
}

// Up to 80 bytes of the reply's tokens around `position`, the spike's token in [brackets].
std::string SpikeExcerpt(const std::vector<TokenPosition>& positions, size_t position) {
  std::string before, after;
  for (size_t i = position; i-- > 0 && before.size() < 40;) before = positions[i].token + before;
  for (size_t i = position + 1; i < positions.size() && after.size() < 40; ++i) after += positions[i].token;
  if (before.size() > 40) before = before.substr(before.size() - 40);
  if (after.size() > 40) after.resize(40);
  return before + "[" + positions[position].token + "]" + after;
}

// The compact form of a reply's spikes that a record keeps once its reply is released.
Json SpikeFacts(const EpisodeRecord& r, const std::vector<TokenPosition>& positions, const TokenSeries& s) {
  Json j = {{"max_end_in_call", s.max_end_in_call}, {"max_open_no_call", s.max_open_no_call}, {"spikes", Json::object()}};
  for (const char* kind : kSpikeKinds) {
    const Spike* first = nullptr;
    uint64_t n = 0;
    for (const auto& sp : s.spikes) {
      if (sp.kind != kind) continue;
      if (!first) first = &sp;
      ++n;
    }
    if (!first) continue;
    j["spikes"][kind] = {{"n", n},
                         {"example", {{"suite", r.suite->manifest.name}, {"id", r.episode->id}, {"position", first->position},
                                      {"token", first->token}, {"p", first->p},
                                      {"excerpt", SpikeExcerpt(positions, first->position)}}}};
  }
  return j;
}

void Add(TokenTally& t, const Json& facts) {
  ++t.replies;
  for (const char* kind : kSpikeKinds) {
    SpikeTally& k = t.kinds[kind];
    const double max = facts.value(std::string_view(kind) == "end_in_call" ? "max_end_in_call" : "max_open_no_call", -1.0);
    if (max >= 0) k.max_mass.push_back(max);
    const Json& spike = facts["spikes"].contains(kind) ? facts["spikes"][kind] : Json();
    if (spike.is_null()) continue;
    ++k.replies;
    k.positions += spike.value("n", uint64_t{0});
    if (k.example.is_null()) k.example = spike["example"];
  }
}

Json TokenJson(TokenTally& t, bool examples) {
  Json j = {{"replies", t.replies}};
  for (const char* kind : kSpikeKinds) {
    SpikeTally& k = t.kinds[kind];
    const Interval ci = WilsonInterval(k.replies, t.replies);
    Json kj = {{"count", k.replies},
               {"rate", t.replies ? Json(static_cast<double>(k.replies) / static_cast<double>(t.replies)) : Json(nullptr)},
               {"ci_low", ci.low},
               {"ci_high", ci.high},
               {"positions", k.positions},
               {"max_mass", Summary(std::move(k.max_mass))}};
    if (examples) kj["example"] = k.example;
    j[kind] = std::move(kj);
  }
  return j;
}

}  // namespace

std::optional<TokenSeries> ReplyTokenSeries(const EpisodeRecord& r, std::vector<TokenPosition>* positions_out) {
  if (!r.response.ok() || r.response.logprobs.is_null()) return std::nullopt;
  std::vector<TokenPosition> positions = ReadTokenPositions(r.response.logprobs);
  if (positions.empty()) return std::nullopt;
  const Episode& ep = *r.episode;
  const std::unique_ptr<Dialect> dialect = MakeDialect(ep.dialect, ep.presentation);
  TokenSeries s = AnalyzeTokens(positions, ControlTokensFor(*dialect, ep.presentation.call_open, ep.presentation.call_close));
  if (positions_out) *positions_out = std::move(positions);
  return s;
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
  facts.role_leak = LeaksRole(r);
  if (r.response.logprobs.is_null()) return facts;
  std::vector<TokenPosition> positions;
  if (const auto series = ReplyTokenSeries(r, &positions)) facts.token_spikes = SpikeFacts(r, positions, *series);
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
    d.control += facts.role_leak;
    if (!facts.token_spikes.is_null()) {
      Add(d.tokens, facts.token_spikes);
      if (!r.episode->base_id.empty()) {
        const std::string& kind = r.episode->shift.empty() ? r.suite->manifest.provenance.shift : r.episode->shift;
        Add(d.tokens_by_shift[kind], facts.token_spikes);
      }
    }
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
    if (d.tokens.replies > 0) {
      Json spikes = TokenJson(d.tokens, true);
      spikes["threshold"] = kSpikeThreshold;
      spikes["by_shift_kind"] = Json::object();
      for (auto& [kind, tally] : d.tokens_by_shift) spikes["by_shift_kind"][kind] = TokenJson(tally, false);
      j["token_spikes"] = std::move(spikes);
    }
    out[split] = std::move(j);
  }
  return out;
}

}  // namespace toolshift
