#include "src/report/markup_escape.h"

#include <algorithm>
#include <cstdint>

#include "src/core/utf8.h"

namespace toolshift {
namespace {

constexpr uint32_t kReplacement = 0xFFFD;

// Decodes the code point at s[*i] and advances *i past it; an invalid sequence yields U+FFFD and
// advances past its maximal valid prefix (at least one byte), as Unicode's "substitution of maximal
// subparts" recommends.
uint32_t NextCodePoint(std::string_view s, size_t* i) {
  const auto byte = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
  const unsigned char b0 = byte(*i);
  if (b0 < 0x80) {
    ++*i;
    return b0;
  }
  size_t len;
  uint32_t cp;
  unsigned char lo = 0x80, hi = 0xBF;  // the allowed range of the second byte
  if (b0 >= 0xC2 && b0 <= 0xDF) {
    len = 2, cp = b0 & 0x1F;
  } else if (b0 >= 0xE0 && b0 <= 0xEF) {
    len = 3, cp = b0 & 0x0F;
    if (b0 == 0xE0) lo = 0xA0;  // no overlong forms
    if (b0 == 0xED) hi = 0x9F;  // no surrogates
  } else if (b0 >= 0xF0 && b0 <= 0xF4) {
    len = 4, cp = b0 & 0x07;
    if (b0 == 0xF0) lo = 0x90;
    if (b0 == 0xF4) hi = 0x8F;  // nothing beyond U+10FFFF
  } else {
    ++*i;
    return kReplacement;
  }
  size_t k = *i + 1;
  for (size_t n = 1; n < len; ++n, ++k) {
    const unsigned char lo_n = n == 1 ? lo : 0x80, hi_n = n == 1 ? hi : 0xBF;
    if (k >= s.size() || byte(k) < lo_n || byte(k) > hi_n) {
      *i = k;
      return kReplacement;
    }
    cp = (cp << 6) | (byte(k) & 0x3F);
  }
  *i = k;
  return cp;
}

// The characters that can start or end Markdown syntax inside a line (GFM and GitHub's math
// included): emphasis, code, links and images, raw HTML, entities, strikethrough, table pipes, math.
// Escaping only these keeps the text readable ("reference:oracle" stays as it is).
bool IsMarkdownSyntax(char c) { return std::string_view("\\`*_[]()<>|~&!#$").find(c) != std::string_view::npos; }

}  // namespace

std::string ValidUtf8(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size();) AppendUtf8(NextCodePoint(s, &i), &out);
  return out;
}

std::string MarkupEscape(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size();) {
    const uint32_t cp = NextCodePoint(s, &i);
    switch (cp) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      case '\t': out += "&#9;"; break;
      case '\n': out += "&#10;"; break;
      case '\r': out += "&#13;"; break;
      default:
        // XML 1.0's Char: #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF];
        // surrogates cannot come out of NextCodePoint.
        if (cp < 0x20 || cp == 0xFFFE || cp == 0xFFFF) break;
        AppendUtf8(cp, &out);
    }
  }
  return out;
}

std::string MarkdownCodeSpan(std::string_view raw, bool in_table) {
  const std::string s = ValidUtf8(raw);
  std::string body;
  size_t run = 0, longest = 0;
  for (char c : s) {
    run = c == '`' ? run + 1 : 0;
    longest = std::max(longest, run);
    if (c == '\n' || c == '\r') body += ' ';
    else if (c == '|' && in_table) body += "\\|";
    else body += c;
  }
  // CommonMark strips one space from each side when both are there: pad when the content starts or
  // ends with a backtick (it would join the fence) or with a space (it would be stripped).
  const bool pad = !body.empty() && (body.front() == '`' || body.back() == '`' || body.front() == ' ' ||
                                     body.back() == ' ');
  if (body.empty()) body = " ";  // "` `": a span of one space, not two stray backticks
  const std::string fence(longest + 1, '`');
  return fence + (pad ? " " : "") + body + (pad ? " " : "") + fence;
}

std::string MarkdownText(std::string_view raw) {
  const std::string s = ValidUtf8(raw);
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    if (c == '\n' || c == '\r') {
      out += ' ';
    } else {
      if (IsMarkdownSyntax(c)) out += '\\';
      out += c;
    }
  }
  return out;
}

std::string CsvText(std::string_view s) {
  const size_t first = s.find_first_not_of(' ');
  const bool formula = first != std::string_view::npos && std::string_view("=+-@\t\r").find(s[first]) != std::string_view::npos;
  if (!formula && s.find_first_of(",\"\n\r") == std::string_view::npos) return std::string(s);
  std::string out = formula ? "\"'" : "\"";
  for (char c : s) {
    if (c == '"') out += "\"\"";
    else out += c;
  }
  return out + "\"";
}

}  // namespace toolshift
