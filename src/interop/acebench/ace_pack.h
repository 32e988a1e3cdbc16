// AcePack: ACEBench's categories as an episode pack (src/scoring/episode_pack.h).
//
// An imported record is a multi-step episode naming pack "acebench", whose pack_data holds what
// ACEBench's checker needs, verbatim:
//   {"id", "category": "normal_atom_bool", "language": "en" | "zh",
//    "functions": [the record's function list], "ground_truth": GT,
//    "unpassable": "why no reply can pass (ACEBench's checker fails its own ground truth)"?}
//
// Normal and special records are single-shot (PackRules::single_reply): the first reply is
// the record's answer. It is decoded as ACEBench decodes it — the python-list decoder for the
// `pythonic` dialect (the first [...] span; whitespace deleted in the two normal multi-turn
// categories), the `<tool_call>` decoder for `hermes` with its standard tags — or, after a
// format shift to another dialect, by that dialect's own parser; then judged by ACEBench's
// checker (ace_checker.h). The verdict's error type is ACEBench's.
//
// Agent records (agent_multi_step, agent_multi_turn) are episodes against ACEBench's scenes
// (ace_agent_pack.h, whose functions this pack delegates to); their pack_data also holds
// "involved_classes", "initial_config" and "mile_stone", and "ground_truth" is the expected end
// state.
#ifndef TOOLSHIFT_INTEROP_ACEBENCH_ACE_PACK_H_
#define TOOLSHIFT_INTEROP_ACEBENCH_ACE_PACK_H_

#include <string>
#include <string_view>

#include "src/interop/acebench/ace_checker.h"
#include "src/scoring/episode_pack.h"

namespace toolshift::acebench {

inline constexpr std::string_view kPackName = "acebench";

// The pack data of an episode, read back (pointers into the episode, which must outlive it).
struct AceEntry {
  std::string id;
  std::string category;
  bool chinese = false;
  const Json* functions = nullptr;
  const Json* ground_truth = nullptr;
  std::string unpassable;
};

// Throws FieldError ("multi_step.pack_data.<field>") when the episode's pack data is unusable.
AceEntry ReadAceEntry(const Episode& episode);

// The ACEBench category of a record id: the id minus its last "_<n>" (minus the last two for
// normal_multi_turn_*).
std::string AceCategoryOfId(std::string_view id);

bool IsNormalCategory(std::string_view category);
bool IsSpecialCategory(std::string_view category);
bool IsAgentCategory(std::string_view category);
// The 17 categories, in ACEBench's order.
const std::vector<std::string>& AceCategories();

// ACEBench's verdict on one reply of a single-shot record, decoded as the episode's dialect says.
AceVerdict JudgeReply(const Episode& episode, const AceEntry& entry, const Message& reply);

class AcePack : public EpisodePack {
 public:
  std::string_view name() const override { return kPackName; }
  void Validate(const Episode& episode) const override;
  PackRules rules(const Episode& episode) const override;
  std::vector<std::string> InitialTools(const Episode& episode) const override;
  std::unique_ptr<PackSession> Start(const Episode& episode) const override;
  ParseResult Parse(const Episode& episode, const Dialect& dialect, const Message& reply,
                    const ReplyLimits& limits) const override;
  std::vector<Message> Render(const Dialect& dialect, const std::vector<ToolCall>& calls,
                              const std::vector<Json>& results) const override;
  EpisodeVerdict Score(const Episode& episode, const Trajectory& trajectory) const override;
  // ACEBench's aggregate per language and dialect (ace_summary.h).
  Json Summary(const std::vector<PackOutcome>& outcomes) const override;
};

// One imported ACEBench record in the suite format: a multi-step episode this pack plays
// (`multi` holds pack and pack_data; the pack scores it, so no expected calls).
Json PackEpisodeJson(const std::string& id, const std::string& category, const std::string& dialect, Json tools,
                     Json messages, Json multi);

}  // namespace toolshift::acebench

#endif  // TOOLSHIFT_INTEROP_ACEBENCH_ACE_PACK_H_
