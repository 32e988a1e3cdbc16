#include "tests/server/test_model_server.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <chrono>
#include <cstring>
#include <mutex>
#include <queue>
#include <stdexcept>
#include <unordered_map>

#include "adapters/openai/openai_adapter.h"
#include "src/scoring/statistics.h"
#include "tests/server/conversation_oracle.h"

namespace toolshift::testing {
namespace {

using Clock = std::chrono::steady_clock;

std::vector<std::string> NamesOf(const Json& tools) {
  std::vector<std::string> names;
  if (!tools.is_array()) return names;
  for (const auto& t : tools) {
    if (t.contains("function")) names.push_back(t["function"].value("name", ""));
    else names.push_back(t.value("name", ""));
  }
  return names;
}

const char* Reason(int status) {
  switch (status) {
    case 200: return "OK";
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 404: return "Not Found";
    case 429: return "Too Many Requests";
    case 503: return "Service Unavailable";
    default: return "Error";
  }
}

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// One HTTP/1.1 connection: bytes in, parsed requests, bytes out.
struct Connection {
  int fd = -1;
  std::string in;
  std::string out;
  bool close_after_write = false;
  bool busy = false;     // a request is being answered (answers wait out the latency in order)
  uint64_t generation = 0;  // tells a timer whether its connection is still the same one
};

struct Parsed {
  std::string method, path, body;
  std::unordered_map<std::string, std::string> headers;  // lower-case names
};

// Takes one complete request off the front of `buffer`; false when more bytes are needed.
// Throws std::runtime_error on a request that cannot be HTTP.
bool TakeRequest(std::string& buffer, Parsed* req) {
  const size_t end = buffer.find("\r\n\r\n");
  if (end == std::string::npos) {
    if (buffer.size() > (1u << 20)) throw std::runtime_error("headers too long");
    return false;
  }
  size_t line_end = buffer.find("\r\n");
  const std::string request_line = buffer.substr(0, line_end);
  const size_t sp1 = request_line.find(' '), sp2 = request_line.rfind(' ');
  if (sp1 == std::string::npos || sp2 <= sp1) throw std::runtime_error("bad request line");
  req->method = request_line.substr(0, sp1);
  req->path = request_line.substr(sp1 + 1, sp2 - sp1 - 1);
  req->headers.clear();
  for (size_t at = line_end + 2; at < end;) {
    const size_t next = buffer.find("\r\n", at);
    const std::string line = buffer.substr(at, next - at);
    const size_t colon = line.find(':');
    if (colon != std::string::npos) {
      size_t v = colon + 1;
      while (v < line.size() && line[v] == ' ') ++v;
      req->headers[Lower(line.substr(0, colon))] = line.substr(v);
    }
    at = next + 2;
  }
  size_t length = 0;
  if (auto it = req->headers.find("content-length"); it != req->headers.end()) length = std::stoul(it->second);
  if (buffer.size() < end + 4 + length) return false;
  req->body = buffer.substr(end + 4, length);
  buffer.erase(0, end + 4 + length);
  return true;
}

}  // namespace

// A single-threaded epoll server: every connection, latency and hang is an event or a
// timer, never a blocked thread, so the server costs the benchmark tens of microseconds
// of CPU a request rather than a thread switch storm (cpp-httplib, which this replaced,
// holds a thread per keep-alive connection and spent ~150 us of CPU a request).
class TestModelServer::Impl {
 public:
  Impl(TestModelServer* owner, const std::vector<Suite>& suites, FaultKnobs knobs)
      : owner_(owner), knobs_(std::move(knobs)), oracle_(suites) {}

  ~Impl() { Stop(); }

