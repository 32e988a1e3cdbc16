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
};

struct Usage {
  int64_t prompt_tokens = 0;
  int64_t completion_tokens = 0;
  bool reported = false;  // false when the backend gives no token counts
};

struct ChatResponse {
  Message message{Role::kAssistant, "", {}};
  Usage usage;
  std::string error;  // non-empty: infrastructure failure, `message` is meaningless

  bool ok() const { return error.empty(); }
};

class Adapter {
 public:
  virtual ~Adapter() = default;
  // The model as named on the command line, with no secrets in it.
  virtual std::string name() const = 0;
  virtual ChatResponse Complete(const ChatRequest& request) = 0;
};

// Builds the adapter a model spec names: "reference:oracle", "reference:overfit",
// "reference:noisy:0.2", "replay:FILE". Throws InputError for an unknown or malformed spec.
std::unique_ptr<Adapter> MakeAdapter(const std::string& spec);

}  // namespace toolshift

#endif  // TOOLSHIFT_ADAPTERS_ADAPTER_H_
