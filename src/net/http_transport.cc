#include "src/net/http_transport.h"

#include <curl/curl.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <deque>
#include <mutex>
#include <thread>
#include <unordered_map>
#include <vector>

namespace toolshift {
namespace {

// curl_global_init is not thread-safe; do it once, before any handle exists.
void GlobalInit() {
  static const bool done = [] { return curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK; }();
  (void)done;
}

struct Transfer {
  HttpRequest request;
  HttpTransport::Callback done;
  HttpResult result;
  std::unique_ptr<BodySink> body;  // set by MakeEasy, from request.max_body_bytes
  // The transport's account of body bytes held by every transfer in flight (nullptr for a
  // blocking Perform), and its budget.
  size_t* held = nullptr;
  size_t budget = 0;
  bool over_budget = false;
  size_t header_bytes = 0;  // response header bytes so far, bounded by request.max_header_bytes
  bool headers_over_limit = false;
  curl_slist* headers = nullptr;
  char error[CURL_ERROR_SIZE] = {0};
  std::chrono::steady_clock::time_point start;
};

// Decoded bytes (curl inflates gzip/deflate/br/zstd before this): a short count aborts the
// transfer, so an inflating bomb stops at the limit instead of filling memory.
size_t OnBody(char* data, size_t size, size_t n, void* user) {
  auto* t = static_cast<Transfer*>(user);
  const size_t bytes = size * n;
  // Past the transport's budget only a transfer holding it all alone may grow (its own
  // limit bounds it), so some transfer always finishes and frees its share.
  if (t->held && *t->held + bytes > t->budget && t->body->body().size() != *t->held) {
    t->over_budget = true;
    return 0;
  }
  if (!t->body->Append(std::string_view(data, bytes))) return 0;
  if (t->held) *t->held += bytes;
  return bytes;
}

// Raw bytes received: an endless stream that decodes to little is cut at the limit too.
int OnProgress(void* user, curl_off_t, curl_off_t dlnow, curl_off_t, curl_off_t) {
  return static_cast<Transfer*>(user)->body->CheckRaw(static_cast<size_t>(std::max<curl_off_t>(dlnow, 0))) ? 0 : 1;
}

// One header line; a short count (past kMaxResponseHeaderBytes) aborts the transfer, so an
// endless header stream stops there and not at the timeout.
size_t OnHeader(char* data, size_t size, size_t n, void* user) {
  auto* t = static_cast<Transfer*>(user);
  const size_t bytes = size * n;
  t->header_bytes += bytes;
  if (t->header_bytes > t->request.max_header_bytes) {
    t->headers_over_limit = true;
    return 0;
  }
  if (auto v = HeaderValue(std::string_view(data, bytes), "retry-after")) t->result.retry_after = std::string(*v);
  return bytes;
}

// Sets up `reuse` (a handle reset by curl_easy_reset) or, when null, a new handle for `t`.
CURL* MakeEasy(Transfer* t, CURL* reuse = nullptr) {
  CURL* easy = reuse ? reuse : curl_easy_init();
  if (!easy) return nullptr;
  for (const auto& h : t->request.headers) t->headers = curl_slist_append(t->headers, h.c_str());
  if (!t->request.body.empty()) t->headers = curl_slist_append(t->headers, "Content-Type: application/json");
  t->headers = curl_slist_append(t->headers, "Expect:");  // no 100-continue round trip
  curl_easy_setopt(easy, CURLOPT_URL, t->request.url.c_str());
  curl_easy_setopt(easy, CURLOPT_HTTPHEADER, t->headers);
  if (!t->request.body.empty()) {
    curl_easy_setopt(easy, CURLOPT_POSTFIELDS, t->request.body.data());
    curl_easy_setopt(easy, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(t->request.body.size()));
  }
  curl_easy_setopt(easy, CURLOPT_TIMEOUT_MS, t->request.timeout_ms);
  curl_easy_setopt(easy, CURLOPT_CONNECTTIMEOUT_MS, std::min<long>(t->request.timeout_ms, 10000));
  curl_easy_setopt(easy, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(easy, CURLOPT_WRITEFUNCTION, OnBody);
  curl_easy_setopt(easy, CURLOPT_WRITEDATA, t);
  t->body = std::make_unique<BodySink>(t->request.max_body_bytes);
  // A declared Content-Length over the limit fails before any body is read.
  curl_easy_setopt(easy, CURLOPT_MAXFILESIZE_LARGE, static_cast<curl_off_t>(t->request.max_body_bytes));
  curl_easy_setopt(easy, CURLOPT_NOPROGRESS, 0L);
  curl_easy_setopt(easy, CURLOPT_XFERINFOFUNCTION, OnProgress);
  curl_easy_setopt(easy, CURLOPT_XFERINFODATA, t);
  curl_easy_setopt(easy, CURLOPT_HEADERFUNCTION, OnHeader);
  curl_easy_setopt(easy, CURLOPT_HEADERDATA, t);
  curl_easy_setopt(easy, CURLOPT_ERRORBUFFER, t->error);
  curl_easy_setopt(easy, CURLOPT_PRIVATE, t);
  curl_easy_setopt(easy, CURLOPT_ACCEPT_ENCODING, "");  // whatever curl can decode
  curl_easy_setopt(easy, CURLOPT_TCP_NODELAY, 1L);
  t->start = std::chrono::steady_clock::now();
  return easy;
}

// Fills status or transport_error from a finished easy handle.
void Finish(CURL* easy, CURLcode code, Transfer* t) {
  t->result.elapsed_ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t->start).count();
  if (t->body) {
    if (t->held) *t->held -= t->body->body().size();
    t->result.body = std::move(t->body->body());
  }
  if (t->over_budget) {
    // Not this reply's fault: the others in flight hold the budget. Worth another try.
    t->result.transport_error = "replies in flight hold the transport's body budget; not read, to be asked again";
    t->result.body.clear();
    t->result.status = 0;
    return;
  }
  if (t->headers_over_limit) {
    // The server's fault, not the model's: an infrastructure failure like any transport error.
    t->result.transport_error = "the server sent more than " + std::to_string(t->request.max_header_bytes) +
                                " bytes of response headers; stopped reading them";
    t->result.body.clear();
    t->result.status = 0;
    return;
  }
  if (code == CURLE_FILESIZE_EXCEEDED || (t->body && t->body->over_limit())) {
    t->result.transport_error = OverLimitError(t->request.max_body_bytes);
    t->result.body_over_limit = true;
    t->result.body.clear();  // a prefix of an oversized body is of no use to anyone
    t->result.status = 0;
    return;
  }
  if (code != CURLE_OK) {
    // The error buffer names the host and the cause, never headers (where keys travel).
    t->result.transport_error = std::string(curl_easy_strerror(code)) + (t->error[0] ? std::string(": ") + t->error : "");
    t->result.status = 0;
    return;
  }
  curl_easy_getinfo(easy, CURLINFO_RESPONSE_CODE, &t->result.status);
}

}  // namespace

// The event loop follows libcurl's "multi_socket" design: curl tells us which sockets to
// watch (SocketCallback) and when its next timeout is (TimerCallback); epoll waits on exactly
// those sockets plus an eventfd for new submissions, and each wake-up costs O(ready sockets)
// instead of a poll over every connection, which matters with hundreds in flight.
class HttpTransport::Impl {
 public:
  Impl(int max_connections, size_t body_budget)
      : body_budget_(body_budget), max_idle_easy_(static_cast<size_t>(std::max(1, max_connections))) {
    GlobalInit();
    epoll_ = epoll_create1(EPOLL_CLOEXEC);
    wake_ = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
    epoll_event ev{};
    ev.events = EPOLLIN;
    ev.data.fd = wake_;
    epoll_ctl(epoll_, EPOLL_CTL_ADD, wake_, &ev);
    multi_ = curl_multi_init();
    curl_multi_setopt(multi_, CURLMOPT_MAX_TOTAL_CONNECTIONS, static_cast<long>(max_connections));
    curl_multi_setopt(multi_, CURLMOPT_MAX_HOST_CONNECTIONS, static_cast<long>(max_connections));
    curl_multi_setopt(multi_, CURLMOPT_MAXCONNECTS, static_cast<long>(max_connections));
    curl_multi_setopt(multi_, CURLMOPT_SOCKETFUNCTION, &Impl::SocketCallback);
    curl_multi_setopt(multi_, CURLMOPT_SOCKETDATA, this);
    curl_multi_setopt(multi_, CURLMOPT_TIMERFUNCTION, &Impl::TimerCallback);
    curl_multi_setopt(multi_, CURLMOPT_TIMERDATA, this);
    thread_ = std::thread([this] { Loop(); });
  }

