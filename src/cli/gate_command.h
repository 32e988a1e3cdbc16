// `toolshift gate`: pass or fail a report for CI, optionally against a baseline.
#ifndef TOOLSHIFT_CLI_GATE_COMMAND_H_
#define TOOLSHIFT_CLI_GATE_COMMAND_H_

#include <functional>
#include <string>

#include <CLI/CLI.hpp>

namespace toolshift {

std::function<int()> AddGateCommand(CLI::App& app);

}  // namespace toolshift

#endif  // TOOLSHIFT_CLI_GATE_COMMAND_H_
