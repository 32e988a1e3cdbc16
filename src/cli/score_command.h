// `toolshift score`: scores outputs recorded elsewhere against suites, without a model.
#ifndef TOOLSHIFT_CLI_SCORE_COMMAND_H_
#define TOOLSHIFT_CLI_SCORE_COMMAND_H_

#include <functional>
#include <string>

#include <CLI/CLI.hpp>

namespace toolshift {

std::function<int()> AddScoreCommand(CLI::App& app, const std::string& argv0);

}  // namespace toolshift

#endif  // TOOLSHIFT_CLI_SCORE_COMMAND_H_
