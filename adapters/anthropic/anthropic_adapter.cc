#include "adapters/anthropic/anthropic_adapter.h"

#include "src/net/url.h"

namespace toolshift {

AnthropicAdapter::AnthropicAdapter(const std::string& spec, const std::string& rest, const AdapterOptions& options)
    : HttpAdapter(spec, ParseModelAndUrls(spec, rest, "https://api.anthropic.com").urls,
                  ReadKey(options, "ANTHROPIC_API_KEY", true), options),
      model_(ParseModelAndUrls(spec, rest, "https://api.anthropic.com").model) {}

HttpRequest AnthropicAdapter::Encode(const ChatRequest& request) const {
  std::string system;
  Json messages = Json::array();
  for (const auto& m : request.messages) {
    if (m.role == Role::kSystem) {
      system += (system.empty() ? "" : "\n\n") + m.content;
      continue;
    }
    Json content = Json::array();
    if (m.role == Role::kTool) {
      content.push_back({{"type", "tool_result"}, {"tool_use_id", m.tool_call_id}, {"content", m.content}});
    } else {
      if (!m.content.empty()) content.push_back({{"type", "text"}, {"text", m.content}});
      for (size_t i = 0; i < m.tool_calls.size(); ++i) {
        const ToolCall& c = m.tool_calls[i];
        content.push_back({{"type", "tool_use"},
                           {"id", c.id.empty() ? "toolu_" + std::to_string(i) : c.id},
                           {"name", c.name},
                           {"input", c.arguments}});
      }
    }
    const char* role = m.role == Role::kAssistant ? "assistant" : "user";
    // Consecutive turns of one role merge: the API wants them alternating.
    if (!messages.empty() && messages.back()["role"] == role) {
      for (auto& block : content) messages.back()["content"].push_back(std::move(block));
    } else {
      messages.push_back({{"role", role}, {"content", std::move(content)}});
    }
  }
  Json body = {{"model", model_},
               {"max_tokens", options().max_tokens},
               {"temperature", options().temperature},
               {"messages", std::move(messages)}};
  if (!system.empty()) body["system"] = system;
  if (NativeTools(request) && !request.tools.empty()) {
    body["tools"] = Json::array();
    for (const auto& t : request.tools) {
      body["tools"].push_back({{"name", t.name}, {"description", t.description}, {"input_schema", t.parameters}});
    }
  }
  return {AppendPath(NextBaseUrl(request), "/v1/messages"),
          {"x-api-key: " + key(), "anthropic-version: 2023-06-01"},
          DumpJson(body),
          options().request_timeout_ms,
          options().max_response_bytes};
}

ChatResponse AnthropicAdapter::DecodeBody(const Json& body) const {
  ChatResponse r;
  if (!body.contains("content") || !body["content"].is_array()) throw std::runtime_error("missing \"content\" blocks");
  for (const auto& block : body["content"]) {
    const std::string type = block.value("type", "");
    if (type == "text") {
      r.message.content += block.value("text", "");
    } else if (type == "tool_use") {
      ToolCall c;
      c.name = block.value("name", "");
      c.id = block.value("id", "");
      c.arguments = block.contains("input") ? block["input"] : Json::object();
      r.message.tool_calls.push_back(std::move(c));
    }
  }
  if (auto s = body.find("stop_reason"); s != body.end() && s->is_string()) {
    // In OpenAI's words, so one rule ("length") reads every backend.
    const std::string reason = s->get<std::string>();
    r.message.finish_reason = reason == "max_tokens"                              ? "length"
                              : reason == "end_turn" || reason == "stop_sequence" ? "stop"
                              : reason == "tool_use"                              ? "tool_calls"
                                                                                  : reason;
  }
  if (body.contains("usage") && body["usage"].is_object()) {
    r.usage.prompt_tokens = body["usage"].value("input_tokens", int64_t{0});
    r.usage.completion_tokens = body["usage"].value("output_tokens", int64_t{0});
    r.usage.reported = true;
  }
  return r;
}

}  // namespace toolshift
