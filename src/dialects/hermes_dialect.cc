#include "src/dialects/hermes_dialect.h"

#include "src/dialects/py_json_text.h"
#include "src/dialects/text_scan.h"

namespace toolshift {
namespace {

constexpr const char* kQwenDefaultSystem = "You are Qwen, created by Alibaba Cloud. You are a helpful assistant.";

}  // namespace

std::string HermesDialect::Render(const std::vector<Tool>& tools) const {
  if (presentation().prompt == "qwen2.5") {
    std::string lines;
    if (presentation().schema == "json") {
      for (const auto& t : tools) {
        lines += "\n" + PythonJsonText(Json{{"type", "function"}, {"function", ToJson(t)}}, /*ensure_ascii=*/false);
      }
    } else {
      lines = "\n" + ToolList(tools);  // a schema shift still shows
      while (lines.size() > 1 && lines.back() == '\n') lines.pop_back();
    }
    return "# Tools\n\nYou may call one or more functions to assist with the user query.\n\n"
           "You are provided with function signatures within <tools></tools> XML tags:\n<tools>" +
           lines + "\n</tools>\n\nFor each function call, return a json object with function name and arguments "
           "within " + open_ + close_ + " XML tags:\n" + open_ +
           "\n{\"name\": <function-name>, \"arguments\": <args-json-object>}\n" + close_;
  }
  return "You are a function calling AI model. You are provided with function signatures within "
         "<tools></tools> XML tags. You may call one or more functions to assist with the user "
         "query. Don't make assumptions about what values to plug into functions. Here are the "
         "available tools:\n<tools>\n" +
         ToolList(tools) +
         "</tools>\nFor each function call, return a JSON object with the function name and "
         "arguments within " + open_ + close_ + " tags:\n" + open_ +
         "\n{\"name\": <function-name>, \"arguments\": <args-json-object>}\n" + close_ +
         "\nIf none of the functions can be used, answer in plain text without any " + open_ +
         " tags.";
}

std::string HermesDialect::SystemText(const std::string* existing, const std::vector<Tool>& tools) const {
  if (presentation().prompt != "qwen2.5") return Dialect::SystemText(existing, tools);
  return (existing ? *existing : std::string(kQwenDefaultSystem)) + "\n\n" + Render(tools);
}

Message HermesDialect::Write(const std::vector<ToolCall>& calls) const {
  Message m{Role::kAssistant, "", {}};
  if (calls.empty()) {
    m.content = std::string(kNoToolAnswer);
    return m;
  }
  for (size_t i = 0; i < calls.size(); ++i) {
    if (i) m.content += '\n';
    m.content += open_ + "\n" + DumpJson(ToJson(calls[i])) + "\n" + close_;
  }
  return m;
}

ParseResult HermesDialect::Parse(const Message& reply, const std::vector<Tool>&) const {
  std::string_view text = reply.content;
  std::vector<ToolCall> calls;
  size_t pos = 0;
  while (true) {
    size_t open = text.find(open_, pos);
    size_t close = text.find(close_, pos);
    if (open == std::string_view::npos) {
      if (close != std::string_view::npos) return ParseResult::Malformed(close_ + " without " + open_);
      break;
    }
    if (close != std::string_view::npos && close < open) {
      return ParseResult::Malformed(close_ + " without " + open_);
    }
    const size_t body_begin = open + open_.size();
    // A JSON body is scanned string-aware to its end first, so a close tag inside a string
    // value does not end the call early.
    const size_t json_begin = text.find_first_not_of(" \t\r\n", body_begin);
    if (json_begin != std::string_view::npos && (text[json_begin] == '{' || text[json_begin] == '[')) {
      const size_t json_end = textscan::JsonValueEnd(text, json_begin);
      if (json_end != std::string_view::npos) {
        const size_t after = text.find_first_not_of(" \t\r\n", json_end);
        if (after != std::string_view::npos && text.compare(after, close_.size(), close_) == 0) close = after;
      }
    }
    if (close == std::string_view::npos) return ParseResult::Malformed(open_ + " never closed");
    std::string_view body = textscan::StripCodeFence(text.substr(body_begin, close - body_begin));
    Json j;
    std::string error;
    if (!textscan::TryParseJson(body, &j, &error)) {
      return ParseResult::Malformed("call " + std::to_string(calls.size() + 1) + ": " + error);
    }
    // Some models put several calls in one tag as a JSON list.
    std::vector<Json> items = j.is_array() ? std::vector<Json>(j.begin(), j.end()) : std::vector<Json>{j};
    if (items.empty()) return ParseResult::Malformed("empty call list inside " + open_);
    for (const auto& item : items) {
      ToolCall call;
      if (!textscan::ReadNamedCall(item, &call, &error)) {
        return ParseResult::Malformed("call " + std::to_string(calls.size() + 1) + ": " + error);
      }
      calls.push_back(std::move(call));
    }
    pos = close + close_.size();
  }
  return calls.empty() ? ParseResult::NoCall() : ParseResult::Calls(std::move(calls));
}

}  // namespace toolshift
