// xml: Anthropic-style invoke blocks.
//   <function_calls>
//   <invoke name="get_weather">
//   <parameter name="city">Paris</parameter>
//   </invoke>
//   </function_calls>
// String values are written as text (XML-escaped); every other value as JSON. Reading
// decodes by the tool's schema: string parameters stay text, others are JSON-decoded
// (left as text when they are not valid JSON, for the scorer to flag as a type error).
#ifndef TOOLSHIFT_DIALECTS_XML_DIALECT_H_
#define TOOLSHIFT_DIALECTS_XML_DIALECT_H_

#include "src/dialects/dialect.h"

namespace toolshift {

class XmlDialect : public Dialect {
 public:
  using Dialect::Dialect;
  std::string_view name() const override { return "xml"; }
  std::string Render(const std::vector<Tool>& tools) const override;
  Message Write(const std::vector<ToolCall>& calls) const override;
  // Malformed: an <invoke> or <parameter> never closed, a bad tag, text other than
  // parameters inside an invoke, a parameter given twice, or stray call markup.
  ParseResult Parse(const Message& reply, const std::vector<Tool>& tools) const override;
};

// Escapes &, < and > (and " when `attribute`, for attribute values).
std::string XmlEscape(std::string_view s, bool attribute);
std::string XmlUnescape(std::string_view s);

}  // namespace toolshift

#endif  // TOOLSHIFT_DIALECTS_XML_DIALECT_H_
