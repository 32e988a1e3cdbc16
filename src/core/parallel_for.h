// ParallelFor: toolshift's one way to run a loop on several threads.
//
// body(begin, end) is called for disjoint chunks covering [0, n), each at most `grain` long,
// from `jobs` threads (0 = one per core; more than the cores is allowed, for bodies that block
// on I/O). It returns when every chunk is done; an exception from a body is rethrown.
//
// oneTBB does the work. In a ThreadSanitizer build (TOOLSHIFT_TSAN) plain std::threads do it
// instead: the system oneTBB is not instrumented, so TSan cannot see its synchronisation and
// would report its scheduling as races — and could not then judge the bodies, which is what
// the TSan run is for.
#ifndef TOOLSHIFT_CORE_PARALLEL_FOR_H_
#define TOOLSHIFT_CORE_PARALLEL_FOR_H_

#include <cstddef>
#include <functional>

namespace toolshift {

void ParallelFor(size_t n, size_t grain, int jobs, const std::function<void(size_t begin, size_t end)>& body);

}  // namespace toolshift

#endif  // TOOLSHIFT_CORE_PARALLEL_FOR_H_
