#include "src/engine/output_scorer.h"

#include <algorithm>
#include <map>
#include <memory>
#include <utility>

#include "src/core/input_error.h"
#include "src/core/json_text.h"
#include "src/core/parallel_for.h"
#include "src/engine/episode_loop.h"
#include "src/engine/runner.h"

namespace toolshift {

ScoredOutputs ScoreOutputs(const std::vector<Suite>& suites, std::vector<RecordedOutput> outputs,
                           const std::string& source, int jobs, const ReplyLimits& limits) {
  CheckEpisodePacks(suites);
  struct Target {
    const Suite* suite;
    const Episode* episode;
  };
  std::map<std::pair<std::string, std::string>, Target> by_suite_id;
  std::map<std::string, std::vector<Target>> by_id;
  for (const auto& s : suites) {
    for (const auto& e : s.episodes) {
      by_suite_id[{s.manifest.name, e.id}] = {&s, &e};
      by_id[e.id].push_back({&s, &e});
    }
  }
  ScoredOutputs out;
  std::map<const Episode*, bool> covered;
  out.records.reserve(outputs.size());
  out.lines.reserve(outputs.size());
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
    EpisodeRecord r;
    r.suite = t->suite;
    r.episode = t->episode;
    // Moved, not copied: the outputs are this function's own (a caller done with them moves them in).
    r.response = std::move(o.response);
    r.replies = std::move(o.replies);
    if (o.grouped) r.turn_sizes = std::move(o.turn_sizes);
    r.grouped = o.grouped;
    r.bfcl_text_result = o.bfcl_text_result;
    out.records.push_back(std::move(r));
    out.lines.push_back(o.line);
    covered[t->episode] = true;
  }
  for (const auto& s : suites) {
    for (const auto& e : s.episodes) {
      if (covered.count(&e)) continue;
      EpisodeRecord r;
      r.suite = &s;
      r.episode = &e;
      r.response.error = "no recorded output for this episode in " + source;
      out.records.push_back(std::move(r));
      out.lines.push_back(0);
      ++out.missing;
    }
  }
  auto score = [&](EpisodeRecord& r) {
    const Episode& ep = *r.episode;
    // As a run keeps what it receives: the episode log then holds an unread reply cut.
    BoundResponse(r.response, limits);
    for (auto& m : r.replies) BoundReply(m, limits);
    if (!r.response.ok() || ep.multi) {
      ScoreRecord(r, limits, /*keep_prompt=*/false);  // score logs verdicts, never prompts
      return;
    }
    // A reply recorded as structured calls with no text (BFCL's FC-mode result files, an
    // OpenAI-style tool_calls line) is read as the native calls it is, whatever text dialect
    // the episode asks for: otherwise every FC result would read as "no call".
    const Message& reply = r.response.message;
    const bool structured = !reply.tool_calls.empty() && reply.content.empty();
    const std::unique_ptr<Dialect> dialect = MakeDialect(structured ? "native" : ep.dialect, ep.presentation);
    r.verdict = ScoreReply(ep, *dialect, reply, limits);
  };
  ParallelFor(out.records.size(), 256, jobs, [&](size_t begin, size_t end) {
    for (size_t i = begin; i != end; ++i) score(out.records[i]);
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
