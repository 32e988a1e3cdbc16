// HostileServer: a loopback HTTP server that misbehaves on purpose, for the transport's
// limits and the redaction of keys (tests/net, tests/adapters, tests/engine).
//
// Every request is read whole, then answered per mode, one thread per connection, each
// response closing its connection. Streams are written until the client goes away (or the
// server stops), so a client without limits would read them until its timeout.
#ifndef TOOLSHIFT_TESTS_NET_HOSTILE_SERVER_H_
#define TOOLSHIFT_TESTS_NET_HOSTILE_SERVER_H_

#include <atomic>
#include <cstddef>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace toolshift::testing {

enum class Hostility {
  kGzipBomb,        // 200, Content-Encoding: gzip, no length: `bytes` (default 2 GiB) of spaces, deflated
  kEndlessChunked,  // 200, Transfer-Encoding: chunked, chunks of 'a' for ever
  kHugeBody,        // 200, no length (ends at close): `bytes` of a JSON string
  kHugeDeclared,    // 200, Content-Length: `bytes`, then that many bytes
  kEchoAuthError,   // 401 whose JSON error echoes the request target and its key headers
  kEchoAuthReply,   // 200 chat completion whose content echoes the same
  kEndlessHeaders,  // 200, then header lines ("X-Pad-<n>: <1 KiB>") for ever, no body
};

class HostileServer {
 public:
  explicit HostileServer(Hostility mode, size_t bytes = size_t{2} << 30);
  ~HostileServer();
  HostileServer(const HostileServer&) = delete;
  HostileServer& operator=(const HostileServer&) = delete;

  std::string Start();  // "http://127.0.0.1:PORT"
  void Stop();

  size_t requests() const { return requests_.load(); }
  // Raw body bytes written (all connections).
  size_t bytes_sent() const { return sent_.load(); }
  // The request line ("POST /v1/chat/completions?key=K HTTP/1.1") and headers of the last request.
  std::string last_request_head() const;

 private:
  void Accept();
  void Serve(int fd);
  bool SendAll(int fd, const std::string& bytes);

  Hostility mode_;
  size_t bytes_;
  int listen_fd_ = -1;
  std::atomic<bool> stop_{false};
  std::atomic<size_t> requests_{0};
  std::atomic<size_t> sent_{0};
  std::thread acceptor_;
  mutable std::mutex mu_;
  std::vector<std::thread> workers_;
  std::string last_head_;
};

}  // namespace toolshift::testing

#endif  // TOOLSHIFT_TESTS_NET_HOSTILE_SERVER_H_
