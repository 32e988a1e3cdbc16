// Fuzz target: a multi-step episode driven by arbitrary replies — parsing, running calls
// against the environment (every tool, arbitrary arguments), observations, scoring.
#include <cstddef>
#include <cstdint>
#include <set>
#include <string>

#include "src/core/build_info.h"
#include "src/core/suite.h"
#include "src/engine/episode_loop.h"
#include "src/scoring/trajectory_scorer.h"
#include "tests/fuzz/fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace toolshift;
  // One episode per environment, from the built-in suites.
  static const std::vector<Episode> episodes = [] {
    std::vector<Episode> out;
    std::set<std::string> envs;
    for (const char* dir : {"/suites/id/multi-id", "/suites/content/multi-content-heldout"}) {
      for (auto& e : LoadSuite(SourceDir() + dir).episodes) {
        if (envs.insert(e.multi->env).second) out.push_back(e);
      }
    }
    return out;
  }();
  if (size == 0) return 0;
  const Episode& ep = episodes[data[0] % episodes.size()];
  const std::string text(reinterpret_cast<const char*>(data + 1), size - 1);
  fuzz::ExpectNoEscape([&] {
    EpisodeLoop loop(ep);
    // The input is split into replies at "\n===\n".
    size_t at = 0;
    while (!loop.done() && at <= text.size()) {
      size_t end = text.find("\n===\n", at);
      if (end == std::string::npos) end = text.size();
      loop.Feed(Message{Role::kAssistant, text.substr(at, end - at), {}});
      at = end + 5;
    }
    (void)StateDiff(ep.multi->expected_state, loop.trajectory().final_state);
    (void)ScoreTrajectory(ep, loop.trajectory());
  });
  return 0;
}
