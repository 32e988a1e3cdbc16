// toolshift: evaluate tool-using language models under format and content shift.
#include <cstdio>
#include <exception>
#include <map>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "src/cli/exit_codes.h"
#include "src/cli/gate_command.h"
#include "src/cli/generate_command.h"
#include "src/cli/import_command.h"
#include "src/cli/leaderboard_command.h"
#include "src/cli/merge_command.h"
#include "src/cli/shift_command.h"
#include "src/cli/run_command.h"
#include "src/cli/score_command.h"
#include "src/cli/suggest.h"
#include "src/cli/suites_command.h"
#include "src/cli/view_command.h"
#include "src/core/echo.h"
#include "src/core/input_error.h"

int main(int argc, char** argv) {
  using namespace toolshift;
  CLI::App app{"toolshift " TOOLSHIFT_VERSION
               " - evaluate tool-using language models in-distribution, under format shift and under content shift"};
  app.require_subcommand(1);
  app.set_version_flag("--version", TOOLSHIFT_VERSION);
  app.footer(
      "Examples:\n"
      "  toolshift run                                         # the oracle on every built-in suite\n"
      "  toolshift run --model openai:my-model@http://127.0.0.1:8000/v1 --suite single-id,multi-id --limit 0.1\n"
      "  toolshift gate results/my-model.json --min splits.id.accuracy=0.9\n"
      "Exit codes: 0 success, 1 a check or gate failed, 2 bad flags or input files, 3 runtime failure,\n"
      "4 run or merge finished with too many backend errors (see --max-backend-errors).\n"
      "Run `toolshift COMMAND --help` for a command's flags.");
  std::map<CLI::App*, std::function<int()>> commands;
  const std::string argv0 = argc > 0 ? argv[0] : "toolshift";
  auto add = [&](std::function<int()> fn) { commands[app.get_subcommands({}).back()] = std::move(fn); };
  add(AddRunCommand(app, argv0));
  add(AddSuitesCommand(app, argv0));
  add(AddShiftCommand(app, argv0));
  add(AddGenerateCommand(app, argv0));
  add(AddImportCommand(app, argv0));
  add(AddScoreCommand(app, argv0));
  add(AddMergeCommand(app, argv0));
  add(AddGateCommand(app));
  add(AddLeaderboardCommand(app));
  add(AddViewCommand(app));
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    // CLI11's message, capped (it can quote a whole argument), then the nearest known word to a typo.
    std::fprintf(stderr, "%s\n", CapMessage(e.what()).c_str());
    const std::string hint = SuggestFix(app, argc > 1 ? std::vector<std::string>(argv + 1, argv + argc) : std::vector<std::string>{});
    if (!hint.empty()) std::fprintf(stderr, "%s\n", hint.c_str());
    std::fprintf(stderr, "Run with --help for more information.\n");
    return kExitUsage;
  }
  try {
    for (auto& [sub, fn] : commands) {
      if (sub->parsed()) return fn();
    }
    return kExitUsage;
  } catch (const InputError& e) {
    std::fprintf(stderr, "toolshift: %s\n", CapMessage(e.what()).c_str());
    return kExitUsage;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "toolshift: internal error: %s\n", CapMessage(e.what()).c_str());
    return kExitRuntime;
  }
}
