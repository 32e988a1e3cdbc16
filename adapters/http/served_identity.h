// Served identity: what a server says about the model behind a name, asked once per run.
//
// A training loop serves each new checkpoint under the same name and port, so the name alone
// cannot key a response cache: its replies would be the previous checkpoint's. Servers say
// more when asked: an OpenAI-style GET /models entry (vLLM's `root` is the checkpoint path,
// llama.cpp's `meta` its size and parameters), llama.cpp's GET /props (`model_path`) and
// Ollama's GET /api/tags (`digest`). What they say is mixed into every cache key
// (src/engine/run_store.h CacheKey) and recorded in the report's config.
//
// A `created` within kCreatedIsNowS of the time of asking is dropped: vLLM and llama.cpp
// stamp the listing with the current time, not the model's, and would miss the cache on
// every run. Probes never throw; a server that answers nothing gives null.
#ifndef TOOLSHIFT_ADAPTERS_HTTP_SERVED_IDENTITY_H_
#define TOOLSHIFT_ADAPTERS_HTTP_SERVED_IDENTITY_H_

#include <string>
#include <vector>

#include "src/core/json.h"

namespace toolshift {

inline constexpr double kCreatedIsNowS = 600;

// `entry` (one /models entry or /props body) without the fields that change with the time of
// asking rather than with the model; `now` is seconds since the epoch.
Json StableIdentityFields(const Json& entry, double now);

// For each base URL (".../v1"): the /models entry whose id is `model` (the whole list when
// none is), and llama.cpp's /props from the server root when it answers. null when no URL
// says anything.
Json ProbeOpenAiIdentity(const std::vector<std::string>& base_urls, const std::string& model,
                         const std::vector<std::string>& headers, long timeout_ms);

// For each base URL: Ollama's /api/tags entry named `model` (its digest, size, modified_at).
Json ProbeOllamaIdentity(const std::vector<std::string>& base_urls, const std::string& model, long timeout_ms);

}  // namespace toolshift

#endif  // TOOLSHIFT_ADAPTERS_HTTP_SERVED_IDENTITY_H_
