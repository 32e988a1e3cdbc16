// Helpers shared by tests: scratch folders, file writing, running the toolshift binary.
#ifndef TOOLSHIFT_TESTS_TEST_SUPPORT_H_
#define TOOLSHIFT_TESTS_TEST_SUPPORT_H_

#include <string>
#include <vector>

namespace toolshift::testing {

// A fresh, empty folder under the build tree named after `name`.
std::string ScratchDir(const std::string& name);

void WriteText(const std::string& path, const std::string& text);
std::string ReadText(const std::string& path);

struct CommandResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

// Runs the toolshift binary with `args` (no shell), capturing stdout and stderr.
CommandResult RunToolshift(const std::vector<std::string>& args);

// The same, started in the background (stdout and stderr go to files), for tests that
// watch or kill the process; Wait() reaps it and reads its output.
struct RunningCommand {
  int pid = -1;
  std::string out_path;
  std::string err_path;
};
RunningCommand StartToolshift(const std::vector<std::string>& args);
CommandResult Wait(const RunningCommand& command);

// The repository's built-in suites folder.
std::string SuitesRoot();
// ../shared beside the checkout, or $TOOLSHIFT_SHARED_DIR when set (the test
// `tests_without_shared` points it at nothing, as a fresh user's machine has it). It may be
// absent: tests that need it skip with TOOLSHIFT_SKIP, saying so.
std::string SharedDir();
// The built helper programs.
std::string ExecOracleRunner();
std::string ToolshiftBin();

}  // namespace toolshift::testing

// Skips the rest of a test case whose data is absent: a warning naming what is missing, and a
// passing assertion (tests/main.cc fails a test case that asserts nothing). The caller returns.
#define TOOLSHIFT_SKIP(message) \
  do {                          \
    WARN(message);              \
    SUCCEED("skipped");         \
  } while (false)

#endif  // TOOLSHIFT_TESTS_TEST_SUPPORT_H_