  std::string Start() {
    listen_fd_ = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    int yes = 1;
    setsockopt(listen_fd_, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);  // loopback only
    addr.sin_port = 0;
    if (bind(listen_fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 || listen(listen_fd_, 4096) != 0) {
      throw std::runtime_error(std::string("test server: cannot listen: ") + std::strerror(errno));
    }
    socklen_t len = sizeof addr;
    getsockname(listen_fd_, reinterpret_cast<sockaddr*>(&addr), &len);
    epoll_ = epoll_create1(EPOLL_CLOEXEC);
    wake_ = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
    Watch(listen_fd_, EPOLLIN);
    Watch(wake_, EPOLLIN);
    thread_ = std::thread([this] { Loop(); });
    return "http://127.0.0.1:" + std::to_string(ntohs(addr.sin_port));
  }

  void Stop() {
    if (!thread_.joinable()) return;
    stop_ = true;
    const uint64_t one = 1;
    [[maybe_unused]] ssize_t n = write(wake_, &one, sizeof one);
    thread_.join();
    for (auto& [fd, c] : connections_) close(fd);
    connections_.clear();
    close(listen_fd_);
    close(wake_);
    close(epoll_);
  }

  void SetKnobs(const FaultKnobs& knobs) {
    std::lock_guard<std::mutex> lock(mu_);
    knobs_ = knobs;
  }

 private:
  enum class Api { kChat, kCompletions, kAnthropic, kOllama };

  // What to send, and when.
  struct Reply {
    std::string bytes;
    bool close_after = false;
    size_t hold_until_requests = 0;  // > 0: held until requests() reaches it (hold_user_for)
  };
  struct Held {
    int fd;
    uint64_t generation;
    std::shared_ptr<Reply> reply;
    Clock::time_point deadline;
  };
  struct Timer {
    Clock::time_point when;
    int fd;
    uint64_t generation;
    std::shared_ptr<Reply> reply;
    bool operator>(const Timer& o) const { return when > o.when; }
  };

  void Watch(int fd, uint32_t events, bool modify = false) {
    epoll_event ev{};
    ev.events = events;
    ev.data.fd = fd;
    epoll_ctl(epoll_, modify ? EPOLL_CTL_MOD : EPOLL_CTL_ADD, fd, &ev);
  }

  void Loop() {
    std::vector<epoll_event> events(512);
    while (!stop_) {
      // Timers to the microsecond (epoll_pwait2): epoll_wait's milliseconds, rounded up so
      // as never to wake early, would add up to a millisecond to every answer's latency.
      timespec wait{1, 0};
      if (!timers_.empty()) {
        const auto left = std::chrono::duration_cast<std::chrono::nanoseconds>(timers_.top().when - Clock::now());
        const int64_t ns = std::clamp<int64_t>(left.count(), 0, 1000000000);
        wait = timespec{static_cast<time_t>(ns / 1000000000), static_cast<long>(ns % 1000000000)};
      }
      int n = epoll_pwait2(epoll_, events.data(), static_cast<int>(events.size()), &wait, nullptr);
      if (n < 0 && errno == ENOSYS) {  // kernels before 5.11: whole milliseconds, rounded up
        const auto ms = static_cast<int>((wait.tv_sec * 1000000000L + wait.tv_nsec + 999999) / 1000000);
        n = epoll_wait(epoll_, events.data(), static_cast<int>(events.size()), ms);
      }
      for (int i = 0; i < n; ++i) {
        const int fd = events[static_cast<size_t>(i)].data.fd;
        const uint32_t e = events[static_cast<size_t>(i)].events;
        if (fd == wake_) continue;
        if (fd == listen_fd_) {
          Accept();
          continue;
        }
        if (e & (EPOLLERR | EPOLLHUP)) {
          Drop(fd);
          continue;
        }
        if (e & EPOLLIN) Read(fd);
        if ((e & EPOLLOUT) && connections_.count(fd)) Flush(fd);
      }
      const auto now = Clock::now();
      while (!timers_.empty() && timers_.top().when <= now) {
        Timer t = timers_.top();
        timers_.pop();
        Send(t.fd, t.generation, *t.reply);
      }
      ReleaseHeld(now);
    }
  }

  void ReleaseHeld(Clock::time_point now) {
    for (size_t i = 0; i < held_.size();) {
      const bool counted = owner_->requests_.load() >= held_[i].reply->hold_until_requests;
      if (!counted && now < held_[i].deadline) {
        ++i;
        continue;
      }
      (counted ? owner_->holds_released_ : owner_->holds_timed_out_).fetch_add(1);
      const Held h = held_[i];
      held_.erase(held_.begin() + static_cast<long>(i));
      Send(h.fd, h.generation, *h.reply);
    }
  }

  void Accept() {
    while (true) {
      const int fd = accept4(listen_fd_, nullptr, nullptr, SOCK_NONBLOCK | SOCK_CLOEXEC);
      if (fd < 0) return;
      int yes = 1;
      setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &yes, sizeof yes);
      Connection& c = connections_[fd];
      c = Connection{};
      c.fd = fd;
      c.generation = ++generations_;
      Watch(fd, EPOLLIN);
    }
  }

