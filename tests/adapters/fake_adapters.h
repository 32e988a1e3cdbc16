// Fault-injecting adapters for tests, through the same seam real backends use:
// failing (infrastructure errors), throwing, slow, and garbage-emitting backends.
#ifndef TOOLSHIFT_TESTS_ADAPTERS_FAKE_ADAPTERS_H_
#define TOOLSHIFT_TESTS_ADAPTERS_FAKE_ADAPTERS_H_

#include <atomic>
#include <chrono>
#include <stdexcept>
#include <string>
#include <string_view>
#include <thread>

#include "adapters/adapter.h"
#include "adapters/reference/reference_policies.h"
#include "src/scoring/statistics.h"

namespace toolshift::testing {

// The oracle, except that episodes whose seed falls in `fail_fraction` get an HTTP-like error.
class FlakyAdapter : public Adapter {
 public:
  explicit FlakyAdapter(double fail_fraction) : fail_fraction_(fail_fraction) {}
  std::string name() const override { return "test:flaky"; }
  ChatResponse Complete(const ChatRequest& req) override {
    SplitMix64 rng(req.seed);
    if (rng.Unit() < fail_fraction_) {
      ChatResponse r;
      r.error = "HTTP 503 Service Unavailable";
      return r;
    }
    return oracle_.Complete(req);
  }

 private:
  double fail_fraction_;
  OraclePolicy oracle_;
};

class ThrowingAdapter : public Adapter {
 public:
  std::string name() const override { return "test:throwing"; }
  ChatResponse Complete(const ChatRequest&) override { throw std::runtime_error("connection reset by peer"); }
};

// The oracle after a fixed delay; records the highest number of requests in flight.
class SlowAdapter : public Adapter {
 public:
  explicit SlowAdapter(std::chrono::milliseconds delay) : delay_(delay) {}
  std::string name() const override { return "test:slow"; }
  ChatResponse Complete(const ChatRequest& req) override {
    const int now = ++in_flight_;
    for (int seen = max_in_flight_.load(); now > seen && !max_in_flight_.compare_exchange_weak(seen, now);) {
    }
    std::this_thread::sleep_for(delay_);
    --in_flight_;
    return oracle_.Complete(req);
  }
  int max_in_flight() const { return max_in_flight_.load(); }

 private:
  std::chrono::milliseconds delay_;
  std::atomic<int> in_flight_{0};
  std::atomic<int> max_in_flight_{0};
  OraclePolicy oracle_;
};

// Replies with seeded garbage: random bytes (invalid UTF-8, NULs), half-open tags, huge text.
class GarbageAdapter : public Adapter {
 public:
  std::string name() const override { return "test:garbage"; }
  ChatResponse Complete(const ChatRequest& req) override {
    SplitMix64 rng(req.seed);
    static constexpr std::string_view kPieces[] = {
        "<tool_call>", "</tool_call>", "{\"name\":", "[f(", "x=", "'", "\"", "<invoke name=\"", "Action:",
        "\nAction Input: {", "```", "\\", "\xff\xfe", std::string_view("\0", 1), "]"};
    ChatResponse r;
    const size_t n = rng.Below(200);
    for (size_t i = 0; i < n; ++i) {
      if (rng.Below(3) == 0) r.message.content.push_back(static_cast<char>(rng.Below(256)));
      else r.message.content += kPieces[rng.Below(sizeof kPieces / sizeof kPieces[0])];
    }
    if (rng.Below(4) == 0) r.message.tool_calls.push_back(ToolCall{"x", Json("not an object")});
    return r;
  }
};

}  // namespace toolshift::testing

#endif  // TOOLSHIFT_TESTS_ADAPTERS_FAKE_ADAPTERS_H_
