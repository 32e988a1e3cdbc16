#include "src/cli/run_command.h"

#include <chrono>
#include <cstdio>
#include <memory>

#include <re2/re2.h>

#include "adapters/adapter.h"
#include "src/cli/exit_codes.h"
#include "src/cli/report_summary.h"
#include "src/core/suite_catalog.h"
#include "src/engine/runner.h"
#include "src/report/report_builder.h"
#include "src/report/report_writer.h"

namespace toolshift {
namespace {

struct RunFlags {
  std::string model = "reference:oracle";
  std::vector<std::string> suites = {"all"};
  std::string out;
  std::string suites_dir;
  int jobs = 0;
  uint64_t seed = 0;
  size_t limit = 0;
  int bootstrap = 2000;
  std::string dialect;
  bool quiet = false;
};

std::string DefaultOut(const std::string& model) {
  std::string name = model;
  RE2::GlobalReplace(&name, R"([^A-Za-z0-9._-]+)", "_");
  return "results/" + name + ".json";
}

int Run(const RunFlags& flags, const std::string& argv0) {
  SuiteCatalog catalog(flags.suites_dir.empty() ? SuiteCatalog::DefaultRoot(argv0) : flags.suites_dir);
  std::unique_ptr<Adapter> adapter = MakeAdapter(flags.model);  // InputError -> exit 2 in main
  std::vector<Suite> suites = catalog.Resolve(flags.suites);
  if (!flags.dialect.empty()) {
    for (auto& s : suites) OverrideDialect(s, flags.dialect);
  }
  const std::string out = flags.out.empty() ? DefaultOut(adapter->name()) : flags.out;

  RunOptions options;
  options.jobs = flags.jobs;
  options.seed = flags.seed;
  options.limit = flags.limit;
  options.progress = Progress::DetectMode(stderr, !flags.quiet);
  RunInfo info;
  info.model = adapter->name();
  info.seed = flags.seed;
  info.jobs = flags.jobs;
  info.limit = flags.limit;
  info.suite_args = flags.suites;
  info.bootstrap_resamples = flags.bootstrap;
  info.started_at = UtcNow();
  const auto t0 = std::chrono::steady_clock::now();
  std::vector<EpisodeRecord> records = RunSuites(suites, *adapter, options);
  info.wall_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  info.finished_at = UtcNow();

  Json report = BuildReport(suites, records, info);
  std::vector<Json> log;
  log.reserve(records.size());
  for (const auto& r : records) log.push_back(EpisodeLogEntry(r));
  try {
    WriteReportFiles(out, report, log);
  } catch (const std::exception& e) {
    // Keep the computed results: print the report to stdout rather than lose it.
    std::fprintf(stderr, "toolshift run: %s; the report follows on stdout\n", e.what());
    std::fputs((DumpJson(report, 2) + "\n").c_str(), stdout);
    return kExitRuntime;
  }
  PrintSummary(report, out, stdout);
  return kExitOk;
}

}  // namespace

std::function<int()> AddRunCommand(CLI::App& app, const std::string& argv0) {
  auto flags = std::make_shared<RunFlags>();
  CLI::App* cmd = app.add_subcommand("run", "Evaluate a model on suites; write a JSON report and an episode log");
  cmd->add_option("-m,--model", flags->model,
                  "Model spec: reference:oracle | reference:overfit | reference:noisy:P | replay:FILE")
      ->capture_default_str();
  cmd->add_option("-s,--suite", flags->suites,
                  "Suites: 'all', built-in names or glob patterns (see `toolshift suites`), suite folders, manifests or "
                  ".jsonl files")
      ->capture_default_str();
  cmd->add_option("-o,--out", flags->out,
                  "Report path (default results/<model>.json); the episode log goes beside it as <name>.episodes.jsonl");
  cmd->add_option("-j,--jobs", flags->jobs, "Worker threads (0 = one per core); scores do not depend on it")
      ->check(CLI::Range(0, 4096))
      ->capture_default_str();
  cmd->add_option("--seed", flags->seed, "Run seed: per-episode seeds and bootstrap derive from it")->capture_default_str();
  cmd->add_option("--limit", flags->limit, "Run at most the first N episodes of each suite (0 = all)")
      ->capture_default_str();
  cmd->add_option("--bootstrap", flags->bootstrap, "Bootstrap resamples for gap intervals")
      ->check(CLI::Range(100, 1000000))
      ->capture_default_str();
  cmd->add_option("--suites-dir", flags->suites_dir, "Folder of built-in suites (default: the installed suites/)");
  cmd->add_option("--dialect", flags->dialect,
                  "Ask every episode for this dialect instead of its own (hermes, pythonic, json, xml, react, native)");
  cmd->add_flag("-q,--quiet", flags->quiet, "No progress on stderr");
  cmd->footer("Exit codes: 0 done, 2 bad flags or input (message names file:line: field), 3 could not write the report.");
  return [flags, argv0] { return Run(*flags, argv0); };
}

}  // namespace toolshift