  void Drop(int fd) {
    if (connections_.erase(fd)) {
      epoll_ctl(epoll_, EPOLL_CTL_DEL, fd, nullptr);
      close(fd);
    }
  }

  void Read(int fd) {
    auto it = connections_.find(fd);
    if (it == connections_.end()) return;
    Connection& c = it->second;
    char buf[65536];
    while (true) {
      const ssize_t got = recv(fd, buf, sizeof buf, 0);
      if (got > 0) {
        c.in.append(buf, static_cast<size_t>(got));
        continue;
      }
      if (got == 0) return Drop(fd);  // the client closed
      if (errno == EAGAIN || errno == EWOULDBLOCK) break;
      return Drop(fd);
    }
    Next(c);
  }

  // Answers the next buffered request of `c` unless one is already on its way (HTTP/1.1
  // answers go out in order, and clients do not pipeline anyway).
  void Next(Connection& c) {
    if (c.busy) return;
    Parsed req;
    try {
      if (!TakeRequest(c.in, &req)) return;
    } catch (const std::exception&) {
      return Drop(c.fd);
    }
    c.busy = true;
    auto reply = std::make_shared<Reply>();
    const int delay_ms = Handle(req, *reply);
    if (reply->hold_until_requests > 0) {
      int max_ms;
      {
        std::lock_guard<std::mutex> lock(mu_);
        max_ms = knobs_.hold_user_max_ms;
      }
      held_.push_back(Held{c.fd, c.generation, std::move(reply), Clock::now() + std::chrono::milliseconds(max_ms)});
      return;
    }
    if (delay_ms <= 0) return Send(c.fd, c.generation, *reply);
    timers_.push(Timer{Clock::now() + std::chrono::milliseconds(delay_ms), c.fd, c.generation, std::move(reply)});
  }

  void Send(int fd, uint64_t generation, const Reply& reply) {
    auto it = connections_.find(fd);
    if (it == connections_.end() || it->second.generation != generation) return;  // the client left meanwhile
    Connection& c = it->second;
    c.out += reply.bytes;
    c.close_after_write = reply.close_after;
    c.busy = false;
    Flush(fd);
  }

  void Flush(int fd) {
    Connection& c = connections_[fd];
    while (!c.out.empty()) {
      const ssize_t sent = send(fd, c.out.data(), c.out.size(), MSG_NOSIGNAL);
      if (sent > 0) {
        c.out.erase(0, static_cast<size_t>(sent));
        continue;
      }
      if (errno == EAGAIN || errno == EWOULDBLOCK) {
        Watch(fd, EPOLLIN | EPOLLOUT, true);
        return;
      }
      return Drop(fd);
    }
    Watch(fd, EPOLLIN, true);
    if (c.close_after_write) return Drop(fd);
    Next(c);
  }

  static std::string Response(int status, const std::string& body, const std::string& extra_headers = "",
                              size_t declared_length = std::string::npos) {
    std::string r = "HTTP/1.1 " + std::to_string(status) + " " + Reason(status) + "\r\n";
    r += "Content-Type: application/json\r\n";
    r += "Content-Length: " + std::to_string(declared_length == std::string::npos ? body.size() : declared_length) + "\r\n";
    r += extra_headers;
    r += "\r\n";
    return r;
  }

  static void Fail(Reply& reply, int status, const std::string& message, const std::string& extra_headers = "") {
    const std::string body = DumpJson(Json{{"error", {{"message", message}}}});
    reply.bytes = Response(status, body, extra_headers) + body;
  }

