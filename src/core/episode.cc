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

std::string_view PromptVariantDialect(std::string_view prompt) {
  if (prompt == "qwen2.5") return "hermes";
  if (prompt == "bfcl") return "pythonic";
  return "";
}

std::string PromptVariantFor(const std::string& prompt, const std::string& dialect) {
  if (prompt.empty() || PromptVariantDialect(prompt) == dialect) return prompt;
  if (dialect == "hermes") return "qwen2.5";
  if (dialect == "pythonic") return "bfcl";
  return "";
}

}  // namespace toolshift
