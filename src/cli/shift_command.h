// `toolshift shift`: derive a shifted suite from any suite, with provenance.
#ifndef TOOLSHIFT_CLI_SHIFT_COMMAND_H_
#define TOOLSHIFT_CLI_SHIFT_COMMAND_H_

#include <functional>

#include <CLI/CLI.hpp>

namespace toolshift {

std::function<int()> AddShiftCommand(CLI::App& app, const std::string& argv0);

}  // namespace toolshift

#endif  // TOOLSHIFT_CLI_SHIFT_COMMAND_H_
