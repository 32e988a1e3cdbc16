// Split: which distribution a suite samples — in-distribution, format-shifted or
// content-shifted. Reports aggregate and compare by split.
#ifndef TOOLSHIFT_CORE_SPLIT_H_
#define TOOLSHIFT_CORE_SPLIT_H_

#include <optional>
#include <string_view>

namespace toolshift {

enum class Split { kId, kFormat, kContent };

inline constexpr Split kAllSplits[] = {Split::kId, Split::kFormat, Split::kContent};

constexpr std::string_view SplitName(Split split) {
  switch (split) {
    case Split::kId: return "id";
    case Split::kFormat: return "format";
    case Split::kContent: return "content";
  }
  return "id";
}

constexpr std::optional<Split> ParseSplit(std::string_view name) {
  for (Split s : kAllSplits) {
    if (SplitName(s) == name) return s;
  }
  return std::nullopt;
}

}  // namespace toolshift

#endif  // TOOLSHIFT_CORE_SPLIT_H_
