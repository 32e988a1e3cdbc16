// react: the ReAct convention.
//   Thought: ...
//   Action: get_weather
//   Action Input: {"city": "Paris"}
// Several calls repeat the Action / Action Input pair; no call is "Final Answer: ...".
#ifndef TOOLSHIFT_DIALECTS_REACT_DIALECT_H_
#define TOOLSHIFT_DIALECTS_REACT_DIALECT_H_

#include "src/dialects/dialect.h"

namespace toolshift {

class ReactDialect : public Dialect {
 public:
  using Dialect::Dialect;
  std::string_view name() const override { return "react"; }
  std::string Render(const std::vector<Tool>& tools) const override;
  Message Write(const std::vector<ToolCall>& calls) const override;
  Message WriteAnswer(const std::string& answer) const override {
    return Message{Role::kAssistant, "Thought: I have what I need.\nFinal Answer: " + answer, {}};
  }
  // Malformed: an Action without an Action Input, an empty or invalid action name, or an
  // Action Input that is not one complete JSON object.
  ParseResult Parse(const Message& reply, const std::vector<Tool>& tools) const override;
};

}  // namespace toolshift

#endif  // TOOLSHIFT_DIALECTS_REACT_DIALECT_H_
