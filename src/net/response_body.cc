#include "src/net/response_body.h"

#include <cctype>

namespace toolshift {

bool BodySink::Append(std::string_view data) {
  if (over_limit_ || data.size() > limit_ - body_.size()) {
    over_limit_ = true;
    return false;
  }
  body_.append(data);
  return true;
}

bool BodySink::CheckRaw(size_t raw_bytes) {
  if (raw_bytes > limit_) over_limit_ = true;
  return !over_limit_;
}

std::string OverLimitError(size_t limit) {
  return "response body over " + std::to_string(limit) + " bytes (--max-response-bytes); not read further";
}

std::optional<std::string_view> HeaderValue(std::string_view line, std::string_view lower_name) {
  if (line.size() <= lower_name.size() || line[lower_name.size()] != ':') return std::nullopt;
  for (size_t i = 0; i < lower_name.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(line[i])) != lower_name[i]) return std::nullopt;
  }
  std::string_view v = line.substr(lower_name.size() + 1);
  while (!v.empty() && (v.front() == ' ' || v.front() == '\t')) v.remove_prefix(1);
  while (!v.empty() && (v.back() == '\r' || v.back() == '\n' || v.back() == ' ' || v.back() == '\t')) v.remove_suffix(1);
  return v;
}

}  // namespace toolshift
