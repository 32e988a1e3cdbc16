// `toolshift suites`: list the built-in suites (table, or JSON with --json).
#ifndef TOOLSHIFT_CLI_SUITES_COMMAND_H_
#define TOOLSHIFT_CLI_SUITES_COMMAND_H_

#include <functional>

#include <CLI/CLI.hpp>

namespace toolshift {

std::function<int()> AddSuitesCommand(CLI::App& app, const std::string& argv0);

}  // namespace toolshift

#endif  // TOOLSHIFT_CLI_SUITES_COMMAND_H_
