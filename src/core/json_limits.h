// Limits on what toolshift reads, writes, renders or walks, named in one place (the README's
// limits section and docs/security.md list them), and the bounded JSON parse that enforces
// the depth limit.
//
// nlohmann's parser is iterative, but copying, comparing and dumping a value recurse, and so
// do toolshift's own walkers (schema rendering, shifts, scoring). A value that nests 70,000
// deep is under half a megabyte of text yet overflows the stack in any of them. So every JSON
// value that enters toolshift from outside (a suite, a model reply, a recorded output, the
// run store) is bounded to kMaxJsonDepth levels where it is parsed, and everything past that
// point may recurse freely: 512 levels of recursion are a few hundred kilobytes of stack.
#ifndef TOOLSHIFT_CORE_JSON_LIMITS_H_
#define TOOLSHIFT_CORE_JSON_LIMITS_H_

#include <cstddef>
#include <string>
#include <string_view>

#include "src/core/json.h"

namespace toolshift {

// Nesting of any JSON value read from a file, a model reply or the run store. Real tool
// schemas and arguments nest a handful of levels; BFCL's deepest under 10.
inline constexpr size_t kMaxJsonDepth = 512;
// Nesting of a Python literal or expression in a pythonic call (CPython's own parser stops
// at 200 nested parentheses).
inline constexpr int kMaxPythonDepth = 200;
// One line of a suite, an outputs file or an episode log. A reply is read up to
// --max-output-bytes (1 MiB by default) and stored cut beyond it, so an episode log line of a
// long multi-step episode stays far below this.
inline constexpr size_t kMaxLineBytes = size_t{64} << 20;

// "deeper than 512 levels": the wording every message about the depth limit uses
// ("tool call 1's arguments nest deeper than 512 levels; not read").
std::string TooDeepText(size_t max_depth = kMaxJsonDepth);

// True if `text`, read as JSON, opens more than `max_depth` arrays/objects at once. A lexical
// scan (brackets outside strings), linear and allocation-free; exact for valid JSON.
bool JsonTextNestsDeeper(std::string_view text, size_t max_depth = kMaxJsonDepth);

// True if `value` nests more than `max_depth` levels (a scalar is level 0, [] level 1).
// Iterative, and stops as soon as the limit is passed: safe on a value of any depth.
bool JsonNestsDeeper(const Json& value, size_t max_depth = kMaxJsonDepth);

// Json::parse (throws Json::exception on invalid JSON), except that arrays and objects nested
// deeper than `max_depth` are dropped from their parent and `*too_deep` is set (false
// otherwise). The value returned is always safe to copy, dump and walk recursively. Text
// within the limit takes nlohmann's plain parse: the bound costs one lexical scan.
Json ParseJsonBounded(std::string_view text, bool* too_deep, size_t max_depth = kMaxJsonDepth);

// A value one level past kMaxJsonDepth, standing for one that nested deeper and was not built:
// judged too deep like the original (JsonNestsDeeper), yet cheap and safe to copy.
Json TooDeepPlaceholder(size_t max_depth = kMaxJsonDepth);

// As ParseJsonBounded, without exceptions: a discarded value on invalid JSON.
Json TryParseJsonBounded(std::string_view text, bool* too_deep, size_t max_depth = kMaxJsonDepth);

}  // namespace toolshift

#endif  // TOOLSHIFT_CORE_JSON_LIMITS_H_
