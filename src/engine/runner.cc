#include "src/engine/runner.h"

#include <chrono>
#include <exception>

#include <tbb/blocked_range.h>
#include <tbb/global_control.h>
#include <tbb/parallel_for.h>
#include <tbb/task_arena.h>

#include "src/dialects/prompt_builder.h"
#include "src/scoring/statistics.h"

namespace toolshift {

uint64_t EpisodeSeed(uint64_t run_seed, const std::string& suite, const std::string& episode_id) {
  const std::string key = suite + "\x1f" + episode_id;
  return MixSeed(run_seed, HashString(key.data(), key.size()));
}

std::vector<EpisodeRecord> RunSuites(const std::vector<Suite>& suites, Adapter& adapter,
                                     const RunOptions& options) {
  std::vector<EpisodeRecord> records;
  for (const auto& s : suites) {
    const size_t n = options.limit ? std::min(options.limit, s.episodes.size()) : s.episodes.size();
    for (size_t i = 0; i < n; ++i) {
      EpisodeRecord r;
      r.suite = &s;
      r.episode = &s.episodes[i];
      r.seed = EpisodeSeed(options.seed, s.manifest.name, s.episodes[i].id);
      records.push_back(std::move(r));
    }
  }
  Progress progress(records.size(), options.progress);
  auto run_one = [&](EpisodeRecord& r) {
    const Episode& ep = *r.episode;
    const std::unique_ptr<Dialect> dialect = MakeDialect(ep.dialect, ep.presentation);  // validated at load
    r.prompt = BuildPrompt(ep, *dialect);
    ChatRequest req{r.prompt, ep.tools, ep.dialect, r.seed, r.suite->manifest.name, &ep};
    const auto t0 = std::chrono::steady_clock::now();
    try {
      r.response = adapter.Complete(req);
    } catch (const std::exception& e) {
      r.response.error = std::string("adapter threw: ") + e.what();
    }
    r.latency_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
    r.verdict = r.response.ok() ? ScoreReply(ep, *dialect, r.response.message)
                                : BackendErrorVerdict(r.response.error);
    progress.Tick(!r.response.ok());
  };
  const int jobs = options.jobs > 0 ? options.jobs : tbb::this_task_arena::max_concurrency();
  // Adapters may block on I/O, so more workers than cores is legitimate; TBB otherwise caps
  // the pool at the core count whatever the arena asks for.
  tbb::global_control allow(tbb::global_control::max_allowed_parallelism, static_cast<size_t>(jobs));
  tbb::task_arena arena(jobs);
  arena.execute([&] {
    tbb::parallel_for(tbb::blocked_range<size_t>(0, records.size(), 1), [&](const tbb::blocked_range<size_t>& range) {
      for (size_t i = range.begin(); i != range.end(); ++i) run_one(records[i]);
    });
  });
  progress.Finish();
  return records;
}

}  // namespace toolshift
