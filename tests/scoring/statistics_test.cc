#include <catch2/catch.hpp>

#include "src/scoring/statistics.h"

namespace toolshift {

TEST_CASE("Wilson interval matches published values", "[statistics]") {
  // 45/50: 0.7864 to 0.9565 (e.g. statsmodels proportion_confint(45, 50, method="wilson")).
  Interval i = WilsonInterval(45, 50);
  CHECK(i.low == Approx(0.7863977).epsilon(1e-6));
  CHECK(i.high == Approx(0.9565242).epsilon(1e-6));
  i = WilsonInterval(0, 10);
  CHECK(i.low == 0.0);
  CHECK(i.high == Approx(0.2775328).epsilon(1e-6));
  i = WilsonInterval(10, 10);
  CHECK(i.low == Approx(0.7224672).epsilon(1e-6));
  CHECK(i.high == Approx(1.0));
  i = WilsonInterval(0, 0);
  CHECK(i.low == 0.0);
  CHECK(i.high == 1.0);
}

TEST_CASE("SplitMix64 is the reference generator", "[statistics]") {
  // First outputs of SplitMix64 seeded with 1234567, from a port of Vigna's reference code.
  SplitMix64 g(1234567);
  CHECK(g.Next() == 6457827717110365317ull);
  CHECK(g.Next() == 3203168211198807973ull);
  SplitMix64 h(7);
  for (int i = 0; i < 1000; ++i) {
    const uint64_t b = h.Below(10);
    REQUIRE(b < 10);
    const double u = h.Unit();
    REQUIRE(u >= 0.0);
    REQUIRE(u < 1.0);
  }
}

TEST_CASE("clustered bootstrap", "[statistics]") {
  SECTION("degenerate differences give a point interval") {
    auto r = ClusteredBootstrap({{1, 1}, {1}, {1, 1, 1}}, 42);
    CHECK(r.estimate == 1.0);
    CHECK(r.ci.low == 1.0);
    CHECK(r.ci.high == 1.0);
    CHECK(r.n == 6);
  }
  SECTION("seeded: same seed, same interval; other seed, other interval") {
    std::vector<std::vector<double>> c;
    for (int i = 0; i < 100; ++i) c.push_back({i % 3 == 0 ? 1.0 : 0.0, i % 5 == 0 ? -1.0 : 0.0});
    auto a = ClusteredBootstrap(c, 9);
    auto b = ClusteredBootstrap(c, 9);
    auto d = ClusteredBootstrap(c, 10);
    CHECK(a.ci.low == b.ci.low);
    CHECK(a.ci.high == b.ci.high);
    CHECK((a.ci.low != d.ci.low || a.ci.high != d.ci.high));
    CHECK(a.estimate == Approx((34.0 - 20.0) / 200.0));
    CHECK(a.ci.low < a.estimate);
    CHECK(a.ci.high > a.estimate);
  }
  SECTION("interval width shrinks like 1/sqrt(n)") {
    auto make = [](int n) {
      std::vector<std::vector<double>> c;
      for (int i = 0; i < n; ++i) c.push_back({i % 2 ? 1.0 : 0.0});
      return ClusteredBootstrap(c, 1);
    };
    const auto small = make(100);
    const auto large = make(1600);
    const double ratio = (small.ci.high - small.ci.low) / (large.ci.high - large.ci.low);
    CHECK(ratio == Approx(4.0).epsilon(0.2));
    // Normal approximation for a fair coin with n = 1600: half-width 1.96 * 0.5 / 40 = 0.0245.
    CHECK((large.ci.high - large.ci.low) / 2 == Approx(0.0245).epsilon(0.1));
  }
  SECTION("empty input") {
    auto r = ClusteredBootstrap({}, 1);
    CHECK(r.n == 0);
  }
}

}  // namespace toolshift
