#include "src/cli/import_command.h"

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>

#include "src/cli/exit_codes.h"
#include "src/cli/output_guard.h"
#include "src/core/bfcl_prompt_config.h"
#include "src/core/input_error.h"
#include "src/interop/acebench/ace_import.h"
#include "src/interop/bfcl/multi_turn/mt_import.h"
#include "src/interop/bfcl_format_sensitivity.h"
#include "src/interop/bfcl_import.h"
#include "src/shifts/shift.h"

namespace toolshift {
namespace {

struct ImportFlags {
  BfclImportOptions bfcl;
  acebench::AceImportOptions ace;
  std::string func_docs;
  std::string dialect;
  std::string prompt;
  std::string subset;
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

int RunImportBfclMultiTurn(const ImportFlags& flags) {
  bfcl::MultiTurnImportOptions o;
  o.questions = flags.bfcl.questions;
  o.answers = flags.bfcl.answers;
  o.func_docs = flags.func_docs;
  o.name = flags.bfcl.name;
  if (!flags.dialect.empty()) o.dialect = flags.dialect;
  o.prompt = flags.prompt;
  o.subset = flags.subset;
  const bfcl::MultiTurnImportResult result = bfcl::ImportBfclMultiTurn(o);
  const Suite& suite = result.suite;
  WriteSuite(flags.out, suite.manifest, suite.episodes);
  std::printf("%s: %zu episodes imported as suite %s (%s); played and scored by BFCL's multi-turn checker, dialect %s\n",
              flags.out.c_str(), suite.episodes.size(), suite.manifest.name.c_str(),
              suite.episodes.front().domain.c_str(), suite.manifest.dialect.c_str());
  if (result.unused_answers > 0) {
    std::fprintf(stderr, "toolshift: note: %zu answer record(s) in %s match no question and were ignored\n",
                 result.unused_answers, flags.bfcl.answers.c_str());
  }
  return kExitOk;
}

// BFCL's format-sensitivity id list: DIR/base (the listed records in BFCL's default prompt
// configuration) and one shifted suite per other configuration of BFCL's study, DIR/<slug>.
int RunImportBfclFormatSensitivity(const ImportFlags& flags) {
  if (!flags.bfcl.answers.empty() || !flags.bfcl.category.empty()) {
    throw InputError("--answers and --category do not apply to BFCL's format_sensitivity id list: the records and "
                     "answers are read from the category files beside it");
  }
  const BfclFormatSensitivityResult result =
      ImportBfclFormatSensitivity(flags.bfcl.questions, flags.bfcl.name, flags.bfcl.strict);
  const Suite& base = result.base;
  std::filesystem::create_directories(flags.out);
  WriteSuite(flags.out + "/base", base.manifest, base.episodes);
  WriteSkipped(flags.out + "/base", result.skipped);
  for (const auto& s : result.skipped) std::fprintf(stderr, "toolshift: skipped: %s\n", CapForMessage(s).c_str());
  size_t shifted = 0;
  for (const auto& config : BfclFormatSensitivityConfigs()) {
    if (config.ToString() == kBfclDefaultPromptConfig) continue;  // the base suite itself
    std::unique_ptr<Shift> shift = MakeShift(std::string(kBfclPromptShiftPrefix) + config.ToString());
    const Suite twin = ShiftSuite(base, {shift.get()}, 0, base.manifest.name + "-" + config.Slug());
    WriteSuite(flags.out + "/" + config.Slug(), twin.manifest, twin.episodes);
    ++shifted;
  }
  std::printf("%s: %zu of %zu listed records imported as suite %s (BFCL's default prompt, dialect bfcl) and %zu "
              "format-shifted twins, one per other configuration of BFCL's study (bfcl-prompt:<config>)\n",
              flags.out.c_str(), base.episodes.size(), result.listed_ids, base.manifest.name.c_str(), shifted);
  std::printf("run them all: toolshift run --model M --suite %s/* --out results/bfcl-format-sensitivity.json\n",
              flags.out.c_str());
  return kExitOk;
}

int RunImportBfcl(const ImportFlags& flags) {
  OutputGuard guard;  // the suite must not overwrite the BFCL files it is made from
  guard.AddInput(flags.bfcl.questions);
  if (!flags.bfcl.answers.empty()) guard.AddInput(flags.bfcl.answers);
  if (IsBfclIdListFile(flags.bfcl.questions)) {
    if (!flags.func_docs.empty() || !flags.dialect.empty()) {
      throw InputError("--func-docs and --dialect apply to BFCL's multi-turn categories only");
    }
    guard.CheckOutputDir(flags.out + "/base", {"manifest.json", "episodes.jsonl"}, "--out");
    return RunImportBfclFormatSensitivity(flags);
  }
  guard.CheckOutputDir(flags.out, {"manifest.json", "episodes.jsonl"}, "--out");
  if (bfcl::IsMultiTurnFile(flags.bfcl.questions)) return RunImportBfclMultiTurn(flags);
  if (!flags.func_docs.empty() || !flags.dialect.empty() || !flags.prompt.empty() || !flags.subset.empty()) {
    throw InputError("--func-docs, --dialect, --prompt and --subset apply to BFCL's multi-turn categories only");
  }
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

int RunImportAceBench(const ImportFlags& flags) {
  OutputGuard guard;  // the suite must not overwrite the ACEBench files it is made from
  guard.AddInput(flags.ace.questions);
  if (!flags.ace.answers.empty()) guard.AddInput(flags.ace.answers);
  guard.CheckOutputDir(flags.out, {"manifest.json", "episodes.jsonl"}, "--out");
  const acebench::AceImportResult result = acebench::ImportAceBench(flags.ace);
  const Suite& suite = result.suite;
  WriteSuite(flags.out, suite.manifest, suite.episodes);
  std::printf("%s: %zu episodes imported as suite %s (%s); scored by ACEBench's checker, dialect %s", flags.out.c_str(),
              suite.episodes.size(), suite.manifest.name.c_str(), result.category.c_str(), suite.manifest.dialect.c_str());
  if (!result.unpassable.empty()) {
    std::printf("; %zu record(s) no reply can pass (ACEBench's checker fails its own ground truth)", result.unpassable.size());
  }
  std::printf("\n");
  constexpr size_t kShown = 5;
  for (size_t i = 0; i < result.unpassable.size() && i < kShown; ++i) {
    std::fprintf(stderr, "toolshift: unpassable: %s\n", CapForMessage(result.unpassable[i]).c_str());
  }
  if (result.unpassable.size() > kShown) {
    std::fprintf(stderr, "toolshift: ... and %zu more (each episode's multi_step.pack_data.unpassable says why)\n",
                 result.unpassable.size() - kShown);
  }
  if (result.unused_answers > 0) {
    std::fprintf(stderr, "toolshift: note: %zu answer record(s) match no question and were ignored\n", result.unused_answers);
  }
  return kExitOk;
}

}  // namespace

std::function<int()> AddImportCommand(CLI::App& app, const std::string&) {
  auto flags = std::make_shared<ImportFlags>();
  CLI::App* cmd = app.add_subcommand("import", "Convert another benchmark's data into a toolshift suite");
  cmd->require_subcommand(1);
  CLI::App* bfcl = cmd->add_subcommand("bfcl", "Import Berkeley Function Calling Leaderboard records (single-turn and multi-turn)");
  bfcl->add_option("--questions", flags->bfcl.questions, "BFCL question file (JSON Lines, e.g. BFCL_v4_simple_python.json)")
      ->required();
  bfcl->add_option("-a,--answers", flags->bfcl.answers,
                   "BFCL possible-answer file (possible_answer/...); not needed for irrelevance files");
  bfcl->add_option("--category", flags->bfcl.category,
                   "BFCL category of every record (default: read from each id, e.g. live_multiple_3-1-0)");
  bfcl->add_option("--name", flags->bfcl.name, "Suite name (default bfcl-<category>)");
  bfcl->add_flag("--strict", flags->bfcl.strict,
                 "Stop at the first record that cannot be imported (default: report it, count it, go on)");
  bfcl->add_option("--func-docs", flags->func_docs,
                   "Multi-turn: folder of BFCL's per-class function docs (default: multi_turn_func_doc/ beside the questions)");
  bfcl->add_option("--dialect", flags->dialect,
                   "Multi-turn: the call syntax the suite asks for (default pythonic, BFCL's Python list; hermes for "
                   "Qwen's <tool_call>, native for API tool calls)");
  bfcl->add_option("--prompt", flags->prompt,
                   "Multi-turn: the system prompt as the model's own source writes it: qwen2.5 (with --dialect hermes: "
                   "Qwen2.5's chat template) or bfcl (with pythonic: BFCL's system prompt); default toolshift's");
  bfcl->add_option("--subset", flags->subset,
                   "Multi-turn: one half of the collapse study's split (Python random.seed(42), shuffle(range(200)); first "
                   "100 train, last 100 test, same indices in every category): collapse-study-train or "
                   "collapse-study-test; the suite name gets -train / -test");
  bfcl->add_option("-o,--out", flags->out, "Output suite folder (manifest.json + episodes.jsonl)")->required();
  bfcl->footer(
      "Examples:\n"
      "  toolshift import bfcl --questions BFCL_v4_simple_python.json --answers possible_answer/BFCL_v4_simple_python.json --out suites/bfcl-simple\n"
      "  toolshift import bfcl --questions BFCL_v4_multi_turn_base.json --answers possible_answer/BFCL_v4_multi_turn_base.json \\\n"
      "      --dialect hermes --prompt qwen2.5 --out suites/bfcl-multi_turn_base\n"
      "  toolshift import bfcl --questions BFCL_v4_multi_turn_base.json --answers possible_answer/BFCL_v4_multi_turn_base.json \\\n"
      "      --dialect hermes --subset collapse-study-test --out suites/bfcl-multi_turn_base-test\n"
      "  toolshift import bfcl --questions BFCL_v4_format_sensitivity.json --out suites/bfcl-fs   # BFCL's 26 prompt configurations\n"
      "Supported categories: simple(_python), multiple, parallel, parallel_multiple, irrelevance and their live_\n"
      "variants, and live_relevance: ids, schemas and possible answers kept, scored with BFCL's rules\n"
      "(docs/scoring.md), dialect pythonic. A record that cannot be read is reported (file:line: id: field: why),\n"
      "listed in DIR/skipped.jsonl and counted in the manifest and in reports; the others are imported (--strict\n"
      "stops at the first).\n"
      "Multi-turn categories (multi_turn_base, _miss_func, _miss_param, _long_context): multi-step suites played and\n"
      "judged as BFCL's multi-turn checker does (docs/bfcl.md).\n"
      "BFCL_v4_format_sensitivity.json (ids per category): the listed records, read from the category files beside it,\n"
      "become OUT/base in BFCL's default prompt configuration plus OUT/<config> for each of the other 25 configurations\n"
      "of BFCL's study (format shifts bfcl-prompt:<config>); `toolshift run` on them all prints BFCL's max delta and\n"
      "standard deviation beside toolshift's paired gaps (docs/bfcl.md).\n"
      "Exit codes: 0 written (records skipped are listed on stderr), 2 bad flags or input (no record importable,\n"
      "or --strict and one is not; the message names file, line, id and field), 3 write failure.");
  CLI::App* ace = cmd->add_subcommand("acebench", "Import ACEBench records (normal and special categories, English and Chinese; English agent_multi_step)");
  ace->add_option("--questions", flags->ace.questions, "ACEBench data file (JSON Lines, e.g. data_en/data_normal_atom_bool.json)")
      ->required();
  ace->add_option("-a,--answers", flags->ace.answers,
                  "ACEBench possible-answer file (default: possible_answer/<same name> beside the questions)");
  ace->add_option("--dialect", flags->ace.dialect,
                  "The call syntax the suite asks for (default pythonic, ACEBench's python list; hermes for its <tool_call> mode)");
  ace->add_option("--language", flags->ace.language, "en or zh (default: zh when the path holds data_zh, else en)");
  ace->add_option("--name", flags->ace.name, "Suite name (default acebench-<lang>-<category>)");
  ace->add_option("-o,--out", flags->out, "Output suite folder (manifest.json + episodes.jsonl)")->required();
  ace->footer(
      "Examples:\n"
      "  toolshift import acebench --questions ../shared/acebench/data_en/data_normal_atom_bool.json --out ace-en-bool\n"
      "  toolshift import acebench --questions data_zh/data_special_incomplete.json \\\n"
      "      --answers data_zh/possible_answer/data_special_incomplete.json --dialect hermes --out ace-zh-incomplete\n"
      "  toolshift import acebench --questions ../shared/acebench/data_en/data_agent_multi_step.json --out ace-en-agent\n"
      "agent_multi_step records are episodes against ACEBench's phone scene, judged by its end state and milestones;\n"
      "agent_multi_turn (needs a simulated user) and the Chinese agent files are refused for now.\n"
      "Every record is imported with ACEBench's ground truth and judged by ACEBench's rules (docs/acebench.md);\n"
      "records ACEBench's own checker cannot pass are imported too, marked and counted.\n"
      "Exit codes: 0 written, 2 bad flags or input (the message names file, line, id and field), 3 write failure.");
  return [flags, ace] { return ace->parsed() ? RunImportAceBench(*flags) : RunImportBfcl(*flags); };
}

}  // namespace toolshift
