#include "src/core/parallel_for.h"

#include <algorithm>
#include <atomic>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

#include <tbb/blocked_range.h>
#include <tbb/global_control.h>
#include <tbb/parallel_for.h>
#include <tbb/task_arena.h>

namespace toolshift {

#ifdef TOOLSHIFT_TSAN
void ParallelFor(size_t n, size_t grain, int jobs, const std::function<void(size_t, size_t)>& body) {
  grain = std::max<size_t>(1, grain);
  const size_t chunks = (n + grain - 1) / grain;
  const size_t threads = std::min<size_t>(chunks, jobs > 0 ? static_cast<size_t>(jobs) : std::max(1u, std::thread::hardware_concurrency()));
  std::atomic<size_t> next{0};
  std::exception_ptr error;
  std::mutex mu;
  auto work = [&] {
    for (size_t c; (c = next.fetch_add(1)) < chunks;) {
      try {
        body(c * grain, std::min(n, (c + 1) * grain));
      } catch (...) {
        std::lock_guard<std::mutex> lock(mu);
        if (!error) error = std::current_exception();
      }
    }
  };
  std::vector<std::thread> pool;
  for (size_t t = 1; t < threads; ++t) pool.emplace_back(work);
  work();
  for (auto& t : pool) t.join();
  if (error) std::rethrow_exception(error);
}
#else
void ParallelFor(size_t n, size_t grain, int jobs, const std::function<void(size_t, size_t)>& body) {
  auto run = [&] {
    tbb::parallel_for(tbb::blocked_range<size_t>(0, n, std::max<size_t>(1, grain)),
                      [&](const tbb::blocked_range<size_t>& r) { body(r.begin(), r.end()); });
  };
  if (jobs <= 0) {
    run();
    return;
  }
  // TBB caps its pool at the core count unless told otherwise; blocking bodies may want more.
  tbb::global_control allow(tbb::global_control::max_allowed_parallelism, static_cast<size_t>(jobs));
  tbb::task_arena arena(jobs);
  arena.execute(run);
}
#endif

}  // namespace toolshift
