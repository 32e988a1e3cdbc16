// `toolshift run`: evaluate a model on suites and write a report plus episode log.
#ifndef TOOLSHIFT_CLI_RUN_COMMAND_H_
#define TOOLSHIFT_CLI_RUN_COMMAND_H_

#include <functional>

#include <CLI/CLI.hpp>

namespace toolshift {

// Adds the subcommand to `app`; the returned callable runs it after parsing and gives the exit code.
std::function<int()> AddRunCommand(CLI::App& app, const std::string& argv0);

}  // namespace toolshift

#endif  // TOOLSHIFT_CLI_RUN_COMMAND_H_
