#include "src/scoring/episode_scorer.h"

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

EpisodeVerdict ScoreReply(const Episode& episode, const Dialect& dialect, const Message& reply,
                          const ReplyLimits& limits) {
  EpisodeVerdict v;
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
  if (v.parse.status != ParseResult::Status::kCalls && !reply.content.empty() &&
      reply.content.size() <= limits.max_output_bytes) {
    for (std::string_view other : {"hermes", "pythonic", "json", "xml", "react"}) {
      if (other == dialect.name()) continue;
      const Dialect* d = FindDialect(other);
      if (d && d->Parse(reply, episode.tools).status == ParseResult::Status::kCalls) {
        v.other_dialect = std::string(other);
        break;
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
