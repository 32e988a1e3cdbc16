// JSON object members located in text without parsing them: where each top-level member's
// key and value lie in one line of JSON.
//
// A suite line is mostly its tool list, and most lines of a suite repeat one of a few lists
// byte for byte (BFCL's multi-turn entries: 85% of the bytes, 32 distinct lists in 200
// entries). The suite loader finds the list's text with this, and parses a list it has seen
// once only (src/core/suite.cc).
#ifndef TOOLSHIFT_CORE_JSON_MEMBERS_H_
#define TOOLSHIFT_CORE_JSON_MEMBERS_H_

#include <cstddef>
#include <string_view>
#include <vector>

namespace toolshift {

struct JsonMember {
  std::string_view key;  // the key as written, quotes excluded (only keys without escapes)
  size_t value_begin = 0;  // [value_begin, value_end): the value's text in the line
  size_t value_end = 0;
};

// Splits `text`, one JSON object, into its top-level members, in order. Lexical: strings
// are delimited as JSON delimits them (a backslash escapes the next byte) and brackets are
// counted outside strings, but values are not checked, so a member found here is only as
// valid as the parse of its value says. For valid JSON the spans are exact; whatever JSON
// would read at a value position is the span. False (and `out` unspecified) when the text
// is not an object of that plain shape: a key with an escape, unbalanced brackets, anything
// but whitespace after the closing brace — callers then parse the text as a whole.
bool SplitJsonMembers(std::string_view text, std::vector<JsonMember>* out);

}  // namespace toolshift

#endif  // TOOLSHIFT_CORE_JSON_MEMBERS_H_
