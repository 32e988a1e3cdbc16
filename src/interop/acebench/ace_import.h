// ACEBench import: one ACEBench data file (`data_<category>.json`, JSON Lines) and its
// possible-answer twin become a toolshift suite played and judged by the ACEBench pack
// (ace_pack.h).
//
// Per record: the function list becomes the episode's tools (a function given with
// "arguments" instead of "parameters" keeps them as its parameters); the episode opens with
// ACEBench's instructions (ace_prompts.h) and the conversation so far; the oracle's plan is the
// ground truth's first candidate (GT keys without their "_<n>" suffix) or, for the special
// categories, the sentence ACEBench's checker looks for; everything the checker needs is kept
// verbatim in multi_step.pack_data. Every record is then judged once with its oracle reply: a
// record that fails (ACEBench's checker cannot pass its own ground truth) is imported as it is,
// marked `unpassable` with the reason, and counted.
#ifndef TOOLSHIFT_INTEROP_ACEBENCH_ACE_IMPORT_H_
#define TOOLSHIFT_INTEROP_ACEBENCH_ACE_IMPORT_H_

#include <string>
#include <vector>

#include "src/core/suite.h"

namespace toolshift::acebench {

struct AceImportOptions {
  std::string questions;             // data_<category>.json
  std::string answers;               // possible_answer/data_<category>.json; empty = beside the questions
  std::string name;                  // suite name; empty = "acebench-<lang>-<category>"
  std::string dialect = "pythonic";  // ACEBench's python-list; "hermes" for its <tool_call> (Qwen) mode
  std::string language;              // "en" | "zh"; empty = from the path (data_zh/ -> zh), else en
};

struct AceImportResult {
  Suite suite;
  std::string category;
  size_t unused_answers = 0;
  std::vector<std::string> unpassable;  // "id: why" per record no reply can pass
};

// True when the first record of `questions` has an ACEBench id (normal_, special_, agent_).
bool IsAceBenchFile(const std::string& questions);

// Reads the files and builds the suite; throws InputError naming file, line, id and field.
AceImportResult ImportAceBench(const AceImportOptions& options);

}  // namespace toolshift::acebench

#endif  // TOOLSHIFT_INTEROP_ACEBENCH_ACE_IMPORT_H_
