// The reference policies calibrate the harness: the oracle must be perfect, the overfit
// policy must show format collapse and no content gap, noise must be seeded.
#include <catch2/catch.hpp>

#include "adapters/adapter.h"
#include "src/core/input_error.h"
#include "src/core/suite_catalog.h"
#include "src/engine/runner.h"
#include "src/report/report_builder.h"
#include "tests/test_support.h"

namespace toolshift {
namespace {

const std::vector<Suite>& BuiltinSuites() {
  static const std::vector<Suite> suites = SuiteCatalog(testing::SuitesRoot()).LoadAll();
  return suites;
}

Json ReportFor(const std::string& model, uint64_t seed = 0) {
  auto adapter = MakeAdapter(model);
  RunOptions opt;
  opt.seed = seed;
  auto records = RunSuites(BuiltinSuites(), *adapter, opt);
  RunInfo info;
  info.model = model;
  info.seed = seed;
  return BuildReport(BuiltinSuites(), records, info);
}

}  // namespace

TEST_CASE("the oracle scores 1.0 on every built-in suite in every dialect", "[reference]") {
  auto oracle = MakeAdapter("reference:oracle");
  auto records = RunSuites(BuiltinSuites(), *oracle, RunOptions{});
  REQUIRE(records.size() > 500);
  for (const auto& r : records) {
    INFO(r.episode->id << " [" << r.episode->dialect << "]: " << r.verdict.detail << "\n" << r.response.message.content);
    REQUIRE(r.verdict.correct);
  }
  Json report = ReportFor("reference:oracle");
  for (const char* split : {"id", "format", "content"}) CHECK(report["splits"][split]["accuracy"] == 1.0);
  CHECK(report["gap"]["format"]["delta"] == 0.0);
}

TEST_CASE("the overfit policy collapses under format shift only", "[reference]") {
  Json report = ReportFor("reference:overfit");
  CHECK(report["splits"]["id"]["accuracy"].get<double>() >= 0.95);
  const Json& fmt = report["gap"]["format"];
  CHECK(fmt["delta"].get<double>() >= 0.5);
  CHECK(fmt["ci_low"].get<double>() > 0.0);
  CHECK(std::abs(report["gap"]["content"]["delta"].get<double>()) < 0.05);
  // Every dialect-changing kind shows the collapse on its own, and it shows as format invalidity.
  for (auto it = fmt["by_kind"].begin(); it != fmt["by_kind"].end(); ++it) {
    INFO(it.key());
    CHECK((*it)["delta"].get<double>() >= 0.4);
    CHECK((*it)["ci_low"].get<double>() > 0.0);
  }
  CHECK(report["splits"]["format"]["format_validity"].get<double>() < 0.9);
  CHECK(report["splits"]["format"]["wrong_dialect_rate"].get<double>() > 0.2);
  CHECK(report["failures"]["format"]["malformed"].get<uint64_t>() > 0);
}

TEST_CASE("the noisy policy errs at its rate with a seed", "[reference]") {
  CHECK(ReportFor("reference:noisy:0")["totals"]["accuracy"] == 1.0);
  CHECK(ReportFor("reference:noisy:1")["totals"]["accuracy"] == 0.0);
  const double acc = ReportFor("reference:noisy:0.2", 3)["totals"]["accuracy"].get<double>();
  CHECK(acc > 0.72);
  CHECK(acc < 0.88);
  CHECK(ReportFor("reference:noisy:0.2", 3)["totals"] == ReportFor("reference:noisy:0.2", 3)["totals"]);
  CHECK(ReportFor("reference:noisy:0.2", 3)["totals"]["correct"] != ReportFor("reference:noisy:0.2", 4)["totals"]["correct"]);
  // Noise is well-formed: errors are about content, not syntax.
  CHECK(ReportFor("reference:noisy:0.5")["totals"]["format_validity"] == 1.0);
}

TEST_CASE("model specs are validated", "[reference]") {
  CHECK_THROWS_AS(MakeAdapter("reference:noisy:1.5"), InputError);
  CHECK_THROWS_AS(MakeAdapter("reference:noisy:abc"), InputError);
  CHECK_THROWS_AS(MakeAdapter("reference:noisy:"), InputError);
  CHECK_THROWS_AS(MakeAdapter("gpt-5"), InputError);
  CHECK(MakeAdapter("reference:noisy:0.25")->name() == "reference:noisy:0.25");
}

}  // namespace toolshift
