#include "src/cli/flag_checks.h"

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <stdexcept>

#include "src/core/echo.h"
#include "src/core/input_error.h"

namespace toolshift {
namespace {

using Type = SettingRule::Type;
constexpr long double kU64Max = static_cast<long double>(UINT64_MAX);
constexpr long double kI64Max = static_cast<long double>(INT64_MAX);

// Every setting with a rule. Ranges are what the code below them can honour: a request timeout
// under 1 ms would round to 0 ms, which libcurl reads as "no timeout".
const SettingRule kRules[] = {
    {"jobs", "--jobs", Type::kInteger, 0, 4096},
    {"seed", "--seed", Type::kInteger, 0, kU64Max},
    {"limit", "--limit", Type::kInteger, 0, kI64Max},
    {"limit_share", "--limit (a share)", Type::kReal, 0, 0.999999999},
    {"bootstrap", "--bootstrap", Type::kInteger, 100, 1000000},
    {"concurrency", "--concurrency", Type::kInteger, 1, 4096},
    {"rpm", "--rpm", Type::kReal, 0, 1e12},
    {"tpm", "--tpm", Type::kReal, 0, 1e15},
    {"max_retries", "--max-retries", Type::kInteger, 0, 100},
    {"max_backend_errors", "--max-backend-errors", Type::kReal, 0, 1},
    {"episode_timeout_s", "--episode-timeout", Type::kReal, 0.001, 1e7},
    {"request_timeout_s", "--request-timeout", Type::kReal, 0.001, 1e7},
    {"epochs", "--epochs", Type::kInteger, 1, 100},
    {"max_output_bytes", "--max-output-bytes", Type::kInteger, 1, 1 << 30},
    {"max_calls", "--max-calls", Type::kInteger, 1, 1000000},
    {"max_response_bytes", "--max-response-bytes", Type::kInteger, 1024, 4294967296.0L},
    {"top_logprobs", "--top-logprobs", Type::kInteger, 0, 20},
    {"max_tokens", "--max-tokens", Type::kInteger, 1, 10000000},
    {"temperature", "--temperature", Type::kReal, 0, 100},
    {"exec_processes", "--exec-processes", Type::kInteger, 1, 256},
    {"alpha", "--alpha", Type::kReal, 1e-9, 0.5},
    {"tool_mode", "--tool-mode", Type::kChoice, 0, 0, "auto|native|prompt"},
    {"chat_template", "--chat-template", Type::kChoice, 0, 0, "chatml|llama3|plain"},
    {"schedule", "--schedule", Type::kChoice, 0, 0, "auto|prefix|plan"},
};

std::string RangeText(const SettingRule& r) {
  if (r.type == Type::kChoice) {
    std::string list(r.choices);
    std::replace(list.begin(), list.end(), '|', ',');
    return "{" + list + "}";
  }
  auto num = [&](long double v) {
    if (r.type == Type::kInteger) {
      if (v == kU64Max) return std::string("2^64-1");
      if (v == kI64Max) return std::string("2^63-1");
      return std::to_string(static_cast<long long>(v));
    }
    char buf[32];
    std::snprintf(buf, sizeof buf, "%Lg", v);
    return std::string(buf);
  };
  return num(r.min) + ".." + num(r.max);
}

std::string IntegerViolation(std::string_view text, const SettingRule& rule) {
  const std::string want = "must be an integer in " + RangeText(rule);
  const bool negative = !text.empty() && text[0] == '-';
  const std::string_view digits = negative ? text.substr(1) : text;
  if (digits.empty() || digits.find_first_not_of("0123456789") != std::string_view::npos) return want;
  uint64_t magnitude = 0;
  const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), magnitude);
  if (ec == std::errc::result_out_of_range) return want + " (it does not fit in 64 bits)";
  if (ec != std::errc() || end != digits.data() + digits.size()) return want;
  // long double holds every 64-bit integer exactly (x86-64's 64-bit mantissa).
  const long double value = negative ? -static_cast<long double>(magnitude) : static_cast<long double>(magnitude);
  if (value < rule.min || value > rule.max) return want;
  return "";
}

