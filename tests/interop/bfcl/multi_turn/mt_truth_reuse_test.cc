// The checker plays an entry's ground truth once and reuses it for every trajectory scored
// against it, where no process-wide object links the two sides (mt_checker.h). This pins that
// the reuse never changes a verdict: on BFCL's data (skipped when ../shared/bfcl-multi-turn is
// absent), every near miss of every 4th entry of each category gets, field by field, the
// verdict of the checker that plays both sides together in one process, as BFCL does.
#include <catch2/catch.hpp>

#include <filesystem>

#include "src/interop/bfcl/multi_turn/mt_import.h"
#include "tests/interop/bfcl/multi_turn/mt_near_miss.h"
#include "tests/test_support.h"

namespace toolshift::bfcl::near_miss {
namespace {

std::string DataDir() { return testing::SharedDir() + "/bfcl-multi-turn"; }

// Everything a verdict says, on one line per field, for a readable mismatch.
std::string Describe(const BfclVerdict& v) {
  std::string s = std::string(v.valid ? "valid" : "invalid") + "\n" + v.error_type + "\n" + v.error_message + "\n" +
                  std::to_string(v.failed_turn) + "\n";
  for (const auto& d : v.state_diff) s += "diff " + d + "\n";
  for (const auto& m : v.missing) s += "missing " + m + "\n";
  for (const auto& t : v.turns) s += "turn " + std::to_string(t.turn) + " " + t.verdict + " " + t.detail + "\n";
  return s;
}

TEST_CASE("BFCL multi-turn checker: reusing the ground truth's run never changes a verdict",
          "[bfcl][multi_turn][library]") {
  if (!std::filesystem::exists(DataDir() + "/BFCL_v4_multi_turn_base.json")) {
    TOOLSHIFT_SKIP("skipped: " << DataDir() << " is absent (BFCL's multi-turn data)");
    return;
  }
  size_t compared = 0, invalid = 0, differ = 0;
  for (const char* category : {"base", "miss_func", "miss_param", "long_context"}) {
    MultiTurnImportOptions o;
    o.questions = DataDir() + "/BFCL_v4_multi_turn_" + category + ".json";
    o.answers = DataDir() + "/possible_answer/BFCL_v4_multi_turn_" + category + ".json";
    o.dialect = "pythonic";
    const Suite suite = ImportBfclMultiTurn(o).suite;
    for (size_t i = 0; i < suite.episodes.size(); i += 4) {
      const Episode& e = suite.episodes[i];
      const BfclEntry entry = ReadEntry(e);
      for (const NearMiss& m : Generate(e, Format::kPythonic)) {
        if (!m.result.is_array()) continue;  // not_a_list: no checker run
        const BfclVerdict together = CheckMultiTurn(entry, m.decoded, m.turns, nullptr, /*reuse_truth=*/false);
        // Twice: the first may play the ground truth, the second reuses what the first played.
        for (int pass = 0; pass < 2; ++pass) {
          const BfclVerdict reused = CheckMultiTurn(entry, m.decoded, m.turns);
          ++compared;
          invalid += reused.valid ? 0 : 1;
          if (Describe(reused) == Describe(together)) continue;
          if (++differ <= 3) WARN(e.id << " " << m.kind << "\nreused:\n" << Describe(reused) << "together:\n" << Describe(together));
        }
      }
    }
  }
  CHECK(compared > 2000);
  CHECK(invalid > compared / 4);  // the near misses do fail, in every way the checker reports
  CHECK(differ == 0);
}

}  // namespace
}  // namespace toolshift::bfcl::near_miss
