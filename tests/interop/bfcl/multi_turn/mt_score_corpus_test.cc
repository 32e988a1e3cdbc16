// The multi-turn scoring benchmark's corpus (mt_score_corpus.h: all 800 entries, both formats, six
// trajectories each) keeps its verdicts: mt_score_corpus_verdicts.txt holds them as the checker
// gave them before any speed work, so an optimisation that changes one verdict fails here.
// Regenerate it only for a deliberate change of verdicts (one command):
//   build/bench/bfcl_mt_score_bench ../shared/bfcl-multi-turn /tmp
//       --verdicts tests/interop/bfcl/multi_turn/mt_score_corpus_verdicts.txt
#include <catch2/catch.hpp>

#include <filesystem>
#include <sstream>

#include "adapters/replay/recorded_outputs.h"
#include "src/core/build_info.h"
#include "src/engine/output_scorer.h"
#include "src/engine/runner.h"
#include "src/interop/bfcl/multi_turn/mt_import.h"
#include "tests/interop/bfcl/multi_turn/mt_score_corpus.h"
#include "tests/test_support.h"

namespace toolshift::bfcl {
namespace {

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

TEST_CASE("BFCL multi-turn near misses: verdicts unchanged on the benchmark corpus", "[bfcl][multi_turn][library]") {
  const std::string data = toolshift::testing::SharedDir() + "/bfcl-multi-turn";
  if (!std::filesystem::exists(data + "/BFCL_v4_multi_turn_base.json")) {
    TOOLSHIFT_SKIP("skipped: " << data << " is absent (BFCL's multi-turn data)");
    return;
  }
  const std::vector<std::string> want =
      Lines(toolshift::testing::ReadText(SourceDir() + "/tests/interop/bfcl/multi_turn/mt_score_corpus_verdicts.txt"));
  std::vector<std::string> got;
  size_t tool_errors = 0;  // so that the comparison of tool errors compares some
  const std::string dir = toolshift::testing::ScratchDir("bfcl-mt-near-miss-corpus");
  for (const char* format : {"pythonic", "hermes"}) {
    for (const char* category : {"base", "miss_func", "miss_param", "long_context"}) {
      MultiTurnImportOptions o;
      o.questions = data + "/BFCL_v4_multi_turn_" + category + ".json";
      o.answers = data + "/possible_answer/BFCL_v4_multi_turn_" + category + ".json";
      o.dialect = format;
      const std::vector<Suite> suites = {ImportBfclMultiTurn(o).suite};
      std::string lines;
      for (const auto& e : suites[0].episodes) {
        for (int k = 0; k < score_corpus::kNearMissKinds; ++k) lines += DumpJson(score_corpus::NearMissResult(e, format, k)) + "\n";
      }
      const std::string path = dir + "/" + format + "-" + category + ".json";
      toolshift::testing::WriteText(path, lines);
      const ScoredOutputs scored = ScoreOutputs(suites, ReadRecordedOutputs(path), path, 2);
      REQUIRE(scored.records.size() == suites[0].episodes.size() * score_corpus::kNearMissKinds);
      // `score` replays without a session (the checker plays the calls itself); a replay with
      // one, as a run scores, finds the same tool errors step by step.
      for (size_t i = 0; i < scored.records.size(); ++i) {
        EpisodeRecord with_session = scored.records[i];
        with_session.scored = false;
        with_session.trajectory.reset();
        ScoreRecord(with_session, {}, /*keep_prompt=*/true);
        const auto& a = scored.records[i].verdict.trajectory;
        const auto& b = with_session.verdict.trajectory;
        REQUIRE((a && b));
        CHECK(a->tool_errors == b->tool_errors);
        tool_errors += static_cast<size_t>(b->tool_errors);
        REQUIRE(a->per_step.size() == b->per_step.size());
        for (size_t k = 0; k < a->per_step.size(); ++k) {
          INFO(format << " " << scored.records[i].episode->id << " near miss " << i % score_corpus::kNearMissKinds << " step " << k);
          CHECK(a->per_step[k].verdict == b->per_step[k].verdict);
          CHECK(a->per_step[k].detail == b->per_step[k].detail);
        }
        CHECK(scored.records[i].verdict.correct == with_session.verdict.correct);
      }
      for (size_t i = 0; i < scored.records.size(); i += score_corpus::kNearMissKinds) {
        std::string line = std::string(format) + " " + scored.records[i].episode->id;
        for (size_t k = 0; k < score_corpus::kNearMissKinds; ++k) line += " " + score_corpus::VerdictWord(scored.records[i + k].verdict);
        got.push_back(std::move(line));
      }
    }
  }
  CHECK(tool_errors > 100);
  REQUIRE(got.size() == want.size());
  size_t differ = 0;
  for (size_t i = 0; i < got.size(); ++i) {
    if (got[i] == want[i]) continue;
    if (++differ <= 5) WARN("was: " << want[i] << "\nnow: " << got[i]);
  }
  CHECK(differ == 0);
}

}  // namespace
}  // namespace toolshift::bfcl
