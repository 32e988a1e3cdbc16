#include "src/cli/view_command.h"

#include <cstdio>
#include <filesystem>
#include <memory>

#include "src/cli/exit_codes.h"
#include "src/cli/output_guard.h"
#include "src/core/echo.h"
#include "src/report/report_reader.h"
#include "src/report/report_writer.h"
#include "src/view/episode_viewer.h"

namespace toolshift {
namespace {

struct ViewFlags {
  std::string input;
  std::string out;
};

bool EndsWith(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

int View(const ViewFlags& flags) {
  // REPORT.json with its REPORT.episodes.jsonl beside it, or the log itself.
  const bool is_log = EndsWith(flags.input, ".jsonl");
  const std::string log = is_log ? flags.input : EpisodeLogPath(flags.input);
  Json report;
  if (!is_log) {
    report = ReadReport(flags.input);
  } else {
    const std::string stem = flags.input.substr(0, flags.input.size() - std::string(".jsonl").size());
    const std::string beside = EndsWith(stem, ".episodes") ? stem.substr(0, stem.size() - 9) + ".json" : "";
    if (!beside.empty() && std::filesystem::is_regular_file(beside)) report = ReadReport(beside);
  }
  if (!std::filesystem::exists(log)) {
    std::fprintf(stderr, "toolshift view: %s: no episode log (a report's log is written beside it as NAME.episodes.jsonl)\n",
                 Echo(log).c_str());
    return kExitUsage;
  }
  std::vector<Json> episodes = ReadEpisodeLog(log);
  std::string out = flags.out;
  if (out.empty()) {
    std::string stem = is_log ? log.substr(0, log.size() - 6) : log.substr(0, log.size() - std::string(".episodes.jsonl").size());
    if (EndsWith(stem, ".episodes")) stem.resize(stem.size() - 9);
    out = stem + ".view.html";
  }
  OutputGuard guard;
  guard.AddInput(log);
  if (!is_log) guard.AddInput(flags.input);
  guard.CheckOutput(out, "--out");
  const size_t count = episodes.size();
  try {
    WriteFileAtomic(out, EpisodeViewerHtml(report, std::move(episodes), log));
  } catch (const std::exception& e) {
    std::fprintf(stderr, "toolshift view: %s\n", CapMessage(e.what()).c_str());
    return kExitRuntime;
  }
  std::fprintf(stderr, "view: %zu episodes\n", count);
  std::printf("%s\n", out.c_str());
  return kExitOk;
}

}  // namespace

std::function<int()> AddViewCommand(CLI::App& app) {
  auto flags = std::make_shared<ViewFlags>();
  CLI::App* cmd = app.add_subcommand("view", "Write a self-contained HTML viewer of a run's episode log");
  cmd->add_option("report", flags->input, "A report (its NAME.episodes.jsonl is read) or an episode log")->required();
  cmd->add_option("-o,--out", flags->out, "The page to write (default: beside the report, NAME.view.html)");
  cmd->footer(
      "The page needs no network and no server: open it in a browser. Filter by split, suite, shift kind, failure\n"
      "and signature; click an episode for its prompt, raw reply, parsed calls, verdict, steps with observations\n"
      "and state diff, beside its paired twin. The state is in the URL fragment, so a link reopens the same view:\n"
      "  NAME.view.html#split=format&failure=wrong_value&open=SUITE/ID\n"
      "Examples:\n"
      "  toolshift run --model reference:noisy:0.2 --suite single-id --suite 'single-fmt-dialect-*' --out r.json\n"
      "  toolshift view r.json                      # writes r.view.html, prints its path\n"
      "  toolshift view r.episodes.jsonl -o /tmp/episodes.html\n"
      "Exit codes: 0 written, 2 bad input (unreadable report or log, a malformed log line named path:line),\n"
      "3 could not write the page.");
  return [flags] { return View(*flags); };
}

}  // namespace toolshift