  ~Impl() {
    stop_ = true;
    Wake();
    thread_.join();
    for (CURL* easy : idle_easy_) curl_easy_cleanup(easy);
    curl_multi_cleanup(multi_);
    close(wake_);
    close(epoll_);
  }

  void Submit(HttpRequest request, Callback done) {
    auto t = std::make_unique<Transfer>();
    t->request = std::move(request);
    t->done = std::move(done);
    {
      std::lock_guard<std::mutex> lock(mu_);
      pending_.push_back(std::move(t));
    }
    Wake();
  }

 private:
  void Wake() {
    const uint64_t one = 1;
    [[maybe_unused]] ssize_t n = write(wake_, &one, sizeof one);
  }

  // `socketp` is what curl_multi_assign gave the socket: null until this callback first adds
  // it to epoll, null again once curl has called REMOVE for it. So a socket already watched is
  // changed with one system call (MOD), not two (a failing ADD, then MOD); a closed socket
  // leaves epoll by itself and its number may come back for a new connection, so either call
  // falls back to the other when epoll disagrees.
  static int SocketCallback(CURL*, curl_socket_t fd, int what, void* self, void* socketp) {
    auto* impl = static_cast<Impl*>(self);
    epoll_event ev{};
    ev.data.fd = fd;
    if (what == CURL_POLL_REMOVE) {
      epoll_ctl(impl->epoll_, EPOLL_CTL_DEL, fd, nullptr);
      return 0;
    }
    ev.events = (what & CURL_POLL_IN ? EPOLLIN : 0u) | (what & CURL_POLL_OUT ? EPOLLOUT : 0u);
    if (socketp) {
      if (epoll_ctl(impl->epoll_, EPOLL_CTL_MOD, fd, &ev) != 0 && errno == ENOENT) {
        epoll_ctl(impl->epoll_, EPOLL_CTL_ADD, fd, &ev);
      }
      return 0;
    }
    if (epoll_ctl(impl->epoll_, EPOLL_CTL_ADD, fd, &ev) != 0 && errno == EEXIST) {
      epoll_ctl(impl->epoll_, EPOLL_CTL_MOD, fd, &ev);
    }
    curl_multi_assign(impl->multi_, fd, impl);  // any non-null mark: "in epoll"
    return 0;
  }

