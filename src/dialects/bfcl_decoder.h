// BFCL's prompt-mode decoder (`default_decode_ast_prompting`), for imported BFCL suites.
//
// BFCL reads a prompt-mode reply by stripping backticks, newlines and spaces from both
// ends, adding the missing `[` / `]`, stripping quotes, and parsing what is left as one
// Python expression. Anything that does not parse is a decode failure. Scoring an
// imported suite with this decoder (rather than the stricter `pythonic` dialect) is what
// makes toolshift's verdicts agree with BFCL's one by one.
#ifndef TOOLSHIFT_DIALECTS_BFCL_DECODER_H_
#define TOOLSHIFT_DIALECTS_BFCL_DECODER_H_

#include <string_view>

#include "src/dialects/dialect.h"

namespace toolshift {

// Decodes `text` as BFCL does. A decode failure is reported as kMalformed when the text
// reads as a call attempt in Python syntax and as kNoCall when it is prose (BFCL makes no
// such distinction; it only serves the failure taxonomy). An empty list is kNoCall.
ParseResult DecodeBfclPrompting(std::string_view text);

}  // namespace toolshift

#endif  // TOOLSHIFT_DIALECTS_BFCL_DECODER_H_
