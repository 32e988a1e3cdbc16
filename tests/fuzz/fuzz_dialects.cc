// Fuzz target: every dialect parser (hermes, pythonic, json, xml, react, BFCL's prompt decoder,
// native tool calls given as JSON) and the observation reader, on arbitrary model output.
#include <cstddef>
#include <cstdint>
#include <string>

#include "src/dialects/bfcl_decoder.h"
#include "src/dialects/dialect.h"
#include "src/dialects/observation.h"
#include "src/scoring/reply_limits.h"
#include "tests/fuzz/fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace toolshift;
  const std::string text(reinterpret_cast<const char*>(data), size);
  static const std::vector<Tool> tools = {
      Tool{"get_weather", "", {{"type", "object"}, {"properties", {{"city", {{"type", "string"}}}, {"days", {{"type", "integer"}}},
                                                                   {"tags", {{"type", "array"}}}, {"opts", {{"type", "object"}}}}}}}};
  fuzz::ExpectNoEscape([&] {
    const Message reply{Role::kAssistant, text, {}};
    for (const char* name : {"hermes", "pythonic", "json", "xml", "react"}) {
      const ParseResult r = ParseWithinLimits(*FindDialect(name), reply, tools, ReplyLimits{});
      for (const auto& c : r.calls) (void)DumpJson(c.arguments);
    }
    (void)DecodeBfclPrompting(text);
    (void)ReadObservation(Message{Role::kUser, text, {}});
    (void)ReadObservation(Message{Role::kTool, text, {}});
    // Native: the text as the arguments JSON of a structured call.
    const Json args = Json::parse(text, nullptr, false);
    if (!args.is_discarded()) (void)FindDialect("native")->Parse(Message{Role::kAssistant, "", {ToolCall{"get_weather", args}}}, tools);
  });
  return 0;
}
