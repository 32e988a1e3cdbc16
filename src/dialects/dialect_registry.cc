// The registry of built-in dialects behind FindDialect().
#include "src/dialects/bfcl_prompt_dialect.h"
#include "src/dialects/dialect.h"
#include "src/dialects/hermes_dialect.h"
#include "src/dialects/json_dialect.h"
#include "src/dialects/native_dialect.h"
#include "src/dialects/pythonic_dialect.h"
#include "src/dialects/react_dialect.h"
#include "src/dialects/schema_render.h"
#include "src/dialects/xml_dialect.h"

namespace toolshift {

std::string_view StatusName(ParseResult::Status status) {
  switch (status) {
    case ParseResult::Status::kNoCall: return "no_call";
    case ParseResult::Status::kCalls: return "calls";
    case ParseResult::Status::kMalformed: return "malformed";
  }
  return "no_call";
}

std::string Dialect::ToolList(const std::vector<Tool>& tools) const {
  return RenderToolList(tools, presentation_.schema);
}

std::string Dialect::SystemText(const std::string* existing, const std::vector<Tool>& tools) const {
  const std::string rendered = Render(tools);
  if (!existing) return rendered;
  if (rendered.empty()) return *existing;
  return existing->empty() ? rendered : *existing + "\n\n" + rendered;
}

std::unique_ptr<Dialect> MakeDialect(std::string_view name, const Presentation& p) {
  if (name == "hermes") return std::make_unique<HermesDialect>(p);
  if (name == "pythonic") return std::make_unique<PythonicDialect>(p);
  if (name == "json") return std::make_unique<JsonDialect>(p);
  if (name == "xml") return std::make_unique<XmlDialect>(p);
  if (name == "react") return std::make_unique<ReactDialect>(p);
  if (name == "native") return std::make_unique<NativeDialect>(p);
  if (name == "bfcl") return std::make_unique<BfclPromptDialect>(p);
  return nullptr;
}

const Dialect* FindDialect(std::string_view name) {
  // Dialects hold no mutable state, so shared immutable instances are safe across threads.
  static const HermesDialect kHermes;
  static const PythonicDialect kPythonic;
  static const JsonDialect kJson;
  static const XmlDialect kXml;
  static const ReactDialect kReact;
  static const NativeDialect kNative;
  static const BfclPromptDialect kBfcl;
  static const Dialect* const kAll[] = {&kHermes, &kPythonic, &kJson, &kXml, &kReact, &kNative, &kBfcl};
  for (const Dialect* d : kAll) {
    if (d->name() == name) return d;
  }
  return nullptr;
}

}  // namespace toolshift
