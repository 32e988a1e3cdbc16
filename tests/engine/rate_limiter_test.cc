// Rate limits: requests and estimated tokens per minute turn into spaced start times.
#include <catch2/catch.hpp>

#include "adapters/adapter.h"
#include "src/core/suite_catalog.h"
#include "src/engine/rate_limiter.h"
#include "src/engine/runner.h"
#include "tests/server/test_model_server.h"
#include "tests/test_support.h"

namespace toolshift {

TEST_CASE("rpm and tpm space request starts", "[engine]") {
  using namespace std::chrono;
  const RateLimiter::Clock::time_point t0{};
  RateLimiter rpm(120, 0);  // one every 0.5 s
  CHECK(rpm.Reserve(t0, 100) == t0);
  CHECK(rpm.Reserve(t0, 100) == t0 + milliseconds(500));
  CHECK(rpm.Reserve(t0, 100) == t0 + milliseconds(1000));
  CHECK(rpm.Reserve(t0 + seconds(5), 100) == t0 + seconds(5));  // idle time is not banked

  RateLimiter tpm(0, 6000);  // 100 tokens a second
  CHECK(tpm.Reserve(t0, 200) == t0);
  CHECK(tpm.Reserve(t0, 50) == t0 + seconds(2));  // waits out the first request's 200 tokens
  CHECK(tpm.Reserve(t0, 50) == t0 + milliseconds(2500));
  CHECK_FALSE(RateLimiter(0, 0).enabled());
}

TEST_CASE("a remote run with --rpm keeps to its rate", "[engine][backends]") {
  const std::vector<Suite> suites = SuiteCatalog(testing::SuitesRoot()).Resolve({"single-id"});
  testing::TestModelServer server(suites, {});
  auto adapter = MakeAdapter("openai:oracle@" + server.Start() + "/v1");
  RunOptions opt;
  opt.limit = 11;
  opt.rpm = 1200;  // 20 a second: 11 requests need at least 0.5 s
  const auto t0 = std::chrono::steady_clock::now();
  const auto records = RunSuites(suites, *adapter, opt);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  CHECK(seconds >= 0.5);
  for (const auto& r : records) CHECK(r.verdict.correct);
}

}  // namespace toolshift
