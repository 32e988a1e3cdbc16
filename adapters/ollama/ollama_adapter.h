// Ollama's native chat API: ollama:MODEL[@URL], URL defaulting to http://127.0.0.1:11434.
//
// POST URL/api/chat with stream=false. Native mode sends tools (OpenAI's shape) and reads
// message.tool_calls, whose arguments are objects; prompt mode reads calls from the text.
// Token counts come from prompt_eval_count and eval_count. No key.
#ifndef TOOLSHIFT_ADAPTERS_OLLAMA_OLLAMA_ADAPTER_H_
#define TOOLSHIFT_ADAPTERS_OLLAMA_OLLAMA_ADAPTER_H_

#include "adapters/http/http_codec.h"

namespace toolshift {

class OllamaAdapter : public HttpAdapter {
 public:
  OllamaAdapter(const std::string& spec, const std::string& rest, const AdapterOptions& options);
  HttpRequest Encode(const ChatRequest& request) const override;
  ChatResponse DecodeBody(const Json& body) const override;
  // GET /api/tags: this model's digest.
  Json ServedIdentity() const override;

 private:
  std::string model_;
};

}  // namespace toolshift

#endif  // TOOLSHIFT_ADAPTERS_OLLAMA_OLLAMA_ADAPTER_H_
