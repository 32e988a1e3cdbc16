#include "src/cli/shift_command.h"

#include <cstdio>
#include <memory>

#include "src/cli/exit_codes.h"
#include "src/cli/flag_checks.h"
#include "src/cli/output_guard.h"
#include "src/core/echo.h"
#include "src/core/input_error.h"
#include "src/core/suite_catalog.h"
#include "src/shifts/shift.h"

namespace toolshift {
namespace {

// One line on what a kind does to an episode (docs/suites.md shows each before and after).
std::string ShiftDescription(const std::string& kind) {
  static const std::pair<const char*, const char*> kDescriptions[] = {
      {"dialect:", "the same task, calls asked in another syntax"},
      {"schema:", "tools shown in another notation than JSON Schema"},
      {"rename-params", "parameter names respelled (camelCase, synonyms, prefixes), expectation renamed alike"},
      {"rename-tools", "tool names respelled (verb synonyms, camelCase, namespaces), expectation renamed alike"},
      {"describe-noise", "tool descriptions paraphrased and sprinkled with typos"},
      {"shuffle-order", "tool order and property order shuffled"},
      {"system-template", "another system prompt around the same tools"},
      {"control-tokens", "hermes call tags respelled (<function_call>, [TOOL_CALL], ...)"},
      {"rotbench:", "RoTBench's name noise at this level"},
      {"toolsandbox:", "ToolSandbox's perturbation of names, descriptions or types"},
      {"distractors", "near-miss tools added beside the right ones"},
      {"long-tool-list", "the tool list padded to 30+ tools"},
      {"irrelevance", "the needed tools removed: no call is now right"},
  };
  for (const auto& [prefix, text] : kDescriptions) {
    if (kind.rfind(prefix, 0) == 0) return text;
  }
  return "";
}

struct ShiftFlags {
  std::string suite;
  std::vector<std::string> kinds;
  uint64_t seed = 0;  // the same default as run's
  std::string out;
  std::string name;
  std::string suites_dir;
  bool list = false;
};

int RunShift(const ShiftFlags& flags, const std::string& argv0) {
  if (flags.list) {
    for (const auto& k : AllShiftKinds()) {
      std::printf("%-30s %-8s %s\n", k.c_str(), std::string(SplitName(MakeShift(k)->split())).c_str(),
                  ShiftDescription(k).c_str());
    }
    return kExitOk;
  }
  if (flags.suite.empty() || flags.kinds.empty() || flags.out.empty()) {
    throw InputError("shift: --suite, --kind and --out are required (see toolshift shift --help)");
  }
  std::vector<std::unique_ptr<Shift>> owned;
  std::vector<Shift*> shifts;
  std::string slug;
  for (const auto& k : flags.kinds) {
    owned.push_back(MakeShift(k));
    shifts.push_back(owned.back().get());
    slug += (slug.empty() ? "" : "+") + KindSlug(k);
  }
  SuiteCatalog catalog(flags.suites_dir.empty() ? SuiteCatalog::DefaultRoot(argv0) : flags.suites_dir);
  const std::vector<Suite> base = catalog.Resolve({flags.suite});
  if (base.size() != 1) {  // a pattern or "all": shifting only the first would drop the rest unsaid
    throw InputError("--suite " + Echo(flags.suite) + ": selects " + std::to_string(base.size()) +
                     " suites; shift derives from one base suite (run it once per suite)");
  }
  OutputGuard guard;  // the shifted suite must not overwrite its base
  guard.AddInput(base.front().source);
  guard.CheckOutputDir(flags.out, {"manifest.json", "episodes.jsonl"}, "--out");
  const std::string name = flags.name.empty() ? base.front().manifest.name + "." + slug : flags.name;
  Suite shifted = ShiftSuite(base.front(), shifts, flags.seed, name);
  WriteSuite(flags.out, shifted.manifest, shifted.episodes);
  std::printf("%s: %zu of %zu episodes of %s shifted (%s, %s split, seed %llu)\n", flags.out.c_str(),
              shifted.episodes.size(), base.front().episodes.size(), base.front().manifest.name.c_str(),
              shifted.manifest.provenance.shift.c_str(), std::string(SplitName(shifted.manifest.split)).c_str(),
              static_cast<unsigned long long>(flags.seed));
  return kExitOk;
}

}  // namespace

std::function<int()> AddShiftCommand(CLI::App& app, const std::string& argv0) {
  auto flags = std::make_shared<ShiftFlags>();
  CLI::App* cmd = app.add_subcommand("shift", "Derive a format- or content-shifted suite, paired episode by episode");
  cmd->add_option("-s,--suite", flags->suite, "Base suite: a built-in name, a suite folder, a manifest or a .jsonl file");
  cmd->add_option("-k,--kind", flags->kinds, "Shift kind; repeat to compose, applied in order (see --list)");
  cmd->add_option("--seed", flags->seed, "Shift seed")->check(FlagCheck("seed"))->capture_default_str();
  cmd->add_option("-o,--out", flags->out, "Output suite folder (manifest.json + episodes.jsonl)");
  cmd->add_option("--name", flags->name, "Suite name (default <base>.<kinds>)");
  cmd->add_option("--suites-dir", flags->suites_dir, "Folder of built-in suites");
  cmd->add_flag("--list", flags->list, "List the shift kinds and their split, then exit");
  cmd->footer("Examples:\n"
              "  toolshift shift --list\n"
              "  toolshift shift --suite single-id --kind dialect:pythonic --out suites/my-pythonic\n"
              "  toolshift shift --suite multi-id --kind rename-tools --kind schema:xml --seed 3 --out suites/mine\n"
              "Episodes a kind does not apply to are left out (e.g. irrelevance on irrelevance episodes).\n"
              "Exit codes: 0 written, 2 bad flags or input (unknown kind, bad suite), 3 write failure.");
  return [flags, argv0] { return RunShift(*flags, argv0); };
}

}  // namespace toolshift
