// Benchmark: a full run of built-in suites with a reference policy, the same steps
// `toolshift run` takes (load, run and score, build the report, write report and episode
// log), timed stage by stage. Prints one name=value per line; ratios are against the
// target of 10 seconds for the whole run.
//
//   suite_run_bench OUT_DIR [MODEL [SUITE...]]   default: reference:noisy:0.2 over all suites
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <string>

#include "adapters/adapter.h"
#include "src/core/build_info.h"
#include "src/core/suite_catalog.h"
#include "src/engine/runner.h"
#include "src/report/report_builder.h"
#include "src/report/report_writer.h"

namespace {

double CpuSeconds() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return static_cast<double>(u.ru_utime.tv_sec + u.ru_stime.tv_sec) +
         static_cast<double>(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

double PeakRssMb() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return static_cast<double>(u.ru_maxrss) / 1024.0;
}

}  // namespace

int main(int argc, char** argv) {
  using namespace toolshift;
  using Clock = std::chrono::steady_clock;
  const std::string out_dir = argc > 1 ? argv[1] : "/tmp/toolshift-bench";
  constexpr double kTargetSeconds = 10.0;
  const auto t0 = Clock::now();
  const double cpu0 = CpuSeconds();

  const std::string model = argc > 2 ? argv[2] : "reference:noisy:0.2";
  std::vector<std::string> suite_args;
  for (int i = 3; i < argc; ++i) suite_args.push_back(argv[i]);
  if (suite_args.empty()) suite_args.push_back("all");
  const std::vector<Suite> suites = SuiteCatalog(toolshift::SourceDir() + "/suites").Resolve(suite_args);
  const auto t1 = Clock::now();
  auto adapter = MakeAdapter(model);
  RunOptions options;
  const std::vector<EpisodeRecord> records = RunSuites(suites, *adapter, options);
  const auto t2 = Clock::now();
  RunInfo info;
  info.model = adapter->name();
  const Json report = BuildReport(suites, records, info);
  const std::string log = EpisodeLogText(records);
  const auto t3 = Clock::now();
  WriteReportFiles(out_dir + "/suite_run.json", report, log);
  const auto t4 = Clock::now();

  auto secs = [](Clock::time_point a, Clock::time_point b) { return std::chrono::duration<double>(b - a).count(); };
  const double wall = secs(t0, t4);
  const double cpu = CpuSeconds() - cpu0;
  const double n = static_cast<double>(records.size());
  std::printf("suites=%zu\n", suites.size());
  size_t steps = 0;
  for (const auto& r : records) steps += r.episode->multi ? r.replies.size() : 1;
  std::printf("episodes=%zu\n", records.size());
  std::printf("model_steps=%zu\n", steps);
  std::printf("load_seconds=%.3f\n", secs(t0, t1));
  std::printf("run_and_score_seconds=%.3f\n", secs(t1, t2));
  std::printf("report_seconds=%.3f\n", secs(t2, t3));
  std::printf("write_seconds=%.3f\n", secs(t3, t4));
  std::printf("wall_seconds=%.3f\n", wall);
  std::printf("episodes_per_second=%.0f\n", n / wall);
  std::printf("cpu_us_per_episode=%.1f\n", cpu * 1e6 / n);
  std::printf("peak_rss_mb=%.1f\n", PeakRssMb());
  std::printf("target_seconds=%.1f\n", kTargetSeconds);
  std::printf("wall_over_target=%.4f\n", wall / kTargetSeconds);
  std::printf("accuracy=%.4f\n", report["totals"]["accuracy"].get<double>());
  return 0;
}
