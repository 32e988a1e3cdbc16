#include "src/engine/output_scorer.h"

#include <map>
#include <memory>


#include "src/core/input_error.h"
#include "src/core/parallel_for.h"
#include "src/engine/episode_loop.h"
#include "src/engine/runner.h"

namespace toolshift {

ScoredOutputs ScoreOutputs(const std::vector<Suite>& suites, const std::vector<RecordedOutput>& outputs,
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
  for (const auto& o : outputs) {
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
    r.response = o.response;
    r.replies = o.replies;
    if (o.grouped) r.turn_sizes = o.turn_sizes;
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

std::string VerdictLog(const ScoredOutputs& scored) {
  // Serialised in parallel, joined in order: the log is as long as the outputs file.
  std::vector<std::string> lines(scored.records.size());
  ParallelFor(lines.size(), 512, 0, [&](size_t begin, size_t end) {
    for (size_t i = begin; i != end; ++i) lines[i] = DumpJson(VerdictLogEntry(scored.records[i], scored.lines[i]));
  });
  size_t size = 0;
  for (const auto& l : lines) size += l.size() + 1;
  std::string log;
  log.reserve(size);
  for (const auto& l : lines) (log += l) += '\n';
  return log;
}

}  // namespace toolshift
