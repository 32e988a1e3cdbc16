// Escaping text for the XML and HTML files toolshift writes (JUnit, the leaderboard page),
// where model names and suite strings come from users and must never become markup.
#ifndef TOOLSHIFT_REPORT_MARKUP_ESCAPE_H_
#define TOOLSHIFT_REPORT_MARKUP_ESCAPE_H_

#include <string>
#include <string_view>

namespace toolshift {

// Escapes & < > " ' for text and attribute values alike; control characters that XML 1.0
// forbids (all below 0x20 but tab, newline, return) become spaces.
std::string MarkupEscape(std::string_view s);

}  // namespace toolshift

#endif  // TOOLSHIFT_REPORT_MARKUP_ESCAPE_H_
