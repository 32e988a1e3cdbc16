#include "tests/server/test_model_server.h"

#include <httplib.h>

#include <chrono>
#include <mutex>
#include <unordered_map>

#include "adapters/openai/openai_adapter.h"
#include "tests/server/conversation_oracle.h"
#include "src/scoring/statistics.h"

namespace toolshift::testing {
namespace {

// cpp-httplib compresses "application/json" bodies with brotli when the client accepts it,
// which costs ~1 ms a response and made the server, not the harness, the bottleneck of the
// benchmark; with a charset parameter it sends them as they are, like vLLM does.
constexpr const char* kJson = "application/json; charset=utf-8";

std::vector<std::string> NamesOf(const Json& tools) {
  std::vector<std::string> names;
  if (!tools.is_array()) return names;
  for (const auto& t : tools) {
    if (t.contains("function")) names.push_back(t["function"].value("name", ""));
    else names.push_back(t.value("name", ""));
  }
  return names;
}

}  // namespace

class TestModelServer::Impl {
 public:
  Impl(TestModelServer* owner, const std::vector<Suite>& suites, FaultKnobs knobs, int threads)
      : owner_(owner), knobs_(std::move(knobs)), oracle_(suites) {
    server_.new_task_queue = [threads] { return new httplib::ThreadPool(static_cast<size_t>(threads)); };
    server_.set_keep_alive_max_count(1000000);
    // Headers and body go out in two writes; with Nagle on, the body waits for the client's
    // delayed ACK (40 ms on Linux) and every answer looked 40 ms slower than it was.
    server_.set_tcp_nodelay(true);
    server_.Post("/v1/chat/completions", [this](const httplib::Request& q, httplib::Response& r) { Handle(q, r, Api::kChat); });
    server_.Post("/v1/completions", [this](const httplib::Request& q, httplib::Response& r) { Handle(q, r, Api::kCompletions); });
    server_.Post("/v1/messages", [this](const httplib::Request& q, httplib::Response& r) { Handle(q, r, Api::kAnthropic); });
    server_.Post("/api/chat", [this](const httplib::Request& q, httplib::Response& r) { Handle(q, r, Api::kOllama); });
  }

