// Progress: a smoothed rate that converges, and figures readable on slow runs.
#include <catch2/catch.hpp>

#include "src/engine/progress.h"

namespace toolshift {
namespace {

TEST_CASE("the smoothed rate converges on the current rate after a slow start", "[engine][progress]") {
  SmoothedRate rate(10);
  // 100 episodes in the first second (cache hits, say), then 0.5 per second for ten minutes.
  rate.Sample(100, 1);
  CHECK(rate.rate() == Approx(100));
  double done = 100;
  for (int s = 2; s <= 600; ++s) {
    done += 0.5;
    rate.Sample(done, s);
  }
  CHECK(rate.rate() == Approx(0.5).epsilon(0.05));  // the plain average would say ~0.67
  CHECK(done / 600 > 0.6);
}

TEST_CASE("slow rates keep their decimals and durations read as minutes and hours", "[engine][progress]") {
  CHECK(FormatRate(0.35) == "0.35");
  CHECK(FormatRate(3.2) == "3.20");
  CHECK(FormatRate(250.4) == "250");
  CHECK(FormatDuration(42) == "42s");
  CHECK(FormatDuration(185) == "3m05s");
  CHECK(FormatDuration(9028) == "2h30m");
  CHECK(FormatDuration(-1) == "-");
}

}  // namespace
}  // namespace toolshift
