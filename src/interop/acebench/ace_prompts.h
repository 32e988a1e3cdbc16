// The system and user texts an imported ACEBench record opens with (SPEC.md section 2), in
// toolshift's own words. What ACEBench's prompts carry is kept — the task (the next API
// request(s) after conversation history 1..t), the optional-parameter and original-wording rules,
// the record's time sentence or user profile, the role legend and, for the special categories,
// the three fixed reply sentences the checker looks for — but not the call format or the tool
// list: the episode's dialect renders those (python-list for `pythonic`, `<tool_call>` for
// `hermes`, any other after a format shift), so one record can be asked in every format.
#ifndef TOOLSHIFT_INTEROP_ACEBENCH_ACE_PROMPTS_H_
#define TOOLSHIFT_INTEROP_ACEBENCH_ACE_PROMPTS_H_

#include <string>
#include <string_view>

namespace toolshift::acebench {

// ACEBench's three fixed replies of the special categories (they stay English in Chinese records).
inline constexpr std::string_view kIncorrectValueReply =
    "There is incorrect value (value) for the parameters (key) in the conversation history.";
inline constexpr std::string_view kMissingParametersReply = "Missing necessary parameters (key1, key2, ...) for the api (ApiName)";
inline constexpr std::string_view kIrrelevantReply = "Due to the limitations of the function, I cannot solve this problem.";

// The system text of a normal or special record. `category` is the ACEBench category,
// `chinese` the data language, `context` the record's time sentence (or its profile for
// normal_preference).
std::string SystemText(std::string_view category, bool chinese, const std::string& context);

// The user text: the conversation so far under ACEBench's heading.
std::string UserText(const std::string& question);

}  // namespace toolshift::acebench

#endif  // TOOLSHIFT_INTEROP_ACEBENCH_ACE_PROMPTS_H_
