#include "src/cli/score_command.h"

#include <chrono>
#include <cstdio>
#include <memory>
#include <set>
#include <utility>

#include "adapters/replay/recorded_outputs.h"
#include "src/cli/exit_codes.h"
#include "src/cli/flag_checks.h"
#include "src/cli/output_guard.h"
#include "src/cli/report_summary.h"
#include "src/core/echo.h"
#include "src/core/suite_catalog.h"
#include "src/engine/output_scorer.h"
#include "src/report/report_builder.h"
#include "src/report/report_writer.h"

namespace toolshift {
namespace {

struct ScoreFlags {
  std::vector<std::string> suites;
  std::string outputs;
  std::string out;
  std::string dialect;
  std::string suites_dir;
  int jobs = 0;
  uint64_t seed = 0;
  int bootstrap = 2000;
  bool missing_as_errors = false;
  ReplyLimits limits;
};

// "x/run.json" -> "x/run.verdicts.jsonl"
std::string VerdictLogPath(const std::string& report_path) {
  std::string base = report_path;
  if (base.size() > 5 && base.compare(base.size() - 5, 5, ".json") == 0) base.resize(base.size() - 5);
  return base + ".verdicts.jsonl";
}

int Score(const ScoreFlags& flags, const std::string& argv0) {
  const auto t0 = std::chrono::steady_clock::now();
  // The outputs first: only the episodes they name are parsed (issue 20: a score of one output
  // must not pay for every episode of its suites), unless missing episodes are to be counted.
  std::vector<RecordedOutput> outputs = ReadRecordedOutputs(flags.outputs);
  std::set<std::string, std::less<>> ids;
  for (const auto& o : outputs) ids.insert(o.id);
  EpisodeFilter keep;
  if (!flags.missing_as_errors) keep = [&ids](std::string_view id) { return ids.count(id) > 0; };
  SuiteCatalog catalog(flags.suites_dir.empty() ? SuiteCatalog::DefaultRoot(argv0) : flags.suites_dir);
  std::vector<Suite> suites = catalog.Resolve(flags.suites, 0, keep);
  if (!flags.dialect.empty()) {
    for (auto& s : suites) OverrideDialect(s, flags.dialect);
  }
  OutputGuard guard;  // the report and verdicts must not replace the suites or outputs being read
  for (const auto& s : suites) guard.AddInput(s.source);
  guard.AddInput(flags.outputs);
  guard.CheckOutput(flags.out, "--out");
  guard.CheckOutput(VerdictLogPath(flags.out), "--out (its verdicts file)");
  RunInfo info;
  info.model = "outputs:" + flags.outputs;
  info.seed = flags.seed;
  info.jobs = flags.jobs;
  info.suite_args = flags.suites;
  info.bootstrap_resamples = flags.bootstrap;
  info.limits = flags.limits;
  info.started_at = UtcNow();
  ScoredOutputs scored = ScoreOutputs(suites, std::move(outputs), flags.outputs, flags.jobs, flags.limits);
  info.wall_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  info.finished_at = UtcNow();
  if (scored.unmatched) {
    std::fprintf(stderr, "toolshift score: %zu output line(s) match no episode of the selected suites; ignored\n",
                 scored.unmatched);
  }
  size_t unscored = 0;  // episodes left unparsed: no output names them
  for (const auto& s : suites) unscored += s.unloaded;
  if (scored.missing) {
    std::fprintf(stderr, "toolshift score: %zu episode(s) have no recorded output; counted as backend errors\n",
                 scored.missing);
  }
  if (unscored) {
    std::fprintf(stderr,
                 "toolshift score: %zu episode(s) have no recorded output; not scored (--missing-as-errors counts "
                 "them as backend errors)\n",
                 unscored);
  }
  Json report = BuildReport(suites, scored.records, info);
  // Said in the report too, not only on stderr: a score over part of a suite must not read as the whole.
  report["config"]["outputs"] = {{"unmatched", scored.unmatched},
                                 {"episodes_without_output", flags.missing_as_errors ? scored.missing : unscored},
                                 {"missing_as_errors", flags.missing_as_errors}};
  const std::string log = VerdictLog(scored);
  try {
    WriteFileAtomic(flags.out, DumpJson(report, 2) + "\n");
    WriteFileAtomic(VerdictLogPath(flags.out), log);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "toolshift score: %s; the report follows on stdout\n", CapMessage(e.what()).c_str());
    std::fputs((DumpJson(report, 2) + "\n").c_str(), stdout);
    return kExitRuntime;
  }
  PrintSummary(report, flags.out, stdout);
  ReleaseScoredOutputs(scored, flags.jobs);
  return kExitOk;
}

}  // namespace

