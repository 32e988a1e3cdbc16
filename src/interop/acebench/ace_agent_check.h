// ACEBench's checks of an agent episode (SPEC.md sections 6.4 and 6.5), on the episode's end
// state and process as ACEBench records them — independent of how the scenes are run:
//
//   end to end  `result` (a list of {ClassName: {saved attributes}}, as read back from JSON) must
//               have as many entries as the ground truth; each GT entry is compared with the first
//               result entry of its class — every saved attribute must be in the GT entry; a dict
//               attribute must hold every GT key with a Python-equal value (extra keys, such as an
//               extra message, go unnoticed); other attributes must be Python-equal whole. A GT
//               entry whose class no result entry has (a misspelt class name in the GT) is skipped
//               and passes.
//   process     the milestones (expected agent messages; or a list of alternative lists, the best
//               counting) found in order in the process (agent messages that reached the executor),
//               by exact text after trimming surrounding whitespace; a milestone that is not found
//               consumes the rest of the process. 1.0 when the end state is correct.
#ifndef TOOLSHIFT_INTEROP_ACEBENCH_ACE_AGENT_CHECK_H_
#define TOOLSHIFT_INTEROP_ACEBENCH_ACE_AGENT_CHECK_H_

#include <string>
#include <vector>

#include "src/core/json.h"
#include "src/interop/acebench/ace_checker.h"

namespace toolshift::acebench {

// The end-to-end check; error types "wrong number of class" and "class attributes wrong".
AceVerdict CheckEndState(const Json& result, const Json& ground_truth);

// The process accuracy of one record, rounded to 3 decimals (without the end-to-end shortcut).
double ProcessAccuracy(const std::vector<std::string>& process, const Json& mile_stone);

}  // namespace toolshift::acebench

#endif  // TOOLSHIFT_INTEROP_ACEBENCH_ACE_AGENT_CHECK_H_
