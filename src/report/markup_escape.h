// Escaping text for the files toolshift writes (JUnit XML, the leaderboard page, Markdown summaries
// and tables, CSV), where model names, paths and suite strings come from users and must never become
// markup, a live spreadsheet formula, or a file a strict parser rejects. Each function is safe for
// any bytes: escaping is by construction, not by hoping the input is tame.
#ifndef TOOLSHIFT_REPORT_MARKUP_ESCAPE_H_
#define TOOLSHIFT_REPORT_MARKUP_ESCAPE_H_

#include <string>
#include <string_view>

namespace toolshift {

// For XML and HTML text and attribute values alike: & < > " ' become references; the bytes become
// well-formed UTF-8 (each invalid sequence becomes U+FFFD) holding only characters XML 1.0 allows
// (C0 controls other than tab, newline and return, and U+FFFE/U+FFFF, are removed; tab, newline and
// return become character references so attribute values keep them).
std::string MarkupEscape(std::string_view s);

// `s` as valid UTF-8: each invalid sequence (bad lead or continuation byte, overlong form, surrogate,
// beyond U+10FFFF, truncated) becomes U+FFFD.
std::string ValidUtf8(std::string_view s);

// A Markdown (CommonMark/GFM) inline code span showing `s` literally that its content cannot close:
// the fence is one backtick longer than the longest backtick run inside, padded with a space where
// the content begins or ends with a backtick. Line breaks become spaces; `in_table` escapes '|' too
// (GFM reads a bare pipe as a cell boundary even inside a code span). Invalid UTF-8 becomes U+FFFD
// here and in MarkdownText.
std::string MarkdownCodeSpan(std::string_view s, bool in_table);

// Markdown text (a table cell or inline text) that renders as `s` literally: every character that
// can open Markdown syntax mid-line (\ ` * _ [ ] ( ) < > | ~ & ! # $) is backslash-escaped, so no
// emphasis, link, HTML tag, entity, table pipe or math can start; line breaks become spaces.
std::string MarkdownText(std::string_view s);

// One CSV field (RFC 4180): quoted when it holds a comma, quote or line break. A text that a
// spreadsheet would run as a formula (it starts with = + - @, tab or return, after any spaces) is
// neutralised as OWASP advises for CSV injection: prefixed with a single quote, and quoted.
std::string CsvText(std::string_view s);

}  // namespace toolshift

#endif  // TOOLSHIFT_REPORT_MARKUP_ESCAPE_H_
