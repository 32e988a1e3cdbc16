#include "adapters/openai/openai_adapter.h"

#include <algorithm>
#include <charconv>
#include <functional>
#include <string_view>

#include "adapters/http/served_identity.h"
#include "src/core/input_error.h"
#include "src/core/json_text.h"
#include "src/core/json_limits.h"
#include "src/net/url.h"

namespace toolshift {
namespace {

std::vector<std::string> AuthHeaders(const std::string& key) {
  if (key.empty()) return {};
  return {"Authorization: Bearer " + key};
}

const Json& At(const Json& j, const char* key) {
  if (!j.is_object() || !j.contains(key)) throw std::runtime_error(std::string("missing \"") + key + "\"");
  return j.at(key);
}

}  // namespace

Json OpenAiMessages(const std::vector<Message>& messages) {
  Json out = Json::array();
  for (const auto& m : messages) {
    Json j = {{"role", RoleName(m.role)}, {"content", m.content}};
    if (!m.tool_calls.empty()) {
      j["tool_calls"] = Json::array();
      for (size_t i = 0; i < m.tool_calls.size(); ++i) {
        const ToolCall& c = m.tool_calls[i];
        j["tool_calls"].push_back({{"id", c.id.empty() ? "call_" + std::to_string(i) : c.id},
                                   {"type", "function"},
                                   {"function", {{"name", c.name}, {"arguments", DumpJson(c.arguments)}}}});
      }
    }
    if (m.role == Role::kTool) j["tool_call_id"] = m.tool_call_id;
    out.push_back(std::move(j));
  }
  return out;
}

Json OpenAiTools(const std::vector<Tool>& tools) {
  Json out = Json::array();
  for (const auto& t : tools) {
    out.push_back({{"type", "function"},
                   {"function", {{"name", t.name}, {"description", t.description}, {"parameters", t.parameters}}}});
  }
  return out;
}

std::vector<ToolCall> ReadOpenAiToolCalls(const Json& tool_calls) {
  std::vector<ToolCall> calls;
  if (!tool_calls.is_array()) return calls;
  for (const auto& tc : tool_calls) {
    ToolCall c;
    const Json& f = tc.is_object() && tc.contains("function") ? tc["function"] : tc;  // OpenAI's shape or flat
    c.name = At(f, "name").get<std::string>();
    if (tc.contains("id") && tc["id"].is_string()) c.id = tc["id"].get<std::string>();
    const Json& args = f.contains("arguments") ? f["arguments"] : Json::object();
    if (args.is_string()) {
      bool too_deep = false;
      Json parsed = TryParseJsonBounded(args.get<std::string>(), &too_deep);
      c.arguments = too_deep ? TooDeepPlaceholder() : parsed.is_object() ? parsed : args;
      if (args.get<std::string>().empty()) c.arguments = Json::object();
    } else {
      c.arguments = args;
    }
    calls.push_back(std::move(c));
  }
  return calls;
}

Usage ReadOpenAiUsage(const Json& body) {
  Usage u;
  if (body.contains("usage") && body["usage"].is_object()) {
    const Json& j = body["usage"];
    u.prompt_tokens = j.value("prompt_tokens", int64_t{0});
    u.completion_tokens = j.value("completion_tokens", int64_t{0});
    u.reported = true;
    // The server's prompt-cache reuse: OpenAI's (and vLLM's) field, else llama.cpp's timings.
    const Json* details = j.contains("prompt_tokens_details") ? &j["prompt_tokens_details"] : nullptr;
    if (details && details->is_object() && details->contains("cached_tokens") && (*details)["cached_tokens"].is_number_integer()) {
      u.cached_prompt_tokens = (*details)["cached_tokens"].get<int64_t>();
      u.cache_reported = true;
    }
  }
  if (!u.cache_reported && body.contains("timings") && body["timings"].is_object()) {
    const Json& t = body["timings"];
    if (t.contains("cache_n") && t["cache_n"].is_number_integer()) {
      u.cached_prompt_tokens = t["cache_n"].get<int64_t>();
      u.cache_reported = true;
    }
  }
  return u;
}

std::string RenderChatTemplate(const std::vector<Message>& messages, const std::string& tmpl) {
  std::string out;
  if (tmpl == "chatml") {
    for (const auto& m : messages) out += "<|im_start|>" + std::string(RoleName(m.role)) + "\n" + m.content + "<|im_end|>\n";
    return out + "<|im_start|>assistant\n";
  }
  if (tmpl == "llama3") {
    out = "<|begin_of_text|>";
    for (const auto& m : messages) {
      const std::string role = m.role == Role::kTool ? "ipython" : std::string(RoleName(m.role));
      out += "<|start_header_id|>" + role + "<|end_header_id|>\n\n" + m.content + "<|eot_id|>";
    }
    return out + "<|start_header_id|>assistant<|end_header_id|>\n\n";
  }
  if (tmpl == "plain") {
    for (const auto& m : messages) {
      std::string role(RoleName(m.role));
      role[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(role[0])));
      out += role + ": " + m.content + "\n\n";
    }
    return out + "Assistant:";
  }
  throw InputError("--chat-template " + tmpl + ": unknown template (known: chatml, llama3, plain)");
}

