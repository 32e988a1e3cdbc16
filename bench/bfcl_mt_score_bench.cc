// Benchmark: scoring BFCL v4 multi-turn result files, the path `toolshift score --suite DIR
// --outputs BFCL_v4_multi_turn_<cat>_result.json` takes, for all four categories (800 entries)
// in both formats (Python-list and <tool_call>), six trajectories per entry: 9,600 verdicts.
//
// The trajectories are the ground truth and five near misses (tests/interop/bfcl/multi_turn/
// mt_score_corpus.h). Suites are imported from DATA_DIR (../shared/bfcl-multi-turn) and written
// to OUT_DIR once; the timed part reads the result files, loads the suites back, scores them, builds
// the reports and writes reports and verdict logs, per format, as two `toolshift score` runs
// would. Target: 1.5 s of wall time for the 9,600 verdicts. Reference: BFCL's own checker
// takes 12-20 s for the same 9,600 (measured outside the repository on this machine).
//
// With --verdicts FILE the verdicts are written there, a line per format and entry: "format id"
// and the six kinds' VerdictWord — tests/interop/bfcl/multi_turn/mt_score_corpus_verdicts.txt, which
// mt_score_corpus_test.cc compares with, is such a file.
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <set>
#include <string>

#include "src/core/build_info.h"
#include "src/core/suite_catalog.h"
#include "adapters/replay/recorded_outputs.h"
#include "src/engine/output_scorer.h"
#include "src/interop/bfcl/multi_turn/mt_import.h"
#include "src/report/report_builder.h"
#include "src/report/report_writer.h"
#include "tests/interop/bfcl/multi_turn/mt_score_corpus.h"

namespace {

namespace fs = std::filesystem;
using namespace toolshift;
using Clock = std::chrono::steady_clock;

constexpr const char* kCategories[] = {"base", "miss_func", "miss_param", "long_context"};
constexpr const char* kFormats[] = {"pythonic", "hermes"};
constexpr double kTargetSeconds = 1.5;

double CpuSeconds() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return static_cast<double>(u.ru_utime.tv_sec + u.ru_stime.tv_sec) +
         static_cast<double>(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

double Seconds(Clock::time_point a, Clock::time_point b) { return std::chrono::duration<double>(b - a).count(); }

// Imports the categories in `format` into OUT_DIR/suites/<format>-<category>; returns the folders.
std::vector<std::string> ImportSuites(const std::string& data, const std::string& out, const std::string& format) {
  std::vector<std::string> dirs;
  for (const char* c : kCategories) {
    bfcl::MultiTurnImportOptions o;
    o.questions = data + "/BFCL_v4_multi_turn_" + c + ".json";
    o.answers = data + "/possible_answer/BFCL_v4_multi_turn_" + c + ".json";
    o.dialect = format;
    const Suite s = bfcl::ImportBfclMultiTurn(o).suite;
    dirs.push_back(out + "/suites/" + format + "-" + c);
    WriteSuite(dirs.back(), s.manifest, s.episodes);
  }
  return dirs;
}

struct Stages {
  double load = 0, read = 0, score = 0, report = 0, write = 0;
  size_t verdicts = 0, correct = 0;
};

}  // namespace

int main(int argc, char** argv) {
  std::string data = toolshift::SourceDir() + "/../shared/bfcl-multi-turn";
  std::string out_dir = "/tmp/toolshift-bench";
  std::string verdicts_path;
  std::vector<std::string> positional;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--verdicts" && i + 1 < argc) verdicts_path = argv[++i];
    else positional.push_back(a);
  }
  if (!positional.empty()) data = positional[0];
  if (positional.size() > 1) out_dir = positional[1];
  if (!fs::exists(data + "/BFCL_v4_multi_turn_base.json")) {
    std::fprintf(stderr, "bfcl_mt_score_bench: BFCL's multi-turn data not found at %s (it ships in ../shared)\n",
                 data.c_str());
    return 2;
  }
  out_dir += "/bfcl-mt";
  fs::create_directories(out_dir);

