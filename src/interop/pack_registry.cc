// The registry of installed episode packs behind FindEpisodePack() (src/scoring/episode_pack.h):
// the one place that names them, so the core never includes a pack.
#include "src/interop/acebench/ace_pack.h"
#include "src/interop/bfcl/multi_turn/mt_pack.h"
#include "src/scoring/episode_pack.h"

namespace toolshift {
namespace {

const std::vector<const EpisodePack*>& Packs() {
  // Packs hold no mutable state: shared immutable instances are safe across threads.
  static const bfcl::MultiTurnPack kBfclMultiTurn;
  static const acebench::AcePack kAceBench;
  static const std::vector<const EpisodePack*> kAll = {&kBfclMultiTurn, &kAceBench};
  return kAll;
}

}  // namespace

const EpisodePack* FindEpisodePack(std::string_view name) {
  for (const EpisodePack* p : Packs()) {
    if (p->name() == name) return p;
  }
  return nullptr;
}

std::vector<std::string> EpisodePackNames() {
  std::vector<std::string> out;
  for (const EpisodePack* p : Packs()) out.emplace_back(p->name());
  return out;
}

}  // namespace toolshift
