// The report's bfcl_summary: BFCL's leaderboard columns, aggregated as BFCL aggregates them
// (unweighted non-live, weighted live, missing categories 0 and shown as N/A).
#include <catch2/catch.hpp>

#include <deque>

#include "src/report/bfcl_summary.h"

namespace toolshift {
namespace {

// Episodes and records for `correct` of `n` records of a BFCL category.
struct Fixture {
  Suite suite;
  std::deque<Episode> episodes;
  std::vector<EpisodeRecord> records;

  Fixture() { suite.manifest.split = Split::kId; }
  void Add(const std::string& category, int n, int correct, bool bfcl = true) {
    for (int i = 0; i < n; ++i) {
      Episode e;
      e.id = category + "_" + std::to_string(i);
      e.domain = category;
      e.scoring = bfcl ? ScoringRules::kBfcl : ScoringRules::kToolshift;
      episodes.push_back(e);
      EpisodeRecord r;
      r.suite = &suite;
      r.episode = &episodes.back();
      r.verdict.correct = i < correct;
      records.push_back(r);
    }
  }
};

}  // namespace

TEST_CASE("bfcl_summary: BFCL's columns, weighted and unweighted as BFCL's leaderboard computes them", "[bfcl][report]") {
  Fixture f;
  f.Add("simple_python", 4, 2);  // 0.5
  f.Add("multiple", 2, 2);       // 1.0
  f.Add("parallel", 2, 1);       // 0.5
  f.Add("parallel_multiple", 2, 0);
  f.Add("live_simple", 10, 10);   // 1.0 over 10
  f.Add("live_multiple", 30, 0);  // 0.0 over 30
  f.Add("irrelevance", 2, 2);
  f.Add("other_thing", 3, 3);      // not a BFCL category: ignored
  f.Add("simple_java", 2, 2, false);  // toolshift's own rules: not a BFCL record
  Json s = BfclSummaryJson(f.records, nullptr);
  REQUIRE(s.is_object());
  // simple = mean(simple_python 0.5, java missing 0, javascript missing 0); shown as N/A.
  CHECK(s["non_live"]["simple"].is_null());
  CHECK(s["non_live"]["simple_python"].get<double>() == Approx(0.5));
  CHECK(s["non_live"]["multiple"].get<double>() == Approx(1.0));
  CHECK(s["non_live"]["ast_summary"].is_null());
  // The overall columns are always shown: mean(simple 0.5/3, 1.0, 0.5, 0.0, irrelevance 1.0).
  CHECK(s["non_live"]["overall"].get<double>() == Approx((0.5 / 3 + 1.0 + 0.5 + 0.0 + 1.0) / 5));
  // Live is weighted by record count; categories not run weigh BFCL v4's counts at 0.
  CHECK(s["live"]["simple"].get<double>() == Approx(1.0));
  CHECK(s["live"]["ast_summary"].is_null());
  CHECK(s["live"]["overall"].get<double>() == Approx(10.0 / (10 + 30 + 16 + 24 + 884 + 16)));
  CHECK(s["multi_turn"]["overall"].get<double>() == 0.0);
  CHECK(s["irrelevance"].is_null());  // live_irrelevance was not run
  CHECK(s["categories"].size() == 7);
  CHECK(s["categories"]["live_multiple"]["records"] == 30);
  CHECK(s["categories"]["live_multiple"]["complete"] == false);
  CHECK(s["format_sensitivity"].is_null());

  SECTION("every category of a column run: the column is shown") {
    f.Add("simple_java", 2, 1);
    f.Add("simple_javascript", 1, 1);
    s = BfclSummaryJson(f.records, Json{{"max_delta", 1.5}, {"std", 0.4}});
    CHECK(s["non_live"]["simple"].get<double>() == Approx((0.5 + 0.5 + 1.0) / 3));
    CHECK(s["non_live"]["ast_summary"].get<double>() == Approx(((0.5 + 0.5 + 1.0) / 3 + 1.0 + 0.5 + 0.0) / 4));
    CHECK(s["format_sensitivity"]["max_delta"] == 1.5);
  }
  SECTION("no BFCL episode: no section") {
    Fixture g;
    g.Add("simple_python", 2, 2, false);
    CHECK(BfclSummaryJson(g.records, nullptr).is_null());
  }
}

}  // namespace toolshift
