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

Json ReportOn(const std::vector<Suite>& suites, const std::string& model, uint64_t seed = 0) {
  auto adapter = MakeAdapter(model);
  RunOptions opt;
  opt.seed = seed;
  auto records = RunSuites(suites, *adapter, opt);
  RunInfo info;
  info.model = model;
  info.seed = seed;
  return BuildReport(suites, records, info);
}

Json ReportFor(const std::string& model, uint64_t seed = 0) { return ReportOn(BuiltinSuites(), model, seed); }

// single-id with its dialect-swap twins: the format split as the foundation defined it.
std::vector<Suite> DialectSuites() {
  std::vector<Suite> out;
  for (const auto& s : BuiltinSuites()) {
    if (s.manifest.split == Split::kId || s.manifest.provenance.shift.rfind("dialect:", 0) == 0) out.push_back(s);
  }
  return out;
}

}  // namespace

TEST_CASE("the oracle scores 1.0 on every built-in suite in every dialect", "[reference][library]") {
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

TEST_CASE("the overfit policy collapses under format shift only", "[reference][library]") {
  // Over the dialect swaps alone the collapse is large and certain.
  const Json dialects = ReportOn(DialectSuites(), "reference:overfit");
  CHECK(dialects["splits"]["format"]["n"].get<uint64_t>() >= 1000);
  CHECK(dialects["gap"]["format"]["delta"].get<double>() >= 0.5);
  CHECK(dialects["gap"]["format"]["ci_low"].get<double>() > 0.0);

  Json report = ReportFor("reference:overfit");
  CHECK(report["splits"]["id"]["accuracy"].get<double>() >= 0.95);
  const Json& fmt = report["gap"]["format"];
  CHECK(fmt["delta"].get<double>() >= 0.5);  // over the whole library, as the README's main job shows it
  CHECK(fmt["ci_low"].get<double>() > 0.0);
  CHECK(std::abs(report["gap"]["content"]["delta"].get<double>()) < 0.05);
  // Every format kind shows the collapse on its own, with an interval clear of 0; kinds that
  // change the call syntax (dialect, control tokens) hurt most.
  size_t syntax_kinds = 0;
  for (auto it = fmt["by_kind"].begin(); it != fmt["by_kind"].end(); ++it) {
    INFO(it.key());
    CHECK((*it)["pairs"].get<uint64_t>() >= 200);
    CHECK((*it)["ci_low"].get<double>() > 0.0);
    if (it.key().rfind("dialect:", 0) == 0 || it.key() == "control-tokens") {
      ++syntax_kinds;
      CHECK((*it)["delta"].get<double>() >= 0.65);
    } else {
      // Single-step collapses with kSurfaceCollapse (0.6); a multi-step episode gets a chance to
      // collapse at every step, so pooled over both the gap sits a little higher.
      CHECK((*it)["delta"].get<double>() >= 0.4);
      CHECK((*it)["delta"].get<double>() <= 0.8);
    }
  }
  CHECK(syntax_kinds == 6);
  // The collapse shows as broken syntax and as calls in the trained dialect.
  CHECK(dialects["splits"]["format"]["format_validity"].get<double>() < 0.9);
  CHECK(dialects["splits"]["format"]["wrong_dialect_rate"].get<double>() > 0.2);
  CHECK(dialects["failures"]["format"]["malformed"].get<uint64_t>() > 0);
}

TEST_CASE("the noisy policy errs at its rate with a seed", "[reference][library]") {
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
