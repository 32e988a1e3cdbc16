// Shift: a deterministic, seeded transform of an episode. Format shifts keep the task and
// change its form (call syntax, names, schema presentation, prompts, control tokens);
// content shifts change the task (tool sets, relevance). Whatever a shift renames or
// adds, it renames or adds in the expectation too, so a correct answer stays correct.
//
// Kinds (docs/suites.md shows each before and after):
//   dialect:<name>           the same task asked in another dialect
//   rename-params            parameter names respelled (camelCase, synonyms, prefixes)
//   rename-tools             tool names respelled (verb synonyms, camelCase, namespaces)
//   schema:<style>           tools shown as typescript, xml or prose instead of JSON Schema
//   describe-noise           descriptions paraphrased and sprinkled with typos
//   shuffle-order            tool order and property order shuffled
//   system-template          another system prompt
//   control-tokens           hermes call tags respelled (<function_call>, [TOOL_CALL], ...)
//   rotbench:slight|medium|heavy|union    RoTBench's name-noise levels
//   toolsandbox:scrambled|no-descriptions|no-types    ToolSandbox's perturbations
//   bfcl-prompt:<config>     one of BFCL's prompt configurations, named as BFCL names it
//                            ("ret_fmt=json&tool_call_tag=True&func_doc_fmt=xml&prompt_fmt=plaintext&style=classic")
//   distractors              (content) near-miss tools added beside the right ones
//   long-tool-list           (content) the tool list padded to 30+ tools
//   irrelevance              (content) the needed tools removed: no call is now right
#ifndef TOOLSHIFT_SHIFTS_SHIFT_H_
#define TOOLSHIFT_SHIFTS_SHIFT_H_

#include <memory>
#include <string>
#include <vector>

#include "src/core/bfcl_prompt_config.h"  // kBfclPromptShiftPrefix
#include "src/core/episode.h"
#include "src/core/split.h"
#include "src/core/suite.h"
#include "src/scoring/statistics.h"

namespace toolshift {

class Shift {
 public:
  virtual ~Shift() = default;
  // The kind as named on the command line and in provenance, e.g. "rotbench:heavy".
  virtual std::string kind() const = 0;
  virtual Split split() const { return Split::kFormat; }
  // False for episodes the shift cannot meaningfully change (they are left out).
  virtual bool AppliesTo(const Episode&) const { return true; }
  // Called once with the whole base suite before any Apply (for shifts that borrow tools).
  virtual void Prepare(const Suite&) {}
  // The shifted episode. Ids and provenance are set by ShiftSuite, not here.
  virtual Episode Apply(const Episode& base, SplitMix64& rng) const = 0;
};

// Builds a shift from its kind name; throws InputError naming the known kinds.
std::unique_ptr<Shift> MakeShift(const std::string& kind);

// Every kind MakeShift accepts, dialect and schema kinds spelled out.
std::vector<std::string> AllShiftKinds();

// Applies `shifts` in order to every episode of `base` they all apply to. Shifted ids are
// "<base id>~<kind>[+<kind>...]"; base_id always names the in-distribution twin (a shifted
// base passes its own base_id through). The result is named `name` and validates like a
// loaded suite; throws InputError if a shifted episode would not.
Suite ShiftSuite(const Suite& base, const std::vector<Shift*>& shifts, uint64_t seed, const std::string& name);

// A file-name-safe form of a kind: "rotbench:heavy" -> "rotbench-heavy".
std::string KindSlug(const std::string& kind);

}  // namespace toolshift

#endif  // TOOLSHIFT_SHIFTS_SHIFT_H_
