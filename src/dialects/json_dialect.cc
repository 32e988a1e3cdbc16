#include "src/dialects/json_dialect.h"

#include <re2/re2.h>

#include "src/dialects/text_scan.h"

namespace toolshift {

std::string JsonDialect::Render(const std::vector<Tool>& tools) const {
  return "You can call the following functions:\n" + ToolList(tools) +
         "To call a function, reply with only a JSON object of the form "
         "{\"name\": \"<function-name>\", \"arguments\": {<argument-name>: <value>, ...}}. "
         "To call several functions, reply with a JSON list of such objects. Write nothing else "
         "when you call functions. If none of the functions can be used, answer in plain text.";
}

Message JsonDialect::Write(const std::vector<ToolCall>& calls) const {
  Message m{Role::kAssistant, "", {}};
  if (calls.empty()) {
    m.content = std::string(kNoToolAnswer);
  } else if (calls.size() == 1) {
    m.content = DumpJson(ToJson(calls[0]));
  } else {
    Json list = Json::array();
    for (const auto& c : calls) list.push_back(ToJson(c));
    m.content = DumpJson(list);
  }
  return m;
}

ParseResult JsonDialect::Parse(const Message& reply, const std::vector<Tool>&) const {
  std::string_view text = textscan::StripCodeFence(reply.content);
  if (text.empty()) return ParseResult::NoCall();
  if (text.front() != '{' && text.front() != '[') {
    static const RE2 kEmbeddedCall(R"(\{\s*"name"\s*:)");
    if (RE2::PartialMatch(text, kEmbeddedCall)) {
      return ParseResult::Malformed("a call object embedded in other text, not a bare JSON reply");
    }
    return ParseResult::NoCall();
  }
  Json j;
  std::string error;
  if (!textscan::TryParseJson(text, &j, &error)) return ParseResult::Malformed(error);
  std::vector<Json> items = j.is_array() ? std::vector<Json>(j.begin(), j.end()) : std::vector<Json>{j};
  if (items.empty()) return ParseResult::NoCall();  // "[]": explicitly no call
  std::vector<ToolCall> calls;
  for (const auto& item : items) {
    ToolCall call;
    if (!textscan::ReadNamedCall(item, &call, &error)) {
      return ParseResult::Malformed("call " + std::to_string(calls.size() + 1) + ": " + error);
    }
    calls.push_back(std::move(call));
  }
  return ParseResult::Calls(std::move(calls));
}

}  // namespace toolshift
