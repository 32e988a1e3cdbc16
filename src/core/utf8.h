// UTF-8 encoding shared by every layer that turns code points back into text (Python and
// JSON string escapes, XML character references, markup sanitising): one encoder, so no copy
// can drift.
#ifndef TOOLSHIFT_CORE_UTF8_H_
#define TOOLSHIFT_CORE_UTF8_H_

#include <cstdint>
#include <string>

namespace toolshift {

// Appends code point `cp` to `out` as UTF-8 (1 to 4 bytes). `cp` must be at most U+10FFFF;
// callers decide about surrogates (Python's surrogateescape keeps U+DC80..U+DCFF as their
// three-byte form, as CPython's "surrogatepass" would write them).
void AppendUtf8(uint32_t cp, std::string* out);

}  // namespace toolshift

#endif  // TOOLSHIFT_CORE_UTF8_H_