  // Fills `reply` for one request; returns the milliseconds to wait before sending it.
  int Handle(const Parsed& q, Reply& reply) {
    FaultKnobs k;
    {
      std::lock_guard<std::mutex> lock(mu_);
      k = knobs_;
    }
    if (q.method == "GET") {
      Identity(q.path, k, reply);
      return 0;
    }
    const size_t n = owner_->requests_.fetch_add(1);
    Api api;
    if (q.method == "POST" && q.path == "/v1/chat/completions") api = Api::kChat;
    else if (q.method == "POST" && q.path == "/v1/completions") api = Api::kCompletions;
    else if (q.method == "POST" && q.path == "/v1/messages") api = Api::kAnthropic;
    else if (q.method == "POST" && q.path == "/api/chat") api = Api::kOllama;
    else {
      Fail(reply, 404, "no route " + q.method + " " + q.path);
      return 0;
    }
    if (!k.require_key.empty()) {
      auto header = [&](const char* name) {
        auto it = q.headers.find(name);
        return it == q.headers.end() ? std::string() : it->second;
      };
      if (header("authorization") != "Bearer " + k.require_key && header("x-api-key") != k.require_key) {
        Fail(reply, 401, "invalid API key");
        return 0;
      }
    }
    SplitMix64 rng(MixSeed(k.seed, n));
    double u = rng.Unit();
    auto draw = [&](double rate) {
      if (u < rate) return true;
      u -= rate;
      return false;
    };
    int delay = k.latency_ms;
    if (draw(k.rate_5xx)) {
      Fail(reply, 503, "overloaded");
      return delay;
    }
    if (draw(k.rate_429)) {
      Fail(reply, 429, "rate limited", "Retry-After: " + std::to_string(k.retry_after_s) + "\r\n");
      return delay;
    }
    if (draw(k.rate_400)) {
      Fail(reply, 400, "context length exceeded");
      return delay;
    }
    const bool reset = draw(k.rate_reset);
    const bool truncate = draw(k.rate_truncate);
    if (draw(k.rate_hang)) delay += k.hang_ms;

    const Json body = Json::parse(q.body, nullptr, false);
    if (body.is_discarded()) {
      Fail(reply, 400, "request body is not JSON");
      return delay;
    }
    std::string answer;
    bool user_chat = false;
    try {
      answer = DumpJson(Answer(body, api, k.control_mass, k.checkpoint, &user_chat));
    } catch (const std::exception& e) {
      Fail(reply, 400, std::string("bad request: ") + e.what());
      return delay;
    }
    if (reset || truncate) {
      // Headers promise the whole body; the connection closes after none or half of it.
      const size_t keep = reset ? 0 : answer.size() / 2;
      reply.bytes = Response(200, answer, "", answer.size()) + answer.substr(0, keep);
      reply.close_after = true;
      return delay;
    }
    owner_->answered_.fetch_add(1);
    reply.bytes = Response(200, answer) + answer;
    if (user_chat) {
      const size_t users_before = owner_->user_requests_.fetch_add(1);
      if (k.hold_user_for > 0 && users_before < static_cast<size_t>(std::max(0, k.hold_users))) {
        reply.hold_until_requests = n + 1 + static_cast<size_t>(k.hold_user_for);
      }
    }
    return delay;
  }

  // Another checkpoint's reply: no call, whatever was asked.
  static Message Untrained(int checkpoint) {
    return Message{Role::kAssistant, "Checkpoint " + std::to_string(checkpoint) + " has not learnt to call tools.", {}};
  }

  // A stand-in tokenisation for logprobs: runs of up to four bytes.
  static std::vector<std::string> Tokens(const std::string& text) {
    std::vector<std::string> out;
    for (size_t i = 0; i < text.size(); i += 4) out.push_back(text.substr(i, 4));
    return out;
  }

  // Honours the request's token limit in the stand-in tokens of Tokens(): a longer reply is
  // cut to it and reported as stopped by length, as a real server does.
  static bool CutToLimit(std::string& content, const Json& limit) {
    if (!limit.is_number_integer() || limit.get<int64_t>() < 0) return false;
    const size_t max_bytes = static_cast<size_t>(limit.get<int64_t>()) * 4;
    if (content.size() <= max_bytes) return false;
    content.resize(max_bytes);
    return true;
  }

