// OpenAI-compatible backends (OpenAI, vLLM, SGLang, llama.cpp's server, TGI...).
//
//   openai:MODEL@URL[,URL...]             POST URL/chat/completions. Native mode sends the
//       episode's tools in `tools` and reads `tool_calls`; prompt mode sends the conversation
//       with tools rendered by the suite's dialect and reads calls from the text.
//   openai-completions:MODEL@URL[,URL...] POST URL/completions with a raw prompt that
//       toolshift renders with a chat template (--chat-template chatml|llama3|plain): the
//       server applies no template, so control-token shifts reach the model unaltered.
//
// URL is the API base, e.g. http://127.0.0.1:8000/v1. The key comes from OPENAI_API_KEY
// (or --api-key-env NAME) and is optional for local servers. With --logprobs the token
// log-probabilities are captured into the episode log.
#ifndef TOOLSHIFT_ADAPTERS_OPENAI_OPENAI_ADAPTER_H_
#define TOOLSHIFT_ADAPTERS_OPENAI_OPENAI_ADAPTER_H_

#include <cstdint>
#include <mutex>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "adapters/http/http_codec.h"

namespace toolshift {

class OpenAiChatAdapter : public HttpAdapter {
 public:
  OpenAiChatAdapter(const std::string& spec, const std::string& rest, const AdapterOptions& options);
  HttpRequest Encode(const ChatRequest& request) const override;
  ChatResponse DecodeBody(const Json& body) const override;
  // GET /models (this model's entry) and llama.cpp's /props.
  Json ServedIdentity() const override;

 private:
  // OpenAiToolsText(tools), written once per distinct list (thread-safe): a native run sends
  // the same few lists in every request.
  std::string ToolsText(const std::vector<Tool>& tools) const;

  std::string model_;
  // The body around the messages and the seed: the same for every request.
  std::string body_open_, body_options_, body_close_;
  static constexpr size_t kToolsMemoCapacity = 1024;  // distinct lists kept; past it, afresh
  mutable std::mutex tools_mu_;
  mutable std::unordered_multimap<size_t, std::pair<std::vector<Tool>, std::string>> tools_text_;
};

class OpenAiCompletionsAdapter : public HttpAdapter {
 public:
  OpenAiCompletionsAdapter(const std::string& spec, const std::string& rest, const AdapterOptions& options);
  // Native-dialect episodes offer their tools out of band, which a raw completion cannot.
  std::string Refusal(const ChatRequest& request) const override;
  HttpRequest Encode(const ChatRequest& request) const override;
  ChatResponse DecodeBody(const Json& body) const override;
  Json ServedIdentity() const override;

 private:
  std::string model_;
};

// The conversation as one raw prompt in a chat template (chatml | llama3 | plain), ending
// where the assistant's reply begins. Throws InputError for an unknown template.
std::string RenderChatTemplate(const std::vector<Message>& messages, const std::string& chat_template);

// OpenAI's message JSON for a conversation (tool calls and tool results included).
Json OpenAiMessages(const std::vector<Message>& messages);
// The same as text, DumpJson(OpenAiMessages(messages)) byte for byte, written without the tree.
std::string OpenAiMessagesText(const std::vector<Message>& messages);
// OpenAI's `tools` array.
Json OpenAiTools(const std::vector<Tool>& tools);
// The same as text, DumpJson(OpenAiTools(tools)) byte for byte, without copying the schemas
// into a tree.
std::string OpenAiToolsText(const std::vector<Tool>& tools);
// Calls from OpenAI's `tool_calls`; arguments that are not a JSON object are kept as the raw
// string so the scorer reports a malformed call rather than losing it.
std::vector<ToolCall> ReadOpenAiToolCalls(const Json& tool_calls);
// Usage from OpenAI's `usage` object (absent: not reported), with the prompt tokens served
// from the server's cache where it says (usage.prompt_tokens_details.cached_tokens, or
// llama.cpp's timings.cache_n).
Usage ReadOpenAiUsage(const Json& body);

}  // namespace toolshift

#endif  // TOOLSHIFT_ADAPTERS_OPENAI_OPENAI_ADAPTER_H_
