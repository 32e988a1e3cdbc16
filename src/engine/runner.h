// Runner: schedules every episode of the selected suites over an adapter in parallel and
// scores each reply. CPU work runs on a oneTBB arena of --jobs threads.
//
// Results come back in suite-then-episode order whatever the scheduling, and each episode
// gets a seed derived from (run seed, suite, episode id), so a run's scores do not depend
// on --jobs. An adapter exception is caught and recorded as that episode's backend_error.
#ifndef TOOLSHIFT_ENGINE_RUNNER_H_
#define TOOLSHIFT_ENGINE_RUNNER_H_

#include <cstdint>
#include <vector>

#include "adapters/adapter.h"
#include "src/core/suite.h"
#include "src/engine/progress.h"
#include "src/scoring/episode_scorer.h"

namespace toolshift {

struct RunOptions {
  int jobs = 0;          // worker threads; 0 = one per core
  uint64_t seed = 0;
  size_t limit = 0;      // at most this many episodes per suite (first N); 0 = all
  Progress::Mode progress = Progress::Mode::kOff;
};

struct EpisodeRecord {
  const Suite* suite = nullptr;
  const Episode* episode = nullptr;
  uint64_t seed = 0;
  std::vector<Message> prompt;
  ChatResponse response;
  EpisodeVerdict verdict;
  double latency_ms = 0;
};

// The seed an episode is run with.
uint64_t EpisodeSeed(uint64_t run_seed, const std::string& suite, const std::string& episode_id);

// Runs and scores; `suites` must outlive the returned records.
std::vector<EpisodeRecord> RunSuites(const std::vector<Suite>& suites, Adapter& adapter,
                                     const RunOptions& options);

}  // namespace toolshift

#endif  // TOOLSHIFT_ENGINE_RUNNER_H_
