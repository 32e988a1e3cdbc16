#include "src/scoring/episode_scorer.h"

#include <utility>

#include "src/dialects/bfcl_decoder.h"
#include "src/scoring/ast_matcher.h"

namespace toolshift {
namespace {

// Function-calling APIs (OpenAI, Anthropic, Gemini...) do not accept dots in tool names, so a
// tool offered as `math.factorial` comes back as `math_factorial` (BFCL's underscore_to_dot).
// A native call to a name no tool has is mapped back to the one tool whose dotted name reads
// so with underscores; an ambiguous or unknown name is left for the matcher to report.
void MapUnderscoredNames(std::vector<ToolCall>& calls, const std::vector<Tool>& tools) {
  for (auto& c : calls) {
    if (FindTool(tools, c.name)) continue;
    const Tool* match = nullptr;
    int matches = 0;
    for (const auto& t : tools) {
      if (t.name.find('.') == std::string::npos) continue;
      std::string underscored = t.name;
      for (char& ch : underscored) ch = ch == '.' ? '_' : ch;
      if (underscored == c.name) {
        match = &t;
        ++matches;
      }
    }
    if (matches == 1) c.name = match->name;
  }
}

}  // namespace

const Dialect* OtherDialect(const Episode& episode, const Dialect& dialect, const Message& reply,
                            const ParseResult& parse, const ReplyLimits& limits) {
  if (parse.status == ParseResult::Status::kCalls || reply.content.empty() ||
      reply.content.size() > limits.max_output_bytes) {
    return nullptr;
  }
  // Each syntax with the byte no call in it can be written without (a tag, a JSON object, an
  // argument list): a reply lacking it is not parsed in that syntax, most prose lacks them.
  static constexpr std::pair<std::string_view, char> kSyntaxes[] = {
      {"hermes", '<'}, {"pythonic", '('}, {"json", '{'}, {"xml", '<'}, {"react", '{'}};
  for (const auto& [name, needed] : kSyntaxes) {
    // Hermes with respelled tags (a presentation shift) still counts the default tags as
    // another syntax: the model wrote the tags it was trained on.
    const bool respelled = name == "hermes" && !episode.presentation.call_open.empty() &&
                           episode.presentation.call_open != "<tool_call>";
    if (name == dialect.name() && !respelled) continue;
    if (reply.content.find(needed) == std::string::npos) continue;
    const Dialect* d = FindDialect(name);
    if (d && d->Parse(reply, episode.tools).status == ParseResult::Status::kCalls) return d;
  }
  return nullptr;
}

std::vector<Signature> ScoredReplySignatures(const Episode& episode, const Dialect& dialect, const Message& reply,
                                             const ParseResult& parse, std::string_view other_dialect,
                                             const ReplyLimits& limits, std::string_view finish_reason) {
  if (finish_reason.empty()) finish_reason = reply.finish_reason;
  if (reply.content.size() > limits.max_output_bytes) {
    // A reply past the limit is judged by the limit, not by its text.
    if (finish_reason == "length") return {{"truncated", "finish_reason=length"}};
    return {};
  }
  SignatureInput in;
  in.text = reply.content;
  in.has_structured_calls = !reply.tool_calls.empty();
  in.dialect = dialect.name();
  in.call_open = episode.presentation.call_open;
  in.call_close = episode.presentation.call_close;
  in.parse = &parse;
  in.other_dialect = other_dialect;
  in.finish_reason = finish_reason;
  return ReplySignatures(in);
}

EpisodeVerdict ScoreReply(const Episode& episode, const Dialect& dialect, const Message& reply,
                          const ReplyLimits& limits, std::string_view finish_reason) {
  EpisodeVerdict v;
  if (finish_reason.empty()) finish_reason = reply.finish_reason;
  const bool bfcl = IsBfcl(episode.scoring);
  // Imported BFCL suites in BFCL's own prompt format are decoded as BFCL decodes them.
  v.parse = bfcl && dialect.name() == "pythonic" && reply.content.size() <= limits.max_output_bytes
                ? DecodeBfclPrompting(reply.content)
                : ParseWithinLimits(dialect, reply, episode.tools, limits);
  if (dialect.is_native()) MapUnderscoredNames(v.parse.calls, episode.tools);
  if (bfcl && episode.ExpectsNoCall() && v.parse.status == ParseResult::Status::kMalformed) {
    // BFCL's irrelevance rule: output that does not decode is no function call.
    v.correct = true;
    v.detail = "undecodable output counts as no call under BFCL's rules: " + v.parse.error;
  } else if (v.parse.status == ParseResult::Status::kMalformed) {
    v.failure = FailureCategory::kMalformed;
    v.detail = v.parse.error;
  } else if (episode.ExpectsAnyCall()) {
    // Relevance (BFCL's live_relevance): a call is needed and none is given to match it with.
    v.correct = v.parse.status == ParseResult::Status::kCalls;
    if (!v.correct) {
      v.failure = FailureCategory::kNoCall;
      v.detail = "expected a call (any offered tool), got none";
    }
  } else {
    MatchVerdict m = MatchCalls(v.parse.calls, episode.expected, episode.tools, episode.scoring);
    v.correct = m.correct;
    v.failure = m.failure;
    v.detail = std::move(m.detail);
  }
  if (const Dialect* other = OtherDialect(episode, dialect, reply, v.parse, limits)) {
    v.other_dialect = std::string(other->name());
    // The same calls, judged as if the model's own syntax had been asked for.
    const ParseResult p = other->Parse(reply, episode.tools);
    v.other_dialect_correct = MatchCalls(p.calls, episode.expected, episode.tools, episode.scoring).correct;
  }
  v.signatures = ScoredReplySignatures(episode, dialect, reply, v.parse, v.other_dialect, limits, finish_reason);
  // Under toolshift's own rules a keyword given twice (a model folding two calls into one) is a
  // content error even when the value kept would match; BFCL's rules keep the last value and
  // judge it, as BFCL does.
  if (!bfcl && v.correct && HasSignature(v.signatures, "duplicate_argument")) {
    v.correct = false;
    v.failure = FailureCategory::kWrongValue;
    for (const auto& sig : v.signatures) {
      if (sig.name == "duplicate_argument") v.detail = "an argument given twice: " + sig.evidence;
    }
  }
  // Refine "no call" when the reply says more precisely what happened.
  if (v.failure == FailureCategory::kNoCall) {
    if (HasSignature(v.signatures, "empty_reply")) {
      v.failure = FailureCategory::kEmptyReply;
      v.detail = "empty reply: " + v.signatures.front().evidence;
    } else if (HasSignature(v.signatures, "call_like_prose")) {
      v.failure = FailureCategory::kMalformed;
      for (const auto& sig : v.signatures) {
        if (sig.name == "call_like_prose") v.detail = "a call attempt that parses in no dialect: " + sig.evidence;
      }
    }
  }
  return v;
}

EpisodeVerdict BackendErrorVerdict(const std::string& error) {
  EpisodeVerdict v;
  v.failure = FailureCategory::kBackendError;
  v.detail = error;
  return v;
}

}  // namespace toolshift
