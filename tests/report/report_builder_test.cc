// Report aggregation on hand-made records, where every number can be checked by hand.
#include <algorithm>

#include <catch2/catch.hpp>

#include "src/report/report_builder.h"
#include "src/report/report_writer.h"
#include "tests/test_support.h"

namespace toolshift {
namespace {

Episode MakeEpisode(const std::string& id, const std::string& base_id = "") {
  Episode e;
  e.id = id;
  e.base_id = base_id;
  e.domain = "d";
  e.dialect = "hermes";
  e.tools = {Tool{"t", "", Json::parse(R"({"type": "object"})")}};
  e.messages = {Message{Role::kUser, "hi", {}}};
  return e;
}

Suite MakeSuite(const std::string& name, Split split, std::vector<Episode> eps) {
  Suite s;
  s.manifest.name = name;
  s.manifest.split = split;
  if (split != Split::kId) s.manifest.provenance = {"base", split == Split::kFormat ? "dialect:xml" : "heldout", 1};
  s.episodes = std::move(eps);
  s.hash = "sha256:x";
  return s;
}

EpisodeRecord Record(const Suite& s, size_t i, bool correct, FailureCategory f = FailureCategory::kNone) {
  EpisodeRecord r;
  r.suite = &s;
  r.episode = &s.episodes[i];
  r.verdict.correct = correct;
  r.verdict.failure = correct ? FailureCategory::kNone : f;
  r.latency_ms = static_cast<double>(i + 1);
  return r;
}

}  // namespace

TEST_CASE("report aggregates and pairs twins and keeps backend errors apart", "[report]") {
  std::vector<Suite> suites;
  suites.push_back(MakeSuite("base", Split::kId, {MakeEpisode("a"), MakeEpisode("b"), MakeEpisode("c"), MakeEpisode("d")}));
  suites.push_back(MakeSuite("fmt", Split::kFormat,
                             {MakeEpisode("a~x", "a"), MakeEpisode("b~x", "b"), MakeEpisode("c~x", "c"), MakeEpisode("d~x", "d")}));
  const Suite& id = suites[0];
  const Suite& fmt = suites[1];
  std::vector<EpisodeRecord> records = {
      Record(id, 0, true), Record(id, 1, true), Record(id, 2, true), Record(id, 3, false, FailureCategory::kWrongValue),
      Record(fmt, 0, false, FailureCategory::kMalformed),     // pair a: 1 - 0
      Record(fmt, 1, true),                                   // pair b: 1 - 1
      Record(fmt, 2, false, FailureCategory::kBackendError),  // pair c: excluded
      Record(fmt, 3, false, FailureCategory::kNoCall),        // pair d: 0 - 0
  };
  RunInfo info;
  info.model = "m";
  Json r = BuildReport(suites, records, info);
  CHECK(r["schema_version"] == kReportSchemaVersion);
  CHECK(r["splits"]["id"]["accuracy"] == 0.75);
  CHECK(r["splits"]["id"]["n"] == 4);
  CHECK(r["splits"]["format"]["n"] == 4);
  CHECK(r["splits"]["format"]["scored"] == 3);
  CHECK(r["splits"]["format"]["backend_errors"] == 1);
  CHECK(r["splits"]["format"]["accuracy"].get<double>() == Approx(1.0 / 3));
  CHECK(r["splits"]["format"]["format_validity"].get<double>() == Approx(2.0 / 3));
  CHECK(r["gap"]["format"]["pairs"] == 3);
  CHECK(r["gap"]["format"]["delta"].get<double>() == Approx(1.0 / 3));
  CHECK(r["gap"]["format"]["by_kind"]["dialect:xml"]["pairs"] == 3);
  CHECK_FALSE(r["gap"].contains("content"));
  CHECK(r["failures"]["format"]["malformed"] == 1);
  CHECK(r["failures"]["format"]["backend_error"] == 1);
  CHECK(r["failures"]["id"]["wrong_value"] == 1);
  CHECK(r["suites"][1]["shift"] == "dialect:xml");
  CHECK(r["latency_ms"]["max"] == 4.0);
  CHECK(r["latency_ms"]["p50"] == 2.5);
}

TEST_CASE("the episode log text is every record's entry, one line each, in order", "[report]") {
  std::vector<Episode> eps;
  for (int i = 0; i < 700; ++i) eps.push_back(MakeEpisode("e-" + std::to_string(i)));  // crosses chunk boundaries
  const Suite s = MakeSuite("s", Split::kId, std::move(eps));
  std::vector<EpisodeRecord> records;
  for (size_t i = 0; i < s.episodes.size(); ++i) records.push_back(Record(s, i, i % 3 == 0, FailureCategory::kWrongValue));
  std::string expected;
  for (const auto& r : records) expected += DumpJson(EpisodeLogEntry(r)) + "\n";
  const std::string text = EpisodeLogText(records);
  CHECK(text == expected);
  CHECK(std::count(text.begin(), text.end(), '\n') == 700);
  CHECK(EpisodeLogText({}).empty());
}

TEST_CASE("report files are written atomically beside their episode log", "[report]") {
  const std::string dir = testing::ScratchDir("report-writer");
  CHECK(EpisodeLogPath(dir + "/run.json") == dir + "/run.episodes.jsonl");
  CHECK(EpisodeLogPath(dir + "/run") == dir + "/run.episodes.jsonl");
  WriteReportFiles(dir + "/sub/run.json", Json{{"a", 1}}, "{\"id\":\"x\"}\n{\"id\":\"y\"}\n");
  CHECK(testing::ReadText(dir + "/sub/run.json") == "{\n  \"a\": 1\n}\n");
  CHECK(testing::ReadText(dir + "/sub/run.episodes.jsonl") == "{\"id\":\"x\"}\n{\"id\":\"y\"}\n");
  CHECK_THROWS_WITH(WriteFileAtomic("/proc/toolshift-cannot-write/run.json", "x"),
                    Catch::Matchers::Contains("/proc/toolshift-cannot-write/run.json"));
}

}  // namespace toolshift
