// `toolshift generate`: regenerate the built-in suites from their domain specs.
#ifndef TOOLSHIFT_CLI_GENERATE_COMMAND_H_
#define TOOLSHIFT_CLI_GENERATE_COMMAND_H_

#include <functional>

#include <CLI/CLI.hpp>

namespace toolshift {

std::function<int()> AddGenerateCommand(CLI::App& app, const std::string& argv0);

}  // namespace toolshift

#endif  // TOOLSHIFT_CLI_GENERATE_COMMAND_H_