OpenAiChatAdapter::OpenAiChatAdapter(const std::string& spec, const std::string& rest, const AdapterOptions& options)
    : HttpAdapter(spec, ParseModelAndUrls(spec, rest, "").urls, ReadKey(options, "OPENAI_API_KEY", false), options),
      model_(ParseModelAndUrls(spec, rest, "").model) {
  // The body's fixed parts, in the order the tree had its keys: model, messages, temperature,
  // max_tokens, seed, tools, logprobs, top_logprobs.
  body_open_ = "{\"model\":";
  AppendJsonString(body_open_, model_);
  body_open_ += ",\"messages\":";
  body_options_ = ",\"temperature\":" + DumpJson(Json(options.temperature)) +
                  ",\"max_tokens\":" + DumpJson(Json(options.max_tokens)) + ",\"seed\":";
  if (options.logprobs) {
    body_close_ = ",\"logprobs\":true";
    if (options.top_logprobs > 0) body_close_ += ",\"top_logprobs\":" + DumpJson(Json(options.top_logprobs));
  }
  body_close_ += '}';
}

Json OpenAiChatAdapter::ServedIdentity() const {
  return ProbeOpenAiIdentity(base_urls(), model_, AuthHeaders(key()), std::min(options().request_timeout_ms, 10000L));
}

std::string OpenAiMessagesText(const std::vector<Message>& messages) {
  std::string out = "[";
  for (const auto& m : messages) {
    if (out.size() > 1) out += ',';
    if (!m.tool_calls.empty() || m.role == Role::kTool) {
      out += DumpJson(OpenAiMessages({m})[0]);  // rare in a request: the tree is fine
      continue;
    }
    out += "{\"role\":";
    AppendJsonString(out, RoleName(m.role));
    out += ",\"content\":";
    AppendJsonString(out, m.content);
    out += '}';
  }
  return out + "]";
}

std::string OpenAiToolsText(const std::vector<Tool>& tools) {
  std::string out = "[";
  for (const auto& t : tools) {
    if (out.size() > 1) out += ',';
    out += "{\"type\":\"function\",\"function\":{\"name\":";
    AppendJsonString(out, t.name);
    out += ",\"description\":";
    AppendJsonString(out, t.description);
    out += ",\"parameters\":";
    out += DumpJson(t.parameters);
    out += "}}";
  }
  return out + "]";
}

std::string OpenAiChatAdapter::ToolsText(const std::vector<Tool>& tools) const {
  size_t key = tools.size();
  for (const Tool& t : tools) {
    for (const std::string* s : {&t.name, &t.description}) {
      key = (key ^ std::hash<std::string_view>()(*s)) * 0x100000001b3ULL;
    }
  }
  auto same = [&](const std::vector<Tool>& seen) {
    if (seen.size() != tools.size()) return false;
    for (size_t i = 0; i < tools.size(); ++i) {
      if (seen[i].name != tools[i].name || seen[i].description != tools[i].description ||
          !SameJsonText(seen[i].parameters, tools[i].parameters)) {
        return false;
      }
    }
    return true;
  };
  {
    std::lock_guard<std::mutex> lock(tools_mu_);
    for (auto [it, end] = tools_text_.equal_range(key); it != end; ++it) {
      if (same(it->second.first)) return it->second.second;
    }
  }
  std::string text = OpenAiToolsText(tools);  // outside the lock: this is the work
  std::lock_guard<std::mutex> lock(tools_mu_);
  if (tools_text_.size() >= kToolsMemoCapacity) tools_text_.clear();
  tools_text_.emplace(key, std::make_pair(tools, text));
  return text;
}

