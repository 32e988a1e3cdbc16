#include "src/core/echo.h"

namespace toolshift {
namespace {

// The largest n <= limit such that s[0, n) does not end inside a UTF-8 multi-byte character.
size_t CharBoundaryAtOrBefore(std::string_view s, size_t limit) {
  size_t n = limit < s.size() ? limit : s.size();
  // Continuation bytes are 10xxxxxx; step back over at most three of them to a lead byte.
  for (int steps = 0; n > 0 && n < s.size() && steps < 4 && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80;
       ++steps) {
    --n;
  }
  return n;
}

// The smallest n >= from such that s[n, end) does not start inside a UTF-8 multi-byte character.
size_t CharBoundaryAtOrAfter(std::string_view s, size_t from) {
  size_t n = from;
  for (int steps = 0; n < s.size() && steps < 4 && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80; ++steps) ++n;
  return n;
}

// `s` with control bytes (C0, DEL) as \xNN; newline and tab kept when `keep_lines`.
std::string ShowControls(std::string_view s, bool keep_lines) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    const auto u = static_cast<unsigned char>(c);
    if ((u < 0x20 || u == 0x7F) && !(keep_lines && (c == '\n' || c == '\t'))) {
      static const char kHex[] = "0123456789ABCDEF";
      out += "\\x";
      out += kHex[u >> 4];
      out += kHex[u & 0xF];
    } else {
      out += c;
    }
  }
  return out;
}

}  // namespace

std::string Echo(std::string_view value, size_t max_bytes) {
  if (value.size() <= max_bytes) return ShowControls(value, false);
  const size_t keep = CharBoundaryAtOrBefore(value, max_bytes);
  return ShowControls(value.substr(0, keep), false) + "...(" + std::to_string(value.size()) + " bytes)";
}

std::string CapMessage(std::string_view message, size_t max_bytes) {
  if (message.size() <= max_bytes) return ShowControls(message, true);
  const size_t tail_budget = max_bytes / 4;
  const size_t head = CharBoundaryAtOrBefore(message, max_bytes - tail_budget);
  const size_t tail = CharBoundaryAtOrAfter(message, message.size() - tail_budget);
  return ShowControls(message.substr(0, head), true) + "...(" + std::to_string(tail - head) + " bytes cut)..." +
         ShowControls(message.substr(tail), true);
}

}  // namespace toolshift