  std::string Start() {
    // cpp-httplib listens with a backlog of 5, so a burst of hundreds of connections loses
    // SYNs and waits a second for retransmits; listen() again with a real backlog.
    socket_t fd = INVALID_SOCKET;
    server_.set_socket_options([&fd](socket_t sock) {
      int yes = 1;
      setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
      fd = sock;
    });
    const int port = server_.bind_to_any_port("127.0.0.1");
    if (fd != INVALID_SOCKET) ::listen(fd, 4096);
    thread_ = std::thread([this] { server_.listen_after_bind(); });
    while (!server_.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
    return "http://127.0.0.1:" + std::to_string(port);
  }

  void Stop() {
    if (thread_.joinable()) {
      server_.stop();
      thread_.join();
    }
  }

  void SetKnobs(const FaultKnobs& knobs) {
    std::lock_guard<std::mutex> lock(mu_);
    knobs_ = knobs;
  }

 private:
  enum class Api { kChat, kCompletions, kAnthropic, kOllama };

  static void Fail(httplib::Response& r, int status, const std::string& message) {
    r.status = status;
    r.set_content(DumpJson(Json{{"error", {{"message", message}}}}), kJson);
  }

  void Handle(const httplib::Request& q, httplib::Response& r, Api api) {
    const size_t n = owner_->requests_.fetch_add(1);
    FaultKnobs k;
    {
      std::lock_guard<std::mutex> lock(mu_);
      k = knobs_;
    }
    if (!k.require_key.empty()) {
      const bool ok = q.get_header_value("Authorization") == "Bearer " + k.require_key ||
                      q.get_header_value("x-api-key") == k.require_key;
      if (!ok) return Fail(r, 401, "invalid API key");
    }
    if (k.latency_ms > 0) std::this_thread::sleep_for(std::chrono::milliseconds(k.latency_ms));
    SplitMix64 rng(MixSeed(k.seed, n));
    double u = rng.Unit();
    auto draw = [&](double rate) {
      if (u < rate) return true;
      u -= rate;
      return false;
    };
    if (draw(k.rate_5xx)) return Fail(r, 503, "overloaded");
    if (draw(k.rate_429)) {
      r.set_header("Retry-After", std::to_string(k.retry_after_s));
      return Fail(r, 429, "rate limited");
    }
    if (draw(k.rate_400)) return Fail(r, 400, "context length exceeded");
    const bool reset = draw(k.rate_reset);
    const bool truncate = draw(k.rate_truncate);
    if (draw(k.rate_hang)) std::this_thread::sleep_for(std::chrono::milliseconds(k.hang_ms));

    const Json body = Json::parse(q.body, nullptr, false);
    if (body.is_discarded()) return Fail(r, 400, "request body is not JSON");
    std::string answer;
    try {
      answer = DumpJson(Answer(body, api));
    } catch (const std::exception& e) {
      return Fail(r, 400, std::string("bad request: ") + e.what());
    }
    if (reset || truncate) {
      const size_t keep = reset ? 0 : answer.size() / 2;
      auto data = std::make_shared<std::string>(std::move(answer));
      r.set_content_provider(data->size(), kJson,
                             [data, keep](size_t offset, size_t, httplib::DataSink& sink) {
                               if (offset < keep) sink.write(data->data() + offset, keep - offset);
                               return false;  // abort: the client sees a short body
                             });
      return;
    }
    owner_->answered_.fetch_add(1);
    r.set_content(answer, kJson);
  }

  // A stand-in tokenisation for logprobs: runs of up to four bytes.
  static std::vector<std::string> Tokens(const std::string& text) {
    std::vector<std::string> out;
    for (size_t i = 0; i < text.size(); i += 4) out.push_back(text.substr(i, 4));
    return out;
  }

  static Json Usage(const std::string& in, const std::string& out) {
    return {{"prompt_tokens", static_cast<int64_t>(in.size() / 4 + 1)},
            {"completion_tokens", static_cast<int64_t>(out.size() / 4 + 1)}};
  }

  Json Answer(const Json& body, Api api) {
    if (api == Api::kCompletions) {
      const std::string prompt = body.at("prompt").get<std::string>();
      const Message m = oracle_.ReplyToPrompt(prompt);
      Json choice = {{"index", 0}, {"text", m.content}, {"finish_reason", "stop"}};
      if (body.contains("logprobs") && body["logprobs"].is_number_integer()) {
        // The legacy completions shape: parallel arrays, top alternatives as objects.
        Json tokens = Json::array(), logprobs = Json::array(), top = Json::array();
        for (const auto& t : Tokens(m.content)) {
          tokens.push_back(t);
          logprobs.push_back(-0.01);
          top.push_back({{t, -0.01}});
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
        for (const auto& block : m.at("content")) {
          if (block.value("type", "") == "text") text += block.value("text", "");
        }
        turns.push_back({m.at("role").get<std::string>(), text});
      }
    } else {
      for (const auto& m : body.at("messages")) {
        turns.push_back({m.at("role").get<std::string>(), m.value("content", "")});
      }
    }
    const Json tools = body.contains("tools") ? body["tools"] : Json::array();
    const Message m = oracle_.Reply(turns, NamesOf(tools));
    std::string in;
    for (const auto& t : turns) in += t.text;
    if (api == Api::kChat) {
      Json msg = {{"role", "assistant"}, {"content", m.content}};
      if (!m.tool_calls.empty()) {
        msg["content"] = nullptr;
        msg["tool_calls"] = OpenAiMessages({m})[0]["tool_calls"];
      }
      Json choice = {{"index", 0}, {"message", msg}, {"finish_reason", "stop"}};
      if (body.value("logprobs", false)) {
        Json content = Json::array();
        for (const auto& t : Tokens(m.content)) {
          content.push_back({{"token", t}, {"logprob", -0.01}, {"top_logprobs", {{{"token", t}, {"logprob", -0.01}}}}});
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
      return {{"message", msg}, {"done", true}, {"prompt_eval_count", in.size() / 4 + 1}, {"eval_count", m.content.size() / 4 + 1}};
    }
    Json content = Json::array();
    if (!m.content.empty()) content.push_back({{"type", "text"}, {"text", m.content}});
    for (size_t i = 0; i < m.tool_calls.size(); ++i) {
      content.push_back({{"type", "tool_use"}, {"id", "toolu_" + std::to_string(i)}, {"name", m.tool_calls[i].name},
                         {"input", m.tool_calls[i].arguments}});
    }
    return {{"type", "message"}, {"role", "assistant"}, {"content", content},
            {"usage", {{"input_tokens", in.size() / 4 + 1}, {"output_tokens", m.content.size() / 4 + 1}}}};
  }

  TestModelServer* owner_;
  FaultKnobs knobs_;
  std::mutex mu_;
  ConversationOracle oracle_;
  httplib::Server server_;
  std::thread thread_;
};

TestModelServer::TestModelServer(const std::vector<Suite>& suites, FaultKnobs knobs, int threads)
    : impl_(std::make_unique<Impl>(this, suites, std::move(knobs), threads)) {}

TestModelServer::~TestModelServer() { impl_->Stop(); }

std::string TestModelServer::Start() { return impl_->Start(); }
void TestModelServer::Stop() { impl_->Stop(); }
void TestModelServer::set_knobs(const FaultKnobs& knobs) { impl_->SetKnobs(knobs); }

}  // namespace toolshift::testing