  static int TimerCallback(CURLM*, long timeout_ms, void* self) {
    auto* impl = static_cast<Impl*>(self);
    impl->has_deadline_ = timeout_ms >= 0;
    impl->deadline_ = std::chrono::steady_clock::now() + std::chrono::milliseconds(std::max(0L, timeout_ms));
    return 0;
  }

  void Loop() {
    std::vector<epoll_event> events(256);
    int running = 0;
    while (!stop_) {
      // A few new transfers at a time: a new connection's request goes out on the loop's
      // next pass, so starting a burst of hundreds at once would open every connection
      // before the first request is sent, and the server would idle through it all.
      std::vector<std::unique_ptr<Transfer>> incoming;
      bool more = false;
      {
        std::lock_guard<std::mutex> lock(mu_);
        while (!pending_.empty() && incoming.size() < start_batch_) {
          incoming.push_back(std::move(pending_.front()));
          pending_.pop_front();
        }
        more = !pending_.empty();
      }
      for (auto& t : incoming) Start(std::move(t));
      // No curl timer pending: still wake now and then to notice stop_.
      int wait_ms = more ? 0 : 1000;
      if (has_deadline_ && !more) {
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline_ - std::chrono::steady_clock::now());
        wait_ms = static_cast<int>(std::clamp<int64_t>(left.count(), 0, 1000));
      }
      const int n = epoll_wait(epoll_, events.data(), static_cast<int>(events.size()), wait_ms);
      for (int i = 0; i < n; ++i) {
        const int fd = events[static_cast<size_t>(i)].data.fd;
        if (fd == wake_) {
          uint64_t count;
          [[maybe_unused]] ssize_t r = read(wake_, &count, sizeof count);
          continue;
        }
        const uint32_t e = events[static_cast<size_t>(i)].events;
        const int flags = (e & EPOLLIN ? CURL_CSELECT_IN : 0) | (e & EPOLLOUT ? CURL_CSELECT_OUT : 0) |
                          (e & (EPOLLERR | EPOLLHUP) ? CURL_CSELECT_ERR : 0);
        curl_multi_socket_action(multi_, fd, flags, &running);
      }
      // Curl's timers: connect and request timeouts, and the "act now" of a new handle.
      if (has_deadline_ && std::chrono::steady_clock::now() >= deadline_) {
        has_deadline_ = false;
        curl_multi_socket_action(multi_, CURL_SOCKET_TIMEOUT, 0, &running);
      }
      int left = 0;
      while (CURLMsg* msg = curl_multi_info_read(multi_, &left)) {
        if (msg->msg != CURLMSG_DONE) continue;
        Complete(msg->easy_handle, msg->data.result);
      }
    }
    // Abort whatever is left: every callback runs exactly once.
    for (auto& [easy, t] : active_) {
      curl_multi_remove_handle(multi_, easy);
      t->result.transport_error = "transport stopped";
      if (t->body) held_ -= t->body->body().size();
      curl_easy_cleanup(easy);
      curl_slist_free_all(t->headers);
      t->done(std::move(t->result));
    }
    active_.clear();
    std::lock_guard<std::mutex> lock(mu_);
    for (auto& t : pending_) {
      t->result.transport_error = "transport stopped";
      t->done(std::move(t->result));
    }
  }