  // Untimed: the suites and the result files.
  std::vector<std::vector<std::string>> suite_dirs;
  std::vector<std::string> result_files;
  for (const char* format : kFormats) {
    suite_dirs.push_back(ImportSuites(data, out_dir, format));
    result_files.push_back(out_dir + "/" + format + "_result.json");
    std::ofstream out(result_files.back(), std::ios::binary);
    for (const auto& dir : suite_dirs.back()) {
      const Suite s = LoadSuite(dir);
      for (const auto& e : s.episodes) {
        for (int k = 0; k < bfcl::score_corpus::kNearMissKinds; ++k) {
          out << DumpJson(bfcl::score_corpus::NearMissResult(e, format, k)) << '\n';
        }
      }
    }
  }

  std::ofstream verdicts;
  if (!verdicts_path.empty()) verdicts.open(verdicts_path, std::ios::binary);
  Stages st;
  const double cpu0 = CpuSeconds();
  const auto start = Clock::now();
  for (size_t f = 0; f < std::size(kFormats); ++f) {
    // As `toolshift score` does: the outputs first, then (in parallel) the episodes they name.
    const auto t0 = Clock::now();
    std::vector<RecordedOutput> outputs = ReadRecordedOutputs(result_files[f]);
    const auto t1 = Clock::now();
    std::set<std::string, std::less<>> ids;
    for (const auto& o : outputs) ids.insert(o.id);
    const std::vector<Suite> suites = SuiteCatalog(out_dir + "/suites")
                                          .Resolve(suite_dirs[f], 0, [&ids](std::string_view id) { return ids.count(id) > 0; });
    const auto t2 = Clock::now();
    // By (suite, id): the same ids are in every category's suite only once, but say so anyway.
    ScoredOutputs scored = ScoreOutputs(suites, std::move(outputs), result_files[f], 0);
    const auto t3 = Clock::now();
    RunInfo info;
    info.model = "outputs:" + result_files[f];
    const Json report = BuildReport(suites, scored.records, info);
    const std::string log = VerdictLog(scored);
    const auto t4 = Clock::now();
    WriteFileAtomic(out_dir + "/" + kFormats[f] + ".json", DumpJson(report, 2) + "\n");
    WriteFileAtomic(out_dir + "/" + kFormats[f] + ".verdicts.jsonl", log);
    const auto t5 = Clock::now();
    st.read += Seconds(t0, t1);
    st.load += Seconds(t1, t2);
    st.score += Seconds(t2, t3);
    st.report += Seconds(t3, t4);
    st.write += Seconds(t4, t5);
    for (const auto& r : scored.records) {
      ++st.verdicts;
      st.correct += r.verdict.correct ? 1 : 0;
    }
    // The records follow the outputs, six per entry (the episodes without any come last).
    for (size_t i = 0; verdicts.is_open() && i + bfcl::score_corpus::kNearMissKinds <= scored.records.size();
         i += bfcl::score_corpus::kNearMissKinds) {
      if (!scored.lines[i]) break;
      verdicts << kFormats[f] << ' ' << scored.records[i].episode->id;
      for (int k = 0; k < bfcl::score_corpus::kNearMissKinds; ++k) {
        verdicts << ' ' << bfcl::score_corpus::VerdictWord(scored.records[i + static_cast<size_t>(k)].verdict);
      }
      verdicts << '\n';
    }
    ReleaseScoredOutputs(scored, 0);  // as `toolshift score` does before it exits
  }
  const double wall = Seconds(start, Clock::now());
  std::printf("verdicts=%zu\n", st.verdicts);
  std::printf("correct_fraction=%.4f\n", static_cast<double>(st.correct) / static_cast<double>(st.verdicts));
  std::printf("load_suites_seconds=%.3f\n", st.load);
  std::printf("read_seconds=%.3f\n", st.read);
  std::printf("score_seconds=%.3f\n", st.score);
  std::printf("report_seconds=%.3f\n", st.report);
  std::printf("write_seconds=%.3f\n", st.write);
  std::printf("wall_seconds=%.3f\n", wall);
  std::printf("cpu_seconds=%.3f\n", CpuSeconds() - cpu0);
  std::printf("verdicts_per_second=%.0f\n", static_cast<double>(st.verdicts) / wall);
  std::printf("target_seconds=%.1f\n", kTargetSeconds);
  std::printf("wall_over_target=%.4f\n", wall / kTargetSeconds);
  std::printf("bfcl_reference_seconds=12-20\n");
  return 0;
}
