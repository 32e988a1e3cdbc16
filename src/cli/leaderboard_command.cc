#include "src/cli/leaderboard_command.h"

#include <cstdio>
#include <filesystem>
#include <memory>

#include "src/cli/exit_codes.h"
#include "src/cli/output_guard.h"
#include "src/core/echo.h"
#include "src/core/input_error.h"
#include "src/leaderboard/leaderboard.h"
#include "src/leaderboard/trend.h"
#include "src/report/report_reader.h"
#include "src/report/report_writer.h"

namespace toolshift {
namespace {

struct LeaderboardFlags {
  std::vector<std::string> reports;
  std::string out;
  bool trend = false;
  std::vector<std::string> steps;
  bool strict = false;
};

// The trend page: trend.json, trend.csv and index.html in --out.
int Trend(const LeaderboardFlags& flags) {
  if (!flags.steps.empty() && flags.steps.size() != flags.reports.size()) {
    throw InputError("--step: " + std::to_string(flags.steps.size()) + " steps for " +
                     std::to_string(flags.reports.size()) + " reports (give one per report, in order)");
  }
  std::vector<TrendInput> inputs;
  OutputGuard guard;
  for (size_t i = 0; i < flags.reports.size(); ++i) {
    auto [path, step] = SplitReportStep(flags.reports[i]);
    if (std::filesystem::exists(flags.reports[i])) path = flags.reports[i], step.reset();  // a file named "x=3"
    if (!flags.steps.empty()) step = flags.steps[i];
    inputs.push_back({path, ReadReport(path), step});
    guard.AddInput(path);
  }
  const Json trend = BuildTrend(inputs);
  guard.CheckOutputDir(flags.out, {"trend.json", "trend.csv", "index.html"}, "--out");
  try {
    std::filesystem::create_directories(flags.out);
    WriteFileAtomic(flags.out + "/trend.json", DumpJson(trend, 2) + "\n");
    WriteFileAtomic(flags.out + "/trend.csv", TrendCsv(trend));
    WriteFileAtomic(flags.out + "/index.html", TrendHtml(trend));
  } catch (const std::exception& e) {
    std::fprintf(stderr, "toolshift leaderboard: %s\n", CapMessage(e.what()).c_str());
    return kExitRuntime;
  }
  for (const auto& w : trend["warnings"]) std::fprintf(stderr, "warning: %s\n", CapMessage(w.get<std::string>()).c_str());
  std::fputs(TrendText(trend).c_str(), stdout);
  std::fprintf(stderr, "trend: %s/{trend.json,trend.csv,index.html}\n", flags.out.c_str());
  return kExitOk;
}

int Leaderboard(const LeaderboardFlags& flags) {
  if (flags.trend) return Trend(flags);
  if (!flags.steps.empty()) throw InputError("--step: only with --trend");
  std::vector<LeaderboardInput> inputs;
  for (const auto& path : flags.reports) inputs.push_back({path, ReadReport(path)});
  const Json board = BuildLeaderboard(inputs);
  for (const auto& w : board["warnings"]) {
    if (flags.strict) throw InputError("--strict: " + w.get<std::string>());
    std::fprintf(stderr, "warning: %s\n", CapMessage(w.get<std::string>()).c_str());
  }
  OutputGuard guard;  // no page may replace a report it ranks
  for (const auto& path : flags.reports) guard.AddInput(path);
  guard.CheckOutputDir(flags.out, {"leaderboard.json", "leaderboard.csv", "leaderboard.md", "index.html"}, "--out");
  try {
    std::filesystem::create_directories(flags.out);
    WriteFileAtomic(flags.out + "/leaderboard.json", DumpJson(board, 2) + "\n");
    WriteFileAtomic(flags.out + "/leaderboard.csv", LeaderboardCsv(board));
    WriteFileAtomic(flags.out + "/leaderboard.md", LeaderboardMarkdown(board));
    WriteFileAtomic(flags.out + "/index.html", LeaderboardHtml(board));
  } catch (const std::exception& e) {
    std::fprintf(stderr, "toolshift leaderboard: %s\n", CapMessage(e.what()).c_str());
    return kExitRuntime;
  }
  std::fputs(LeaderboardMarkdown(board).c_str(), stdout);
  std::fprintf(stderr, "leaderboard: %s/{leaderboard.json,leaderboard.csv,leaderboard.md,index.html}\n", flags.out.c_str());
  return kExitOk;
}

}  // namespace

std::function<int()> AddLeaderboardCommand(CLI::App& app) {
  auto flags = std::make_shared<LeaderboardFlags>();
  CLI::App* cmd = app.add_subcommand("leaderboard", "Rank several reports: leaderboard.json, .csv, .md and index.html");
  cmd->add_option("reports", flags->reports, "Reports, one per run (with --trend: REPORT or REPORT=STEP)")->required();
  cmd->add_option("-o,--out", flags->out, "Output folder")->required();
  cmd->add_flag("--strict", flags->strict, "Refuse (exit 2) reports that are not comparable instead of grouping them");
  cmd->add_flag("--trend", flags->trend,
                "Checkpoints of one training run against their step: trend.json, trend.csv, index.html");
  cmd->add_option("--step", flags->steps,
                  "With --trend: the step of each report, in order (else REPORT=STEP, else the report's "
                  "config.labels.step)");
  cmd->footer(
      "Overall is the macro average (mean of the split accuracies), the micro figure (all episodes pooled) beside\n"
      "it; ranks are ranges from the overall intervals (overlapping intervals share a range). Reports that ran\n"
      "different suites, suite contents, episode counts (--limit), epochs or toolshift versions are ranked in\n"
      "separate groups, with a warning on stderr and on the page (--strict refuses them). One model may appear\n"
      "twice (checkpoints, labels): runs are named by config.name, labels or file name. index.html is\n"
      "self-contained (no network): a sortable table (add #sort=COLUMN to the URL to sort on load), each run's\n"
      "metadata, SVG charts with axes and interval whiskers, and single/multi-step, shift-kind and category tables.\n"
      "With --trend the page draws accuracy per split, the gaps and the main signature rates against the step\n"
      "and names the checkpoint where the drop starts.\n"
      "Examples:\n"
      "  toolshift leaderboard a.json b.json --out board/        # then open board/index.html\n"
      "  toolshift leaderboard a.json b.json --out board/ --strict\n"
      "  toolshift leaderboard --trend ck100.json=100 ck200.json=200 ck300.json=300 --out trend/\n"
      "  toolshift leaderboard --trend ck*.json --out trend/     # steps from `run --label step=N`\n"
      "Exit codes: 0 written, 2 bad input (unreadable report, unknown schema major version, with --strict\n"
      "reports that are not comparable, with --trend a report without a step or two at one step),\n"
      "3 could not write the output folder.");
  return [flags] { return Leaderboard(*flags); };
}

}  // namespace toolshift
