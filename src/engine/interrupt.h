// InterruptGuard: SIGINT and SIGTERM as a request to stop a run cleanly.
//
// While a guard lives, the first SIGINT or SIGTERM only records the signal (the runner
// polls signal() through RunOptions::stop: it stops sending, journals what came in and
// returns) and says on stderr that it is stopping; a second one exits at once with
// 128 + signal, as an unhandled signal would. The caller then prints how to resume and
// exits 130 (SIGINT) or 143 (SIGTERM).
//
// A signal handler can only reach a global, so the signal lives in one process-wide
// atomic; at most one guard may exist at a time (Acquire fails otherwise).
#ifndef TOOLSHIFT_ENGINE_INTERRUPT_H_
#define TOOLSHIFT_ENGINE_INTERRUPT_H_

#include <atomic>
#include <csignal>

namespace toolshift {

class InterruptGuard {
 public:
  InterruptGuard();   // installs the handlers; throws std::logic_error if a guard exists
  ~InterruptGuard();  // restores the previous handlers
  InterruptGuard(const InterruptGuard&) = delete;
  InterruptGuard& operator=(const InterruptGuard&) = delete;

  // The first signal received, 0 while none.
  const std::atomic<int>& signal() const;
  // The exit code for it: 128 + signal (130 for SIGINT, 143 for SIGTERM).
  int exit_code() const { return 128 + signal().load(); }

 private:
  struct sigaction old_int_ {}, old_term_{};
};

}  // namespace toolshift

#endif  // TOOLSHIFT_ENGINE_INTERRUPT_H_
