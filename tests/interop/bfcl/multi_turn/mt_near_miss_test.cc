// Agreement with BFCL's multi-turn checker on near-miss result files (mt_near_miss.h), in the
// Python-list, <tool_call> and FC result shapes, on BFCL's data (skipped when
// ../shared/bfcl-multi-turn is absent): `toolshift score`'s path (recorded outputs, replay of the
// turns, the pack's decoder and checker) must give the verdict BFCL's rules give each mutation.
#include <catch2/catch.hpp>

#include <filesystem>
#include <map>

#include "adapters/replay/recorded_outputs.h"
#include "src/engine/output_scorer.h"
#include "src/interop/bfcl/multi_turn/mt_import.h"
#include "tests/interop/bfcl/multi_turn/mt_near_miss.h"
#include "tests/test_support.h"

namespace toolshift::bfcl::near_miss {
namespace {

std::string DataDir() { return testing::SharedDir() + "/bfcl-multi-turn"; }

bool HaveData() {
  if (std::filesystem::exists(DataDir() + "/BFCL_v4_multi_turn_base.json")) return true;
  TOOLSHIFT_SKIP("skipped: " << DataDir() << " is absent (BFCL's multi-turn data)");
  return false;
}

Suite Import(const std::string& category, Format f) {
  MultiTurnImportOptions o;
  o.questions = DataDir() + "/BFCL_v4_multi_turn_" + category + ".json";
  o.answers = DataDir() + "/possible_answer/BFCL_v4_multi_turn_" + category + ".json";
  o.dialect = FormatName(f);
  return ImportBfclMultiTurn(o).suite;
}

struct Tally {
  size_t total = 0;
  size_t agree = 0;
  std::map<std::string, size_t> by_kind;
  std::vector<std::string> disagreements;
};

// Scores every near miss of every `stride`-th entry in one result file, as `toolshift score` does.
void Check(const std::string& category, Format f, size_t stride, Tally& tally) {
  const std::vector<Suite> suites = {Import(category, f)};
  std::vector<std::pair<const Episode*, NearMiss>> cases;
  std::string lines;
  for (size_t i = 0; i < suites[0].episodes.size(); i += stride) {
    const Episode& e = suites[0].episodes[i];
    for (auto& m : Generate(e, f)) {
      lines += DumpJson(Json{{"id", e.id}, {"result", m.result}}) + "\n";
      cases.emplace_back(&e, std::move(m));
    }
  }
  const std::string dir = testing::ScratchDir(std::string("bfcl-near-miss-") + category + "-" + FormatName(f));
  testing::WriteText(dir + "/result.json", lines);
  const ScoredOutputs scored = ScoreOutputs(suites, ReadRecordedOutputs(dir + "/result.json"), dir + "/result.json", 2);
  for (size_t r = 0; r < scored.records.size(); ++r) {
    if (scored.lines[r] == 0) continue;  // an entry without a line (none here)
    const auto& [episode, m] = cases[scored.lines[r] - 1];
    const EpisodeVerdict& v = scored.records[r].verdict;
    const std::string got = v.correct ? "valid" : v.trajectory ? v.trajectory->error_type : "(no trajectory)";
    int got_turn = -1;
    if (v.trajectory) {
      for (const auto& t : v.trajectory->per_turn) {
        if (got_turn < 0 && t.verdict == got) got_turn = t.turn;
      }
    }
    int checker_turn = -1;
    const std::string checker = CheckerVerdict(*episode, m, &checker_turn);
    const std::string want = m.expect.empty() ? checker : m.expect;
    const int want_turn = m.expect.empty() ? checker_turn : m.expect_turn;
    // A rule-fixed expectation must hold for BFCL's checker on the decoded calls as well.
    bool ok = got == want && (want_turn < 0 || got_turn == want_turn) && (m.expect.empty() || checker == m.expect);
    ++tally.total;
    ++tally.by_kind[m.kind];
    if (ok) {
      ++tally.agree;
    } else if (tally.disagreements.size() < 25) {
      tally.disagreements.push_back(std::string(FormatName(f)) + " " + episode->id + " " + m.kind + ": want " + want +
                                    " (turn " + std::to_string(want_turn) + "), checker on decoded " + checker +
                                    ", score gave " + got + " (turn " + std::to_string(got_turn) + ") " + v.detail);
    }
  }
}

void Report(const Tally& tally) {
  std::string kinds;
  for (const auto& [k, n] : tally.by_kind) kinds += " " + k + "=" + std::to_string(n);
  std::string disagreements;
  for (const auto& d : tally.disagreements) disagreements += "\n  " + d;
  INFO(tally.agree << "/" << tally.total << " agree; kinds:" << kinds << disagreements);
  CHECK(tally.total > 0);
  CHECK(tally.agree == tally.total);
}

TEST_CASE("BFCL multi-turn near misses: score agrees with BFCL's checker in every result shape",
          "[bfcl][multi_turn][near_miss]") {
  if (!HaveData()) return;
  for (Format f : {Format::kPythonic, Format::kHermes, Format::kNative}) {
    Tally tally;
    for (const char* category : {"base", "miss_func", "miss_param", "long_context"}) Check(category, f, 7, tally);
    INFO(FormatName(f));
    Report(tally);
  }
}

// Every entry of every category (about 50,000 verdicts): run by name, `[.near_miss_all]`.
TEST_CASE("BFCL multi-turn near misses: all 800 entries", "[.near_miss_all][bfcl][multi_turn][library]") {
  if (!HaveData()) return;
  for (Format f : {Format::kPythonic, Format::kHermes, Format::kNative}) {
    Tally tally;
    for (const char* category : {"base", "miss_func", "miss_param", "long_context"}) Check(category, f, 1, tally);
    INFO(FormatName(f));
    Report(tally);
  }
}

// The generator's fixed expectations are BFCL's rules, independent of what the calls do.
TEST_CASE("BFCL multi-turn near misses: the generator's rule-fixed kinds", "[bfcl][multi_turn][near_miss]") {
  if (!HaveData()) return;
  const Suite s = Import("miss_param", Format::kPythonic);
  std::map<std::string, std::string> expect;
  for (const auto& e : s.episodes) {
    for (const auto& m : Generate(e, Format::kPythonic)) {
      if (!m.expect.empty()) expect.emplace(m.kind, m.expect);
    }
  }
  CHECK(expect["exact"] == "valid");
  CHECK(expect["broken_steps"] == "valid");
  CHECK(expect["extra_read_only"] == "valid");
  CHECK(expect["read_only_in_ask_turn"] == "valid");
  CHECK(expect["over_step_limit"] == "valid");
  CHECK(expect["missing_turn"] == "multi_turn:force_terminated");
  CHECK(expect["moved_to_ask_turn"] == "multi_turn:empty_turn_model_response");
  CHECK(expect["not_a_list"] == "multi_turn:inference_error");
}

}  // namespace
}  // namespace toolshift::bfcl::near_miss
