// Gate: thresholds, significant regressions only, JUnit and Markdown, and clear input errors.
#include <catch2/catch.hpp>

#include "src/core/input_error.h"
#include "src/gate/gate.h"
#include "src/report/report_reader.h"
#include "src/scoring/statistics.h"
#include "tests/test_support.h"

namespace toolshift {
namespace {

Json Report(double accuracy, double low, double high) {
  return {{"schema_version", "1.0.0"},
          {"totals", {{"accuracy", accuracy}, {"ci_low", low}, {"ci_high", high}, {"backend_errors", 0}}},
          {"gap", {{"format", {{"delta", 0.1}}}}}};
}

GateRun Run(Json report, std::optional<std::vector<LoggedVerdict>> episodes = std::nullopt) {
  return GateRun{"r.json", std::move(report), std::move(episodes)};
}

std::vector<LoggedVerdict> Episodes(int right, int wrong, const std::string& split = "id") {
  std::vector<LoggedVerdict> v;
  for (int i = 0; i < right + wrong; ++i) v.push_back({"s", "e" + std::to_string(i), 0, split, "simple", i < right, false});
  return v;
}

}  // namespace

TEST_CASE("McNemar's exact test matches the binomial tail", "[gate][statistics]") {
  CHECK(McNemarExactP(0, 0) == 1.0);
  CHECK(McNemarExactP(10, 0) == Approx(0.001953125));  // 2 / 2^10
  CHECK(McNemarExactP(0, 10) == Approx(0.001953125));
  CHECK(McNemarExactP(3, 10) == Approx(2.0 * 378 / 8192));
  CHECK(McNemarExactP(5, 5) == 1.0);
  CHECK(McNemarExactP(3000, 2000) < 1e-40);
}

TEST_CASE("min and max compare the number at a path", "[gate]") {
  const GateRun r = Run(Report(0.8, 0.75, 0.85));
  const auto results = EvaluateGate(
      r, std::nullopt,
      {ParseGateCheck(GateCheck::Kind::kMin, "totals.accuracy=0.7", "--min"),
       ParseGateCheck(GateCheck::Kind::kMin, "/totals/accuracy=0.9", "--min"),
       ParseGateCheck(GateCheck::Kind::kMax, "gap.format.delta=0.05", "--max"),
       ParseGateCheck(GateCheck::Kind::kMax, "totals.backend_errors=0", "--max")},
      0.05);
  REQUIRE(results.size() == 4);
  CHECK(results[0].passed);
  CHECK_FALSE(results[1].passed);
  CHECK(results[1].name == "min totals.accuracy >= 0.9");
  CHECK_FALSE(results[2].passed);
  CHECK(results[3].passed);
}

TEST_CASE("a drop fails only when it is significant", "[gate]") {
  const std::vector<GateCheck> drop = {ParseGateCheck(GateCheck::Kind::kMaxDrop, "totals.accuracy=0", "--max-drop")};
  SECTION("paired: a few flips are noise, many are a regression") {
    auto base = Episodes(90, 10);
    auto few = base;
    few[0].correct = false;  // one episode lost
    auto r = EvaluateGate(Run(Report(0.89, 0.8, 0.95), few), Run(Report(0.9, 0.82, 0.95), base), drop, 0.05);
    CHECK(r[0].passed);
    CHECK_THAT(r[0].detail, Catch::Contains("paired over 100 episodes"));
    auto many = base;
    for (int i = 0; i < 20; ++i) many[static_cast<size_t>(i)].correct = false;
    r = EvaluateGate(Run(Report(0.7, 0.6, 0.78), many), Run(Report(0.9, 0.82, 0.95), base), drop, 0.05);
    CHECK_FALSE(r[0].passed);
    CHECK_THAT(r[0].detail, Catch::Contains("McNemar p="));
  }
  SECTION("backend errors on either side leave the pairing") {
    auto base = Episodes(90, 10);
    auto current = base;
    for (int i = 0; i < 30; ++i) {
      current[static_cast<size_t>(i)].correct = false;
      current[static_cast<size_t>(i)].backend_error = true;
    }
    const auto r = EvaluateGate(Run(Report(0.9, 0.8, 0.95), current), Run(Report(0.9, 0.82, 0.95), base), drop, 0.05);
    CHECK(r[0].passed);
    CHECK_THAT(r[0].detail, Catch::Contains("paired over 70 episodes"));
  }
  SECTION("unpaired: intervals must separate") {
    auto r = EvaluateGate(Run(Report(0.85, 0.8, 0.9)), Run(Report(0.9, 0.85, 0.95)), drop, 0.05);
    CHECK(r[0].passed);  // overlapping intervals
    CHECK_THAT(r[0].detail, Catch::Contains("intervals overlap"));
    r = EvaluateGate(Run(Report(0.6, 0.55, 0.65)), Run(Report(0.9, 0.85, 0.95)), drop, 0.05);
    CHECK_FALSE(r[0].passed);
  }
  SECTION("a drop within the allowance passes even when significant") {
    auto base = Episodes(90, 10);
    auto many = base;
    for (int i = 0; i < 20; ++i) many[static_cast<size_t>(i)].correct = false;
    const auto r = EvaluateGate(Run(Report(0.7, 0.6, 0.78), many), Run(Report(0.9, 0.82, 0.95), base),
                                {ParseGateCheck(GateCheck::Kind::kMaxDrop, "totals.accuracy=0.25", "--max-drop")}, 0.05);
    CHECK(r[0].passed);
  }
}

TEST_CASE("gate input errors name the flag, file or path", "[gate]") {
  CHECK_THROWS_WITH(ParseGateCheck(GateCheck::Kind::kMin, "totals.accuracy", "--min"), Catch::Contains("PATH=VALUE"));
  CHECK_THROWS_WITH(ParseGateCheck(GateCheck::Kind::kMin, "totals.accuracy=high", "--min"),
                    Catch::Contains("\"high\" is not a number"));
  CHECK_THROWS_WITH(EvaluateGate(Run(Report(0.8, 0.7, 0.9)), std::nullopt,
                                 {ParseGateCheck(GateCheck::Kind::kMin, "splits.nope.accuracy=0.5", "--min")}, 0.05),
                    Catch::Contains("r.json: splits.nope.accuracy: no number"));
  CHECK_THROWS_WITH(EvaluateGate(Run(Report(0.8, 0.7, 0.9)), std::nullopt,
                                 {ParseGateCheck(GateCheck::Kind::kMaxDrop, "totals.accuracy=0", "--max-drop")}, 0.05),
                    Catch::Contains("needs --baseline"));
  const std::string dir = testing::ScratchDir("gate-config");
  testing::WriteText(dir + "/bad.json", R"({"min": {"totals.accuracy": "high"}})");
  double alpha = 0.05;
  CHECK_THROWS_WITH(ReadGateConfig(dir + "/bad.json", &alpha), Catch::Contains("bad.json: min.totals.accuracy: must be a number"));
  testing::WriteText(dir + "/good.json", R"({"min": {"splits.id.accuracy": 0.9}, "max_drop": {"totals.accuracy": 0.02}, "alpha": 0.01})");
  const auto checks = ReadGateConfig(dir + "/good.json", &alpha);
  CHECK(checks.size() == 2);
  CHECK(alpha == 0.01);
}

TEST_CASE("reports of another major schema version are refused clearly", "[gate][report]") {
  CHECK_NOTHROW(CheckReportVersion(Json{{"schema_version", "1.7.0"}}, "a.json"));
  CHECK_THROWS_WITH(CheckReportVersion(Json{{"schema_version", "2.0.0"}}, "a.json"),
                    Catch::Contains("a.json: schema_version: 2.0.0 is a major version this toolshift cannot read"));
  CHECK_THROWS_WITH(CheckReportVersion(Json{{"model", "x"}}, "a.json"), Catch::Contains("schema_version: missing"));
  CHECK_THROWS_WITH(CheckReportVersion(Json{{"schema_version", "one"}}, "a.json"), Catch::Contains("MAJOR.MINOR.PATCH"));
}

TEST_CASE("gate fails noisy against the oracle naming the checks, and passes the oracle against itself", "[gate][cli]") {
  const std::string dir = testing::ScratchDir("gate-cli");
  for (const auto& [model, name] : {std::pair{"reference:oracle", "oracle"}, std::pair{"reference:noisy:0.3", "noisy"}}) {
    REQUIRE(testing::RunToolshift({"run", "-q", "--model", model, "--suite", "single-id", "--suite",
                                   "single-fmt-dialect-json", "--out", dir + "/" + name + ".json"})
                .exit_code == 0);
  }
  auto r = testing::RunToolshift({"gate", dir + "/noisy.json", "--baseline", dir + "/oracle.json", "--junit",
                                  dir + "/gate.xml", "--summary", dir + "/summary.md"});
  CHECK(r.exit_code == 1);
  CHECK_THAT(r.out, Catch::Contains("FAIL  max-drop splits.id.accuracy <= 0"));
  CHECK_THAT(r.out, Catch::Contains("FAIL  max-drop splits.format.accuracy <= 0"));
  CHECK_THAT(r.out, Catch::Contains("gate FAILED"));
  const std::string xml = testing::ReadText(dir + "/gate.xml");
  CHECK_THAT(xml, Catch::Contains("<failure message=\"max-drop totals.accuracy &lt;= 0"));
  CHECK_THAT(testing::ReadText(dir + "/summary.md"), Catch::Contains("| ❌ | `max-drop splits.id.accuracy <= 0`"));

  r = testing::RunToolshift({"gate", dir + "/oracle.json", "--baseline", dir + "/oracle.json", "--min", "splits.id.accuracy=1",
                             "--max", "totals.backend_errors=0", "--junit", dir + "/pass.xml"});
  CHECK(r.exit_code == 0);
  CHECK_THAT(r.out, Catch::Contains("gate passed: 2 of 2 checks pass"));

  r = testing::RunToolshift({"gate", dir + "/oracle.json", "--min", "splits.nope.accuracy=1"});
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Catch::Contains("splits.nope.accuracy"));
  Json future = Json::parse(testing::ReadText(dir + "/oracle.json"));
  future["schema_version"] = "2.0.0";
  testing::WriteText(dir + "/future.json", future.dump());
  r = testing::RunToolshift({"gate", dir + "/future.json", "--min", "totals.accuracy=0"});
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Catch::Contains("future.json: schema_version: 2.0.0"));
}

}  // namespace toolshift

