// HttpTransport against hostile servers: every body stops at its limit, however it comes
// (inflating gzip, an endless chunked stream, a huge body with or without a length), endless
// headers stop at their backstop, and many at once hold no more than their limits.
#include <catch2/catch.hpp>

#include <atomic>
#include <mutex>
#include <vector>

#include "src/net/http_transport.h"
#include "tests/net/hostile_server.h"

namespace toolshift {
namespace {

HttpResult Get(const std::string& url, size_t limit) {
  HttpRequest q;
  q.url = url + "/v1/chat/completions";
  q.body = "{}";
  q.timeout_ms = 600000;  // the limit must end these transfers, not the timeout
  q.max_body_bytes = limit;
  return HttpTransport::Perform(q);
}

}  // namespace

TEST_CASE("hostile bodies stop at the limit", "[net][backends][hostile]") {
  using testing::Hostility;
  const size_t limit = size_t{4} << 20;
  for (Hostility mode : {Hostility::kGzipBomb, Hostility::kEndlessChunked, Hostility::kHugeBody, Hostility::kHugeDeclared}) {
    testing::HostileServer server(mode, size_t{2} << 30);
    const HttpResult r = Get(server.Start(), limit);
    INFO("mode " << static_cast<int>(mode) << ": " << r.transport_error);
    CHECK_FALSE(r.transport_ok());
    CHECK(r.body_over_limit);
    CHECK(r.transport_error.find("--max-response-bytes") != std::string::npos);
    CHECK(r.body.empty());
    server.Stop();
    // The server got nowhere near its 2 GiB: the client hung up near the limit.
    CHECK(server.bytes_sent() < (size_t{256} << 20));
  }
}

TEST_CASE("endless response headers stop at the header backstop with a transport error", "[net][backends][hostile]") {
  // Below libcurl's own per-response cap (300 KB in Debian's 7.88.1), so the backstop is what stops it.
  testing::HostileServer server(testing::Hostility::kEndlessHeaders);
  HttpRequest q;
  q.url = server.Start() + "/v1/chat/completions";
  q.body = "{}";
  q.timeout_ms = 600000;  // the backstop must end the transfer, not the timeout
  q.max_header_bytes = size_t{64} << 10;
  const HttpResult r = HttpTransport::Perform(q);
  INFO(r.transport_error);
  CHECK_FALSE(r.transport_ok());  // a transport failure: the engine counts it as infrastructure
  CHECK(r.status == 0);
  CHECK_FALSE(r.body_over_limit);  // not the body's limit: nothing points at --max-response-bytes
  CHECK(r.transport_error == "the server sent more than 65536 bytes of response headers; stopped reading them");
  CHECK(r.body.empty());
  server.Stop();
  CHECK(server.bytes_sent() < (size_t{64} << 20));
}

TEST_CASE("endless response headers at the default backstop end as a transport error too", "[net][backends][hostile]") {
  testing::HostileServer server(testing::Hostility::kEndlessHeaders);
  const HttpResult r = Get(server.Start(), size_t{4} << 20);
  INFO(r.transport_error);
  CHECK_FALSE(r.transport_ok());
  CHECK_FALSE(r.body_over_limit);
  // libcurl's own cap may come first ("Too large response headers"); either way no model failure.
  CHECK(r.transport_error.find("response headers") != std::string::npos);
  server.Stop();
  CHECK(server.bytes_sent() < (size_t{64} << 20));
}

TEST_CASE("a gzip body within the limit inflates and reads whole", "[net][backends][hostile]") {
  testing::HostileServer server(testing::Hostility::kGzipBomb, size_t{1} << 20);  // 1 MiB inflated
  const HttpResult r = Get(server.Start(), size_t{2} << 20);
  REQUIRE(r.transport_ok());
  CHECK(r.status == 200);
  CHECK(r.body.size() == size_t{1} << 20);
  CHECK(r.body.rfind("{\"choices\"", 0) == 0);
}

TEST_CASE("eight huge replies in flight at once each stop at the limit", "[net][backends][hostile]") {
  testing::HostileServer server(testing::Hostility::kHugeBody, size_t{100} << 20);
  const std::string base = server.Start();
  std::mutex mu;
  std::vector<HttpResult> results;
  std::atomic<int> done{0};
  {
    HttpTransport transport(8);
    for (int i = 0; i < 8; ++i) {
      HttpRequest q;
      q.url = base + "/v1/chat/completions";
      q.body = "{}";
      q.timeout_ms = 600000;
      q.max_body_bytes = size_t{2} << 20;
      transport.Submit(q, [&](HttpResult r) {
        std::lock_guard<std::mutex> lock(mu);
        results.push_back(std::move(r));
        ++done;
      });
    }
    while (done.load() < 8) std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  REQUIRE(results.size() == 8);
  for (const auto& r : results) {
    CHECK(r.body_over_limit);
    CHECK(r.body.empty());
  }
  server.Stop();
  CHECK(server.bytes_sent() < (size_t{400} << 20));  // far from 8 x 100 MB
}

}  // namespace toolshift

namespace toolshift {

TEST_CASE("replies in flight share one body budget — past it a reply is a retryable error", "[net][backends][hostile]") {
  testing::HostileServer server(testing::Hostility::kHugeDeclared, size_t{1} << 20);  // 1 MiB each
  const std::string base = server.Start();
  std::mutex mu;
  std::vector<HttpResult> results;
  {
    HttpTransport transport(8, size_t{3} << 20);  // room for three at once
    for (int i = 0; i < 8; ++i) {
      HttpRequest q;
      q.url = base + "/v1/chat/completions";
      q.body = "{}";
      q.timeout_ms = 600000;
      q.max_body_bytes = size_t{2} << 20;
      transport.Submit(q, [&](HttpResult r) {
        std::lock_guard<std::mutex> lock(mu);
        results.push_back(std::move(r));
      });
    }
    while (true) {
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
      std::lock_guard<std::mutex> lock(mu);
      if (results.size() == 8) break;
    }
  }
  size_t whole = 0;
  for (const auto& r : results) {
    if (r.transport_ok()) {
      CHECK(r.body.size() == size_t{1} << 20);
      ++whole;
    } else {
      CHECK(r.transport_error.find("budget") != std::string::npos);
      CHECK_FALSE(r.body_over_limit);  // not this reply's fault: worth another try
      CHECK(r.body.empty());
    }
  }
  CHECK(whole >= 1);  // someone always finishes
}

}  // namespace toolshift
