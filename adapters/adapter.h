// Adapter: a backend that turns a conversation into the model's next message.
//
// This is toolshift's seam in the style of LevelDB's Env: the engine only ever talks to
// an Adapter, so tests inject slow, failing or malformed backends by implementing this
// interface (see tests/adapters/fake_adapters.h).
//
// Contract:
//  - Complete() may be called concurrently from many threads.
//  - Backend failures (network, timeouts, HTTP 5xx, unparseable responses) are returned as
//    ChatResponse::error, never thrown and never disguised as a model reply: the engine
//    records them as backend_error, outside accuracy.
//  - Anything the model said, however broken, is a reply (error empty), for the scorer.
#ifndef TOOLSHIFT_ADAPTERS_ADAPTER_H_
#define TOOLSHIFT_ADAPTERS_ADAPTER_H_

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "src/core/episode.h"
#include "src/core/message.h"
#include "src/core/tool.h"

namespace toolshift {

struct ChatRequest {
  std::vector<Message> messages;  // tools already rendered into the system turn for text dialects
  std::vector<Tool> tools;        // the episode's tools; native backends send them out of band
  std::string dialect;            // the dialect the episode asks for
  uint64_t seed = 0;              // per-episode seed, independent of scheduling
  std::string suite;              // the suite the episode belongs to
  // The episode itself, ground truth included. Only the simulated reference policies may
  // read it; replay reads its id; a real backend must ignore it.
  const Episode* episode = nullptr;
  // Requests with equal non-zero keys share a long prompt prefix (system prompt, tool list):
  // a backend with several replicas sends them to the same one, whose prompt cache then
  // holds that prefix. 0: no preference (round robin).
  uint64_t prefix_key = 0;
};

struct Usage {
  int64_t prompt_tokens = 0;
  int64_t completion_tokens = 0;
  bool reported = false;  // false when the backend gives no token counts
  // Of prompt_tokens, how many the server took from its prompt cache instead of processing
  // (llama.cpp's timings.cache_n, OpenAI's usage.prompt_tokens_details.cached_tokens);
  // meaningful when cache_reported.
  int64_t cached_prompt_tokens = 0;
  bool cache_reported = false;
};

struct ChatResponse {
  // The reply; message.finish_reason carries the backend's finish reason when it gave one.
  Message message{Role::kAssistant, "", {}};
  Usage usage;
  std::string error;  // non-empty: infrastructure failure, `message` is meaningless
  // With an error: whether another attempt may succeed (429, 5xx, timeouts, resets, truncated
  // bodies) and how long the server asked to wait (Retry-After, seconds; < 0 when it did not).
  bool retryable = false;
  double retry_after_s = -1;
  // Token log-probabilities when the backend returned them (adapter's own shape, see docs).
  Json logprobs;

  bool ok() const { return error.empty(); }
};

class HttpCodec;

class Adapter {
 public:
  virtual ~Adapter() = default;
  // The model as named on the command line, with no secrets in it.
  virtual std::string name() const = 0;
  // Blocking: one model turn. The engine retries failures marked retryable.
  virtual ChatResponse Complete(const ChatRequest& request) = 0;
  // Remote backends expose their HTTP encoding so the engine can keep hundreds of requests
  // in flight on one thread instead of calling Complete(); nullptr for local adapters.
  virtual const HttpCodec* http() const { return nullptr; }
  // Whether responses may be cached across runs (with --cache): remote backends and exec:.
  virtual bool cacheable() const { return http() != nullptr; }
  // What the backend says about the model it serves, asked once per run (blocking, never
  // throws): a server's own description of its weights (adapters/http/served_identity.h),
  // exec:'s the files its command line names. Mixed into every cache key, so a backend that
  // changed its model under one name misses the cache; null when it says nothing.
  virtual Json ServedIdentity() const { return nullptr; }
  // Whether a run journals replies for --resume; false for instant, deterministic adapters.
  virtual bool journaled() const { return true; }
};

// Settings of remote adapters that do not belong in the model spec.
struct AdapterOptions {
  std::string api_key_env;     // variable holding the key; empty = the backend's usual one
  std::string tool_mode = "auto";  // auto (native for native-dialect episodes) | native | prompt
  std::string chat_template = "chatml";  // openai-completions: chatml | llama3 | plain
  bool logprobs = false;
  int top_logprobs = 0;
  int max_tokens = 512;
  double temperature = 0.0;
  long request_timeout_ms = 120000;
  int exec_processes = 1;  // exec: children serving requests in parallel
  // Remote: response body bytes read at most, raw and decoded (--max-response-bytes,
  // src/net/response_body.h); a body over it is a backend error.
  size_t max_response_bytes = size_t{8} << 20;
  // exec: key variables (src/net/secrets.h KeyVariable) passed to the runner anyway
  // (--exec-env); every other key variable is removed from its environment.
  std::vector<std::string> exec_env;
};

// Builds the adapter a model spec names: "reference:oracle", "reference:overfit",
// "reference:noisy:0.2", "replay:FILE", "openai:MODEL@URL[,URL...]",
// "openai-completions:MODEL@URL", "anthropic:MODEL[@URL]", "ollama:MODEL[@URL]",
// "exec:COMMAND [ARGS]". Throws InputError for an unknown or malformed spec or a missing key.
std::unique_ptr<Adapter> MakeAdapter(const std::string& spec, const AdapterOptions& options = {});

}  // namespace toolshift

#endif  // TOOLSHIFT_ADAPTERS_ADAPTER_H_
