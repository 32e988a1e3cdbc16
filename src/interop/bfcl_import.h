// BFCL import: converts Berkeley Function Calling Leaderboard single-turn records into a
// native toolshift suite that is scored with BFCL's rules (ScoringRules::kBfcl).
//
// BFCL ships questions and possible answers as two JSON Lines files (".json" suffix):
//   question: {"id", "question": [[{role, content}...]], "function": [tool...]}
//   answer:   {"id", "ground_truth": [{function_name: {param: [acceptable values]}}]}
// Ids, parameter schemas (BFCL's "dict", "float", "tuple", "any" types) and acceptable
// values are kept as they are; the suite's dialect is `pythonic`, BFCL's prompt format.
//
// Every record BFCL scores is imported and gets the verdict BFCL gives, including records no
// answer can pass (an answer naming a parameter the schema does not declare, a required
// parameter with no acceptable value). A record that truly cannot be read is reported on its
// own ("file:line: id 'x': field: why"), counted in the suite's manifest and in reports, and
// never stops the rest of the file — unless `strict` is set.
#ifndef TOOLSHIFT_INTEROP_BFCL_IMPORT_H_
#define TOOLSHIFT_INTEROP_BFCL_IMPORT_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "src/core/episode.h"
#include "src/core/suite.h"

namespace toolshift {

struct BfclImportOptions {
  std::string questions;  // path of the question file
  std::string answers;    // path of the possible-answer file; may be empty for irrelevance
  std::string category;   // BFCL category for every record; empty = read from each id
  std::string name;       // suite name; empty = "bfcl-<category>" of the first record
  bool strict = false;    // the first unreadable record is an error (InputError), not skipped
};

struct BfclImportResult {
  Suite suite;
  size_t unused_answers = 0;          // answer records whose id is not among the questions
  std::vector<std::string> skipped;   // one located message per record not imported
};

// The BFCL category an id names ("live_multiple_3-1-0" -> "live_multiple"), or "".
std::string BfclCategoryOfId(std::string_view id);

// toolshift's task shape for a supported BFCL category; nullopt for categories this
// importer does not handle (multi-turn, memory, web search, ...).
std::optional<Category> CategoryForBfcl(std::string_view bfcl_category);

// Why `bfcl_category` is not imported ("" when it is, or when it is not a BFCL category at all).
std::string UnsupportedBfclCategoryReason(std::string_view bfcl_category);

// Reads both files and builds the suite. Throws InputError (naming the file, line, record id
// and field) when no record can be imported, when a file cannot be read at all, or — with
// `strict` — on the first record that cannot be imported.
BfclImportResult ImportBfcl(const BfclImportOptions& options);

}  // namespace toolshift

#endif  // TOOLSHIFT_INTEROP_BFCL_IMPORT_H_
