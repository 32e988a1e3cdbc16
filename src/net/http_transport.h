// HttpTransport: many HTTP requests in flight on one thread, with libcurl's multi interface.
//
// src/net is the lowest layer that talks to the network: it knows bytes, URLs and headers,
// nothing of adapters or the engine, which both build on it (adapters encode requests with
// their codecs, the engine keeps them in flight). Callers hand it requests and get each result back
// through a callback, called on the transport's own thread: callbacks must be quick and
// must not call back into the transport synchronously in a way that waits for it.
// Transport failures (refused, reset, timeout, truncated body, a body or headers over their limits) come back as
// HttpResult::transport_error; HTTP statuses are results like any other.
//
// Secrets travel in request headers only; nothing here logs headers or bodies.
#ifndef TOOLSHIFT_NET_HTTP_TRANSPORT_H_
#define TOOLSHIFT_NET_HTTP_TRANSPORT_H_

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "src/net/response_body.h"

namespace toolshift {

// Response header bytes read at most per transfer (every response of it, 1xx included): past
// it the transfer ends with a transport error. Real servers send a few KiB; without a bound an
// endless header stream would grow memory until the timeout. (Debian's libcurl 7.88.1 has its
// own 300 KB cap per response, CVE-2023-38039; this one holds whatever libcurl is linked.)
inline constexpr size_t kMaxResponseHeaderBytes = size_t{1} << 20;

struct HttpRequest {
  std::string url;
  std::vector<std::string> headers;  // "Name: value"
  std::string body;                  // POSTed when non-empty, else GET
  long timeout_ms = 120000;          // whole request, connect included
  // Raw and decoded body bytes read at most (src/net/response_body.h); past it the
  // transfer is aborted with a transport error and body_over_limit set.
  size_t max_body_bytes = kDefaultMaxResponseBytes;
  // Response header bytes read at most (kMaxResponseHeaderBytes; lower only in tests).
  size_t max_header_bytes = kMaxResponseHeaderBytes;
};

struct HttpResult {
  long status = 0;              // 0 when the transport failed
  std::string body;
  std::string retry_after;      // the Retry-After header, verbatim, when present
  std::string transport_error;  // non-empty: no complete HTTP response (status meaningless)
  double elapsed_ms = 0;
  bool body_over_limit = false;  // the body passed HttpRequest::max_body_bytes (transport_error says so)

  bool transport_ok() const { return transport_error.empty(); }
};

// 1 GiB: 128 replies at the default --max-response-bytes at once.
inline constexpr size_t kDefaultBodyBudget = size_t{1} << 30;

class HttpTransport {
 public:
  using Callback = std::function<void(HttpResult)>;

  // `max_connections` bounds open connections (and so requests on the wire) at once;
  // `body_budget` the body bytes all of them hold together: a transfer that would pass it
  // (while others hold bytes too) ends with a retryable transport error, so memory for
  // replies in flight stays below body_budget + one request's max_body_bytes, whatever
  // the concurrency.
  explicit HttpTransport(int max_connections, size_t body_budget = kDefaultBodyBudget);
  // Aborts what is still in flight; their callbacks run with a transport error.
  ~HttpTransport();
  HttpTransport(const HttpTransport&) = delete;
  HttpTransport& operator=(const HttpTransport&) = delete;

  // Thread-safe. `done` runs exactly once, on the transport thread.
  void Submit(HttpRequest request, Callback done);

  // One blocking request on the calling thread (for adapters used outside the engine).
  static HttpResult Perform(const HttpRequest& request);

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace toolshift

#endif  // TOOLSHIFT_NET_HTTP_TRANSPORT_H_
