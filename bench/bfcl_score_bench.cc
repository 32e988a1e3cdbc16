// Benchmark: scoring replayed BFCL outputs, the path `toolshift score --outputs FILE` takes
// (read the outputs file, decode each with BFCL's prompt-mode decoder, match with BFCL's
// rules, build the report, write report and verdict log), timed stage by stage.
//
// The suites are BFCL's own sample records imported from SAMPLE_DIR (../shared/bfcl-sample).
// The outputs cycle through each episode's correct answer and three near misses (a changed
// value, a dropped call or argument, prose), so both verdicts are exercised. Prints one
// name=value per line; the target is 100,000 outputs in 0.4 s of wall time.
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

#include "adapters/reference/canonical_calls.h"
#include "src/core/build_info.h"
#include "adapters/replay/recorded_outputs.h"
#include "src/dialects/python_literal.h"
#include "src/engine/output_scorer.h"
#include "src/interop/bfcl_import.h"
#include "src/report/report_builder.h"
#include "src/report/report_writer.h"

namespace {

namespace fs = std::filesystem;
using namespace toolshift;

double CpuSeconds() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return static_cast<double>(u.ru_utime.tv_sec + u.ru_stime.tv_sec) +
         static_cast<double>(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

double PeakRssMb() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return static_cast<double>(u.ru_maxrss) / 1024.0;
}

std::string CallList(const std::vector<ToolCall>& calls) {
  std::string text = "[";
  for (size_t i = 0; i < calls.size(); ++i) text += (i ? ", " : "") + python::WriteCall(calls[i]);
  return text + "]";
}

// Variant k of an episode's reply: 0 correct, 1 first argument changed, 2 last call or
// argument dropped, 3 prose.
std::string Variant(const Episode& e, int k) {
  std::vector<ToolCall> calls = CanonicalCalls(e.expected);
  if (k == 3 || calls.empty()) return k % 2 ? "I can't do that with these tools." : CallList(calls);
  if (k == 1 && !calls[0].arguments.empty()) {
    Json& v = calls[0].arguments.begin().value();
    v = v.is_string() ? Json(v.get<std::string>() + " elsewhere") : Json("changed");
  } else if (k == 2) {
    if (calls.size() > 1) calls.pop_back();
    else if (!calls[0].arguments.empty()) calls[0].arguments.erase(calls[0].arguments.begin());
  }
  return CallList(calls);
}

}  // namespace

int main(int argc, char** argv) {
  using Clock = std::chrono::steady_clock;
  const std::string sample = argc > 1 ? argv[1] : toolshift::SourceDir() + "/../shared/bfcl-sample";
  const std::string out_dir = argc > 2 ? argv[2] : "/tmp/toolshift-bench";
  const size_t n_outputs = argc > 3 ? std::stoul(argv[3]) : 100000;
  constexpr double kTargetSeconds = 0.4;
  if (!fs::is_directory(sample)) {
    std::fprintf(stderr, "bfcl_score_bench: BFCL sample records not found at %s (they ship in ../shared)\n",
                 sample.c_str());
    return 2;
  }
  fs::create_directories(out_dir);

  std::vector<Suite> suites;
  for (const auto& entry : fs::directory_iterator(sample)) {
    const std::string file = entry.path().filename().string();
    if (entry.path().extension() != ".json" || file.rfind("BFCL_", 0) != 0) continue;
    BfclImportOptions options;
    options.questions = entry.path().string();
    const fs::path answers = fs::path(sample) / "possible_answer" / file;
    if (fs::exists(answers)) options.answers = answers.string();
    suites.push_back(ImportBfcl(options).suite);
  }
  std::vector<const Episode*> episodes;
  for (const auto& s : suites)
    for (const auto& e : s.episodes) episodes.push_back(&e);

  const std::string outputs_path = out_dir + "/bfcl-outputs.jsonl";
  {
    std::ofstream out(outputs_path, std::ios::binary);
    for (size_t i = 0; i < n_outputs; ++i) {
      const Episode& e = *episodes[i % episodes.size()];
      const int k = static_cast<int>((i / episodes.size()) % 4);
      out << DumpJson(Json{{"id", e.id}, {"result", Variant(e, k)}}) << '\n';
    }
  }

  const auto t0 = Clock::now();
  const double cpu0 = CpuSeconds();
  const std::vector<RecordedOutput> outputs = ReadRecordedOutputs(outputs_path);
  const auto t1 = Clock::now();
  const ScoredOutputs scored = ScoreOutputs(suites, outputs, outputs_path, 0);
  const auto t2 = Clock::now();
  RunInfo info;
  info.model = "outputs:" + outputs_path;
  const Json report = BuildReport(suites, scored.records, info);
  const std::string log = VerdictLog(scored);
  const auto t3 = Clock::now();
  WriteFileAtomic(out_dir + "/bfcl.json", DumpJson(report, 2) + "\n");
  WriteFileAtomic(out_dir + "/bfcl.verdicts.jsonl", log);
  const auto t4 = Clock::now();

  auto secs = [](Clock::time_point a, Clock::time_point b) { return std::chrono::duration<double>(b - a).count(); };
  const double wall = secs(t0, t4);
  size_t correct = 0;
  for (const auto& r : scored.records) correct += r.verdict.correct ? 1 : 0;
  std::printf("bfcl_records=%zu\n", episodes.size());
  std::printf("outputs=%zu\n", outputs.size());
  std::printf("correct_fraction=%.4f\n", static_cast<double>(correct) / static_cast<double>(scored.records.size()));
  std::printf("read_seconds=%.3f\n", secs(t0, t1));
  std::printf("decode_and_match_seconds=%.3f\n", secs(t1, t2));
  std::printf("report_seconds=%.3f\n", secs(t2, t3));
  std::printf("write_seconds=%.3f\n", secs(t3, t4));
  std::printf("wall_seconds=%.3f\n", wall);
  std::printf("outputs_per_second=%.0f\n", static_cast<double>(outputs.size()) / wall);
  std::printf("cpu_us_per_output=%.2f\n", (CpuSeconds() - cpu0) * 1e6 / static_cast<double>(outputs.size()));
  std::printf("peak_rss_mb=%.1f\n", PeakRssMb());
  std::printf("target_seconds=%.1f\n", kTargetSeconds * static_cast<double>(n_outputs) / 100000.0);
  std::printf("wall_over_target=%.4f\n", wall / (kTargetSeconds * static_cast<double>(n_outputs) / 100000.0));
  return 0;
}
