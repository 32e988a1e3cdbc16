#include "src/interop/bfcl/multi_turn/mt_decode.h"

#include "src/dialects/bfcl_decoder.h"

namespace toolshift::bfcl {
namespace {

// BFCL's decoded_output_to_execution_list writes a dict argument through parse_nested_value,
// which takes a dict whose values are all dicts for a nested call and names it by its first key:
// for an empty dict there is none (IndexError), so the whole step fails to decode.
bool HasEmptyDictArgument(const Json& v) {
  if (!v.is_object()) return false;
  if (v.empty()) return true;
  for (const auto& [k, x] : v.items()) {
    if (HasEmptyDictArgument(x)) return true;
  }
  return false;
}

}  // namespace

ParseResult DecodePromptingStep(std::string_view text) {
  ParseResult r = DecodeBfclPrompting(text);
  for (const auto& c : r.calls) {
    for (const auto& [k, v] : c.arguments.items()) {
      if (HasEmptyDictArgument(v)) return ParseResult::Malformed("BFCL decoder: " + k + " holds an empty dict");
    }
  }
  return r;
}

ParseResult DecodeQwenFcStep(std::string_view text) {
  // re.findall(r"<tool_call>\n(.*?)\n</tool_call>", text, re.DOTALL)
  constexpr std::string_view kOpen = "<tool_call>\n";
  constexpr std::string_view kClose = "\n</tool_call>";
  std::vector<ToolCall> calls;
  size_t at = 0;
  while (true) {
    const size_t open = text.find(kOpen, at);
    if (open == std::string_view::npos) break;
    const size_t body = open + kOpen.size();
    const size_t close = text.find(kClose, body);
    if (close == std::string_view::npos) break;
    at = close + kClose.size();
    Json j = Json::parse(text.substr(body, close - body), nullptr, /*allow_exceptions=*/false);
    if (j.is_discarded()) continue;  // json.loads failed: BFCL skips the block
    if (!j.is_object()) return ParseResult::Malformed("a <tool_call> block holds " + DumpJson(j) + ", not an object");
    auto name = j.find("name");
    auto args = j.find("arguments");
    if (name == j.end() || args == j.end()) return ParseResult::Malformed("a <tool_call> object without name or arguments");
    ToolCall c;
    c.name = name->is_string() ? name->get<std::string>() : DumpJson(*name);
    c.arguments = *args;
    calls.push_back(std::move(c));
  }
  return DecodeFcCalls(calls);
}

ParseResult DecodeFcCalls(const std::vector<ToolCall>& calls) {
  std::vector<ToolCall> out;
  for (const auto& c : calls) {
    ToolCall d = c;
    if (d.arguments.is_string()) {  // convert_to_function_call: json.loads of string arguments
      d.arguments = Json::parse(d.arguments.get<std::string>(), nullptr, false);
      if (d.arguments.is_discarded()) return ParseResult::Malformed(c.name + ": arguments are not JSON");
    }
    if (!d.arguments.is_object()) return ParseResult::Malformed(c.name + ": arguments are not an object");
    out.push_back(std::move(d));
  }
  return out.empty() ? ParseResult::NoCall() : ParseResult::Calls(std::move(out));
}

}  // namespace toolshift::bfcl
