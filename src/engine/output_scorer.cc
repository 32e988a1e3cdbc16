#include "src/engine/output_scorer.h"

#include <algorithm>
#include <string_view>
#include <unordered_map>
#include <memory>
#include <utility>

#include "src/core/input_error.h"
#include "src/core/json_text.h"
#include "src/core/parallel_for.h"
#include "src/engine/episode_loop.h"
#include "src/engine/runner.h"

namespace toolshift {

namespace {

// An episode's dialect, made once per episode and kind of reply, not once per output: the
// outputs of a large file name the same few episodes over and over.
struct EpisodeDialects {
  std::unique_ptr<Dialect> text;    // the episode's own dialect
  std::unique_ptr<Dialect> native;  // for replies recorded as structured calls
};

}  // namespace

ScoredOutputs ScoreOutputs(const std::vector<Suite>& suites, std::vector<RecordedOutput> outputs,
                           const std::string& source, int jobs, const ReplyLimits& limits) {
  CheckEpisodePacks(suites);
  struct Target {
    const Suite* suite;
    const Episode* episode;
    size_t index;  // position among all episodes of `suites`
  };
  // Keyed by views of the suites' own names and ids, which outlive this function's use of them.
  struct PairHash {
    size_t operator()(const std::pair<std::string_view, std::string_view>& k) const {
      return std::hash<std::string_view>()(k.first) * 31 + std::hash<std::string_view>()(k.second);
    }
  };
  std::unordered_map<std::pair<std::string_view, std::string_view>, Target, PairHash> by_suite_id;
  std::unordered_map<std::string_view, std::vector<Target>> by_id;
  size_t n_episodes = 0;
  for (const auto& s : suites) {
    for (const auto& e : s.episodes) {
      const Target t{&s, &e, n_episodes++};
      by_suite_id[{s.manifest.name, e.id}] = t;
      by_id[e.id].push_back(t);
    }
  }
  ScoredOutputs out;
  std::vector<char> covered(n_episodes, 0);
  std::vector<EpisodeDialects> dialects(n_episodes);
  std::vector<const EpisodeDialects*> record_dialects;  // per record; nullptr: scored by ScoreRecord
  out.records.reserve(outputs.size() + n_episodes);
  out.lines.reserve(outputs.size() + n_episodes);
  record_dialects.reserve(outputs.size() + n_episodes);
  for (auto& o : outputs) {
    const Target* t = nullptr;
    if (!o.suite.empty()) {
      auto it = by_suite_id.find({o.suite, o.id});
      if (it != by_suite_id.end()) t = &it->second;
    } else if (auto it = by_id.find(o.id); it != by_id.end()) {
      if (it->second.size() > 1) {
        throw InputError(source + ":" + std::to_string(o.line) + ": id '" + o.id + "' is in " +
                         std::to_string(it->second.size()) + " of the selected suites (" +
                         it->second[0].suite->manifest.name + ", " + it->second[1].suite->manifest.name +
                         "...); add \"suite\" to the line or select one suite");
      }
      t = &it->second.front();
    }
    if (!t) {
      ++out.unmatched;
      continue;
    }
    EpisodeRecord& r = out.records.emplace_back();
    r.suite = t->suite;
    r.episode = t->episode;
    // Moved, not copied: the outputs are this function's own (a caller done with them moves them in).
    r.response = std::move(o.response);
    r.replies = std::move(o.replies);
    r.user_turns = std::move(o.user_turns);  // a simulated user's turns (ACEBench agent_multi_turn lines)
    if (o.grouped) r.turn_sizes = std::move(o.turn_sizes);
    r.grouped = o.grouped;
    r.bfcl_text_result = o.bfcl_text_result;
    out.lines.push_back(o.line);
    covered[t->index] = 1;
    if (!r.response.ok() || t->episode->multi) {
      record_dialects.push_back(nullptr);
      continue;
    }
    // Made here, serially; chosen between in the scoring below, once the reply is bounded (a
    // reply past the limits loses its calls, and is then read in the text dialect).
    EpisodeDialects& d = dialects[t->index];
    if (!d.text) d.text = MakeDialect(t->episode->dialect, t->episode->presentation);
    const Message& reply = r.response.message;
    if (!d.native && !reply.tool_calls.empty() && reply.content.empty()) {
      d.native = MakeDialect("native", t->episode->presentation);
    }
    record_dialects.push_back(&d);
  }
  {
    size_t index = 0;
    for (const auto& s : suites) {
      for (const auto& e : s.episodes) {
        if (covered[index++]) continue;
        EpisodeRecord& r = out.records.emplace_back();
        r.suite = &s;
        r.episode = &e;
        r.response.error = "no recorded output for this episode in " + source;
        out.lines.push_back(0);
        record_dialects.push_back(nullptr);
        ++out.missing;
      }
    }
  }
  auto score = [&](EpisodeRecord& r, const EpisodeDialects* made) {
    // As a run keeps what it receives: the episode log then holds an unread reply cut.
    BoundResponse(r.response, limits);
    for (auto& m : r.replies) BoundReply(m, limits);
    if (!made) {
      ScoreRecord(r, limits, /*keep_prompt=*/false);  // score logs verdicts, never prompts
      return;
    }
    // A reply recorded as structured calls with no text (BFCL's FC-mode result files, an
    // OpenAI-style tool_calls line) is read as the native calls it is, whatever text dialect
    // the episode asks for: otherwise every FC result would read as "no call".
    const Message& reply = r.response.message;
    const bool structured = !reply.tool_calls.empty() && reply.content.empty();
    r.verdict = ScoreReply(*r.episode, structured ? *made->native : *made->text, reply, limits);
  };
  ParallelFor(out.records.size(), 256, jobs, [&](size_t begin, size_t end) {
    for (size_t i = begin; i != end; ++i) score(out.records[i], record_dialects[i]);
  });
  return out;
}

Json VerdictLogEntry(const EpisodeRecord& r, size_t line) {
  Json j = Json::object();
  j["suite"] = r.suite->manifest.name;
  j["id"] = r.episode->id;
  if (line) j["line"] = line;
  j["correct"] = r.verdict.correct;
  j["failure"] = FailureName(r.verdict.failure);
  if (r.response.ok()) j["parse"] = StatusName(r.verdict.parse.status);
  if (!r.verdict.detail.empty()) j["detail"] = r.verdict.detail;
  if (r.verdict.trajectory && !r.verdict.trajectory->error_type.empty()) j["error_type"] = r.verdict.trajectory->error_type;
  if (!r.verdict.other_dialect.empty()) j["wrong_dialect"] = r.verdict.other_dialect;
  if (r.verdict.other_dialect_correct) j["other_dialect_correct"] = *r.verdict.other_dialect_correct;
  if (r.response.ok() && !r.episode->multi) j["signatures"] = SignaturesToJson(r.verdict.signatures);
  if (r.response.ok() && r.verdict.trajectory) {  // multi-step: each step's, in step order
    j["step_signatures"] = Json::array();
    for (const auto& s : r.verdict.trajectory->step_signatures) j["step_signatures"].push_back(SignaturesToJson(s));
  }
  return j;
}

namespace {

void AppendSignatures(std::string& out, const std::vector<Signature>& signatures) {
  out += '[';
  for (size_t i = 0; i < signatures.size(); ++i) {
    if (i) out += ',';
    out += "{\"name\":";
    AppendJsonString(out, signatures[i].name);
    out += ",\"evidence\":";
    AppendJsonString(out, signatures[i].evidence);
    out += '}';
  }
  out += ']';
}

}  // namespace

void AppendVerdictLogLine(std::string& out, const EpisodeRecord& r, size_t line) {
  // The keys and their order are VerdictLogEntry's; a test holds the two to the same bytes.
  out += "{\"suite\":";
  AppendJsonString(out, r.suite->manifest.name);
  out += ",\"id\":";
  AppendJsonString(out, r.episode->id);
  if (line) (out += ",\"line\":") += std::to_string(line);
  out += r.verdict.correct ? ",\"correct\":true" : ",\"correct\":false";
  out += ",\"failure\":";
  AppendJsonString(out, FailureName(r.verdict.failure));
  if (r.response.ok()) {
    out += ",\"parse\":";
    AppendJsonString(out, StatusName(r.verdict.parse.status));
  }
  if (!r.verdict.detail.empty()) {
    out += ",\"detail\":";
    AppendJsonString(out, r.verdict.detail);
  }
  if (r.verdict.trajectory && !r.verdict.trajectory->error_type.empty()) {
    out += ",\"error_type\":";
    AppendJsonString(out, r.verdict.trajectory->error_type);
  }
  if (!r.verdict.other_dialect.empty()) {
    out += ",\"wrong_dialect\":";
    AppendJsonString(out, r.verdict.other_dialect);
  }
  if (r.verdict.other_dialect_correct) {
    out += *r.verdict.other_dialect_correct ? ",\"other_dialect_correct\":true" : ",\"other_dialect_correct\":false";
  }
  if (r.response.ok() && !r.episode->multi) {
    out += ",\"signatures\":";
    AppendSignatures(out, r.verdict.signatures);
  }
  if (r.response.ok() && r.verdict.trajectory) {
    out += ",\"step_signatures\":[";
    const auto& steps = r.verdict.trajectory->step_signatures;
    for (size_t i = 0; i < steps.size(); ++i) {
      if (i) out += ',';
      AppendSignatures(out, steps[i]);
    }
    out += ']';
  }
  out += '}';
}

void ReleaseScoredOutputs(ScoredOutputs& scored, int jobs) {
  ParallelFor(scored.records.size(), 256, jobs, [&](size_t begin, size_t end) {
    for (size_t i = begin; i < end; ++i) scored.records[i] = EpisodeRecord{};
  });
  scored = ScoredOutputs{};
}

std::string VerdictLog(const ScoredOutputs& scored) {
  // Written in parallel chunks without a Json tree per line, joined in order: the log is as
  // long as the outputs file.
  constexpr size_t kChunk = 2048;
  std::vector<std::string> chunks((scored.records.size() + kChunk - 1) / kChunk);
  ParallelFor(chunks.size(), 1, 0, [&](size_t begin, size_t end) {
    for (size_t c = begin; c != end; ++c) {
      std::string& text = chunks[c];
      text.reserve(kChunk * 160);
      const size_t stop = std::min(scored.records.size(), (c + 1) * kChunk);
      for (size_t i = c * kChunk; i != stop; ++i) {
        AppendVerdictLogLine(text, scored.records[i], scored.lines[i]);
        text += '\n';
      }
    }
  });
  size_t size = 0;
  for (const auto& c : chunks) size += c.size();
  std::string log;
  log.reserve(size);
  for (const auto& c : chunks) log += c;
  return log;
}

}  // namespace toolshift
