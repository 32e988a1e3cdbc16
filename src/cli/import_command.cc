#include "src/cli/import_command.h"

#include <cstdio>
#include <map>
#include <memory>

#include "src/cli/exit_codes.h"
#include "src/cli/output_guard.h"
#include "src/core/input_error.h"
#include "src/interop/bfcl_import.h"

namespace toolshift {
namespace {

struct ImportFlags {
  BfclImportOptions bfcl;
  std::string out;
};

int RunImportBfcl(const ImportFlags& flags) {
  OutputGuard guard;  // the suite must not overwrite the BFCL files it is made from
  guard.AddInput(flags.bfcl.questions);
  if (!flags.bfcl.answers.empty()) guard.AddInput(flags.bfcl.answers);
  guard.CheckOutputDir(flags.out, {"manifest.json", "episodes.jsonl"}, "--out");
  const BfclImportResult result = ImportBfcl(flags.bfcl);
  const Suite& suite = result.suite;
  WriteSuite(flags.out, suite.manifest, suite.episodes);
  std::map<std::string, size_t> by_category;
  for (const auto& e : suite.episodes) ++by_category[e.domain];
  std::string counts;
  for (const auto& [c, n] : by_category) counts += (counts.empty() ? "" : ", ") + c + " " + std::to_string(n);
  std::printf("%s: %zu episodes imported as suite %s (%s); scoring bfcl, dialect pythonic\n", flags.out.c_str(),
              suite.episodes.size(), suite.manifest.name.c_str(), counts.c_str());
  if (result.unused_answers > 0) {
    std::fprintf(stderr, "toolshift: note: %zu answer record(s) in %s match no question and were ignored\n",
                 result.unused_answers, flags.bfcl.answers.c_str());
  }
  return kExitOk;
}

}  // namespace

std::function<int()> AddImportCommand(CLI::App& app, const std::string&) {
  auto flags = std::make_shared<ImportFlags>();
  CLI::App* cmd = app.add_subcommand("import", "Convert another benchmark's data into a toolshift suite");
  cmd->require_subcommand(1);
  CLI::App* bfcl = cmd->add_subcommand("bfcl", "Import Berkeley Function Calling Leaderboard single-turn records");
  bfcl->add_option("-q,--questions", flags->bfcl.questions, "BFCL question file (JSON Lines, e.g. BFCL_v4_simple_python.json)")
      ->required();
  bfcl->add_option("-a,--answers", flags->bfcl.answers,
                   "BFCL possible-answer file (possible_answer/...); not needed for irrelevance files");
  bfcl->add_option("-c,--category", flags->bfcl.category,
                   "BFCL category of every record (default: read from each id, e.g. live_multiple_3-1-0)");
  bfcl->add_option("--name", flags->bfcl.name, "Suite name (default bfcl-<category>)");
  bfcl->add_option("-o,--out", flags->out, "Output suite folder (manifest.json + episodes.jsonl)")->required();
  bfcl->footer(
      "Supported categories: simple(_python), multiple, parallel, parallel_multiple, irrelevance and their live_\n"
      "variants. Ids, schemas and possible answers are kept; the suite is scored with BFCL's rules\n"
      "(docs/scoring.md) and asks for BFCL's prompt format (dialect pythonic). See docs/bfcl.md.\n"
      "Exit codes: 0 written, 2 bad flags or input (the message names file, line, id and field), 3 write failure.");
  return [flags] { return RunImportBfcl(*flags); };
}

}  // namespace toolshift
