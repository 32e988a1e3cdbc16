// The verdict log is written line by line without a Json tree (AppendVerdictLogLine): it must
// give the very bytes DumpJson(VerdictLogEntry(...)) gives, for every field a line can carry.
#include <catch2/catch.hpp>

#include "src/engine/output_scorer.h"

namespace toolshift {
namespace {

TEST_CASE("verdict log lines are byte for byte the Json tree's", "[engine][score]") {
  Suite suite;
  suite.manifest.name = "s\"uite";
  Episode single;
  single.id = "id\n1";
  Episode multi;
  multi.id = "mt-0";
  multi.multi = MultiStepTask{};

  std::vector<EpisodeRecord> records;
  auto add = [&](const Episode& e) -> EpisodeRecord& {
    EpisodeRecord r;
    r.suite = &suite;
    r.episode = &e;
    records.push_back(std::move(r));
    return records.back();
  };
  add(single).verdict.correct = true;  // right, no signatures
  {
    EpisodeRecord& r = add(single);
    r.verdict.failure = FailureCategory::kWrongValue;
    r.verdict.parse.status = ParseResult::Status::kCalls;
    r.verdict.detail = "value \"x\\y\" \x01\t\xc3\xa9 and bad utf-8 \xff";
    r.verdict.other_dialect = "hermes";
    r.verdict.other_dialect_correct = false;
    r.verdict.signatures = {{"wrong_dialect", "<tool_call>"}, {"call_like_prose", "f(x=\x1f)"}};
  }
  {
    EpisodeRecord& r = add(single);
    r.verdict.other_dialect = "json";
    r.verdict.other_dialect_correct = true;
  }
  add(single).response.error = "no recorded output";  // backend error: no parse, no signatures
  {
    EpisodeRecord& r = add(multi);
    r.verdict.trajectory = TrajectoryVerdict{};
    r.verdict.trajectory->error_type = "multi_turn:instance_state_mismatch";
    r.verdict.trajectory->step_signatures = {{}, {{"empty_reply", "no text"}}};
  }
  {
    EpisodeRecord& r = add(multi);
    r.verdict.trajectory = TrajectoryVerdict{};
  }
  for (size_t i = 0; i < records.size(); ++i) {
    const size_t line = i % 3 ? i * 1000003 : 0;
    std::string direct;
    AppendVerdictLogLine(direct, records[i], line);
    INFO("record " << i);
    CHECK(direct == DumpJson(VerdictLogEntry(records[i], line)));
  }

  // Past one writing chunk (2,048 lines), so the chunks' joining is checked too.
  ScoredOutputs scored;
  for (int copy = 0; copy < 800; ++copy) scored.records.insert(scored.records.end(), records.begin(), records.end());
  for (size_t i = 0; i < scored.records.size(); ++i) scored.lines.push_back(i + 1);
  std::string expected;
  for (size_t i = 0; i < scored.records.size(); ++i) expected += DumpJson(VerdictLogEntry(scored.records[i], i + 1)) + "\n";
  CHECK(VerdictLog(scored) == expected);
}

}  // namespace
}  // namespace toolshift
