#include "src/core/json_members.h"

#include <cstring>

namespace toolshift {
namespace {

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

size_t SkipSpace(std::string_view t, size_t i) {
  while (i < t.size() && IsSpace(t[i])) ++i;
  return i;
}

// `i` at an opening quote: the position after the closing one, or npos.
size_t SkipString(std::string_view t, size_t i) {
  for (++i; i < t.size(); ++i) {
    const void* q = std::memchr(t.data() + i, '"', t.size() - i);
    if (!q) return std::string_view::npos;
    size_t at = static_cast<size_t>(static_cast<const char*>(q) - t.data());
    // The quote closes the string unless an odd run of backslashes precedes it.
    size_t slashes = 0;
    while (at - slashes > i && t[at - slashes - 1] == '\\') ++slashes;
    if (slashes % 2 == 0) return at + 1;
    i = at;
  }
  return std::string_view::npos;
}

// `i` at a value's first byte: the position after it, or npos.
size_t SkipValue(std::string_view t, size_t i) {
  if (i >= t.size()) return std::string_view::npos;
  const char c = t[i];
  if (c == '"') return SkipString(t, i);
  if (c == '{' || c == '[') {
    size_t depth = 0;
    while (i < t.size()) {
      const char d = t[i];
      if (d == '"') {
        i = SkipString(t, i);
        if (i == std::string_view::npos) return i;
        continue;
      }
      if (d == '{' || d == '[') ++depth;
      if (d == '}' || d == ']') {
        if (--depth == 0) return i + 1;
      }
      ++i;
    }
    return std::string_view::npos;
  }
  // A scalar: up to the next structural byte or whitespace.
  while (i < t.size() && t[i] != ',' && t[i] != '}' && t[i] != ']' && !IsSpace(t[i])) ++i;
  return i;
}

}  // namespace

bool SplitJsonMembers(std::string_view t, std::vector<JsonMember>* out) {
  out->clear();
  size_t i = SkipSpace(t, 0);
  if (i >= t.size() || t[i] != '{') return false;
  i = SkipSpace(t, i + 1);
  if (i < t.size() && t[i] == '}') return SkipSpace(t, i + 1) == t.size();
  while (true) {
    if (i >= t.size() || t[i] != '"') return false;
    const size_t key_end = SkipString(t, i);
    if (key_end == std::string_view::npos) return false;
    JsonMember m;
    m.key = t.substr(i + 1, key_end - i - 2);
    if (m.key.find('\\') != std::string_view::npos) return false;
    i = SkipSpace(t, key_end);
    if (i >= t.size() || t[i] != ':') return false;
    i = SkipSpace(t, i + 1);
    m.value_begin = i;
    i = SkipValue(t, i);
    if (i == std::string_view::npos || i == m.value_begin) return false;
    m.value_end = i;
    out->push_back(m);
    i = SkipSpace(t, i);
    if (i >= t.size()) return false;
    if (t[i] == '}') return SkipSpace(t, i + 1) == t.size();
    if (t[i] != ',') return false;
    i = SkipSpace(t, i + 1);
  }
}

}  // namespace toolshift
