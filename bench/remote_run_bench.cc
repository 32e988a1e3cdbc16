// Benchmark: `toolshift run` against the test model server, the way a user runs it against
// vLLM: 2,016 single-step episodes (the 21 format-shifted suites x 96), the server answering
// each request after 50 ms, --concurrency 256.
//
// The server and toolshift are separate processes, so the figures are toolshift's alone:
//   wall_over_ideal    = the run's wall time (the report's run.wall_seconds: first request
//                        to last verdict) / ideal, ideal = requests x latency / concurrency
//                        (target <= 1.25). floor_over_ideal is what whole waves of
//                        `concurrency` requests cost at best (2,016 = 7.875 waves: 8 x 50 ms).
//   process_wall_over_ideal = the same for the whole process: start, loading the suites,
//                        the run, writing report and episode log, exit.
//   cpu_us_per_request = toolshift's user+system CPU (whole process) / requests
//   peak_rss_mb        = toolshift's peak resident set (target < 300)
// and, to show what else the two cores were doing, server_cpu_us_per_request (the test
// server's CPU, read from /proc).
// Usage: remote_run_bench TOOLSHIFT TEST_SERVER OUT_DIR [EPISODES_PER_SUITE] [LATENCY_MS] [CONCURRENCY]
#include <fcntl.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <iterator>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

extern char** environ;

namespace {

// User+system CPU seconds of process `pid` so far, from /proc/PID/stat.
double ProcessCpuSeconds(pid_t pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
  std::string stat((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const size_t close_paren = stat.rfind(')');
  if (close_paren == std::string::npos) return 0;
  std::istringstream fields(stat.substr(close_paren + 2));
  std::string f;
  double utime = 0, stime = 0;
  for (int i = 3; fields >> f; ++i) {  // field 3 is the state; utime is 14, stime 15
    if (i == 14) utime = std::stod(f);
    if (i == 15) {
      stime = std::stod(f);
      break;
    }
  }
  return (utime + stime) / static_cast<double>(sysconf(_SC_CLK_TCK));
}

std::vector<char*> Argv(std::vector<std::string>& args) {
  std::vector<char*> v;
  for (auto& a : args) v.push_back(a.data());
  v.push_back(nullptr);
  return v;
}

[[noreturn]] void Die(const std::string& what) {
  std::fprintf(stderr, "remote_run_bench: %s\n", what.c_str());
  std::exit(1);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 4) Die("usage: remote_run_bench TOOLSHIFT TEST_SERVER OUT_DIR [PER_SUITE] [LATENCY_MS] [CONCURRENCY]");
  const std::string toolshift = argv[1], server_bin = argv[2], out_dir = argv[3];
  const int per_suite = argc > 4 ? std::stoi(argv[4]) : 96;  // x 21 suites = 2,016 episodes
  const int latency_ms = argc > 5 ? std::stoi(argv[5]) : 50;
  const int concurrency = argc > 6 ? std::stoi(argv[6]) : 256;

  // The server: stdin a pipe we hold open, stdout a pipe that gives us its URL.
  int to_server[2], from_server[2];
  if (pipe(to_server) != 0 || pipe(from_server) != 0) Die("pipe failed");
  posix_spawn_file_actions_t fa;
  posix_spawn_file_actions_init(&fa);
  posix_spawn_file_actions_adddup2(&fa, to_server[0], 0);
  posix_spawn_file_actions_adddup2(&fa, from_server[1], 1);
  posix_spawn_file_actions_addclose(&fa, to_server[1]);
  posix_spawn_file_actions_addclose(&fa, from_server[0]);
  std::vector<std::string> sargs = {server_bin, "--suite", "single-fmt-*", "--latency-ms", std::to_string(latency_ms)};
  pid_t server = 0;
  if (posix_spawn(&server, server_bin.c_str(), &fa, nullptr, Argv(sargs).data(), environ) != 0) Die("cannot start " + server_bin);
  posix_spawn_file_actions_destroy(&fa);
  close(to_server[0]);
  close(from_server[1]);
  std::string url;
  char c;
  while (read(from_server[0], &c, 1) == 1 && c != '\n') url += c;
  if (url.empty()) Die("the test server printed no URL");

  const std::string report = out_dir + "/remote-bench.json";
  std::vector<std::string> targs = {toolshift, "run", "--model", "openai:oracle@" + url, "--suite", "single-fmt-*",
                                    "--limit", std::to_string(per_suite), "--concurrency", std::to_string(concurrency),
                                    "--no-cache", "--quiet", "--out", report};
  const double server_cpu0 = ProcessCpuSeconds(server);
  const auto t0 = std::chrono::steady_clock::now();
  pid_t run = 0;
  posix_spawn_file_actions_t quiet;
  posix_spawn_file_actions_init(&quiet);
  posix_spawn_file_actions_addopen(&quiet, 1, "/dev/null", O_WRONLY, 0);
  if (posix_spawn(&run, toolshift.c_str(), &quiet, nullptr, Argv(targs).data(), environ) != 0) Die("cannot start " + toolshift);
  posix_spawn_file_actions_destroy(&quiet);
  int status = 0;
  rusage usage{};
  wait4(run, &status, 0, &usage);
  const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  const double server_cpu = ProcessCpuSeconds(server) - server_cpu0;
  close(to_server[1]);  // the server exits when its stdin closes
  waitpid(server, nullptr, 0);
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) Die("toolshift run failed (status " + std::to_string(status) + ")");

  std::ifstream in(report);
  const nlohmann::json j = nlohmann::json::parse(in);
  const double requests = j["run"]["requests"].get<double>();
  const double episodes = j["totals"]["n"].get<double>();
  const double ideal = requests * latency_ms / 1000.0 / concurrency;
  const double cpu = static_cast<double>(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
                     static_cast<double>(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
  std::printf("episodes=%.0f\nrequests=%.0f\nbackend_errors=%d\naccuracy=%.4f\n", episodes, requests,
              j["totals"]["backend_errors"].get<int>(), j["totals"]["accuracy"].get<double>());
  const double run_wall = j["run"]["wall_seconds"].get<double>();
  const double waves = std::ceil(requests / concurrency);
  std::printf("latency_ms=%d\nconcurrency=%d\nideal_s=%.3f\nrun_wall_s=%.3f\nprocess_wall_s=%.3f\n", latency_ms, concurrency,
              ideal, run_wall, wall);
  std::printf("wall_over_ideal=%.3f\nfloor_over_ideal=%.3f\nprocess_wall_over_ideal=%.3f\n", run_wall / ideal,
              waves * latency_ms / 1000.0 / ideal, wall / ideal);
  std::printf("cpu_us_per_request=%.1f\npeak_rss_mb=%.1f\nserver_cpu_us_per_request=%.1f\n", cpu * 1e6 / requests,
              static_cast<double>(usage.ru_maxrss) / 1024.0, server_cpu * 1e6 / requests);
  return 0;
}
