// Anthropic's Messages API: anthropic:MODEL[@URL], URL defaulting to https://api.anthropic.com.
//
// System turns go in `system`; native mode sends tools as {name, description, input_schema}
// and reads `tool_use` blocks; tool results go back as `tool_result` blocks in a user turn.
// Prompt mode sends the dialect-rendered conversation and reads calls from the text blocks.
// The key comes from ANTHROPIC_API_KEY (or --api-key-env NAME) and is required.
#ifndef TOOLSHIFT_ADAPTERS_ANTHROPIC_ANTHROPIC_ADAPTER_H_
#define TOOLSHIFT_ADAPTERS_ANTHROPIC_ANTHROPIC_ADAPTER_H_

#include "adapters/http/http_codec.h"

namespace toolshift {

class AnthropicAdapter : public HttpAdapter {
 public:
  AnthropicAdapter(const std::string& spec, const std::string& rest, const AdapterOptions& options);
  HttpRequest Encode(const ChatRequest& request) const override;
  ChatResponse DecodeBody(const Json& body) const override;

 private:
  std::string model_;
};

}  // namespace toolshift

#endif  // TOOLSHIFT_ADAPTERS_ANTHROPIC_ANTHROPIC_ADAPTER_H_
