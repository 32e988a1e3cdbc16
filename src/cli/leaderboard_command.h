// `toolshift leaderboard`: reports of several models side by side, as JSON, CSV, Markdown and HTML.
#ifndef TOOLSHIFT_CLI_LEADERBOARD_COMMAND_H_
#define TOOLSHIFT_CLI_LEADERBOARD_COMMAND_H_

#include <functional>

#include <CLI/CLI.hpp>

namespace toolshift {

std::function<int()> AddLeaderboardCommand(CLI::App& app);

}  // namespace toolshift

#endif  // TOOLSHIFT_CLI_LEADERBOARD_COMMAND_H_