std::string RealViolation(std::string_view text, const SettingRule& rule) {
  const std::string want = "must be a finite number in " + RangeText(rule);
  const std::string s(text);
  // strtod also reads "nan", "inf" and hex floats; isfinite and the full-length check refuse the rest.
  if (s.empty() || s.find_first_not_of("0123456789+-.eE") != std::string::npos) return want;
  char* end = nullptr;
  errno = 0;
  const double v = std::strtod(s.c_str(), &end);
  if (end != s.c_str() + s.size() || !std::isfinite(v) || errno == ERANGE) return want;
  if (v < rule.min || v > rule.max) return want;
  return "";
}

std::string ChoiceViolation(std::string_view text, const SettingRule& rule) {
  std::string_view choices = rule.choices;
  for (size_t start = 0; start <= choices.size();) {
    const size_t bar = std::min(choices.find('|', start), choices.size());
    if (choices.substr(start, bar - start) == text) return "";
    start = bar + 1;
  }
  return "must be one of " + RangeText(rule);
}

// The 1-based line of `"key":` in a run description written one field per line; 0 when not found.
size_t LineOf(const std::string& text, const std::string& key) {
  const size_t at = text.find("\"" + key + "\":");
  if (at == std::string::npos) return 0;
  return 1 + static_cast<size_t>(std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(at), '\n'));
}

}  // namespace

const SettingRule& RuleFor(std::string_view key) {
  for (const auto& r : kRules) {
    if (key == r.key) return r;
  }
  throw std::logic_error("no setting rule for " + std::string(key));
}

std::string RuleViolation(std::string_view text, const SettingRule& rule) {
  switch (rule.type) {
    case Type::kInteger: return IntegerViolation(text, rule);
    case Type::kReal: return RealViolation(text, rule);
    case Type::kChoice: return ChoiceViolation(text, rule);
  }
  return "";
}

CLI::Validator FlagCheck(std::string_view key) {
  const SettingRule& rule = RuleFor(key);
  return CLI::Validator(
      [&rule](std::string& text) {
        const std::string why = RuleViolation(text, rule);
        return why.empty() ? why : Echo(text) + " " + why;
      },
      RangeText(rule), std::string("setting ") + rule.key);
}

void CheckRunDescription(const Json& run, const std::string& path, const std::string& text) {
  if (!run.is_object()) throw InputError(path + ": not a run description (expected a JSON object)");
  for (const auto& rule : kRules) {
    const auto it = run.find(rule.key);
    if (it == run.end()) continue;  // required fields are the reader's to demand
    std::string value_text;
    bool typed = false;
    if (rule.type == Type::kChoice) {
      typed = it->is_string();
      if (typed) value_text = it->get<std::string>();
    } else {
      typed = it->is_number();
      if (typed) value_text = DumpJson(*it);
    }
    std::string why = typed ? RuleViolation(value_text, rule)
                            : std::string(rule.type == Type::kChoice ? "must be a string" : "must be a number");
    if (why.empty()) continue;
    const size_t line = LineOf(text, rule.key);
    throw InputError(path + (line ? ":" + std::to_string(line) : "") + ": " + rule.key + ": " + Echo(DumpJson(*it)) +
                     " " + why + " (as " + rule.flag + "; was the file edited?)");
  }
  // The shard, checked here too so an edited one is located ("" when the run was not sharded).
  if (const auto it = run.find("shard"); it != run.end()) {
    const std::string shard = it->is_string() ? it->get<std::string>() : "?";
    if (const std::string why = shard.empty() ? "" : ShardViolation(shard); !why.empty() || !it->is_string()) {
      const size_t line = LineOf(text, "shard");
      throw InputError(path + (line ? ":" + std::to_string(line) : "") + ": shard: " + Echo(DumpJson(*it)) + " " +
                       (why.empty() ? "must be a string" : why) + " (as --shard; was the file edited?)");
    }
  }
}

std::string ShardViolation(const std::string& shard) {
  const std::string want = "must be I/N with 0 <= I < N <= 1000000";
  const size_t slash = shard.find('/');
  const SettingRule part{"shard", "--shard", Type::kInteger, 0, 1000000};
  if (slash == std::string::npos || !RuleViolation(shard.substr(0, slash), part).empty() ||
      !RuleViolation(shard.substr(slash + 1), part).empty()) {
    return want;
  }
  return std::stoul(shard.substr(0, slash)) < std::stoul(shard.substr(slash + 1)) ? "" : want;
}

CLI::Validator ShardCheck() {
  return CLI::Validator(
      [](std::string& text) {
        const std::string why = ShardViolation(text);
        return why.empty() ? why : Echo(text) + " " + why;
      },
      "I/N", "shard");
}

}  // namespace toolshift
