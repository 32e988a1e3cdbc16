// Import of BFCL v4's multi-turn categories (base, miss_func, miss_param, long_context) as
// toolshift multi-step suites played and judged by the BFCL pack (mt_pack.h).
//
// Per record, with BFCL's own preprocessing: the functions are the docs of the involved classes
// (multi_turn_func_doc/<class file>.json, in involved_classes order) without excluded_function,
// each description followed by BFCL's language hint; miss_func's held-out functions are offered
// from their turn on; the first turn's messages open the episode, each later turn is a follow-up
// user turn; the ground truth (Python call strings, some with positional arguments) becomes the
// oracle's plan, one step per turn, with arguments named after the function doc; everything the
// checker needs is kept verbatim in multi_step.pack_data (mt_entry.h).
#ifndef TOOLSHIFT_INTEROP_BFCL_MULTI_TURN_MT_IMPORT_H_
#define TOOLSHIFT_INTEROP_BFCL_MULTI_TURN_MT_IMPORT_H_

#include <string>
#include <string_view>
#include <vector>

#include "src/core/suite.h"

namespace toolshift::bfcl {

// BFCL's _get_language_specific_hint for Python, appended to every description.
inline constexpr std::string_view kPythonHint = " Note that the provided function is in Python 3 syntax.";

struct MultiTurnImportOptions {
  std::string questions;  // BFCL_v4_multi_turn_<category>.json (JSON Lines)
  std::string answers;    // possible_answer/BFCL_v4_multi_turn_<category>.json
  std::string func_docs;  // folder of the per-class doc files; empty = multi_turn_func_doc/ beside the questions
  std::string name;       // suite name; empty = "bfcl-<category>"
  std::string dialect = "pythonic";  // the dialect the suite asks for
  std::string prompt;                // Presentation::prompt: "qwen2.5" (hermes), "bfcl" (pythonic), "" toolshift's
  std::string subset;                // "", or kCollapseTrain / kCollapseTest: that half only, name suffixed
};

// The split the collapse study used, the same in every category: Python's random.seed(42),
// random.shuffle(list(range(200))), the first 100 indices train, the last 100 test. An entry's
// index is the number its id ends with (multi_turn_base_17 -> 17).
inline constexpr std::string_view kCollapseTrain = "collapse-study-train";
inline constexpr std::string_view kCollapseTest = "collapse-study-test";
std::vector<size_t> CollapseStudyIndices(bool test);

struct MultiTurnImportResult {
  Suite suite;
  size_t unused_answers = 0;
};

// True when the first record of `questions` is a multi-turn entry (its id starts "multi_turn").
bool IsMultiTurnFile(const std::string& questions);

// Reads the files and builds the suite; throws InputError naming file, line, id and field.
MultiTurnImportResult ImportBfclMultiTurn(const MultiTurnImportOptions& options);

}  // namespace toolshift::bfcl

#endif  // TOOLSHIFT_INTEROP_BFCL_MULTI_TURN_MT_IMPORT_H_
