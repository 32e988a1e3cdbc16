// TestModelServer: an OpenAI-, Anthropic- and Ollama-shaped HTTP server on loopback that
// answers with the reference oracle, with knobs for the faults a real backend shows.
//
// It knows the episodes of the suites it is given and recognises each request by its
// conversation (tests/server/conversation_oracle.h), then answers the way the API asks:
// tool_calls for native requests, dialect text otherwise. An unknown conversation gets a
// plain-text reply (scored as no call), never a crash. Faults: a reset sends the headers
// of a 200 and closes; a truncated body sends half of it and closes; a hang delays the
// answer by hang_ms.
//
// Routes: POST /v1/chat/completions, /v1/completions (chatml, llama3 and plain prompts),
// /v1/messages (Anthropic), /api/chat (Ollama); GET /v1/models, /props (llama.cpp) and
// /api/tags (Ollama), which say which checkpoint is served. Binds 127.0.0.1 only.
#ifndef TOOLSHIFT_TESTS_SERVER_TEST_MODEL_SERVER_H_
#define TOOLSHIFT_TESTS_SERVER_TEST_MODEL_SERVER_H_

#include <atomic>
#include <map>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "src/core/suite.h"

namespace toolshift::testing {

struct FaultKnobs {
  int latency_ms = 0;          // added to every answer
  double rate_5xx = 0;         // 503 answers
  double rate_429 = 0;         // 429 answers with Retry-After: retry_after_s
  double rate_reset = 0;       // connection closed after the headers, before any body
  double rate_truncate = 0;    // body cut in half
  double rate_hang = 0;        // no answer for hang_ms
  double rate_400 = 0;         // a deterministic client error (never worth retrying)
  int retry_after_s = 0;
  int hang_ms = 3000;
  std::string require_key;     // when set, requests without this bearer/x-api-key get 401
  uint64_t seed = 1;
  // With logprobs and top_logprobs > 0: the share of every position's mass the synthetic
  // logprobs give to control tokens instead of the chosen one, half to "<|im_end|>" (end of
  // turn) and half to "<tool_call>" (call open) — spikes for the token diagnostics to find.
  double control_mass = 0;
  // The checkpoint served, under one model name whatever it is (as a training loop serves
  // each new checkpoint): 0 answers with the oracle, any other number with a plain-text
  // reply (scored as no call). GET /v1/models, /props and /api/tags name it (the entry's
  // `root` and `created`, llama.cpp's `model_path`, Ollama's `digest`) unless
  // `hide_identity`, when they answer 404 as a server that says nothing would.
  int checkpoint = 0;
  bool hide_identity = false;
  // Simulated users' requests (a chat whose system turn is an episode's user brief, answered
  // as the scripted user would): with hold_user_for > 0 the first `hold_users` of them are
  // answered only once that many more requests of any kind have arrived after each — a client
  // that waits for the user before asking anything else never gets there, and the held answer
  // goes out after hold_user_max_ms instead (counted apart: holds_timed_out()).
  int hold_user_for = 0;
  int hold_users = 1;
  int hold_user_max_ms = 30000;
};

class TestModelServer {
 public:
  // Indexes the episodes of `suites` (which must outlive the server). One thread serves
  // every connection (epoll); latencies and hangs are timers, so any number of requests
  // may be in flight.
  TestModelServer(const std::vector<Suite>& suites, FaultKnobs knobs = {});
  ~TestModelServer();

  // Starts on 127.0.0.1 and an ephemeral port; returns "http://127.0.0.1:PORT".
  std::string Start();
  void Stop();

  // Model requests received (the POST routes), faults included; identity GETs are not counted.
  size_t requests() const { return requests_.load(); }
  // Requests answered with the oracle's reply (HTTP 200).
  size_t answered() const { return answered_.load(); }
  // Of requests(), those that were a simulated user's chat.
  size_t user_requests() const { return user_requests_.load(); }
  // Held user answers (FaultKnobs::hold_user_for) sent because enough requests came after
  // them, and those sent because hold_user_max_ms passed first.
  size_t holds_released() const { return holds_released_.load(); }
  size_t holds_timed_out() const { return holds_timed_out_.load(); }
  void set_knobs(const FaultKnobs& knobs);

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
  std::atomic<size_t> requests_{0};
  std::atomic<size_t> answered_{0};
  std::atomic<size_t> user_requests_{0};
  std::atomic<size_t> holds_released_{0};
  std::atomic<size_t> holds_timed_out_{0};
};

}  // namespace toolshift::testing

#endif  // TOOLSHIFT_TESTS_SERVER_TEST_MODEL_SERVER_H_