  void Start(std::unique_ptr<Transfer> t) {
    t->held = &held_;
    t->budget = body_budget_;
    CURL* reuse = nullptr;
    if (!idle_easy_.empty()) {
      reuse = idle_easy_.back();
      idle_easy_.pop_back();
    }
    CURL* easy = MakeEasy(t.get(), reuse);
    if (!easy || curl_multi_add_handle(multi_, easy) != CURLM_OK) {
      if (easy) curl_easy_cleanup(easy);
      curl_slist_free_all(t->headers);
      t->result.transport_error = "could not start the request";
      t->done(std::move(t->result));
      return;
    }
    active_.emplace(easy, std::move(t));
  }

  void Complete(CURL* easy, CURLcode code) {
    auto it = active_.find(easy);
    if (it == active_.end()) return;
    std::unique_ptr<Transfer> t = std::move(it->second);
    active_.erase(it);
    curl_multi_remove_handle(multi_, easy);
    Finish(easy, code, t.get());
    Recycle(easy);
    curl_slist_free_all(t->headers);
    t->headers = nullptr;
    t->done(std::move(t->result));
  }

  // A finished handle, kept for the next transfer (up to one per connection): a reset is
  // cheaper than freeing and allocating a handle per request.
  void Recycle(CURL* easy) {
    if (idle_easy_.size() >= max_idle_easy_) {
      curl_easy_cleanup(easy);
      return;
    }
    curl_easy_reset(easy);
    idle_easy_.push_back(easy);
  }

  CURLM* multi_ = nullptr;
  int epoll_ = -1;
  int wake_ = -1;
  bool has_deadline_ = false;
  std::chrono::steady_clock::time_point deadline_;
  std::thread thread_;
  std::atomic<bool> stop_{false};
  std::mutex mu_;
  std::deque<std::unique_ptr<Transfer>> pending_;
  static constexpr size_t start_batch_ = 16;
  std::unordered_map<CURL*, std::unique_ptr<Transfer>> active_;
  const size_t body_budget_;
  size_t held_ = 0;  // body bytes of active_ (touched on the loop thread only)
  const size_t max_idle_easy_;
  std::vector<CURL*> idle_easy_;  // reset handles for the next transfers (loop thread only)
};

HttpTransport::HttpTransport(int max_connections, size_t body_budget)
    : impl_(std::make_unique<Impl>(max_connections, body_budget)) {}
HttpTransport::~HttpTransport() = default;

void HttpTransport::Submit(HttpRequest request, Callback done) { impl_->Submit(std::move(request), std::move(done)); }

HttpResult HttpTransport::Perform(const HttpRequest& request) {
  GlobalInit();
  Transfer t;
  t.request = request;
  CURL* easy = MakeEasy(&t);
  if (!easy) {
    t.result.transport_error = "could not start the request";
    return t.result;
  }
  const CURLcode code = curl_easy_perform(easy);
  Finish(easy, code, &t);
  curl_easy_cleanup(easy);
  curl_slist_free_all(t.headers);
  return t.result;
}

}  // namespace toolshift
