#include "tests/test_support.h"

#include "src/core/build_info.h"

#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fcntl.h>

#include <cstdlib>
#include <filesystem>
#include <atomic>
#include <fstream>
#include <sstream>
#include <stdexcept>

extern char** environ;

namespace toolshift::testing {
namespace fs = std::filesystem;

std::string ScratchDir(const std::string& name) {
  const fs::path dir = fs::path(TOOLSHIFT_TEST_TMP) / name;
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir.string();
}

void WriteText(const std::string& path, const std::string& text) {
  fs::create_directories(fs::path(path).parent_path());
  std::ofstream out(path, std::ios::binary);
  out << text;
  if (!out) throw std::runtime_error("cannot write " + path);
}

std::string ReadText(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

RunningCommand StartToolshift(const std::vector<std::string>& args) {
  static std::atomic<int> counter{0};
  RunningCommand c;
  const std::string base = ScratchDir("cmd-" + std::to_string(::getpid()) + "-" + std::to_string(++counter));
  c.out_path = base + "/stdout";
  c.err_path = base + "/stderr";
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 1, c.out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  posix_spawn_file_actions_addopen(&actions, 2, c.err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  std::vector<std::string> argv_s = {TOOLSHIFT_BIN};
  argv_s.insert(argv_s.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (auto& a : argv_s) argv.push_back(a.data());
  argv.push_back(nullptr);
  const int rc = posix_spawn(&c.pid, TOOLSHIFT_BIN, &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (rc != 0) throw std::runtime_error("cannot start " TOOLSHIFT_BIN);
  return c;
}

CommandResult Wait(const RunningCommand& command) {
  int status = 0;
  waitpid(command.pid, &status, 0);
  CommandResult r;
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  r.out = ReadText(command.out_path);
  r.err = ReadText(command.err_path);
  return r;
}

CommandResult RunToolshift(const std::vector<std::string>& args) { return Wait(StartToolshift(args)); }

std::string SuitesRoot() { return SourceDir() + "/suites"; }
std::string SharedDir() {
  const char* over = std::getenv("TOOLSHIFT_SHARED_DIR");
  return over != nullptr && *over != '\0' ? over : TOOLSHIFT_SHARED_DIR;
}
std::string ExecOracleRunner() { return TOOLSHIFT_EXEC_ORACLE_RUNNER; }
std::string ToolshiftBin() { return TOOLSHIFT_BIN; }

}  // namespace toolshift::testing