HttpRequest OpenAiChatAdapter::Encode(const ChatRequest& request) const {
  // Written as text, not as a tree: the bytes are those of one tree dumped whole (a test
  // checks it), so cache keys do not change. What is the same for every request of the run
  // is written once (the constructor), and each distinct tool list once (ToolsText).
  std::string body = body_open_;
  body += OpenAiMessagesText(request.messages);
  body += body_options_;
  char seed[24];
  body.append(seed, std::to_chars(seed, seed + sizeof seed, request.seed & 0x7fffffff).ptr);
  if (NativeTools(request) && !request.tools.empty()) {
    body += ",\"tools\":";
    body += ToolsText(request.tools);
  }
  body += body_close_;
  return {AppendPath(NextBaseUrl(request), "/chat/completions"), AuthHeaders(key()), std::move(body),
          options().request_timeout_ms, options().max_response_bytes};
}

ChatResponse OpenAiChatAdapter::DecodeBody(const Json& body) const {
  ChatResponse r;
  const Json& choices = At(body, "choices");
  if (!choices.is_array() || choices.empty()) throw std::runtime_error("\"choices\" is empty");
  const Json& msg = At(choices[0], "message");
  if (msg.contains("content") && msg["content"].is_string()) r.message.content = msg["content"].get<std::string>();
  if (msg.contains("tool_calls")) r.message.tool_calls = ReadOpenAiToolCalls(msg["tool_calls"]);
  if (choices[0].contains("logprobs") && !choices[0]["logprobs"].is_null()) r.logprobs = choices[0]["logprobs"];
  if (auto f = choices[0].find("finish_reason"); f != choices[0].end() && f->is_string()) {
    r.message.finish_reason = f->get<std::string>();
  }
  r.usage = ReadOpenAiUsage(body);
  return r;
}

OpenAiCompletionsAdapter::OpenAiCompletionsAdapter(const std::string& spec, const std::string& rest,
                                                   const AdapterOptions& options)
    : HttpAdapter(spec, ParseModelAndUrls(spec, rest, "").urls, ReadKey(options, "OPENAI_API_KEY", false), options),
      model_(ParseModelAndUrls(spec, rest, "").model) {
  RenderChatTemplate({}, options.chat_template);  // reject an unknown template before the run starts
}

Json OpenAiCompletionsAdapter::ServedIdentity() const {
  return ProbeOpenAiIdentity(base_urls(), model_, AuthHeaders(key()), std::min(options().request_timeout_ms, 10000L));
}

std::string OpenAiCompletionsAdapter::Refusal(const ChatRequest& request) const {
  if (request.dialect != "native") return "";
  return "openai-completions: the native dialect passes tools out of band, which a raw completion cannot; "
         "use openai: (chat) for native-dialect suites, or --dialect to ask for a text dialect";
}

HttpRequest OpenAiCompletionsAdapter::Encode(const ChatRequest& request) const {
  Json body = {{"model", model_},
               {"prompt", RenderChatTemplate(request.messages, options().chat_template)},
               {"temperature", options().temperature},
               {"max_tokens", options().max_tokens},
               {"seed", request.seed & 0x7fffffff}};
  if (options().logprobs) body["logprobs"] = std::max(1, options().top_logprobs);
  return {AppendPath(NextBaseUrl(request), "/completions"), AuthHeaders(key()), DumpJson(body), options().request_timeout_ms,
          options().max_response_bytes};
}

ChatResponse OpenAiCompletionsAdapter::DecodeBody(const Json& body) const {
  ChatResponse r;
  const Json& choices = At(body, "choices");
  if (!choices.is_array() || choices.empty()) throw std::runtime_error("\"choices\" is empty");
  const Json& text = At(choices[0], "text");
  if (!text.is_string()) throw std::runtime_error("\"text\" is not a string");
  r.message.content = text.get<std::string>();
  if (choices[0].contains("logprobs") && !choices[0]["logprobs"].is_null()) r.logprobs = choices[0]["logprobs"];
  if (auto f = choices[0].find("finish_reason"); f != choices[0].end() && f->is_string()) {
    r.message.finish_reason = f->get<std::string>();
  }
  r.usage = ReadOpenAiUsage(body);
  return r;
}

}  // namespace toolshift
