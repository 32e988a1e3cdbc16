#include "src/dialects/bfcl_decoder.h"

#include <string>

#include "src/dialects/python_literal.h"

namespace toolshift {
namespace {

std::string_view StripChars(std::string_view s, std::string_view chars) {
  const size_t b = s.find_first_not_of(chars);
  if (b == std::string_view::npos) return {};
  return s.substr(b, s.find_last_not_of(chars) - b + 1);
}

}  // namespace

ParseResult DecodeBfclPrompting(std::string_view text) {
  std::string cleaned(StripChars(text, "`\n "));
  if (cleaned.empty() || cleaned.front() != '[') cleaned.insert(cleaned.begin(), '[');
  if (cleaned.back() != ']') cleaned.push_back(']');
  // ast_parse: input_str.strip().strip("'")
  const std::string_view body = StripChars(StripChars(cleaned, " \t\n\r\v\f"), "'");
  std::vector<ToolCall> calls;
  std::string error;
  if (python::ReadCallsBfcl(body, &calls, &error)) {
    return calls.empty() ? ParseResult::NoCall() : ParseResult::Calls(std::move(calls));
  }
  const ParseResult strict = FindDialect("pythonic")->Parse(Message{Role::kAssistant, std::string(text), {}}, {});
  if (strict.status == ParseResult::Status::kNoCall) return ParseResult::NoCall();
  return ParseResult::Malformed("BFCL decoder: " + error);
}

}  // namespace toolshift
