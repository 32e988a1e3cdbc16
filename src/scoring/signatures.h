// Reply signatures: named, stable marks of *how* a reply went wrong in its format — the
// shapes format collapse takes in real checkpoints (a bare call tag, the model writing the
// next turn itself, an empty reply, a call without its tags...). They are diagnostics
// beside the verdict, not a verdict: a reply can carry several, a correct reply usually
// none. Names and their definitions are in docs/scoring.md; tests/scoring/signatures_test.cc
// holds written examples per dialect and chat template.
#ifndef TOOLSHIFT_SCORING_SIGNATURES_H_
#define TOOLSHIFT_SCORING_SIGNATURES_H_

#include <string>
#include <string_view>
#include <vector>

#include "src/core/json.h"
#include "src/dialects/dialect.h"

namespace toolshift {

struct Signature {
  std::string name;      // one of kSignatureNames
  std::string evidence;  // a short excerpt or count saying why, for the episode log
};

// Every signature name, in the order ReplySignatures reports them.
inline constexpr std::string_view kSignatureNames[] = {
    "empty_reply",    "bare_call_tag",   "tag_imbalance",      "role_leak", "fake_observation",
    "untagged_call",  "call_like_prose", "duplicate_argument", "truncated"};

struct SignatureInput {
  std::string_view text;            // the reply's text content
  bool has_structured_calls = false;  // the reply carried native tool_calls
  std::string_view dialect;         // the dialect asked for
  std::string_view call_open;       // hermes tag spelling of the presentation ("" = default)
  std::string_view call_close;
  const ParseResult* parse = nullptr;  // the parse in the asked dialect (required)
  std::string_view other_dialect;   // a dialect the reply parses in instead ("" = none)
  std::string_view finish_reason;   // the backend's, when known ("length" = truncated)
};

// The signatures of one reply, each at most once, in kSignatureNames order. Pure: depends
// only on `in`.
std::vector<Signature> ReplySignatures(const SignatureInput& in);

// True when `text` looks like an attempt at a call in some syntax (a keyword call, a
// quoted-name list, a {"name": ...} object) at the start of a line. Used for
// call_like_prose, which only fires when no dialect parses the reply.
bool LooksLikeCallAttempt(std::string_view text);

// The chat-template control tokens of ChatML/Qwen, Llama 3, Mistral, Gemma, DeepSeek and Phi
// as text, and those of them that end a turn.
const std::vector<std::string_view>& TemplateTokens();
const std::vector<std::string_view>& EndOfTurnTokens();

// `text` without the end-of-turn tokens (<|im_end|>, <|eot_id|>, </s>, <end_of_turn>...) and
// blanks at its end: what a server that keeps special tokens appends to every reply.
std::string_view WithoutTrailingEndTokens(std::string_view text);

bool HasSignature(const std::vector<Signature>& signatures, std::string_view name);

// [{"name", "evidence"}, ...] for the episode log and score's verdict lines.
Json SignaturesToJson(const std::vector<Signature>& signatures);

}  // namespace toolshift

#endif  // TOOLSHIFT_SCORING_SIGNATURES_H_
