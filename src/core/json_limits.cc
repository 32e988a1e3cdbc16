#include "src/core/json_limits.h"

#include <utility>
#include <vector>

namespace toolshift {
namespace {

// Drops containers opened past `max_depth`; nlohmann removes a dropped value from its parent.
Json::parser_callback_t DepthFilter(size_t max_depth, bool* too_deep) {
  return [max_depth, too_deep](int depth, Json::parse_event_t event, Json&) {
    if ((event == Json::parse_event_t::object_start || event == Json::parse_event_t::array_start) &&
        static_cast<size_t>(depth) >= max_depth) {
      *too_deep = true;
      return false;
    }
    return true;
  };
}

}  // namespace

std::string TooDeepText(size_t max_depth) { return "deeper than " + std::to_string(max_depth) + " levels"; }

bool JsonTextNestsDeeper(std::string_view text, size_t max_depth) {
  size_t depth = 0;
  bool in_string = false;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_string) {
      if (c == '\\') ++i;
      else if (c == '"') in_string = false;
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      if (++depth > max_depth) return true;
    } else if ((c == ']' || c == '}') && depth > 0) {
      --depth;
    }
  }
  return false;
}

bool JsonNestsDeeper(const Json& value, size_t max_depth) {
  if (!value.is_structured()) return false;
  // (container, its level): a stack of pointers, never recursion.
  std::vector<std::pair<const Json*, size_t>> todo{{&value, 1}};
  while (!todo.empty()) {
    const auto [j, level] = todo.back();
    todo.pop_back();
    if (level > max_depth) return true;
    for (const auto& child : *j) {
      if (child.is_structured()) todo.emplace_back(&child, level + 1);
    }
  }
  return false;
}

Json TooDeepPlaceholder(size_t max_depth) {
  Json j = Json::array();
  for (size_t i = 0; i < max_depth; ++i) j = Json::array({std::move(j)});
  return j;
}

Json ParseJsonBounded(std::string_view text, bool* too_deep, size_t max_depth) {
  *too_deep = false;
  if (!JsonTextNestsDeeper(text, max_depth)) return Json::parse(text);
  return Json::parse(text, DepthFilter(max_depth, too_deep));
}

Json TryParseJsonBounded(std::string_view text, bool* too_deep, size_t max_depth) {
  *too_deep = false;
  if (!JsonTextNestsDeeper(text, max_depth)) return Json::parse(text, nullptr, /*allow_exceptions=*/false);
  return Json::parse(text, DepthFilter(max_depth, too_deep), /*allow_exceptions=*/false);
}

}  // namespace toolshift
