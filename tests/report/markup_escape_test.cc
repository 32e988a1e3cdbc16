// Escaping by construction: XML/HTML for any bytes, Markdown code spans their content cannot
// close, Markdown text that cannot open syntax, CSV cells that cannot become formulas.
#include <catch2/catch.hpp>

#include "src/report/markup_escape.h"

namespace toolshift {

TEST_CASE("MarkupEscape makes any bytes well-formed XML 1.0 text", "[report][escape]") {
  CHECK(MarkupEscape("<a href='x'>&\"</a>") == "&lt;a href=&#39;x&#39;&gt;&amp;&quot;&lt;/a&gt;");
  // Invalid UTF-8: a stray continuation byte, a truncated sequence, an overlong '/', a surrogate,
  // a code point beyond U+10FFFF: each becomes U+FFFD.
  CHECK(MarkupEscape("a\x80z") == "a\xEF\xBF\xBDz");
  CHECK(MarkupEscape("a\xE2\x82") == "a\xEF\xBF\xBD");
  CHECK(MarkupEscape("\xC0\xAF") == "\xEF\xBF\xBD\xEF\xBF\xBD");
  CHECK(MarkupEscape("\xED\xA0\x80") == "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");
  CHECK(MarkupEscape("\xF4\x90\x80\x80").find("\xF4") == std::string::npos);
  // Characters XML 1.0 forbids are removed: C0 controls (not tab, LF, CR), U+FFFE, U+FFFF.
  CHECK(MarkupEscape(std::string("a\x01\x1F\0b", 5)) == "ab");
  CHECK(MarkupEscape("x\xEF\xBF\xBEy\xEF\xBF\xBFz") == "xyz");
  CHECK(MarkupEscape("t\tl\nr\r") == "t&#9;l&#10;r&#13;");
  // Valid multi-byte text passes unchanged.
  CHECK(MarkupEscape("caf\xC3\xA9 \xE2\x9C\x85 \xF0\x9F\x98\x80") == "caf\xC3\xA9 \xE2\x9C\x85 \xF0\x9F\x98\x80");
  CHECK(ValidUtf8("ok\xFF") == "ok\xEF\xBF\xBD");
}

TEST_CASE("a Markdown code span's fence is longer than any backtick run inside it", "[report][escape]") {
  CHECK(MarkdownCodeSpan("splits.id.accuracy", true) == "`splits.id.accuracy`");
  CHECK(MarkdownCodeSpan("a`b", true) == "``a`b``");
  CHECK(MarkdownCodeSpan("x```<img src=x onerror=alert(1)>", true) == "````x```<img src=x onerror=alert(1)>````");
  CHECK(MarkdownCodeSpan("`start", true) == "`` `start ``");  // padded: the content's backtick cannot join the fence
  CHECK(MarkdownCodeSpan("end`", true) == "`` end` ``");
  CHECK(MarkdownCodeSpan("a|b\nc", true) == "`a\\|b c`");  // a table cell keeps its boundaries
  CHECK(MarkdownCodeSpan("a|b", false) == "`a|b`");
  CHECK(MarkdownCodeSpan("", true) == "` `");
}

TEST_CASE("Markdown text cannot open emphasis, links, HTML, entities or table cells", "[report][escape]") {
  CHECK(MarkdownText("<script>*x* [a](b) &amp; |`~$") ==
        "\\<script\\>\\*x\\* \\[a\\]\\(b\\) \\&amp; \\|\\`\\~\\$");
  CHECK(MarkdownText("reference:noisy:0.3 drop 0.1") == "reference:noisy:0.3 drop 0.1");
  CHECK(MarkdownText("two\nlines") == "two lines");
}

TEST_CASE("a CSV cell that would start a formula is neutralised", "[report][escape]") {
  CHECK(CsvText("=HYPERLINK(\"http://x\",\"y\")") == "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"");
  for (const char* f : {"+1", "-1+2", "@SUM(A1)", "\tx", "\rx", "  =1"}) {
    const std::string cell = CsvText(f);
    INFO(f);
    CHECK(cell.rfind("\"'", 0) == 0);
  }
  CHECK(CsvText("plain") == "plain");
  CHECK(CsvText("a,b") == "\"a,b\"");
}

}  // namespace toolshift
