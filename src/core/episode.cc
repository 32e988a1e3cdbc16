#include "src/core/episode.h"

#include <array>
#include <utility>

namespace toolshift {
namespace {
constexpr std::array<std::pair<Category, std::string_view>, 8> kCategoryNames = {{
    {Category::kSimple, "simple"},
    {Category::kMultiple, "multiple"},
    {Category::kParallel, "parallel"},
    {Category::kParallelMultiple, "parallel_multiple"},
    {Category::kIrrelevance, "irrelevance"},
    {Category::kMultiStep, "multi_step"},
    {Category::kMultiTurn, "multi_turn"},
    {Category::kRelevance, "relevance"},
}};
}  // namespace

std::string_view CategoryName(Category category) {
  for (const auto& [c, name] : kCategoryNames) {
    if (c == category) return name;
  }
  return "simple";
}

std::optional<Category> ParseCategory(std::string_view name) {
  for (const auto& [c, n] : kCategoryNames) {
    if (n == name) return c;
  }
  return std::nullopt;
}

}  // namespace toolshift
