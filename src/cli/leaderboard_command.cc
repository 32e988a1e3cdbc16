#include "src/cli/leaderboard_command.h"

#include <cstdio>
#include <filesystem>
#include <memory>

#include "src/cli/exit_codes.h"
#include "src/cli/output_guard.h"
#include "src/core/echo.h"
#include "src/leaderboard/leaderboard.h"
#include "src/report/report_reader.h"
#include "src/report/report_writer.h"

namespace toolshift {
namespace {

struct LeaderboardFlags {
  std::vector<std::string> reports;
  std::string out;
};

int Leaderboard(const LeaderboardFlags& flags) {
  std::vector<LeaderboardInput> inputs;
  for (const auto& path : flags.reports) inputs.push_back({path, ReadReport(path)});
  const Json board = BuildLeaderboard(inputs);
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
  cmd->add_option("reports", flags->reports, "Reports, one per model")->required();
  cmd->add_option("-o,--out", flags->out, "Output folder")->required();
  cmd->footer(
      "Example:\n"
      "  toolshift leaderboard results/oracle.json results/overfit.json --out results/board\n"
      "Ranks are ranges from the overall accuracy intervals (overlapping intervals share a range). index.html is\n"
      "self-contained (no network): a sortable table (add #sort=COLUMN to the URL to sort on load), SVG charts of\n"
      "accuracy by split and gap by shift kind, and per-category and per-shift-kind tables.\n"
      "Exit codes: 0 written, 2 bad input (unreadable report, unknown schema major version, a model twice),\n"
      "3 could not write the output folder.");
  return [flags] { return Leaderboard(*flags); };
}

}  // namespace toolshift
