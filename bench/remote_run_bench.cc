// Benchmark: `toolshift run` against the test model server, the way a user runs it against
// vLLM — by default 2,016 single-step episodes (the 21 format-shifted suites x 96), the
// server answering each request after 50 ms, --concurrency 256 — side by side with
// `curl --parallel --parallel-max CONCURRENCY` sending the very same request bodies (encoded
// by toolshift's own OpenAI codec) to the same server: the floor a client can reach.
//
// The server, toolshift and curl are separate processes, so the figures are each client's own:
//   wall_over_ideal    = the run's wall time (the report's run.wall_seconds: first request
//                        to last verdict) / ideal, ideal = requests x latency / concurrency.
//                        floor_over_ideal is what whole waves of `concurrency` requests
//                        cost at best (2,016 = 7.875 waves: 8 x 50 ms).
//   process_wall_over_ideal = the same for the whole process: start, loading the suites,
//                        the run, writing report and episode log, exit.
//   cpu_us_per_request = user+system CPU (whole process) / requests
//   peak_rss_mb        = peak resident set
//   curl_*             = the same for curl; cpu_ratio_vs_curl and wall_ratio_vs_curl
//                        (toolshift's whole process over curl's) are taken within one run.
// Each figure is printed as the median over --runs runs (toolshift and curl interleaved)
// and as NAME_range=MIN-MAX; load_before/load_after are /proc/loadavg's 1-minute figures,
// to say what else the two cores were doing, with server_cpu_us_per_request.
//
// Usage: remote_run_bench TOOLSHIFT TEST_SERVER OUT_DIR [--per-suite N] [--epochs K]
//            [--latency-ms N] [--concurrency N] [--runs R] [--no-curl] [--suite S]...
//   --suite S replaces the default 'single-fmt-*' (folders too: distinct episodes at scale);
//   --per-suite 0 runs whole suites.
#include <fcntl.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "adapters/adapter.h"
#include "adapters/http/http_codec.h"
#include "src/core/build_info.h"
#include "src/core/suite_catalog.h"
#include "src/dialects/prompt_builder.h"
#include "src/engine/runner.h"

extern char** environ;

namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

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

double LoadAverage() {
  std::ifstream in("/proc/loadavg");
  double load = 0;
  in >> load;
  return load;
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

struct Child {
  double wall_s = 0, cpu_s = 0, rss_mb = 0;
};

// Runs `args` with stdout (and, when `quiet_stderr`, stderr) to /dev/null; dies unless it exits 0.
Child RunChild(std::vector<std::string> args, bool quiet_stderr) {
  posix_spawn_file_actions_t fa;
  posix_spawn_file_actions_init(&fa);
  posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
  if (quiet_stderr) posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0);
  const auto t0 = Clock::now();
  pid_t pid = 0;
  if (posix_spawn(&pid, args[0].c_str(), &fa, nullptr, Argv(args).data(), environ) != 0) Die("cannot start " + args[0]);
  posix_spawn_file_actions_destroy(&fa);
  int status = 0;
  rusage usage{};
  wait4(pid, &status, 0, &usage);
  Child c;
  c.wall_s = std::chrono::duration<double>(Clock::now() - t0).count();
  c.cpu_s = static_cast<double>(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
            static_cast<double>(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
  c.rss_mb = static_cast<double>(usage.ru_maxrss) / 1024.0;
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) Die(args[0] + " failed (status " + std::to_string(status) + ")");
  return c;
}

// A curl config sending, with the headers toolshift's transport sends, every request the run
// sends: the same bodies, encoded by the same codec; replies discarded.
size_t WriteCurlConfig(const std::vector<std::string>& suite_args, int per_suite, int epochs, const std::string& url,
                       const std::string& dir) {
  using namespace toolshift;
  const std::vector<Suite> suites =
      SuiteCatalog(SourceDir() + "/suites").Resolve(suite_args, static_cast<size_t>(std::max(0, per_suite)));
  RunOptions plan;
  plan.limit = static_cast<size_t>(std::max(0, per_suite));
  plan.epochs = epochs;
  const std::vector<EpisodeRecord> records = PlanRecords(suites, plan);
  const std::unique_ptr<Adapter> adapter = MakeAdapter("openai:oracle@" + url);
  fs::create_directories(dir + "/bodies");
  std::ofstream config(dir + "/curl.config");
  size_t n = 0;
  for (const EpisodeRecord& r : records) {
    if (r.episode->multi) continue;  // one request per single-step episode; multi-step needs the replies
    const std::unique_ptr<Dialect> dialect = MakeDialect(r.episode->dialect, r.episode->presentation);
    const ChatRequest request{BuildPrompt(*r.episode, *dialect), r.episode->tools, r.episode->dialect, r.seed,
                              r.suite->manifest.name, r.episode};
    const HttpRequest http = adapter->http()->Encode(request);
    const std::string body = dir + "/bodies/" + std::to_string(n++) + ".json";
    std::ofstream(body, std::ios::binary) << http.body;
    if (n > 1) config << "next\n";  // options of one transfer do not carry over to the next
    config << "fail\nurl = \"" << http.url << "\"\nheader = \"Content-Type: application/json\"\nheader = \"Expect:\"\n"
           << "data-binary = \"@" << body << "\"\noutput = \"/dev/null\"\n";
  }
  return n;
}

struct Series {
  std::map<std::string, std::vector<double>> values;
  void Add(const std::string& name, double v) { values[name].push_back(v); }
  void Print(const std::string& name, const char* fmt) const {
    auto it = values.find(name);
    if (it == values.end()) return;
    std::vector<double> v = it->second;
    std::sort(v.begin(), v.end());
    const double median = v.size() % 2 ? v[v.size() / 2] : (v[v.size() / 2 - 1] + v[v.size() / 2]) / 2;
    const std::string f = std::string("%s=") + fmt + "\n%s_range=" + fmt + "-" + fmt + "\n";
    std::printf(f.c_str(), name.c_str(), median, name.c_str(), v.front(), v.back());
  }
};

}  // namespace

