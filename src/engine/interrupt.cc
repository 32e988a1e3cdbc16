#include "src/engine/interrupt.h"

#include <unistd.h>

#include <stdexcept>

namespace toolshift {
namespace {

std::atomic<int> g_signal{0};     // the first signal; written by the handler only
std::atomic<bool> g_installed{false};

static_assert(std::atomic<int>::is_always_lock_free, "the handler needs a lock-free atomic");

extern "C" void OnSignal(int sig) {
  int none = 0;
  if (!g_signal.compare_exchange_strong(none, sig)) _exit(128 + sig);  // the second signal: at once
  static const char kMsg[] =
      "\ntoolshift: stopping: no new requests; journaling the replies already in (signal again to exit at once)\n";
  [[maybe_unused]] ssize_t n = write(STDERR_FILENO, kMsg, sizeof kMsg - 1);
}

}  // namespace

InterruptGuard::InterruptGuard() {
  if (g_installed.exchange(true)) throw std::logic_error("InterruptGuard: one at a time");
  g_signal = 0;
  struct sigaction sa {};
  sa.sa_handler = OnSignal;
  sigemptyset(&sa.sa_mask);
  sa.sa_flags = SA_RESTART;
  sigaction(SIGINT, &sa, &old_int_);
  sigaction(SIGTERM, &sa, &old_term_);
}

InterruptGuard::~InterruptGuard() {
  sigaction(SIGINT, &old_int_, nullptr);
  sigaction(SIGTERM, &old_term_, nullptr);
  g_installed = false;
}

const std::atomic<int>& InterruptGuard::signal() const { return g_signal; }

}  // namespace toolshift
