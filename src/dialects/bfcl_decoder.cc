#include "src/dialects/bfcl_decoder.h"

#include <algorithm>
#include <string>

#include "src/dialects/python_literal.h"

namespace toolshift {
namespace {

std::string_view StripChars(std::string_view s, std::string_view chars) {
  const size_t b = s.find_first_not_of(chars);
  if (b == std::string_view::npos) return {};
  return s.substr(b, s.find_last_not_of(chars) - b + 1);
}

bool IsAsciiWordChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

// True when `body` certainly fails python::ReadCallsBfcl: before its first quote or backslash
// (so outside any string literal) a name or number is followed, across whitespace, by another
// name ("I can't", "Sorry I"), which no Python expression the reader accepts contains. Prose is
// the usual failure, and knowing it up front spares the reader's exception on the hot path.
// False says nothing.
bool CertainlyNotPython(std::string_view body) {
  const size_t stop = std::min(body.find_first_of("\"'\\"), body.size());
  for (size_t i = 1; i + 1 < stop; ++i) {
    const char c = body[i];
    if (c != ' ' && c != '\t' && c != '\n' && c != '\r') continue;
    if (!IsAsciiWordChar(body[i - 1])) continue;
    size_t j = i;
    while (j < stop && (body[j] == ' ' || body[j] == '\t' || body[j] == '\n' || body[j] == '\r')) ++j;
    if (j < stop && IsAsciiWordChar(body[j]) && !(body[j] >= '0' && body[j] <= '9')) return true;
    i = j - 1;
  }
  return false;
}

}  // namespace

ParseResult DecodeBfclPrompting(std::string_view text) {
  const std::string_view stripped = StripChars(text, "`\n ");
  // A reply already bracketed (every call list) is read in place; others get the brackets added.
  std::string cleaned;
  std::string_view bracketed = stripped;
  if (stripped.empty() || stripped.front() != '[' || stripped.back() != ']') {
    cleaned.assign(stripped);
    if (cleaned.empty() || cleaned.front() != '[') cleaned.insert(cleaned.begin(), '[');
    if (cleaned.back() != ']') cleaned.push_back(']');
    bracketed = cleaned;
  }
  // ast_parse: input_str.strip().strip("'")
  const std::string_view body = StripChars(StripChars(bracketed, " \t\n\r\v\f"), "'");
  std::vector<ToolCall> calls;
  std::string error;
  const bool prose = CertainlyNotPython(body);
  if (!prose && python::ReadCallsBfcl(body, &calls, &error)) {
    return calls.empty() ? ParseResult::NoCall() : ParseResult::Calls(std::move(calls));
  }
  // Not decodable: prose (no call) or a broken call attempt (malformed), as the strict reading says.
  const ParseResult strict = FindDialect("pythonic")->Parse(Message{Role::kAssistant, std::string(text), {}}, {});
  if (strict.status == ParseResult::Status::kNoCall) return ParseResult::NoCall();
  // The reader's own message, read only now when the pre-check skipped it (it fails again).
  if (prose) python::ReadCallsBfcl(body, &calls, &error);
  return ParseResult::Malformed("BFCL decoder: " + error);
}

}  // namespace toolshift
