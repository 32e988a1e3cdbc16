// BfclEntry: what BFCL's multi-turn checker knows about one test entry, read back from an
// imported toolshift episode (MultiStepTask::pack == "bfcl", its pack_data and initial_state).
//
// pack_data (written by the importer, mt_import.h):
//   {"id": "multi_turn_base_0", "category": "multi_turn_base",
//    "involved_classes": ["TwitterAPI", "GorillaFileSystem"],
//    "ground_truth": [["cd(folder='document')", ...], ...],   one list of call strings per turn
//    "missed_function": {"3": ["sort"]},                        miss_func only: held out until that turn
//    "excluded_function": ["cp"],                                never offered (BFCL's list)
//    "responses": {"sort": {...}}}                               the "response" schema of each held-out
//                                                                function's doc (miss_func only)
// initial_state is BFCL's initial_config ({ClassName: state}).
#ifndef TOOLSHIFT_INTEROP_BFCL_MULTI_TURN_MT_ENTRY_H_
#define TOOLSHIFT_INTEROP_BFCL_MULTI_TURN_MT_ENTRY_H_

#include <map>
#include <string>
#include <vector>

#include "src/core/episode.h"

namespace toolshift::bfcl {

inline constexpr std::string_view kPackName = "bfcl";

struct BfclEntry {
  std::string id;        // BFCL's id (a shifted twin keeps it)
  std::string category;  // "multi_turn_base" ...
  std::vector<std::string> involved_classes;
  const Json* initial_config = nullptr;  // the episode's initial_state
  std::vector<std::vector<std::string>> ground_truth;
  std::map<int, std::vector<std::string>> missed_function;  // turn -> held-out function names
  std::vector<std::string> excluded_function;
  const Json* responses = nullptr;  // function name -> BFCL doc "response"; may be null

  // BFCL runs the long-context variants of the classes for these categories.
  bool long_context() const;
};

// Reads `episode`'s pack data; throws FieldError ("multi_step.pack_data.<field>") when it is
// unusable. The entry points into `episode`, which must outlive it.
BfclEntry ReadEntry(const Episode& episode);

}  // namespace toolshift::bfcl

#endif  // TOOLSHIFT_INTEROP_BFCL_MULTI_TURN_MT_ENTRY_H_
