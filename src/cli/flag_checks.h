// One checker for every numeric and enumerated setting a command takes, whether it comes from a
// flag or from a saved run description (RUN_DIR/run.json read by --resume): finite numbers only
// (nan and inf are refused, not silently compared false), integers without wrap-around ("-1" is not
// the largest size_t, 2^64 is not 0) and a range per setting. The rules live in one table, so a flag
// and the run.json field it is saved as can never disagree on what is valid.
#ifndef TOOLSHIFT_CLI_FLAG_CHECKS_H_
#define TOOLSHIFT_CLI_FLAG_CHECKS_H_

#include <string>
#include <string_view>

#include <CLI/CLI.hpp>

#include "src/core/json.h"

namespace toolshift {

// What one setting accepts. Integers are written in decimal digits (a leading '-' only where `min`
// is negative); reals are finite decimal numbers; choices are one of `choices` ('|'-separated).
struct SettingRule {
  enum class Type { kInteger, kReal, kChoice };
  const char* key;   // the run.json field, e.g. "request_timeout_s"
  const char* flag;  // the flag, e.g. "--request-timeout"
  Type type;
  long double min = 0;
  long double max = 0;
  const char* choices = "";
};

// The rule for `key`; throws std::logic_error for an unknown key (a programming error).
const SettingRule& RuleFor(std::string_view key);

// Why `text` breaks `rule` ("" when it does not): "is not a finite number", "must be an integer in 0..4096".
std::string RuleViolation(std::string_view text, const SettingRule& rule);

// A CLI11 check applying RuleFor(key) to the flag's text before CLI11 converts it.
CLI::Validator FlagCheck(std::string_view key);

// Why `shard` is not "I/N" with 0 <= I < N <= 1000000 ("" when it is), and a CLI11 check applying it.
std::string ShardViolation(const std::string& shard);
CLI::Validator ShardCheck();

// Checks every field of a saved run description that has a rule: it must be a JSON number (or a
// string, for choices) that the rule accepts, and the shard (ShardViolation). `text` is the file's text, used to name the line.
// Throws InputError "PATH:LINE: FIELD: VALUE must be ... (as --FLAG; was the file edited?)".
void CheckRunDescription(const Json& run, const std::string& path, const std::string& text);

}  // namespace toolshift

#endif  // TOOLSHIFT_CLI_FLAG_CHECKS_H_
