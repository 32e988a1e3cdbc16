// Token-level collapse diagnostics (with --logprobs): at every position of a reply, the
// probability the model gave to each kind of control token of its template — call open and
// close tags, end of turn, role headers, recognised by token text whatever the tokenizer —
// and the *spikes* where that mass is out of place:
//
//   end_in_call    an end-of-turn or role-header token takes at least the threshold where the
//                  reply's own structure says a call or an argument continues (inside an
//                  open call tag, or an unclosed bracket or string of a call) — the moment a
//                  bare call tag or a role leak is born;
//   open_no_call   a call-open token takes at least the threshold where no call follows in
//                  the rest of the reply — the model nearly called, then did not.
//
// The per-reply series go to the episode log, the per-split and per-shift-kind distributions
// with one example per spike kind to the report's diagnostics (docs/report.md).
#ifndef TOOLSHIFT_REPORT_TOKEN_DIAGNOSTICS_H_
#define TOOLSHIFT_REPORT_TOKEN_DIAGNOSTICS_H_

#include <string>
#include <utility>
#include <vector>

#include "src/core/json.h"
#include "src/dialects/dialect.h"

namespace toolshift {

// A spike needs this much of the position's probability mass.
inline constexpr double kSpikeThreshold = 0.2;

inline constexpr const char* kSpikeKinds[] = {"end_in_call", "open_no_call"};

struct TokenPosition {
  std::string token;   // the token the model chose
  double logprob = 0;  // its log-probability
  std::vector<std::pair<std::string, double>> top;  // alternatives returned (token, logprob)
};

// The positions of OpenAI-shaped logprobs (chat: {"content": [{token, logprob,
// top_logprobs}]}; completions: {tokens, token_logprobs, top_logprobs}); empty for a shape it
// cannot read (which then says nothing).
std::vector<TokenPosition> ReadTokenPositions(const Json& logprobs);

// The control tokens a reply in `dialect` (with `call_open` / `call_close`, the presentation's
// hermes tags, "" = default) can spend probability on.
struct ControlTokens {
  std::vector<std::string> call_open, call_close, end_of_turn, role;
};
ControlTokens ControlTokensFor(const Dialect& dialect, const std::string& call_open, const std::string& call_close);

struct Spike {
  size_t position = 0;
  std::string kind;   // one of kSpikeKinds
  std::string token;  // the token chosen there
  double p = 0;       // the control mass that made the spike
};

struct TokenSeries {
  size_t positions = 0;
  // Per position: the summed probability of each control-token kind (the chosen token and
  // the returned alternatives that match one).
  std::vector<double> call_open, call_close, end_of_turn, role;
  std::vector<Spike> spikes;
  // The highest end-of-turn + role mass inside a call, and call-open mass where no call
  // follows; -1 when the reply has no such position.
  double max_end_in_call = -1, max_open_no_call = -1;
};

TokenSeries AnalyzeTokens(const std::vector<TokenPosition>& positions, const ControlTokens& controls,
                          double threshold = kSpikeThreshold);

// {"positions", "series": {call_open, call_close, end_of_turn, role}, "spikes": [{position,
// kind, token, p}]} for the episode log; probabilities rounded to 4 decimals.
Json TokenSeriesToJson(const TokenSeries& series);

}  // namespace toolshift

#endif  // TOOLSHIFT_REPORT_TOKEN_DIAGNOSTICS_H_
