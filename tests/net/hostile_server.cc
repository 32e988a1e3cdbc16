#include "tests/net/hostile_server.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>
#include <zlib.h>

#include <cctype>
#include <cstring>
#include <stdexcept>

#include <nlohmann/json.hpp>

namespace toolshift::testing {
namespace {

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

}  // namespace

HostileServer::HostileServer(Hostility mode, size_t bytes) : mode_(mode), bytes_(bytes) {}

HostileServer::~HostileServer() { Stop(); }

std::string HostileServer::Start() {
  listen_fd_ = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  int yes = 1;
  setsockopt(listen_fd_, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (bind(listen_fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 || listen(listen_fd_, 128) != 0) {
    throw std::runtime_error(std::string("hostile server: cannot listen: ") + std::strerror(errno));
  }
  socklen_t len = sizeof addr;
  getsockname(listen_fd_, reinterpret_cast<sockaddr*>(&addr), &len);
  acceptor_ = std::thread([this] { Accept(); });
  return "http://127.0.0.1:" + std::to_string(ntohs(addr.sin_port));
}

void HostileServer::Stop() {
  if (!acceptor_.joinable()) return;
  stop_ = true;
  acceptor_.join();
  std::vector<std::thread> workers;
  {
    std::lock_guard<std::mutex> lock(mu_);
    workers.swap(workers_);
  }
  for (auto& w : workers) w.join();
  close(listen_fd_);
}

std::string HostileServer::last_request_head() const {
  std::lock_guard<std::mutex> lock(mu_);
  return last_head_;
}

void HostileServer::Accept() {
  while (!stop_) {
    pollfd p{listen_fd_, POLLIN, 0};
    if (poll(&p, 1, 50) <= 0) continue;
    const int fd = accept4(listen_fd_, nullptr, nullptr, SOCK_CLOEXEC);
    if (fd < 0) continue;
    timeval tv{0, 100000};  // sends wake up to notice stop_ while the client does not read
    setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    std::lock_guard<std::mutex> lock(mu_);
    workers_.emplace_back([this, fd] {
      Serve(fd);
      close(fd);
    });
  }
}

bool HostileServer::SendAll(int fd, const std::string& bytes) {
  size_t at = 0;
  while (at < bytes.size()) {
    if (stop_) return false;
    const ssize_t n = send(fd, bytes.data() + at, bytes.size() - at, MSG_NOSIGNAL);
    if (n > 0) {
      at += static_cast<size_t>(n);
      sent_ += static_cast<size_t>(n);
      continue;
    }
    if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR)) continue;
    return false;  // the client left
  }
  return true;
}

void HostileServer::Serve(int fd) {
  std::string in;
  char buf[65536];
  size_t head_end = std::string::npos;
  size_t length = 0;
  while (!stop_) {
    const ssize_t n = recv(fd, buf, sizeof buf, 0);
    if (n == 0) return;
    if (n < 0) {
      if (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR) continue;
      return;
    }
    in.append(buf, static_cast<size_t>(n));
    if (head_end == std::string::npos && (head_end = in.find("\r\n\r\n")) != std::string::npos) {
      const std::string lower = Lower(in.substr(0, head_end));
      if (size_t cl = lower.find("content-length:"); cl != std::string::npos) length = std::stoul(lower.substr(cl + 15));
    }
    if (head_end != std::string::npos && in.size() >= head_end + 4 + length) break;
  }
  if (stop_) return;
  ++requests_;
  const std::string head = in.substr(0, head_end);
  {
    std::lock_guard<std::mutex> lock(mu_);
    last_head_ = head;
  }
  // What a careless server echoes: the target (query keys) and the key headers.
  std::string echo = head.substr(0, head.find("\r\n"));
  for (size_t at = head.find("\r\n"); at != std::string::npos;) {
    const size_t next = head.find("\r\n", at + 2);
    const std::string line = head.substr(at + 2, next == std::string::npos ? std::string::npos : next - at - 2);
    const std::string name = Lower(line.substr(0, line.find(':')));
    if (name == "authorization" || name == "x-api-key") echo += " | " + line;
    at = next;
  }
  const std::string ok = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: close\r\n";
  switch (mode_) {
    case Hostility::kEchoAuthError: {
      const std::string body = nlohmann::json{{"error", {{"message", "rejected: " + echo}}}}.dump();
      SendAll(fd, "HTTP/1.1 401 Unauthorized\r\nContent-Type: application/json\r\nConnection: close\r\nContent-Length: " +
                      std::to_string(body.size()) + "\r\n\r\n" + body);
      return;
    }
    case Hostility::kEchoAuthReply: {
      const nlohmann::json msg = {{"role", "assistant"}, {"content", "you sent: " + echo}};
      const std::string body =
          nlohmann::json{{"choices", {{{"index", 0}, {"message", msg}, {"finish_reason", "stop"}}}}}.dump();
      SendAll(fd, ok + "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body);
      return;
    }
    case Hostility::kHugeDeclared:
    case Hostility::kHugeBody: {
      std::string start = ok;
      if (mode_ == Hostility::kHugeDeclared) start += "Content-Length: " + std::to_string(bytes_) + "\r\n";
      if (!SendAll(fd, start + "\r\n\"")) return;
      const std::string chunk(1 << 16, 'x');
      for (size_t left = bytes_ - 1; left > 0;) {
        const size_t n = std::min(left, chunk.size());
        if (!SendAll(fd, chunk.substr(0, n))) return;
        left -= n;
      }
      return;
    }
    case Hostility::kEndlessHeaders: {
      if (!SendAll(fd, ok)) return;
      const std::string pad(1024, 'h');
      for (size_t k = 0; SendAll(fd, "X-Pad-" + std::to_string(k) + ": " + pad + "\r\n"); ++k) {
      }
      return;
    }
    case Hostility::kEndlessChunked: {
      if (!SendAll(fd, ok + "Transfer-Encoding: chunked\r\n\r\n")) return;
      const std::string chunk = "10000\r\n" + std::string(0x10000, 'a') + "\r\n";
      while (SendAll(fd, chunk)) {
      }
      return;
    }
    case Hostility::kGzipBomb: {
      if (!SendAll(fd, ok + "Content-Encoding: gzip\r\n\r\n")) return;
      z_stream z{};
      deflateInit2(&z, Z_BEST_COMPRESSION, Z_DEFLATED, 15 + 16, 9, Z_DEFAULT_STRATEGY);
      std::string plain = "{\"choices\": [{\"message\": {\"content\": \"";
      plain.resize(1 << 20, ' ');
      std::string out(1 << 16, '\0');
      for (size_t left = bytes_; left > 0;) {
        const size_t n = std::min(left, plain.size());
        left -= n;
        z.next_in = reinterpret_cast<Bytef*>(plain.data());
        z.avail_in = static_cast<uInt>(n);
        do {
          z.next_out = reinterpret_cast<Bytef*>(out.data());
          z.avail_out = static_cast<uInt>(out.size());
          deflate(&z, left == 0 ? Z_FINISH : Z_NO_FLUSH);
          const size_t have = out.size() - z.avail_out;
          if (have && !SendAll(fd, out.substr(0, have))) {
            deflateEnd(&z);
            return;
          }
        } while (z.avail_out == 0);
        plain.assign(plain.size(), ' ');
      }
      deflateEnd(&z);
      return;
    }
  }
}

}  // namespace toolshift::testing
