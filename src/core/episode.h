// Episode: one task — the tools offered, the conversation, and what a correct answer looks
// like.
//
// A single-step episode's expectation follows BFCL's possible-answer shape: a list of calls,
// each with, per parameter, the list of acceptable values ("" in that list means the
// parameter may be omitted). An empty list means no call is the right answer (irrelevance).
// A multi-step episode (category multi_step or multi_turn) has no such list: it is played
// against a simulated environment and judged by its MultiStepTask (src/core/multi_step.h).
#ifndef TOOLSHIFT_CORE_EPISODE_H_
#define TOOLSHIFT_CORE_EPISODE_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "src/core/json.h"

#include "src/core/message.h"
#include "src/core/multi_step.h"
#include "src/core/tool.h"
#include "src/core/tool_list.h"

namespace toolshift {

// BFCL's single-turn task shapes, then multi-step ones: several model steps against an
// environment for one user request (multi_step) or for scripted follow-ups (multi_turn).
// kRelevance (BFCL's live_relevance) is the opposite of kIrrelevance: some call is right, and
// any call that decodes counts — the record has no answer to match it against.
enum class Category { kSimple, kMultiple, kParallel, kParallelMultiple, kIrrelevance, kMultiStep, kMultiTurn, kRelevance };

std::string_view CategoryName(Category category);
std::optional<Category> ParseCategory(std::string_view name);

struct ExpectedCall {
  std::string name;
  // Object: parameter name -> array of acceptable values. A nested object parameter's
  // acceptable value is itself an object of key -> array of acceptable values (BFCL).
  Json args = Json::object();
};

// How an episode is shown, beyond its dialect: format shifts that change presentation
// rather than the task set these. Defaults reproduce the dialect's standard rendering.
struct Presentation {
  std::string schema = "json";  // tool schemas as: json | typescript | xml | prose
  std::string call_open;        // hermes call tags; empty = "<tool_call>" / "</tool_call>"
  std::string call_close;
  // The system prompt as a model's own source writes it, instead of toolshift's dialect prompt:
  // "qwen2.5" (hermes: Qwen2.5's chat template) or "bfcl" (pythonic: BFCL's default system
  // prompt); empty = toolshift's. See PromptVariantFor.
  std::string prompt;

  // dialect bfcl: BFCL's prompt configuration (src/core/bfcl_prompt_config.h); empty = BFCL's default.
  std::string bfcl_prompt;

  bool IsDefault() const {
    return schema == "json" && call_open.empty() && call_close.empty() && prompt.empty() && bfcl_prompt.empty();
  }
  bool operator==(const Presentation&) const = default;
};

inline constexpr std::string_view kSchemaStyles[] = {"json", "typescript", "xml", "prose"};

// The prompt variants and the dialect each is written for.
inline constexpr std::string_view kPromptVariants[] = {"qwen2.5", "bfcl"};
// The dialect `prompt` belongs to ("hermes", "pythonic"), or empty for an unknown name.
std::string_view PromptVariantDialect(std::string_view prompt);
// The variant to keep when an episode asking `prompt` is moved to `dialect` (a dialect shift,
// --dialect): the two variants are each format's reference prompt, so a qwen2.5 episode moved
// to pythonic asks with BFCL's prompt and back; other dialects have none (empty).
std::string PromptVariantFor(const std::string& prompt, const std::string& dialect);

// Which scoring rules apply (docs/scoring.md). kBfcl reproduces BFCL's checker to the letter,
// quirks included, for imported BFCL suites; kToolshift fixes the quirks that contradict JSON
// Schema (an integer is a valid "number" at any depth).
// kBfclJava / kBfclJavaScript are BFCL's rules for its simple_java / simple_javascript
// categories: every argument is a string of Java / JavaScript source, converted by the
// schema's type with BFCL's converters before the same checks (src/scoring/bfcl_type_conversion.h).
enum class ScoringRules { kToolshift, kBfcl, kBfclJava, kBfclJavaScript };

// True for every flavour of BFCL's rules (the decoder, irrelevance rule and checker quirks).
inline bool IsBfcl(ScoringRules r) { return r != ScoringRules::kToolshift; }

struct Episode {
  std::string id;
  std::string domain;
  Category category = Category::kSimple;
  std::string dialect;               // the call syntax the model is asked to use
  ToolList tools;                    // shared with the episodes offering the same (tool_list.h)
  std::vector<Message> messages;     // system/user turns given to the model
  std::vector<ExpectedCall> expected;  // empty: no call expected
  std::string base_id;               // shifted episodes: the in-distribution twin's id
  std::string shift;                 // shifted episodes: the shift kind applied
  Presentation presentation;
  ScoringRules scoring = ScoringRules::kToolshift;
  std::optional<MultiStepTask> multi;  // set for multi-step episodes

  bool IsMultiStep() const { return multi.has_value(); }
  bool ExpectsNoCall() const { return !multi && expected.empty() && category != Category::kRelevance; }
  // Any decoded call is right (Category::kRelevance).
  bool ExpectsAnyCall() const { return category == Category::kRelevance; }
};

}  // namespace toolshift

#endif  // TOOLSHIFT_CORE_EPISODE_H_