std::function<int()> AddScoreCommand(CLI::App& app, const std::string& argv0) {
  auto flags = std::make_shared<ScoreFlags>();
  CLI::App* cmd = app.add_subcommand("score", "Score recorded model outputs against suites, without a model");
  cmd->add_option("-s,--suite", flags->suites, "Suites the outputs answer (names, globs, folders, manifests, .jsonl)")
      ->required();
  cmd->add_option("--outputs", flags->outputs,
                  "JSON Lines of outputs: {\"id\", \"output\"} | {\"id\", \"tool_calls\"} | BFCL {\"id\", \"result\"} | "
                  "a toolshift episode log")
      ->required();
  cmd->add_option("-o,--out", flags->out,
                  "Report path; the per-output verdicts go beside it as <name>.verdicts.jsonl")
      ->required();
  cmd->add_option("--dialect", flags->dialect, "Read every output in this dialect instead of the episode's own");
  cmd->add_option("--suites-dir", flags->suites_dir, "Folder of built-in suites (default: the installed suites/)");
  cmd->add_option("-j,--jobs", flags->jobs, "Scoring threads (0 = one per core)")->check(FlagCheck("jobs"));
  cmd->add_option("--seed", flags->seed, "Seed of the bootstrap intervals")
      ->check(FlagCheck("seed"))
      ->capture_default_str();
  cmd->add_option("--max-output-bytes", flags->limits.max_output_bytes, "An output longer than this is malformed, not read")
      ->check(FlagCheck("max_output_bytes"))
      ->capture_default_str();
  cmd->add_option("--max-calls", flags->limits.max_calls, "An output with more calls than this is malformed")
      ->check(FlagCheck("max_calls"))
      ->capture_default_str();
  cmd->add_flag("--missing-as-errors", flags->missing_as_errors,
                "Load every episode and count those without an output as backend errors (default: only the "
                "episodes the outputs name are read and scored)");
  cmd->add_option("--bootstrap", flags->bootstrap, "Bootstrap resamples for gap intervals")
      ->check(FlagCheck("bootstrap"))
      ->capture_default_str();
  cmd->footer(
      "Example:\n"
      "  toolshift score --suite single-id --outputs my-model.jsonl --out results/my-model.json\n"
      "Every output line is scored (several lines per id = several samples). Lines naming no selected episode are\n"
      "reported on stderr and ignored. Only the episodes the outputs name are read: the others are counted on\n"
      "stderr, not scored; with --missing-as-errors every episode is read and those without an output count as\n"
      "backend errors, never as model failures.\n"
      "Examples:\n"
      "  toolshift score --suite single-id --outputs outputs.jsonl --out results/scored.json\n"
      "  toolshift score --suite bfcl-mt-base --outputs BFCL_v4_multi_turn_base_result.json --dialect pythonic \\\n"
      "      --out results/mt.json\n"
      "Exit codes: 0 scored, 2 bad flags or input (message names file:line: field), 3 could not write the report.");
  return [flags, argv0] { return Score(*flags, argv0); };
}

}  // namespace toolshift
