#include "src/engine/http_transport.h"

#include <curl/curl.h>

#include <atomic>
#include <chrono>
#include <deque>
#include <mutex>
#include <thread>
#include <unordered_map>

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
  curl_slist* headers = nullptr;
  char error[CURL_ERROR_SIZE] = {0};
  std::chrono::steady_clock::time_point start;
};

size_t OnBody(char* data, size_t size, size_t n, void* user) {
  static_cast<Transfer*>(user)->result.body.append(data, size * n);
  return size * n;
}

size_t OnHeader(char* data, size_t size, size_t n, void* user) {
  std::string_view line(data, size * n);
  constexpr std::string_view kName = "retry-after:";
  if (line.size() > kName.size()) {
    bool match = true;
    for (size_t i = 0; i < kName.size() && match; ++i) match = std::tolower(static_cast<unsigned char>(line[i])) == kName[i];
    if (match) {
      std::string_view v = line.substr(kName.size());
      while (!v.empty() && (v.front() == ' ' || v.front() == '\t')) v.remove_prefix(1);
      while (!v.empty() && (v.back() == '\r' || v.back() == '\n' || v.back() == ' ')) v.remove_suffix(1);
      static_cast<Transfer*>(user)->result.retry_after = std::string(v);
    }
  }
  return size * n;
}

CURL* MakeEasy(Transfer* t) {
  CURL* easy = curl_easy_init();
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
  if (code != CURLE_OK) {
    // The error buffer names the host and the cause, never headers (where keys travel).
    t->result.transport_error = std::string(curl_easy_strerror(code)) + (t->error[0] ? std::string(": ") + t->error : "");
    t->result.status = 0;
    return;
  }
  curl_easy_getinfo(easy, CURLINFO_RESPONSE_CODE, &t->result.status);
}

}  // namespace

class HttpTransport::Impl {
 public:
  explicit Impl(int max_connections) {
    GlobalInit();
    multi_ = curl_multi_init();
    curl_multi_setopt(multi_, CURLMOPT_MAX_TOTAL_CONNECTIONS, static_cast<long>(max_connections));
    curl_multi_setopt(multi_, CURLMOPT_MAX_HOST_CONNECTIONS, static_cast<long>(max_connections));
    curl_multi_setopt(multi_, CURLMOPT_MAXCONNECTS, static_cast<long>(max_connections));
    thread_ = std::thread([this] { Loop(); });
  }

  ~Impl() {
    stop_ = true;
    curl_multi_wakeup(multi_);
    thread_.join();
    curl_multi_cleanup(multi_);
  }

  void Submit(HttpRequest request, Callback done) {
    auto t = std::make_unique<Transfer>();
    t->request = std::move(request);
    t->done = std::move(done);
    {
      std::lock_guard<std::mutex> lock(mu_);
      pending_.push_back(std::move(t));
    }
    curl_multi_wakeup(multi_);
  }

 private:
  void Loop() {
    while (true) {
      std::deque<std::unique_ptr<Transfer>> incoming;
      {
        std::lock_guard<std::mutex> lock(mu_);
        incoming.swap(pending_);
      }
      for (auto& t : incoming) Start(std::move(t));
      int running = 0;
      curl_multi_perform(multi_, &running);
      int left = 0;
      while (CURLMsg* msg = curl_multi_info_read(multi_, &left)) {
        if (msg->msg != CURLMSG_DONE) continue;
        Complete(msg->easy_handle, msg->data.result);
      }
      if (stop_) break;
      curl_multi_poll(multi_, nullptr, 0, 1000, nullptr);
    }
    // Abort whatever is left: every callback runs exactly once.
    for (auto& [easy, t] : active_) {
      curl_multi_remove_handle(multi_, easy);
      t->result.transport_error = "transport stopped";
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
    CURL* easy = MakeEasy(t.get());
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
    curl_easy_cleanup(easy);
    curl_slist_free_all(t->headers);
    t->headers = nullptr;
    t->done(std::move(t->result));
  }

  CURLM* multi_ = nullptr;
  std::thread thread_;
  std::atomic<bool> stop_{false};
  std::mutex mu_;
  std::deque<std::unique_ptr<Transfer>> pending_;
  std::unordered_map<CURL*, std::unique_ptr<Transfer>> active_;
};

HttpTransport::HttpTransport(int max_connections) : impl_(std::make_unique<Impl>(max_connections)) {}
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
