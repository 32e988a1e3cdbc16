// "Did you mean": when CLI11 refuses a command line, the nearest subcommand or flag to what was
// typed (`toolshift runn` -> run, `run --job 4` -> --jobs), by edit distance, so a typo costs one
// look at the message instead of a trip through --help.
#ifndef TOOLSHIFT_CLI_SUGGEST_H_
#define TOOLSHIFT_CLI_SUGGEST_H_

#include <string>
#include <string_view>
#include <vector>

#include <CLI/CLI.hpp>

namespace toolshift {

// Optimal-string-alignment distance (Levenshtein plus adjacent transpositions), ASCII case-folded.
size_t EditDistance(std::string_view a, std::string_view b);

// The candidate nearest to `typed` when it is near enough to be a typo (a unique prefix, or at most
// about a third of its letters wrong), else "".
std::string Nearest(std::string_view typed, const std::vector<std::string>& candidates);

// Walks `args` (argv without the program name) through `app`'s subcommands and flags; for the first
// unknown subcommand or flag returns a line such as "toolshift: unknown command 'runn'; did you mean
// 'run'?" (no suggestion when nothing is near; "" when every word is known).
std::string SuggestFix(CLI::App& app, const std::vector<std::string>& args);

}  // namespace toolshift

#endif  // TOOLSHIFT_CLI_SUGGEST_H_
