// Fuzz target: reading a report back as merge, gate and leaderboard do — version check, gate
// checks on its numbers, a leaderboard of it in every format.
#include <cstddef>
#include <cstdint>
#include <string>

#include "src/gate/gate.h"
#include "src/leaderboard/leaderboard.h"
#include "src/report/report_reader.h"
#include "tests/fuzz/fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace toolshift;
  const std::string text(reinterpret_cast<const char*>(data), size);
  Json report = Json::parse(text, nullptr, false);
  if (report.is_discarded()) return 0;
  fuzz::ExpectNoEscape([&] {
    CheckReportVersion(report, "fuzz.json");
    (void)NumberAt(report, "splits.id.accuracy");
    (void)NumberAt(report, "/gap/format/delta");
    GateRun run{"fuzz.json", report, std::nullopt};
    (void)EvaluateGate(run, run, DefaultGateChecks(report), 0.05);
    const Json board = BuildLeaderboard({LeaderboardInput{"fuzz.json", report}});
    (void)LeaderboardCsv(board);
    (void)LeaderboardMarkdown(board);
    (void)LeaderboardHtml(board);
  });
  return 0;
}
