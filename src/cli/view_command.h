// `toolshift view REPORT`: a self-contained HTML viewer of a run's episode log (src/view).
#ifndef TOOLSHIFT_CLI_VIEW_COMMAND_H_
#define TOOLSHIFT_CLI_VIEW_COMMAND_H_

#include <functional>

#include <CLI/CLI.hpp>

namespace toolshift {

std::function<int()> AddViewCommand(CLI::App& app);

}  // namespace toolshift

#endif  // TOOLSHIFT_CLI_VIEW_COMMAND_H_
