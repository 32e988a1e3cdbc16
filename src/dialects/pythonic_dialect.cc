#include "src/dialects/pythonic_dialect.h"

#include <re2/re2.h>

#include "src/dialects/bfcl_prompt_render.h"
#include "src/dialects/python_literal.h"
#include "src/dialects/text_scan.h"

namespace toolshift {

std::string PythonicDialect::SystemText(const std::string* existing, const std::vector<Tool>& tools) const {
  if (presentation().prompt != "bfcl") return Dialect::SystemText(existing, tools);
  return existing ? Render(tools) + "\n\n" + *existing : Render(tools);
}

std::string PythonicDialect::Render(const std::vector<Tool>& tools) const {
  if (presentation().prompt == "bfcl") {
    // BFCL's default configuration, its functions documented in the episode's schema style
    // (json is BFCL's own json.dumps documentation).
    BfclPromptConfig config;
    config.function_doc_format = presentation().schema;
    const std::string functions =
        presentation().schema == "json" ? BfclFunctionDoc(tools, "json") : ToolList(tools);
    return BfclSystemPromptAround(config, functions);
  }
  // BFCL's prompt-mode system prompt, so scores compare with BFCL's.
  return "You are an expert in composing functions. You are given a question and a set of "
         "possible functions. Based on the question, you will need to make one or more "
         "function/tool calls to achieve the purpose. If none of the functions can be used, "
         "point it out. If the given question lacks the parameters required by the function, "
         "also point it out.\nYou should only return the function calls in your response.\n\n"
         "If you decide to invoke any of the function(s), you MUST put it in the format of "
         "[func_name1(params_name1=params_value1, params_name2=params_value2...), "
         "func_name2(params)]\nYou SHOULD NOT include any other text in the response.\n\n"
         "Here is a list of functions that you can invoke.\n" + ToolList(tools);
}

Message PythonicDialect::Write(const std::vector<ToolCall>& calls) const {
  Message m{Role::kAssistant, "", {}};
  if (calls.empty()) {
    m.content = std::string(kNoToolAnswer);
    return m;
  }
  m.content = "[";
  for (size_t i = 0; i < calls.size(); ++i) {
    if (i) m.content += ", ";
    m.content += python::WriteCall(calls[i]);
  }
  m.content += "]";
  return m;
}

ParseResult PythonicDialect::Parse(const Message& reply, const std::vector<Tool>&) const {
  std::string_view text = textscan::StripCodeFence(reply.content);
  static const RE2 kEmptyList(R"(\[\s*\])");
  static const RE2 kListOfCalls(R"(^\[\s*[A-Za-z_][A-Za-z0-9_.]*\s*\()");
  static const RE2 kBareCall(R"(^[A-Za-z_][A-Za-z0-9_.]*\s*\()");
  static const RE2 kCallInProse(R"([A-Za-z_][A-Za-z0-9_.]*\(\s*[A-Za-z_][A-Za-z0-9_]*\s*=)");
  if (RE2::FullMatch(text, kEmptyList)) return ParseResult::NoCall();
  const bool list = RE2::PartialMatch(text, kListOfCalls);
  const bool bare = !list && RE2::PartialMatch(text, kBareCall) && text.back() == ')';
  if (list || bare) {
    std::vector<ToolCall> calls;
    std::string error;
    if (!python::ReadCalls(text, &calls, &error)) return ParseResult::Malformed(error);
    if (calls.empty()) return ParseResult::NoCall();
    return ParseResult::Calls(std::move(calls));
  }
  if (RE2::PartialMatch(text, kCallInProse)) {
    return ParseResult::Malformed("a call embedded in other text, not a bare call list");
  }
  return ParseResult::NoCall();
}

}  // namespace toolshift
