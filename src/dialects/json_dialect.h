// json: the reply is a bare JSON object {"name", "arguments"}, or a JSON list of them for
// several calls — nothing else (one surrounding Markdown code fence is tolerated).
#ifndef TOOLSHIFT_DIALECTS_JSON_DIALECT_H_
#define TOOLSHIFT_DIALECTS_JSON_DIALECT_H_

#include "src/dialects/dialect.h"

namespace toolshift {

class JsonDialect : public Dialect {
 public:
  using Dialect::Dialect;
  std::string_view name() const override { return "json"; }
  std::string Render(const std::vector<Tool>& tools) const override;
  Message Write(const std::vector<ToolCall>& calls) const override;
  // Malformed: a reply that starts as JSON but does not parse or is not a call (list),
  // or a {"name": ...} object embedded in other text (e.g. wrapped in another dialect's tags).
  ParseResult Parse(const Message& reply, const std::vector<Tool>& tools) const override;
};

}  // namespace toolshift

#endif  // TOOLSHIFT_DIALECTS_JSON_DIALECT_H_