namespace toolshift {

TEST_CASE("a backtick in a check name or report path cannot end its code span in the summary", "[gate][escape]") {
  CheckResult r;
  r.name = "min x``` <img src=x onerror=alert(1)> ```y >= 0";
  r.passed = false;
  r.detail = "<script>alert(1)</script> | **bold** [link](http://x)";
  const std::string md = GateMarkdown({r}, "reports/`evil`<b>.json", "base``line.json");
  // The spans: fences longer than the content's longest backtick run.
  CHECK(md.find("Report ``reports/`evil`<b>.json``") != std::string::npos);
  CHECK(md.find("against baseline ```base``line.json```") != std::string::npos);
  CHECK(md.find("| ````min x``` <img src=x onerror=alert(1)> ```y >= 0```` |") != std::string::npos);
  // The detail is text, not markup: nothing in it can open a tag, emphasis, link or cell.
  CHECK(md.find("\\<script\\>alert\\(1\\)\\</script\\> \\| \\*\\*bold\\*\\* \\[link\\]\\(http://x\\)") !=
        std::string::npos);
  CHECK(md.find("<script>") == std::string::npos);
}

TEST_CASE("JUnit XML holds only valid UTF-8 and characters XML 1.0 allows, for any bytes", "[gate][escape]") {
  CheckResult r;
  r.name = "min bad\xFF\xFE utf8 \xEF\xBF\xBE \x01\x1B[31m ctl";
  r.detail = "detail \xC0\xAF";
  const std::string xml = GateJUnit({r}, "reports/\xED\xA0\x80\xEF\xBF\xBF.json");
  for (unsigned char c : xml) {
    INFO(static_cast<int>(c));
    CHECK((c >= 0x20 || c == '\n'));  // no raw control characters at all
  }
  CHECK(xml.find("\xEF\xBF\xBE") == std::string::npos);
  CHECK(xml.find("\xEF\xBF\xBF") == std::string::npos);
  CHECK(xml.find("\xFF") == std::string::npos);
  CHECK(xml.find("\xED\xA0") == std::string::npos);
}

}  // namespace toolshift
