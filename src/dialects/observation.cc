#include "src/dialects/observation.h"

#include <string_view>

namespace toolshift {
namespace {

constexpr std::string_view kNotice = "Your last reply could not be read as a tool call: ";

constexpr std::string_view kResponseOpen = "<tool_response>\n";
constexpr std::string_view kResponseClose = "\n</tool_response>";

// A user turn of <tool_response> blocks: each block's {"name", "result"} line, or (as Qwen's
// template shows a tool message) its bare content: JSON when it parses, else the text.
std::vector<Json> ReadResponseBlocks(std::string_view text) {
  std::vector<Json> out;
  size_t at = 0;
  while ((at = text.find(kResponseOpen, at)) != std::string_view::npos) {
    const size_t body = at + kResponseOpen.size();
    const size_t close = text.find(kResponseClose, body);
    if (close == std::string_view::npos) break;
    const std::string_view content = text.substr(body, close - body);
    Json j = Json::parse(content, nullptr, /*allow_exceptions=*/false);
    if (j.is_discarded()) out.emplace_back(std::string(content));
    else if (j.is_object() && j.size() == 2 && j.contains("name") && j.contains("result")) out.push_back(std::move(j["result"]));
    else out.push_back(std::move(j));
    at = close + kResponseClose.size();
  }
  return out;
}

std::string Line(const ToolCall& call, const Json& result) {
  return DumpJson(Json{{"name", call.name}, {"result", result}});
}

}  // namespace

std::vector<Message> RenderObservations(const Dialect& dialect, const std::vector<ToolCall>& calls,
                                        const std::vector<Json>& results) {
  std::vector<Message> out;
  if (dialect.is_native()) {
    for (size_t i = 0; i < calls.size(); ++i) out.push_back(Message{Role::kTool, DumpJson(results[i]), {}, calls[i].id, calls[i].name});
    return out;
  }
  const std::string_view name = dialect.name();
  std::string text;
  if (name == "xml") text = "<function_results>\n";
  if (name == "pythonic" || name == "json") text = "Tool results:\n";
  for (size_t i = 0; i < calls.size(); ++i) {
    if (name == "hermes") {
      // Qwen2.5's template shows a tool message's content bare: what a native request carries.
      const std::string body = dialect.presentation().prompt == "qwen2.5" ? DumpJson(results[i]) : Line(calls[i], results[i]);
      text += (i ? "\n" : "") + std::string("<tool_response>\n") + body + "\n</tool_response>";
    } else if (name == "react") {
      text += (i ? "\n" : "") + std::string("Observation: ") + Line(calls[i], results[i]);
    } else if (name == "xml") {
      text += "<result>\n" + Line(calls[i], results[i]) + "\n</result>\n";
    } else {
      text += Line(calls[i], results[i]) + "\n";
    }
  }
  if (name == "xml") text += "</function_results>";
  while (!text.empty() && text.back() == '\n') text.pop_back();
  out.push_back(Message{Role::kUser, std::move(text), {}});
  return out;
}

std::vector<Json> ReadObservation(const Message& message) {
  std::vector<Json> out;
  if (message.role == Role::kTool) {
    Json j = Json::parse(message.content, nullptr, /*allow_exceptions=*/false);
    out.push_back(j.is_discarded() ? Json(message.content) : std::move(j));
    return out;
  }
  if (message.role != Role::kUser || IsParseErrorNotice(message)) return out;
  std::string_view text = message.content;
  if (text.rfind(kResponseOpen, 0) == 0) return ReadResponseBlocks(text);
  while (!text.empty()) {
    size_t nl = text.find('\n');
    std::string_view line = text.substr(0, nl);
    text = nl == std::string_view::npos ? std::string_view() : text.substr(nl + 1);
    if (line.rfind("Observation: ", 0) == 0) line.remove_prefix(13);
    if (line.rfind("{\"name\":", 0) != 0) continue;
    Json j = Json::parse(line, nullptr, /*allow_exceptions=*/false);
    if (j.is_object() && j.contains("result")) out.push_back(std::move(j["result"]));
  }
  return out;
}

Message ParseErrorNotice(const std::string& error) {
  return Message{Role::kUser, std::string(kNotice) + error + ". Use the calling format described above.", {}};
}

bool IsParseErrorNotice(const Message& message) {
  return message.role == Role::kUser && message.content.rfind(kNotice, 0) == 0;
}

}  // namespace toolshift
