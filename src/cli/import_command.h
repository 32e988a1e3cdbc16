// `toolshift import bfcl`: converts BFCL data files into a native suite (src/interop).
#ifndef TOOLSHIFT_CLI_IMPORT_COMMAND_H_
#define TOOLSHIFT_CLI_IMPORT_COMMAND_H_

#include <functional>
#include <string>

#include <CLI/CLI.hpp>

namespace toolshift {

// Registers `import` (with its `bfcl` subcommand) on `app`; the returned function runs it.
std::function<int()> AddImportCommand(CLI::App& app, const std::string& argv0);

}  // namespace toolshift

#endif  // TOOLSHIFT_CLI_IMPORT_COMMAND_H_
