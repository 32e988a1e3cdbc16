// The runner through the Adapter seam: failures stay infrastructure, scheduling does not
// change scores, garbage never crashes.
#include <catch2/catch.hpp>

#include "src/core/suite_catalog.h"
#include "src/engine/runner.h"
#include "src/report/report_builder.h"
#include "tests/adapters/fake_adapters.h"
#include "tests/test_support.h"

namespace toolshift {
namespace {

const std::vector<Suite>& BuiltinSuites() {
  static const std::vector<Suite> suites = SuiteCatalog(testing::SuitesRoot()).LoadAll();
  return suites;
}

}  // namespace

TEST_CASE("backend errors are recorded and never scored as model failures", "[engine]") {
  testing::FlakyAdapter flaky(0.25);
  RunOptions opt;
  opt.jobs = 4;
  auto records = RunSuites(BuiltinSuites(), flaky, opt);
  size_t errors = 0;
  for (const auto& r : records) {
    if (r.verdict.failure == FailureCategory::kBackendError) {
      ++errors;
      CHECK_FALSE(r.verdict.correct);
      CHECK(r.verdict.detail == "HTTP 503 Service Unavailable");
    } else {
      CHECK(r.verdict.correct);  // everything that got through is the oracle's answer
    }
  }
  CHECK(errors > records.size() / 8);
  CHECK(errors < records.size() / 2);
  RunInfo info;
  Json report = BuildReport(BuiltinSuites(), records, info);
  // Accuracy counts only what got through: the oracle is still perfect.
  for (auto it = report["splits"].begin(); it != report["splits"].end(); ++it) {
    CHECK((*it)["accuracy"] == 1.0);
  }
  CHECK(report["totals"]["backend_errors"] == errors);
  CHECK(report["totals"]["n"] == records.size());
  uint64_t counted = 0;
  for (auto it = report["failures"].begin(); it != report["failures"].end(); ++it) counted += (*it)["backend_error"].get<uint64_t>();
  CHECK(counted == errors);
}

TEST_CASE("an adapter that throws yields backend errors and no crash", "[engine]") {
  testing::ThrowingAdapter throwing;
  RunOptions opt;
  opt.limit = 3;
  auto records = RunSuites(BuiltinSuites(), throwing, opt);
  REQUIRE(records.size() == 3 * BuiltinSuites().size());
  for (const auto& r : records) {
    CHECK(r.verdict.failure == FailureCategory::kBackendError);
    CHECK(r.verdict.detail == "adapter threw: connection reset by peer");
  }
}

TEST_CASE("scores do not depend on --jobs", "[engine][library]") {
  auto adapter = MakeAdapter("reference:noisy:0.3");
  RunOptions one;
  one.jobs = 1;
  one.seed = 5;
  RunOptions many = one;
  many.jobs = 8;
  auto a = RunSuites(BuiltinSuites(), *adapter, one);
  auto b = RunSuites(BuiltinSuites(), *adapter, many);
  REQUIRE(a.size() == b.size());
  size_t wrong = 0;
  for (size_t i = 0; i < a.size(); ++i) {
    REQUIRE(a[i].episode == b[i].episode);
    CHECK(a[i].verdict.correct == b[i].verdict.correct);
    CHECK(a[i].verdict.failure == b[i].verdict.failure);
    CHECK(a[i].response.message.content == b[i].response.message.content);
    wrong += !a[i].verdict.correct;
  }
  CHECK(wrong > 0);
}

TEST_CASE("episodes run concurrently", "[engine]") {
  testing::SlowAdapter slow(std::chrono::milliseconds(20));
  RunOptions opt;
  opt.jobs = 8;
  opt.limit = 8;
  auto records = RunSuites({BuiltinSuites().front()}, slow, opt);
  CHECK(records.size() == 8);
  CHECK(slow.max_in_flight() > 1);
  for (const auto& r : records) CHECK(r.latency_ms >= 19.0);
}

TEST_CASE("garbage output is scored and never crashes", "[engine]") {
  testing::GarbageAdapter garbage;
  RunOptions opt;
  opt.jobs = 4;
  auto records = RunSuites(BuiltinSuites(), garbage, opt);
  std::map<FailureCategory, size_t> seen;
  for (const auto& r : records) {
    ++seen[r.verdict.failure];
    Json line = EpisodeLogEntry(r);
    CHECK_NOTHROW(DumpJson(line));  // invalid UTF-8 must not break the log
  }
  CHECK(seen[FailureCategory::kMalformed] > 0);
  CHECK(seen[FailureCategory::kBackendError] == 0);
}

}  // namespace toolshift

namespace toolshift {

TEST_CASE("with --epochs every episode is sampled K times and pass^k falls below pass@1 for a noisy model", "[engine]") {
  const std::vector<Suite> suites = SuiteCatalog(testing::SuitesRoot()).Resolve({"single-id"});
  RunOptions opt;
  opt.epochs = 3;
  opt.limit = 300;
  auto noisy = MakeAdapter("reference:noisy:0.2");
  const auto records = RunSuites(suites, *noisy, opt);
  REQUIRE(records.size() == 900);
  CHECK(records[0].episode == records[2].episode);
  CHECK(records[0].epoch == 0);
  CHECK(records[2].epoch == 2);
  CHECK(records[0].seed != records[1].seed);  // independent samples
  CHECK(records[0].seed == EpisodeSeed(0, "single-id", records[0].episode->id));  // epoch 0 as without --epochs
  RunInfo info;
  info.epochs = 3;
  Json report = BuildReport(suites, records, info);
  const Json& pass = report["splits"]["id"]["pass"];
  const double p1 = pass["pass_at_1"]["value"].get<double>(), p3 = pass["pass_hat"]["3"]["value"].get<double>();
  CHECK(p1 == Approx(report["splits"]["id"]["accuracy"].get<double>()));
  CHECK(p3 < p1 - 0.1);  // about 0.8^3 = 0.51 against 0.8
  CHECK(pass["pass_hat"]["3"]["ci_high"].get<double>() < pass["pass_at_1"]["ci_low"].get<double>());
  CHECK(pass["pass_at_1"]["episodes"] == 300);

  auto oracle = MakeAdapter("reference:oracle");
  report = BuildReport(suites, RunSuites(suites, *oracle, opt), info);
  CHECK(report["splits"]["id"]["pass"]["pass_hat"]["3"]["value"] == 1.0);
}

}  // namespace toolshift
