// pythonic: BFCL's prompt-mode convention. The reply is a Python list of calls with
// keyword arguments, `[get_weather(city="Paris"), get_time(tz="CET")]`, and nothing else.
// As BFCL's decoder does, a single bare call without brackets is accepted too.
//
// Prompt variant "bfcl": BFCL's default system prompt for prompting models as its current
// formatter writes it (ret_fmt=python, no tool-call tag, func_doc_fmt=json, plaintext, classic
// style; persona and task joined without a space, the empty parameter-type note leaving two
// spaces), the functions as json.dumps(functions, indent=4), placed before the episode's own
// system text as BFCL places it.
#ifndef TOOLSHIFT_DIALECTS_PYTHONIC_DIALECT_H_
#define TOOLSHIFT_DIALECTS_PYTHONIC_DIALECT_H_

#include "src/dialects/dialect.h"

namespace toolshift {

class PythonicDialect : public Dialect {
 public:
  using Dialect::Dialect;
  std::string_view name() const override { return "pythonic"; }
  std::string Render(const std::vector<Tool>& tools) const override;
  std::string SystemText(const std::string* existing, const std::vector<Tool>& tools) const override;
  Message Write(const std::vector<ToolCall>& calls) const override;
  // Malformed: a reply that starts like a call list but does not read as one (unbalanced
  // brackets, positional arguments, bad literals), or a keyword call embedded in prose.
  ParseResult Parse(const Message& reply, const std::vector<Tool>& tools) const override;
};

}  // namespace toolshift

#endif  // TOOLSHIFT_DIALECTS_PYTHONIC_DIALECT_H_