  // The synthetic alternatives of one position: the chosen token and, with control_mass, the
  // control tokens that share the rest (see FaultKnobs::control_mass).
  static std::vector<std::pair<std::string, double>> Alternatives(const std::string& chosen, int top, double control_mass) {
    const double mass = std::clamp(control_mass, 0.0, 0.99);
    std::vector<std::pair<std::string, double>> out = {{chosen, mass > 0 ? std::log(1 - mass) : -0.01}};
    if (mass > 0 && top > 1) {
      out.emplace_back("<|im_end|>", std::log(mass / 2));
      if (top > 2) out.emplace_back("<tool_call>", std::log(mass / 2));
    }
    return out;
  }

  static Json Usage(const std::string& in, const std::string& out) {
    return {{"prompt_tokens", static_cast<int64_t>(in.size() / 4 + 1)},
            {"completion_tokens", static_cast<int64_t>(out.size() / 4 + 1)}};
  }

  // What the server says about the model it serves: the checkpoint, in each API's shape.
  static void Identity(const std::string& path, const FaultKnobs& k, Reply& reply) {
    const std::string root = "/checkpoints/step-" + std::to_string(k.checkpoint);
    Json body;
    if (k.hide_identity) {
      Fail(reply, 404, "no route GET " + path);
      return;
    } else if (path == "/v1/models") {
      body = {{"object", "list"},
              {"data", Json::array({{{"id", "oracle"}, {"object", "model"}, {"created", 1700000000 + k.checkpoint},
                                     {"owned_by", "toolshift-test-server"}, {"root", root}}})}};
    } else if (path == "/props") {
      body = {{"model_path", root + ".gguf"}, {"chat_template", "chatml"}, {"build_info", "test-server"}};
    } else if (path == "/api/tags") {
      body = {{"models", Json::array({{{"name", "oracle"}, {"model", "oracle"},
                                       {"digest", "sha256:" + std::string(8, static_cast<char>('0' + k.checkpoint % 10))},
                                       {"size", 1000 + k.checkpoint}}})}};
    } else {
      Fail(reply, 404, "no route GET " + path);
      return;
    }
    const std::string text = DumpJson(body);
    reply.bytes = Response(200, text) + text;
  }

