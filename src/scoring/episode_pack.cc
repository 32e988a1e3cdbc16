#include "src/scoring/episode_pack.h"

#include "src/dialects/observation.h"

namespace toolshift {

ParseResult EpisodePack::Parse(const Episode& episode, const Dialect& dialect, const Message& reply,
                               const ReplyLimits& limits) const {
  return ParseWithinLimits(dialect, reply, episode.tools, limits);
}

std::vector<Message> EpisodePack::Render(const Dialect& dialect, const std::vector<ToolCall>& calls,
                                         const std::vector<Json>& results) const {
  return RenderObservations(dialect, calls, results);
}

Json EpisodePack::Summary(const std::vector<PackOutcome>&) const { return nullptr; }

const EpisodePack* PackOf(const Episode& episode) {
  if (!episode.multi || episode.multi->pack.empty()) return nullptr;
  return FindEpisodePack(episode.multi->pack);
}

}  // namespace toolshift