int main(int argc, char** argv) {
  if (argc < 4) {
    Die("usage: remote_run_bench TOOLSHIFT TEST_SERVER OUT_DIR [--per-suite N] [--epochs K] [--latency-ms N] "
        "[--concurrency N] [--runs R] [--no-curl] [--suite S]...");
  }
  const std::string toolshift = argv[1], server_bin = argv[2], out_dir = argv[3];
  int per_suite = 96, epochs = 1, latency_ms = 50, concurrency = 256, runs = 3;
  bool with_curl = true;
  std::vector<std::string> suite_args;
  for (int i = 4; i < argc; ++i) {
    const std::string a = argv[i];
    auto next = [&]() -> std::string {
      if (i + 1 >= argc) Die(a + " needs a value");
      return argv[++i];
    };
    if (a == "--per-suite") per_suite = std::stoi(next());
    else if (a == "--epochs") epochs = std::stoi(next());
    else if (a == "--latency-ms") latency_ms = std::stoi(next());
    else if (a == "--concurrency") concurrency = std::stoi(next());
    else if (a == "--runs") runs = std::max(1, std::stoi(next()));
    else if (a == "--no-curl") with_curl = false;
    else if (a == "--suite") suite_args.push_back(next());
    else Die("unknown flag " + a);
  }
  if (suite_args.empty()) suite_args.push_back("single-fmt-*");
  fs::create_directories(out_dir);

  // The server: stdin a pipe we hold open, stdout a pipe that gives us its URL.
  int to_server[2], from_server[2];
  if (pipe(to_server) != 0 || pipe(from_server) != 0) Die("pipe failed");
  posix_spawn_file_actions_t fa;
  posix_spawn_file_actions_init(&fa);
  posix_spawn_file_actions_adddup2(&fa, to_server[0], 0);
  posix_spawn_file_actions_adddup2(&fa, from_server[1], 1);
  posix_spawn_file_actions_addclose(&fa, to_server[1]);
  posix_spawn_file_actions_addclose(&fa, from_server[0]);
  std::vector<std::string> sargs = {server_bin, "--latency-ms", std::to_string(latency_ms)};
  for (const auto& s : suite_args) sargs.insert(sargs.end(), {"--suite", s});
  pid_t server = 0;
  if (posix_spawn(&server, server_bin.c_str(), &fa, nullptr, Argv(sargs).data(), environ) != 0) Die("cannot start " + server_bin);
  posix_spawn_file_actions_destroy(&fa);
  close(to_server[0]);
  close(from_server[1]);
  std::string url;
  char c;
  while (read(from_server[0], &c, 1) == 1 && c != '\n') url += c;
  if (url.empty()) Die("the test server printed no URL");

  const size_t curl_requests = with_curl ? WriteCurlConfig(suite_args, per_suite, epochs, url, out_dir + "/curl") : 0;
  const std::string report = out_dir + "/remote-bench.json";
  std::vector<std::string> targs = {toolshift, "run", "--model", "openai:oracle@" + url, "--limit", std::to_string(per_suite),
                                    "--epochs", std::to_string(epochs), "--concurrency", std::to_string(concurrency),
                                    "--no-cache", "--quiet", "--out", report};
  for (const auto& s : suite_args) targs.insert(targs.end(), {"--suite", s});
  std::vector<std::string> cargs = {"/usr/bin/curl", "--no-progress-meter", "--parallel", "--parallel-max",
                                    std::to_string(concurrency), "--config", out_dir + "/curl/curl.config"};

  Series s;
  const double load_before = LoadAverage();
  double requests = 0, episodes = 0, accuracy = 0, server_cpu = 0, server_requests = 0;
  int backend_errors = 0;
  for (int run = 0; run < runs; ++run) {
    const double server_cpu0 = ProcessCpuSeconds(server);
    const Child t = RunChild(targs, false);
    server_cpu += ProcessCpuSeconds(server) - server_cpu0;
    std::ifstream in(report);
    const nlohmann::json j = nlohmann::json::parse(in);
    requests = j["run"]["requests"].get<double>();
    server_requests += requests;
    episodes = j["totals"]["n"].get<double>();
    accuracy = j["totals"]["accuracy"].get<double>();
    backend_errors += j["totals"]["backend_errors"].get<int>();
    const double ideal = requests * latency_ms / 1000.0 / concurrency;
    s.Add("wall_over_ideal", j["run"]["wall_seconds"].get<double>() / ideal);
    s.Add("process_wall_over_ideal", t.wall_s / ideal);
    s.Add("cpu_us_per_request", t.cpu_s * 1e6 / requests);
    s.Add("peak_rss_mb", t.rss_mb);
    if (!with_curl) continue;
    const Child k = RunChild(cargs, false);
    const double curl_ideal = static_cast<double>(curl_requests) * latency_ms / 1000.0 / concurrency;
    s.Add("curl_wall_over_ideal", k.wall_s / curl_ideal);
    s.Add("curl_cpu_us_per_request", k.cpu_s * 1e6 / static_cast<double>(curl_requests));
    s.Add("curl_peak_rss_mb", k.rss_mb);
    s.Add("cpu_ratio_vs_curl", (t.cpu_s / requests) / (k.cpu_s / static_cast<double>(curl_requests)));
    s.Add("wall_ratio_vs_curl", (t.wall_s / ideal) / (k.wall_s / curl_ideal));
  }
  const double load_after = LoadAverage();
  close(to_server[1]);  // the server exits when its stdin closes
  waitpid(server, nullptr, 0);

  const double ideal = requests * latency_ms / 1000.0 / concurrency;
  std::printf("episodes=%.0f\nrequests=%.0f\ncurl_requests=%zu\nbackend_errors=%d\naccuracy=%.4f\n", episodes, requests,
              curl_requests, backend_errors, accuracy);
  std::printf("latency_ms=%d\nconcurrency=%d\nepochs=%d\nruns=%d\nideal_s=%.3f\nfloor_over_ideal=%.3f\n", latency_ms,
              concurrency, epochs, runs, ideal, std::ceil(requests / concurrency) * latency_ms / 1000.0 / ideal);
  s.Print("wall_over_ideal", "%.3f");
  s.Print("process_wall_over_ideal", "%.3f");
  s.Print("cpu_us_per_request", "%.1f");
  s.Print("peak_rss_mb", "%.1f");
  s.Print("curl_wall_over_ideal", "%.3f");
  s.Print("curl_cpu_us_per_request", "%.1f");
  s.Print("curl_peak_rss_mb", "%.1f");
  s.Print("cpu_ratio_vs_curl", "%.2f");
  s.Print("wall_ratio_vs_curl", "%.2f");
  std::printf("server_cpu_us_per_request=%.1f\nload_before=%.2f\nload_after=%.2f\ncores=%ld\n",
              server_cpu * 1e6 / server_requests, load_before, load_after, sysconf(_SC_NPROCESSORS_ONLN));
  return 0;
}