  // `user_chat` is set when the request was a simulated user's chat.
  Json Answer(const Json& body, Api api, double control_mass, int checkpoint, bool* user_chat) {
    if (api == Api::kCompletions) {
      const std::string prompt = body.at("prompt").get<std::string>();
      Message m = checkpoint ? Untrained(checkpoint) : oracle_.ReplyToPrompt(prompt);
      const bool cut = CutToLimit(m.content, body.value("max_tokens", Json()));
      Json choice = {{"index", 0}, {"text", m.content}, {"finish_reason", cut ? "length" : "stop"}};
      if (body.contains("logprobs") && body["logprobs"].is_number_integer()) {
        // The legacy completions shape: parallel arrays, top alternatives as objects.
        Json tokens = Json::array(), logprobs = Json::array(), top = Json::array();
        for (const auto& t : Tokens(m.content)) {
          const auto alternatives = Alternatives(t, body["logprobs"].get<int>(), control_mass);
          tokens.push_back(t);
          logprobs.push_back(alternatives[0].second);
          Json at = Json::object();
          for (const auto& [token, lp] : alternatives) at[token] = lp;
          top.push_back(std::move(at));
        }
        choice["logprobs"] = {{"tokens", tokens}, {"token_logprobs", logprobs}, {"top_logprobs", top}};
      }
      return {{"object", "text_completion"}, {"choices", {choice}}, {"usage", Usage(prompt, m.content)}};
    }
    std::vector<Turn> turns;
    if (api == Api::kAnthropic) {
      if (body.contains("system")) turns.push_back({"system", body["system"].get<std::string>()});
      for (const auto& m : body.at("messages")) {
        std::string text;
        bool results = false;
        for (const auto& block : m.at("content")) {
          if (block.value("type", "") == "text") text += block.value("text", "");
          if (block.value("type", "") == "tool_result") {  // a tool's result, as a tool turn
            results = true;
            turns.push_back({"tool", block.contains("content") && block["content"].is_string() ? block["content"].get<std::string>() : ""});
          }
        }
        if (!results) turns.push_back({m.at("role").get<std::string>(), text});
      }
    } else {
      for (const auto& m : body.at("messages")) {
        turns.push_back({m.at("role").get<std::string>(), m.value("content", "")});
      }
    }
    const Json tools = body.contains("tools") ? body["tools"] : Json::array();
    *user_chat = oracle_.IsUserChat(turns);
    Message m = checkpoint ? Untrained(checkpoint) : oracle_.Reply(turns, NamesOf(tools));
    const Json limit = api == Api::kOllama ? body.value("options", Json::object()).value("num_predict", Json())
                                           : body.value("max_tokens", Json());
    const bool cut = CutToLimit(m.content, limit);
    std::string in;
    for (const auto& t : turns) in += t.text;
    if (api == Api::kChat) {
      Json msg = {{"role", "assistant"}, {"content", m.content}};
      if (!m.tool_calls.empty()) {
        msg["content"] = nullptr;
        msg["tool_calls"] = OpenAiMessages({m})[0]["tool_calls"];
      }
      Json choice = {{"index", 0}, {"message", msg}, {"finish_reason", cut ? "length" : "stop"}};
      if (body.value("logprobs", false)) {
        Json content = Json::array();
        for (const auto& t : Tokens(m.content)) {
          const auto alternatives = Alternatives(t, std::max(1, body.value("top_logprobs", 1)), control_mass);
          Json top = Json::array();
          for (const auto& [token, lp] : alternatives) top.push_back({{"token", token}, {"logprob", lp}});
          content.push_back({{"token", t}, {"logprob", alternatives[0].second}, {"top_logprobs", std::move(top)}});
        }
        choice["logprobs"] = {{"content", content}};
      }
      return {{"object", "chat.completion"}, {"choices", {choice}}, {"usage", Usage(in, m.content)}};
    }
    if (api == Api::kOllama) {
      Json msg = {{"role", "assistant"}, {"content", m.content}};
      if (!m.tool_calls.empty()) {
        msg["tool_calls"] = Json::array();
        for (const auto& c : m.tool_calls) msg["tool_calls"].push_back({{"function", {{"name", c.name}, {"arguments", c.arguments}}}});
      }
      return {{"message", msg}, {"done", true}, {"done_reason", cut ? "length" : "stop"}, {"prompt_eval_count", in.size() / 4 + 1}, {"eval_count", m.content.size() / 4 + 1}};
    }
    Json content = Json::array();
    if (!m.content.empty()) content.push_back({{"type", "text"}, {"text", m.content}});
    for (size_t i = 0; i < m.tool_calls.size(); ++i) {
      content.push_back({{"type", "tool_use"}, {"id", "toolu_" + std::to_string(i)}, {"name", m.tool_calls[i].name},
                         {"input", m.tool_calls[i].arguments}});
    }
    return {{"type", "message"}, {"role", "assistant"}, {"content", content},
            {"stop_reason", cut ? "max_tokens" : m.tool_calls.empty() ? "end_turn" : "tool_use"},
            {"usage", {{"input_tokens", in.size() / 4 + 1}, {"output_tokens", m.content.size() / 4 + 1}}}};
  }

  TestModelServer* owner_;
  FaultKnobs knobs_;
  std::mutex mu_;
  ConversationOracle oracle_;
  int listen_fd_ = -1;
  int epoll_ = -1;
  int wake_ = -1;
  std::atomic<bool> stop_{false};
  std::thread thread_;
  std::unordered_map<int, Connection> connections_;
  uint64_t generations_ = 0;
  std::priority_queue<Timer, std::vector<Timer>, std::greater<>> timers_;
  std::vector<Held> held_;  // user answers waiting for FaultKnobs::hold_user_for requests
};

TestModelServer::TestModelServer(const std::vector<Suite>& suites, FaultKnobs knobs)
    : impl_(std::make_unique<Impl>(this, suites, std::move(knobs))) {}

TestModelServer::~TestModelServer() { impl_->Stop(); }

std::string TestModelServer::Start() { return impl_->Start(); }
void TestModelServer::Stop() { impl_->Stop(); }
void TestModelServer::set_knobs(const FaultKnobs& knobs) { impl_->SetKnobs(knobs); }

}  // namespace toolshift::testing
