// `toolshift merge`: one report from the shards of a run (`toolshift run --shard I/N`),
// equal to the report the unsharded run would have written, timestamps aside.
#ifndef TOOLSHIFT_CLI_MERGE_COMMAND_H_
#define TOOLSHIFT_CLI_MERGE_COMMAND_H_

#include <functional>
#include <string>

#include <CLI/CLI.hpp>

namespace toolshift {

std::function<int()> AddMergeCommand(CLI::App& app, const std::string& argv0);

}  // namespace toolshift

#endif  // TOOLSHIFT_CLI_MERGE_COMMAND_H_
