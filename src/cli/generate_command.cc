#include "src/cli/generate_command.h"

#include <cstdio>
#include <memory>

#include "src/cli/exit_codes.h"
#include "src/cli/flag_checks.h"
#include "src/core/suite_catalog.h"
#include "src/suitegen/builtin_suites.h"

namespace toolshift {
namespace {

struct GenerateFlags {
  std::string domains;
  std::string out;
  uint64_t seed = 1;
};

}  // namespace

std::function<int()> AddGenerateCommand(CLI::App& app, const std::string& argv0) {
  auto flags = std::make_shared<GenerateFlags>();
  CLI::App* cmd = app.add_subcommand(
      "generate", "Regenerate the built-in suites from domain specs (deterministic: same specs + seed, same bytes)");
  cmd->add_option("--domains", flags->domains, "Domain spec folder with id/ and heldout/ (default: <suites>/domains)");
  cmd->add_option("--out", flags->out, "Output folder (default: the built-in suites folder)");
  cmd->add_option("--seed", flags->seed, "Generation seed")->check(FlagCheck("seed"))->capture_default_str();
  cmd->footer("Example:\n"
              "  toolshift generate --out suites   # rebuilds the built-in suites byte for byte (seed 1, their seed)\n"
              "Exit codes: 0 written, 2 a domain spec is invalid (message names the file and field), 3 write failure.");
  return [flags, argv0] {
    const std::string root = SuiteCatalog::DefaultRoot(argv0);
    const std::string domains = flags->domains.empty() ? root + "/domains" : flags->domains;
    const std::string out = flags->out.empty() ? root : flags->out;
    for (const auto& dir : GenerateBuiltinSuites(domains, out, flags->seed)) std::printf("%s\n", dir.c_str());
    return kExitOk;
  };
}

}  // namespace toolshift
