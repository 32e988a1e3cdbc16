#include "src/cli/gate_command.h"

#include <cstdio>
#include <memory>

#include "src/cli/exit_codes.h"
#include "src/cli/flag_checks.h"
#include "src/cli/output_guard.h"
#include "src/core/echo.h"
#include "src/core/input_error.h"
#include "src/gate/gate.h"
#include "src/report/report_writer.h"

namespace toolshift {
namespace {

struct GateFlags {
  std::string report;
  std::string baseline;
  std::string config;
  std::vector<std::string> min, max, max_drop;
  double alpha = 0.05;
  std::string junit;
  std::string summary;
};

GateRun Load(const std::string& path) {
  GateRun run;
  run.report_path = path;
  run.report = ReadReport(path);
  run.episodes = ReadEpisodeVerdicts(path);
  return run;
}

int Gate(const GateFlags& flags) {
  double alpha = flags.alpha;
  std::vector<GateCheck> checks;
  if (!flags.config.empty()) checks = ReadGateConfig(flags.config, &alpha);
  for (const auto& s : flags.min) checks.push_back(ParseGateCheck(GateCheck::Kind::kMin, s, "--min"));
  for (const auto& s : flags.max) checks.push_back(ParseGateCheck(GateCheck::Kind::kMax, s, "--max"));
  for (const auto& s : flags.max_drop) checks.push_back(ParseGateCheck(GateCheck::Kind::kMaxDrop, s, "--max-drop"));
  const GateRun report = Load(flags.report);
  std::optional<GateRun> baseline;
  if (!flags.baseline.empty()) baseline = Load(flags.baseline);
  if (checks.empty()) {
    if (!baseline) throw InputError("nothing to check: give --baseline, --config, --min, --max or --max-drop");
    checks = DefaultGateChecks(report.report);
  }
  OutputGuard guard;  // --junit and --summary must not land on a file the gate reads
  for (const std::string& in : {flags.report, flags.baseline, flags.config}) {
    if (in.empty()) continue;
    guard.AddInput(in);
    guard.AddInput(EpisodeLogPath(in));
  }
  if (!flags.junit.empty()) guard.CheckOutput(flags.junit, "--junit");
  if (!flags.summary.empty()) guard.CheckAppendTarget(flags.summary, "--summary");
  const std::vector<CheckResult> results = EvaluateGate(report, baseline, checks, alpha);

  size_t failed = 0;
  for (const auto& r : results) {
    failed += !r.passed;
    std::printf("%s  %s  (%s)\n", r.passed ? "PASS" : "FAIL", r.name.c_str(), r.detail.c_str());
  }
  std::printf("gate %s: %zu of %zu checks pass\n", failed ? "FAILED" : "passed", results.size() - failed, results.size());
  try {
    if (!flags.junit.empty()) WriteFileAtomic(flags.junit, GateJUnit(results, flags.report));
    if (!flags.summary.empty()) {
      // $GITHUB_STEP_SUMMARY is appended to, as GitHub expects.
      std::FILE* f = std::fopen(flags.summary.c_str(), "ab");
      if (!f) throw std::runtime_error(flags.summary + ": cannot open for appending");
      const std::string md = GateMarkdown(results, flags.report, flags.baseline);
      const bool ok = std::fwrite(md.data(), 1, md.size(), f) == md.size();
      if (std::fclose(f) != 0 || !ok) throw std::runtime_error(flags.summary + ": write failed");
    }
  } catch (const std::exception& e) {
    std::fprintf(stderr, "toolshift gate: %s\n", CapMessage(e.what()).c_str());
    return kExitRuntime;
  }
  return failed ? kExitCheckFailed : kExitOk;
}

}  // namespace

std::function<int()> AddGateCommand(CLI::App& app) {
  auto flags = std::make_shared<GateFlags>();
  CLI::App* cmd = app.add_subcommand("gate", "Pass or fail a report for CI: thresholds, and regressions against a baseline");
  cmd->add_option("report", flags->report, "The report to check")->required();
  cmd->add_option("--baseline", flags->baseline,
                  "A report to compare with (e.g. main's); its episode log beside it enables paired tests");
  cmd->add_option("--config", flags->config, "JSON: {\"min\": {PATH: V}, \"max\": {...}, \"max_drop\": {...}, \"alpha\": A}");
  cmd->add_option("--min", flags->min, "PATH=V: the number at PATH must be >= V (repeatable)");
  cmd->add_option("--max", flags->max, "PATH=V: the number at PATH must be <= V (repeatable)");
  cmd->add_option("--max-drop", flags->max_drop,
                  "PATH=V: baseline minus report at PATH must be <= V unless the drop is not significant (repeatable)");
  cmd->add_option("--alpha", flags->alpha, "Significance level of regression tests")
      ->check(FlagCheck("alpha"))
      ->capture_default_str();
  cmd->add_option("--junit", flags->junit, "Write JUnit XML here (one test case per check)");
  cmd->add_option("--summary", flags->summary, "Append a Markdown summary here (e.g. \"$GITHUB_STEP_SUMMARY\")");
  cmd->footer(
      "Examples:\n"
      "  toolshift gate results/new.json --min splits.id.accuracy=0.9 --max gap.format.delta=0.1\n"
      "  toolshift gate results/new.json --baseline results/main.json --junit gate.xml --summary \"$GITHUB_STEP_SUMMARY\"\n"
      "PATH is dotted (splits.id.accuracy, gap.format.delta, totals.backend_errors) or a JSON pointer.\n"
      "With --baseline and no other check: max-drop 0 on totals.accuracy and every split's accuracy.\n"
      "A drop counts only when significant: paired McNemar over the episodes both runs scored (from the\n"
      "episode logs beside the reports) for accuracies; otherwise the reports' 95% intervals must separate.\n"
      "Exit codes: 0 every check passes, 1 a check failed, 2 bad flags or input (unreadable report, unknown\n"
      "schema major version, a path not in the report), 3 could not write the JUnit or summary file.");
  return [flags] { return Gate(*flags); };
}

}  // namespace toolshift
