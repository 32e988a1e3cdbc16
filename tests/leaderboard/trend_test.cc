// The trend view: steps from the command line or the report, the drop found, bad steps refused.
#include <catch2/catch.hpp>

#include "src/core/input_error.h"
#include "src/leaderboard/trend.h"
#include "tests/test_support.h"

namespace toolshift {
namespace {

Json Cell(double acc, double half) {
  return {{"accuracy", acc}, {"ci_low", acc - half}, {"ci_high", acc + half}, {"scored", 400}};
}

// A checkpoint whose format accuracy is `format` and whose bare-tag rate is `bare`.
TrendInput Checkpoint(const std::string& path, double format, double bare, std::optional<std::string> step) {
  Json sig = {{"count", bare * 400}, {"rate", bare}, {"ci_low", 0.0}, {"ci_high", 1.0}};
  Json r = {{"schema_version", "1.1.0"},
            {"model", "ckpt"},
            {"totals", Cell(0.8, 0.02)},
            {"splits", {{"id", Cell(0.9, 0.03)}, {"format", Cell(format, 0.04)}}},
            {"gap", {{"format", {{"delta", 0.9 - format}, {"ci_low", 0.85 - format}, {"ci_high", 0.95 - format}}}}}};
  r["splits"]["format"]["signatures"] = {{"bare_call_tag", sig}, {"role_leak", {{"count", 0}, {"rate", 0.0}}}};
  return {path, r, step};
}

}  // namespace

TEST_CASE("REPORT=STEP splits only at a numeric step", "[leaderboard][trend]") {
  CHECK(SplitReportStep("a.json=1200") == std::pair<std::string, std::optional<std::string>>{"a.json", "1200"});
  CHECK(SplitReportStep("dir=x/a.json").second == std::nullopt);
  CHECK(SplitReportStep("a.json").second == std::nullopt);
  CHECK(SplitReportStep("=5").second == std::nullopt);
  CHECK(SplitReportStep("a=b.json=2.5").first == "a=b.json");
}

TEST_CASE("the trend orders checkpoints by step and names where the drop starts", "[leaderboard][trend]") {
  std::vector<TrendInput> in = {Checkpoint("c.json", 0.45, 0.40, "300"), Checkpoint("a.json", 0.88, 0.0, "100"),
                                Checkpoint("b.json", 0.86, 0.01, "200"), Checkpoint("d.json", 0.30, 0.60, "400")};
  in[1].step.reset();
  in[1].report["config"] = {{"labels", {{"step", "100"}}}};  // recorded by `run --label step=100`
  const Json t = BuildTrend(in);
  REQUIRE(t["points"].size() == 4);
  CHECK(t["points"][0]["report"] == "a.json");
  CHECK(t["points"][3]["step"] == 400.0);
  REQUIRE(!t["onset"]["format"].is_null());
  CHECK(t["onset"]["format"]["step"] == 300.0);
  CHECK(t["onset"]["format"]["after_step"] == 100.0);
  CHECK(t["onset"]["id"].is_null());  // flat: no drop
  CHECK(t["largest_drop"]["format"]["to_step"] == 300.0);
  REQUIRE(t["signatures"] == Json::array({"bare_call_tag"}));  // role_leak never raised
  CHECK(t["points"][3]["signatures"]["bare_call_tag"]["rate"].get<double>() == Approx(0.6));
  const std::string html = TrendHtml(t);
  CHECK(html.find("drop starts") != std::string::npos);
  CHECK(html.find("data-series=\"format\"") != std::string::npos);
  CHECK(html.find("class=\"whisker\"") != std::string::npos);
  CHECK(TrendText(t).find("step 300") != std::string::npos);
  CHECK(TrendCsv(t).find("signature_bare_call_tag") != std::string::npos);
}

TEST_CASE("a checkpoint without a number for its step is refused", "[leaderboard][trend]") {
  CHECK_THROWS_WITH(BuildTrend({Checkpoint("a.json", 0.9, 0, std::nullopt)}), Catch::Contains("a.json: config.labels.step"));
  CHECK_THROWS_WITH(BuildTrend({Checkpoint("a.json", 0.9, 0, "late")}), Catch::Contains("a.json: step: \"late\""));
  CHECK_THROWS_WITH(BuildTrend({Checkpoint("a.json", 0.9, 0, "5"), Checkpoint("b.json", 0.9, 0, "5.0")}),
                    Catch::Contains("b.json: step 5"));
}

TEST_CASE("leaderboard --trend over real runs writes its three files", "[leaderboard][trend][cli]") {
  const std::string dir = testing::ScratchDir("trend_cli");
  std::vector<std::string> args = {"leaderboard", "--trend"};
  int step = 0;
  for (const char* noise : {"0.0", "0.3", "0.6"}) {
    const std::string out = dir + "/n" + noise + ".json";
    REQUIRE(testing::RunToolshift({"run", "-q", "--model", std::string("reference:noisy:") + noise, "--suite",
                                   "single-id", "--suite", "single-fmt-dialect-json", "--out", out})
                .exit_code == 0);
    args.push_back(out + "=" + std::to_string(step += 100));
  }
  args.insert(args.end(), {"--out", dir + "/trend"});
  const auto r = testing::RunToolshift(args);
  REQUIRE(r.exit_code == 0);
  for (const char* f : {"trend.json", "trend.csv", "index.html"}) CHECK(testing::ReadText(dir + "/trend/" + f).size() > 100);
  const Json t = Json::parse(testing::ReadText(dir + "/trend/trend.json"));
  REQUIRE(t["points"].size() == 3);
  CHECK(t["points"][0]["format"]["accuracy"].get<double>() > t["points"][2]["format"]["accuracy"].get<double>());
  CHECK(!t["onset"]["format"].is_null());
  CHECK_THAT(r.out, Catch::Contains("drop: format"));
  // --step counts must match.
  CHECK(testing::RunToolshift({"leaderboard", "--trend", dir + "/n0.0.json", "--step", "1", "--step", "2", "--out",
                               dir + "/t2"}).exit_code == 2);
}

}  // namespace toolshift
