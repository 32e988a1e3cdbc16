// pythonic: BFCL's prompt-mode convention. The reply is a Python list of calls with
// keyword arguments, `[get_weather(city="Paris"), get_time(tz="CET")]`, and nothing else.
// As BFCL's decoder does, a single bare call without brackets is accepted too.
#ifndef TOOLSHIFT_DIALECTS_PYTHONIC_DIALECT_H_
#define TOOLSHIFT_DIALECTS_PYTHONIC_DIALECT_H_

#include "src/dialects/dialect.h"

namespace toolshift {

class PythonicDialect : public Dialect {
 public:
  using Dialect::Dialect;
  std::string_view name() const override { return "pythonic"; }
  std::string Render(const std::vector<Tool>& tools) const override;
  Message Write(const std::vector<ToolCall>& calls) const override;
  // Malformed: a reply that starts like a call list but does not read as one (unbalanced
  // brackets, positional arguments, bad literals), or a keyword call embedded in prose.
  ParseResult Parse(const Message& reply, const std::vector<Tool>& tools) const override;
};

}  // namespace toolshift

#endif  // TOOLSHIFT_DIALECTS_PYTHONIC_DIALECT_H_
