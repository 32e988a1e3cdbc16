#include "src/dialects/react_dialect.h"

#include <re2/re2.h>

#include "src/dialects/text_scan.h"

namespace toolshift {

std::string ReactDialect::Render(const std::vector<Tool>& tools) const {
  return "Answer the request as best you can. You have access to the following tools:\n" + ToolList(tools) +
         "Use the following format:\nThought: think about what to do\n"
         "Action: the tool to use, exactly one of the tool names above\n"
         "Action Input: the arguments of the tool as one JSON object\n"
         "To use several tools, repeat the Action and Action Input lines for each.\n"
         "If no tool fits the request, reply instead with:\nFinal Answer: your answer";
}

Message ReactDialect::Write(const std::vector<ToolCall>& calls) const {
  Message m{Role::kAssistant, "", {}};
  if (calls.empty()) {
    m.content = "Thought: no tool fits this request.\nFinal Answer: " + std::string(kNoToolAnswer);
    return m;
  }
  m.content = "Thought: I will use the tools.";
  for (const auto& c : calls) {
    m.content += "\nAction: " + c.name + "\nAction Input: " + DumpJson(c.arguments);
  }
  return m;
}

ParseResult ReactDialect::Parse(const Message& reply, const std::vector<Tool>&) const {
  static const RE2 kAction(R"((?m)^[ \t]*Action[ \t]*:[ \t]*([^\n]*?)[ \t]*$)");
  static const RE2 kInput(R"(^\s*Action[ \t]+Input[ \t]*:[ \t]*)");
  static const RE2 kName(R"([A-Za-z_][A-Za-z0-9_.\-]*)");
  re2::StringPiece rest(reply.content);
  std::vector<ToolCall> calls;
  std::string name;
  while (RE2::FindAndConsume(&rest, kAction, &name)) {
    const std::string which = "Action " + std::to_string(calls.size() + 1);
    if (name.empty()) return ParseResult::Malformed(which + ": empty tool name");
    if (!RE2::FullMatch(name, kName)) return ParseResult::Malformed(which + ": '" + name + "' is not a tool name");
    if (!RE2::Consume(&rest, kInput)) return ParseResult::Malformed(which + ": no Action Input line follows");
    if (rest.empty() || rest[0] != '{') {
      return ParseResult::Malformed(which + ": Action Input is not a JSON object");
    }
    const std::string_view input(rest.data(), rest.size());
    size_t end = textscan::JsonValueEnd(input, 0);
    if (end == std::string_view::npos) return ParseResult::Malformed(which + ": Action Input never closes");
    Json args;
    std::string error;
    if (!textscan::TryParseJson(input.substr(0, end), &args, &error)) {
      return ParseResult::Malformed(which + ": " + error);
    }
    calls.push_back(ToolCall{name, std::move(args)});
    rest.remove_prefix(end);
  }
  return calls.empty() ? ParseResult::NoCall() : ParseResult::Calls(std::move(calls));
}

}  // namespace toolshift
