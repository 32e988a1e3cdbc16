// The registry of built-in dialects behind FindDialect().
#include "src/dialects/dialect.h"
#include "src/dialects/hermes_dialect.h"
#include "src/dialects/json_dialect.h"
#include "src/dialects/native_dialect.h"
#include "src/dialects/pythonic_dialect.h"
#include "src/dialects/react_dialect.h"
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

const Dialect* FindDialect(std::string_view name) {
  // Dialects hold no mutable state, so shared immutable instances are safe across threads.
  static const HermesDialect kHermes;
  static const PythonicDialect kPythonic;
  static const JsonDialect kJson;
  static const XmlDialect kXml;
  static const ReactDialect kReact;
  static const NativeDialect kNative;
  static const Dialect* const kAll[] = {&kHermes, &kPythonic, &kJson, &kXml, &kReact, &kNative};
  for (const Dialect* d : kAll) {
    if (d->name() == name) return d;
  }
  return nullptr;
}

}  // namespace toolshift
