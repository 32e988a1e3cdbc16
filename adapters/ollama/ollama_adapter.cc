#include "adapters/ollama/ollama_adapter.h"

#include <algorithm>

#include "adapters/http/served_identity.h"

#include "adapters/openai/openai_adapter.h"
#include "src/net/url.h"

namespace toolshift {

OllamaAdapter::OllamaAdapter(const std::string& spec, const std::string& rest, const AdapterOptions& options)
    : HttpAdapter(spec, ParseModelAndUrls(spec, rest, "http://127.0.0.1:11434").urls, "", options),
      model_(ParseModelAndUrls(spec, rest, "http://127.0.0.1:11434").model) {}

Json OllamaAdapter::ServedIdentity() const {
  return ProbeOllamaIdentity(base_urls(), model_, std::min(options().request_timeout_ms, 10000L));
}

HttpRequest OllamaAdapter::Encode(const ChatRequest& request) const {
  Json messages = Json::array();
  for (const auto& m : request.messages) {
    Json j = {{"role", RoleName(m.role)}, {"content", m.content}};
    if (!m.tool_calls.empty()) {
      j["tool_calls"] = Json::array();
      for (const auto& c : m.tool_calls) j["tool_calls"].push_back({{"function", {{"name", c.name}, {"arguments", c.arguments}}}});
    }
    messages.push_back(std::move(j));
  }
  Json body = {{"model", model_},
               {"messages", std::move(messages)},
               {"stream", false},
               {"options", {{"temperature", options().temperature},
                            {"seed", request.seed & 0x7fffffff},
                            {"num_predict", options().max_tokens}}}};
  if (NativeTools(request) && !request.tools.empty()) body["tools"] = OpenAiTools(request.tools);
  return {AppendPath(NextBaseUrl(request), "/api/chat"), {}, DumpJson(body), options().request_timeout_ms,
          options().max_response_bytes};
}

ChatResponse OllamaAdapter::DecodeBody(const Json& body) const {
  ChatResponse r;
  if (!body.contains("message") || !body["message"].is_object()) throw std::runtime_error("missing \"message\"");
  const Json& msg = body["message"];
  if (msg.contains("content") && msg["content"].is_string()) r.message.content = msg["content"].get<std::string>();
  if (msg.contains("tool_calls")) r.message.tool_calls = ReadOpenAiToolCalls(msg["tool_calls"]);
  if (auto d = body.find("done_reason"); d != body.end() && d->is_string()) r.message.finish_reason = d->get<std::string>();
  if (body.contains("prompt_eval_count") || body.contains("eval_count")) {
    r.usage.prompt_tokens = body.value("prompt_eval_count", int64_t{0});
    r.usage.completion_tokens = body.value("eval_count", int64_t{0});
    r.usage.reported = true;
  }
  return r;
}

}  // namespace toolshift
