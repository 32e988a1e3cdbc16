// BFCL v4's format-sensitivity study as toolshift suites.
//
// BFCL_v4_format_sensitivity.json lists, per category, the ids of records BFCL re-asks under each
// of its 26 prompt configurations (src/core/bfcl_prompt_config.h). The import reads those records
// from the category files beside it (BFCL_v4_<category>.json, possible_answer/BFCL_v4_<category>.json)
// into one in-distribution suite asked in BFCL's default configuration (dialect `bfcl`), each tool
// description carrying BFCL's " Note that the provided function is in Python 3 syntax." as BFCL's
// prompts do. The other 25 configurations are its format shifts (`bfcl-prompt:<config>`), so a
// run pairs every configuration with the default, record by record.
#ifndef TOOLSHIFT_INTEROP_BFCL_FORMAT_SENSITIVITY_H_
#define TOOLSHIFT_INTEROP_BFCL_FORMAT_SENSITIVITY_H_

#include <string>
#include <vector>

#include "src/core/suite.h"

namespace toolshift {

struct BfclFormatSensitivityResult {
  Suite base;                         // the listed records, BFCL's default configuration
  std::vector<std::string> skipped;   // one located message per listed id not imported
  size_t listed_ids = 0;
};

// True if `path` holds one JSON object mapping categories to lists of ids (BFCL's
// format_sensitivity file) rather than JSON Lines records.
bool IsBfclIdListFile(const std::string& path);

// Builds the base suite from the id list at `path`. Throws InputError when the file or a category
// file it needs cannot be read, or (with `strict`) on the first id that cannot be imported.
BfclFormatSensitivityResult ImportBfclFormatSensitivity(const std::string& path, const std::string& name, bool strict);

}  // namespace toolshift

#endif  // TOOLSHIFT_INTEROP_BFCL_FORMAT_SENSITIVITY_H_
