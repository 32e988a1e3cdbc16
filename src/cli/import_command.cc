#include "src/cli/import_command.h"

#include <cstdio>
#include <fstream>
#include <map>
#include <memory>

#include "src/cli/exit_codes.h"
#include "src/core/input_error.h"
#include "src/interop/bfcl_import.h"

namespace toolshift {
namespace {

struct ImportFlags {
  BfclImportOptions bfcl;
  std::string out;
};

// A record's message as shown on stderr: a hostile record can make it arbitrarily long.
std::string CapForMessage(const std::string& text, size_t limit = 400) {
  if (text.size() <= limit) return text;
  return text.substr(0, limit) + "... (" + std::to_string(text.size() - limit) + " more bytes)";
}

// Writes DIR/skipped.jsonl: one {"reason"} line per record not imported (or removes a stale one).
void WriteSkipped(const std::string& dir, const std::vector<std::string>& skipped) {
  const std::string path = dir + "/skipped.jsonl";
  if (skipped.empty()) {
    std::remove(path.c_str());
    return;
  }
  std::ofstream out(path, std::ios::binary);
  for (const auto& s : skipped) out << DumpJson(Json{{"reason", s}}) << "\n";
  if (!out) throw InputError(path + ": write failed");
}

int RunImportBfcl(const ImportFlags& flags) {
  const BfclImportResult result = ImportBfcl(flags.bfcl);
  const Suite& suite = result.suite;
  WriteSuite(flags.out, suite.manifest, suite.episodes);
  WriteSkipped(flags.out, result.skipped);
  constexpr size_t kShown = 5;  // the rest are in skipped.jsonl
  for (size_t i = 0; i < result.skipped.size() && i < kShown; ++i) {
    std::fprintf(stderr, "toolshift: skipped: %s\n", CapForMessage(result.skipped[i]).c_str());
  }
  if (result.skipped.size() > kShown) {
    std::fprintf(stderr, "toolshift: ... and %zu more; every one is listed in %s/skipped.jsonl\n",
                 result.skipped.size() - kShown, flags.out.c_str());
  }
  std::map<std::string, size_t> by_category;
  for (const auto& e : suite.episodes) ++by_category[e.domain];
  std::string counts;
  for (const auto& [c, n] : by_category) counts += (counts.empty() ? "" : ", ") + c + " " + std::to_string(n);
  const ScoringRules rules = suite.episodes.front().scoring;
  const char* rules_name = rules == ScoringRules::kBfclJava         ? "bfcl-java"
                           : rules == ScoringRules::kBfclJavaScript ? "bfcl-javascript"
                                                                    : "bfcl";
  std::printf("%s: %zu episodes imported as suite %s (%s); scoring %s, dialect pythonic", flags.out.c_str(),
              suite.episodes.size(), suite.manifest.name.c_str(), counts.c_str(), rules_name);
  if (suite.manifest.skipped_records > 0) {
    std::printf("; %zu record(s) not imported (%s/skipped.jsonl)", suite.manifest.skipped_records, flags.out.c_str());
  }
  std::printf("\n");
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
  bfcl->add_flag("--strict", flags->bfcl.strict,
                 "Stop at the first record that cannot be imported (default: report it, count it, go on)");
  bfcl->add_option("-o,--out", flags->out, "Output suite folder (manifest.json + episodes.jsonl)")->required();
  bfcl->footer(
      "Supported categories: simple(_python), multiple, parallel, parallel_multiple, irrelevance and their live_\n"
      "variants, and live_relevance. Ids, schemas and possible answers are kept; the suite is scored with BFCL's\n"
      "rules (docs/scoring.md) and asks for BFCL's prompt format (dialect pythonic). See docs/bfcl.md.\n"
      "A record that cannot be read is reported (file:line: id: field: why), listed in DIR/skipped.jsonl and\n"
      "counted in the manifest and in reports; the others are imported (--strict stops at the first).\n"
      "\nExamples:\n"
      "  toolshift import bfcl -q BFCL_v4_simple_python.json -a possible_answer/BFCL_v4_simple_python.json -o bfcl-simple\n"
      "  toolshift import bfcl -q BFCL_v4_live_irrelevance.json -o bfcl-live-irrelevance\n"
      "  toolshift run --model reference:oracle --suite bfcl-simple --out results/bfcl-simple.json\n"
      "Exit codes: 0 written (records skipped are listed on stderr), 2 bad flags or input (no record importable,\n"
      "or --strict and one is not; the message names file, line, id and field), 3 write failure.");
  return [flags] { return RunImportBfcl(*flags); };
}

}  // namespace toolshift
