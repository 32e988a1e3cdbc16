// Collapse diagnostics: the signs that a model's tool use broke in its output format rather
// than in its reasoning, per split.
//
//   malformed_rate        replies that tried to call a tool and broke the syntax
//   wrong_dialect_rate    replies whose calls parse in another dialect than the one asked
//   control_token_rate    replies that go on as another turn (the role_leak signature, in
//                         any step): template tokens past the end of the turn, or their
//                         remnants once a server stripped them; a trailing end-of-turn
//                         token alone does not count
//   call_open_probability with --logprobs: the probability the model gave, at the first
//                         position of its reply, to opening a call in the asked dialect
//                         (tokens that begin the dialect's call syntax, summed over the
//                         returned alternatives), where a call is expected and where it is
//                         not (irrelevance episodes): mean and deciles.
//   token_spikes          with --logprobs: control-token spikes over every position
//                         (src/report/token_diagnostics.h) per spike kind, overall and per
//                         shift kind, with one example per kind.
#ifndef TOOLSHIFT_REPORT_COLLAPSE_DIAGNOSTICS_H_
#define TOOLSHIFT_REPORT_COLLAPSE_DIAGNOSTICS_H_

#include <optional>
#include <string>
#include <vector>

#include "src/core/json.h"
#include "src/engine/runner.h"
#include "src/report/token_diagnostics.h"

namespace toolshift {

// The "diagnostics" object of a report: {split: {...}} for the splits present in `records`.
Json CollapseDiagnostics(const std::vector<EpisodeRecord>& records);

// What CollapseDiagnostics reads from a record's reply (its text, logprobs and signatures), for
// a RecordSink to note before the reply is released; a record without reply_facts is read
// directly. `record` must be scored.
ReplyFacts ReplyFactsOf(const EpisodeRecord& record);

// The control-token series of a record's reply (multi-step: its first step's, the one whose
// logprobs are kept); nullopt without readable logprobs. `positions` receives the tokens.
std::optional<TokenSeries> ReplyTokenSeries(const EpisodeRecord& r, std::vector<TokenPosition>* positions = nullptr);

// The probability given to opening a call with `opening` (the start of the dialect's call
// syntax) at the reply's first token, read from OpenAI-shaped logprobs (chat: {"content":
// [{token, logprob, top_logprobs}]}; completions: {tokens, token_logprobs, top_logprobs}).
// nullopt when the logprobs say nothing about the first position.
std::optional<double> FirstTokenOpenProbability(const Json& logprobs, const std::string& opening);

}  // namespace toolshift

#endif  // TOOLSHIFT_REPORT_COLLAPSE_DIAGNOSTICS_H_
