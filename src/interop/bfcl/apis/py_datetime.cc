#include "src/interop/bfcl/apis/py_datetime.h"

#include <cctype>
#include <cstdio>
#include <functional>
#include <optional>
#include <vector>

namespace toolshift::bfcl {
namespace {

// One element of a format: a directive letter, a literal character, or a whitespace run.
struct Token {
  enum Kind { kDirective, kLiteral, kSpace } kind;
  char c;
};

// The alternatives of CPython's _strptime regular expression for each directive, in the
// order the regex tries them ('d' for a digit).
const std::vector<std::string>& Alternatives(char directive) {
  static const std::vector<std::string> kYear = {"dddd"};
  static const std::vector<std::string> kMonth = {"1[0-2]", "0[1-9]", "[1-9]"};
  static const std::vector<std::string> kDay = {"3[01]", "[12]d", "0[1-9]", "[1-9]", " [1-9]"};
  static const std::vector<std::string> kHour24 = {"2[0-3]", "[0-1]d", "d"};
  static const std::vector<std::string> kMinute = {"[0-5]d", "d"};
  static const std::vector<std::string> kSecond = {"6[0-1]", "[0-5]d", "d"};
  static const std::vector<std::string> kAmPm = {"am", "pm"};
  switch (directive) {
    case 'Y': return kYear;
    case 'm': case 'I': return kMonth;  // %I has %m's pattern
    case 'd': return kDay;
    case 'H': return kHour24;
    case 'M': return kMinute;
    case 'S': return kSecond;
    case 'p': return kAmPm;
  }
  static const std::vector<std::string> kNone;
  return kNone;
}

// Matches one alternative (a tiny pattern: 'd' = digit, "[xy]" = class, else literal,
// case-insensitive) at `pos`; returns the end position or npos.
size_t MatchAlternative(std::string_view text, size_t pos, const std::string& pattern) {
  for (size_t i = 0; i < pattern.size(); ++pos) {
    if (pos >= text.size()) return std::string_view::npos;
    char c = text[pos];
    if (pattern[i] == 'd') {
      if (!std::isdigit(static_cast<unsigned char>(c))) return std::string_view::npos;
      ++i;
    } else if (pattern[i] == '[') {
      size_t close = pattern.find(']', i);
      bool ok = false;
      for (size_t j = i + 1; j < close; ++j) {
        if (j + 2 < close && pattern[j + 1] == '-') {
          ok = ok || (c >= pattern[j] && c <= pattern[j + 2]);
          j += 2;
        } else {
          ok = ok || c == pattern[j];
        }
      }
      if (!ok) return std::string_view::npos;
      i = close + 1;
    } else {
      if (std::tolower(static_cast<unsigned char>(c)) != std::tolower(static_cast<unsigned char>(pattern[i])))
        return std::string_view::npos;
      ++i;
    }
  }
  return pos;
}

bool IsSpace(char c) { return c == ' ' || (c >= '\t' && c <= '\r'); }

struct Match {
  size_t end = 0;
  std::vector<std::pair<char, std::string>> fields;
};

// Backtracking match of tokens[t..] at `pos`, trying alternatives in regex order (the first
// overall success wins, as re.match's does).
bool MatchFrom(std::string_view text, const std::vector<Token>& tokens, size_t t, size_t pos, Match& m) {
  if (t == tokens.size()) {
    m.end = pos;
    return true;
  }
  const Token& tok = tokens[t];
  if (tok.kind == Token::kLiteral) {
    if (pos < text.size() &&
        std::tolower(static_cast<unsigned char>(text[pos])) == std::tolower(static_cast<unsigned char>(tok.c)))
      return MatchFrom(text, tokens, t + 1, pos + 1, m);
    return false;
  }
  if (tok.kind == Token::kSpace) {
    size_t end = pos;
    while (end < text.size() && IsSpace(text[end])) ++end;
    for (size_t e = end; e > pos; --e)  // \s+ is greedy, then gives back
      if (MatchFrom(text, tokens, t + 1, e, m)) return true;
    return false;
  }
  for (const std::string& alt : Alternatives(tok.c)) {
    size_t end = MatchAlternative(text, pos, alt);
    if (end == std::string_view::npos) continue;
    m.fields.emplace_back(tok.c, std::string(text.substr(pos, end - pos)));
    if (MatchFrom(text, tokens, t + 1, end, m)) return true;
    m.fields.pop_back();
  }
  return false;
}

bool IsLeap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int DaysInMonth(int y, int m) {
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && IsLeap(y) ? 29 : kDays[m - 1];
}

// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil).
int64_t DaysFromCivil(int64_t y, int m, int d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const int64_t yoe = y - era * 400;
  const int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

void CivilFromDays(int64_t z, int& y, int& m, int& d) {
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const int64_t doe = z - era * 146097;
  const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int64_t mp = (5 * doy + 2) / 153;
  d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  y = static_cast<int>(yoe + era * 400 + (m <= 2));
}

}  // namespace

PyDateTime PyDateTimeMin() { return PyDateTime{}; }
PyDateTime PyDateTimeMax() { return PyDateTime{9999, 12, 31, 23, 59, 59, 999999}; }

PyDateTime PyStrptime(const PyValue& value, std::string_view format) {
  if (!value.is_str())
    throw PyException("TypeError", "strptime() argument 1 must be str, not " + value.TypeName());
  const std::string& text = value.as_str();
  std::vector<Token> tokens;
  for (size_t i = 0; i < format.size(); ++i) {
    char c = format[i];
    if (c == '%' && i + 1 < format.size()) {
      char d = format[++i];
      if (d == '%') tokens.push_back({Token::kLiteral, '%'});
      else tokens.push_back({Token::kDirective, d});
    } else if (IsSpace(c)) {
      while (i + 1 < format.size() && IsSpace(format[i + 1])) ++i;
      tokens.push_back({Token::kSpace, ' '});
    } else {
      tokens.push_back({Token::kLiteral, c});
    }
  }
  Match m;
  if (!MatchFrom(text, tokens, 0, 0, m))
    throw PyException("ValueError", "time data " + PyRepr(value) + " does not match format " +
                                        PyRepr(PyValue::Str(std::string(format))));
  if (m.end != text.size())
    throw PyException("ValueError", "unconverted data remains: " + text.substr(m.end));

  PyDateTime dt{1900, 1, 1, 0, 0, 0, 0};
  int hour12 = -1;
  std::optional<bool> pm;
  for (const auto& directive_field : m.fields) {
    // Not a structured binding: clang 14 (the sanitizer build) cannot capture one in a lambda.
    const char directive = directive_field.first;
    const auto& field = directive_field.second;
    auto num = [&] { return std::stoi(field); };
    switch (directive) {
      case 'Y': dt.year = num(); break;
      case 'm': dt.month = num(); break;
      case 'd': dt.day = num(); break;
      case 'H': dt.hour = num(); break;
      case 'I': hour12 = num(); break;
      case 'M': dt.minute = num(); break;
      case 'S': dt.second = num(); break;
      case 'p': pm = std::tolower(static_cast<unsigned char>(field[0])) == 'p'; break;
    }
  }
  if (hour12 >= 0) {  // %I: 12 AM is 0, 12 PM is 12; without %p it is AM
    bool is_pm = pm.value_or(false);
    dt.hour = hour12 == 12 ? (is_pm ? 12 : 0) : (is_pm ? hour12 + 12 : hour12);
  }
  if (dt.year < 1) throw PyException("ValueError", "year " + std::to_string(dt.year) + " is out of range");
  if (dt.day > DaysInMonth(dt.year, dt.month)) throw PyException("ValueError", "day is out of range for month");
  if (dt.second > 59) throw PyException("ValueError", "second must be in 0..59");
  return dt;
}

PyDateTime AddSeconds(const PyDateTime& dt, int64_t seconds) {
  int64_t total = DaysFromCivil(dt.year, dt.month, dt.day) * 86400 + dt.hour * 3600 + dt.minute * 60 + dt.second +
                  seconds;
  int64_t days = total >= 0 ? total / 86400 : -((-total + 86399) / 86400);
  int64_t rest = total - days * 86400;
  PyDateTime out = dt;
  CivilFromDays(days, out.year, out.month, out.day);
  out.hour = static_cast<int>(rest / 3600);
  out.minute = static_cast<int>(rest / 60 % 60);
  out.second = static_cast<int>(rest % 60);
  return out;
}

std::string FormatYmdHms(const PyDateTime& dt) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d %02d:%02d:%02d", dt.year, dt.month, dt.day, dt.hour, dt.minute,
                dt.second);
  return buf;
}

}  // namespace toolshift::bfcl
