// Dialect: one tool-call syntax, in two halves.
//
//   Render: how the tools and the calling convention are shown to a text-only model
//           (appended to the system turn). Native backends get the tools out of band.
//   Parse:  how calls are read back out of the model's reply.
//
// Parse distinguishes three outcomes, because the third is the signal toolshift exists
// to measure: a model that tried to call a tool but broke the syntax (format collapse)
// is not the same as a model that chose not to call.
#ifndef TOOLSHIFT_DIALECTS_DIALECT_H_
#define TOOLSHIFT_DIALECTS_DIALECT_H_

#include <string>
#include <string_view>
#include <vector>

#include <memory>

#include "src/core/episode.h"
#include "src/core/message.h"
#include "src/core/tool.h"

namespace toolshift {

struct ParseResult {
  enum class Status { kNoCall, kCalls, kMalformed };
  Status status = Status::kNoCall;
  std::vector<ToolCall> calls;  // kCalls: at least one
  std::string error;            // kMalformed: what was wrong, for the episode log

  static ParseResult NoCall() { return {}; }
  static ParseResult Calls(std::vector<ToolCall> calls) {
    return {Status::kCalls, std::move(calls), ""};
  }
  static ParseResult Malformed(std::string error) { return {Status::kMalformed, {}, std::move(error)}; }
};

std::string_view StatusName(ParseResult::Status status);

class Dialect {
 public:
  explicit Dialect(Presentation presentation = {}) : presentation_(std::move(presentation)) {}
  virtual ~Dialect() = default;

  virtual std::string_view name() const = 0;

  // True for `native`: tools travel in the request and calls come back structured.
  virtual bool is_native() const { return false; }

  // Instructions and tool list for the system turn; empty for native dialects.
  virtual std::string Render(const std::vector<Tool>& tools) const = 0;

  // The whole system turn: `existing` is the episode's own system text (nullptr when it has
  // none). By default the rendering follows it after a blank line; a prompt variant places it as
  // its source does (Presentation::prompt). Empty: no system turn.
  virtual std::string SystemText(const std::string* existing, const std::vector<Tool>& tools) const;

  // The reply a model fluent in this dialect gives to make `calls` (text, or structured
  // tool_calls for native). With no calls, a plain-text answer that parses as no call.
  virtual Message Write(const std::vector<ToolCall>& calls) const = 0;

  // The reply a model fluent in this dialect gives to end a turn with `answer` and no call.
  virtual Message WriteAnswer(const std::string& answer) const { return Message{Role::kAssistant, answer, {}}; }

  // Reads calls out of an assistant reply. `tools` lets a dialect whose syntax carries no
  // types (xml) decode parameter values by schema; it is never used to reject calls.
  virtual ParseResult Parse(const Message& reply, const std::vector<Tool>& tools) const = 0;

  const Presentation& presentation() const { return presentation_; }

 protected:
  // The tool list in the presentation's schema style.
  std::string ToolList(const std::vector<Tool>& tools) const;

 private:
  Presentation presentation_;
};

// The dialect registered under `name` with the default presentation, or nullptr. These
// are immutable shared instances.
const Dialect* FindDialect(std::string_view name);

// A dialect with a specific presentation (schema style, hermes tag spelling); nullptr for
// an unknown name.
std::unique_ptr<Dialect> MakeDialect(std::string_view name, const Presentation& presentation);

// The plain-text answer reference policies give when no tool applies.
inline constexpr std::string_view kNoToolAnswer =
    "None of the available functions can help with this request.";

}  // namespace toolshift

#endif  // TOOLSHIFT_DIALECTS_DIALECT_H_
