// RunDirLock: one writer per run directory.
//
// Two processes running or resuming one run directory at once would both request every
// episode still missing (paid twice) and interleave their journals. The lock is an advisory
// flock(2) on RUN_DIR/lock, held for the process's life (the kernel drops it when the
// process dies, SIGKILL included, so a stale lock cannot outlive its holder). The file holds
// the holder's pid, for the message the second process gets.
#ifndef TOOLSHIFT_ENGINE_RUN_LOCK_H_
#define TOOLSHIFT_ENGINE_RUN_LOCK_H_

#include <memory>
#include <string>

namespace toolshift {

class RunDirLock {
 public:
  // Locks `dir` (which must exist), writing this process's pid into dir/lock. Throws
  // InputError (exit 2) naming the holder's pid when another process holds the lock, and
  // std::runtime_error when the lock file cannot be opened.
  static std::unique_ptr<RunDirLock> Acquire(const std::string& dir);
  ~RunDirLock();  // unlocks
  RunDirLock(const RunDirLock&) = delete;
  RunDirLock& operator=(const RunDirLock&) = delete;

 private:
  explicit RunDirLock(int fd) : fd_(fd) {}
  int fd_;
};

}  // namespace toolshift

#endif  // TOOLSHIFT_ENGINE_RUN_LOCK_H_
