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

}  // namespace

std::string Echo(std::string_view value, size_t max_bytes) {
  if (value.size() <= max_bytes) return std::string(value);
  const size_t keep = CharBoundaryAtOrBefore(value, max_bytes);
  return std::string(value.substr(0, keep)) + "...(" + std::to_string(value.size()) + " bytes)";
}

std::string CapMessage(std::string_view message, size_t max_bytes) {
  if (message.size() <= max_bytes) return std::string(message);
  const size_t tail_budget = max_bytes / 4;
  const size_t head = CharBoundaryAtOrBefore(message, max_bytes - tail_budget);
  const size_t tail = CharBoundaryAtOrAfter(message, message.size() - tail_budget);
  return std::string(message.substr(0, head)) + "...(" + std::to_string(tail - head) + " bytes cut)..." +
         std::string(message.substr(tail));
}

}  // namespace toolshift
