#include "src/cli/suites_command.h"

#include <cstdio>
#include <memory>

#include "src/cli/exit_codes.h"
#include "src/cli/flag_checks.h"
#include "src/core/suite_catalog.h"
#include "src/suitegen/suite_checker.h"

namespace toolshift {
namespace {

struct SuitesFlags {
  bool json = false;
  bool check = false;
  int jobs = 0;
  std::string suites_dir;
};

Json Describe(const Suite& s) {
  Json domains = Json::array();
  for (const auto& d : s.Domains()) domains.push_back(d);
  Json j = {{"name", s.manifest.name}, {"split", SplitName(s.manifest.split)}, {"version", s.manifest.version},
            {"dialect", s.manifest.dialect}, {"episodes", s.episodes.size()}, {"domains", domains},
            {"hash", s.hash}, {"description", s.manifest.description}, {"path", s.source}};
  j["shift"] = s.manifest.split == Split::kId ? Json(nullptr) : Json(s.manifest.provenance.shift);
  j["base_suite"] = s.manifest.split == Split::kId ? Json(nullptr) : Json(s.manifest.provenance.base_suite);
  return j;
}

int ListSuites(const SuitesFlags& flags, const std::string& argv0) {
  SuiteCatalog catalog(flags.suites_dir.empty() ? SuiteCatalog::DefaultRoot(argv0) : flags.suites_dir);
  std::vector<Suite> suites = catalog.LoadAll();
  if (flags.check) {
    bool ok = true;
    for (const auto& r : CheckSuites(suites, flags.jobs)) {
      std::printf("%-8s %-4s %zu checked\n", r.name.c_str(), r.ok() ? "ok" : "FAIL", r.checked);
      for (const auto& p : r.problems) std::printf("  %s\n", p.c_str());
      ok = ok && r.ok();
    }
    std::printf("%s: %zu suites under %s\n", ok ? "all checks passed" : "checks failed", suites.size(),
                catalog.root().c_str());
    return ok ? kExitOk : kExitCheckFailed;
  }
  if (flags.json) {
    Json out = Json::array();
    for (const auto& s : suites) out.push_back(Describe(s));
    std::fputs((DumpJson(out, 2) + "\n").c_str(), stdout);
    return kExitOk;
  }
  std::printf("%-40s %-8s %-28s %-9s %8s  %s\n", "name", "split", "shift", "dialect", "episodes", "domains");
  size_t per_split[3] = {0, 0, 0};
  for (const auto& s : suites) {
    std::string domains;
    for (const auto& d : s.Domains()) domains += (domains.empty() ? "" : ",") + d;
    const std::string shift = s.manifest.split == Split::kId ? "-" : s.manifest.provenance.shift;
    std::printf("%-40s %-8s %-28s %-9s %8zu  %s\n", s.manifest.name.c_str(),
                std::string(SplitName(s.manifest.split)).c_str(), shift.c_str(), s.manifest.dialect.c_str(),
                s.episodes.size(), domains.c_str());
    per_split[static_cast<int>(s.manifest.split)] += s.episodes.size();
  }
  std::printf("total: %zu suites; episodes id %zu, format %zu, content %zu\n", suites.size(), per_split[0],
              per_split[1], per_split[2]);
  return kExitOk;
}

}  // namespace

std::function<int()> AddSuitesCommand(CLI::App& app, const std::string& argv0) {
  auto flags = std::make_shared<SuitesFlags>();
  CLI::App* cmd = app.add_subcommand("suites", "List the built-in suites with split, shift, dialect and counts");
  cmd->add_flag("--json", flags->json, "Print JSON (name, split, shift, episodes, domains, hash...) instead of a table");
  cmd->add_flag("--check", flags->check,
                "Verify the library: every suite loads, the oracle passes every episode, no held-out or distractor "
                "tool leaks in-distribution, no duplicate tasks, every shifted episode has its twin");
  cmd->add_option("-j,--jobs", flags->jobs, "Worker threads for --check (0 = one per core)")
      ->check(FlagCheck("jobs"));
  cmd->add_option("--suites-dir", flags->suites_dir, "Folder of built-in suites (default: the installed suites/)");
  cmd->footer("Examples:\n"
              "  toolshift suites                 # name, split, shift and size of every built-in suite\n"
              "  toolshift suites --check         # verify the whole library\n"
              "Exit codes: 0 listed or all checks passed, 1 a check failed, 2 a suite failed to load "
              "(message names file:line: field).");
  return [flags, argv0] { return ListSuites(*flags, argv0); };
}

}  // namespace toolshift
