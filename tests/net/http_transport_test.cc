// HttpTransport against the test model server: bursts far larger than the transport starts
// at once are sent whole, and stopping aborts what is left with a transport error, each
// callback running exactly once either way.
#include <catch2/catch.hpp>

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>
#include <vector>

#include "src/net/http_transport.h"
#include "tests/server/test_model_server.h"

namespace toolshift {
namespace {

struct Results {
  std::mutex mu;
  std::condition_variable cv;
  std::vector<int> calls;  // callbacks per request
  std::vector<HttpResult> results;

  explicit Results(size_t n) : calls(n, 0), results(n) {}
  HttpTransport::Callback For(size_t i) {
    return [this, i](HttpResult r) {
      std::lock_guard<std::mutex> lock(mu);
      ++calls[i];
      results[i] = std::move(r);
      cv.notify_all();
    };
  }
  size_t Done() {
    size_t n = 0;
    for (int c : calls) n += c > 0;
    return n;
  }
};

HttpRequest Post(const std::string& base) {
  HttpRequest r;
  r.url = base + "/v1/chat/completions";
  r.body = R"({"model": "m", "messages": [{"role": "user", "content": "hi"}]})";
  r.timeout_ms = 30000;
  return r;
}

}  // namespace

TEST_CASE("a burst of 600 requests on 256 connections is sent whole, each answered once", "[net][backends]") {
  testing::FaultKnobs knobs;
  knobs.latency_ms = 5;
  const std::vector<Suite> no_suites;  // every request gets the plain-text answer
  testing::TestModelServer server(no_suites, knobs);
  const std::string base = server.Start();
  const size_t n = 600;
  Results results(n);
  {
    HttpTransport transport(256);
    for (size_t i = 0; i < n; ++i) transport.Submit(Post(base), results.For(i));
    std::unique_lock<std::mutex> lock(results.mu);
    REQUIRE(results.cv.wait_for(lock, std::chrono::seconds(60), [&] { return results.Done() == n; }));
  }
  for (size_t i = 0; i < n; ++i) {
    INFO("request " << i);
    CHECK(results.calls[i] == 1);
    CHECK(results.results[i].transport_ok());
    CHECK(results.results[i].status == 200);
  }
  CHECK(server.requests() == n);
}

TEST_CASE("stopping the transport aborts started and queued requests, each callback once", "[net][backends]") {
  testing::FaultKnobs knobs;
  knobs.rate_hang = 1;
  knobs.hang_ms = 60000;
  const std::vector<Suite> no_suites;
  testing::TestModelServer server(no_suites, knobs);
  const std::string base = server.Start();
  const size_t n = 300;  // more than one connection each: some are still queued at the stop
  Results results(n);
  {
    HttpTransport transport(64);
    for (size_t i = 0; i < n; ++i) transport.Submit(Post(base), results.For(i));
    const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (server.requests() < 64 && std::chrono::steady_clock::now() < until) {
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    CHECK(server.requests() == 64);  // the connection limit holds the rest back
  }
  for (size_t i = 0; i < n; ++i) {
    INFO("request " << i);
    CHECK(results.calls[i] == 1);
    CHECK(results.results[i].transport_error == "transport stopped");
  }
}

}  // namespace toolshift
