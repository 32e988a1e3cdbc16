// ACEBench's aggregate (SPEC.md section 9): per-conversation accuracy of the normal multi-turn
// categories, unrounded special accuracies, missing categories counting 0 and the weights of
// the overall score.
#include <catch2/catch.hpp>

#include "src/interop/acebench/ace_pack.h"
#include "src/interop/acebench/ace_summary.h"

namespace toolshift::acebench {
namespace {

AceOutcome Outcome(const std::string& id, bool correct) {
  AceOutcome o;
  o.id = id;
  o.category = AceCategoryOfId(id);
  o.correct = correct;
  return o;
}

TEST_CASE("a normal multi-turn conversation counts only when every turn is right", "[acebench]") {
  const Json s = SummarizeGroup({Outcome("normal_multi_turn_user_adjust_0_0", true), Outcome("normal_multi_turn_user_adjust_0_1", false),
                                 Outcome("normal_multi_turn_user_adjust_1_0", true)});
  const Json& c = s["categories"]["normal_multi_turn_user_adjust"];
  CHECK(c["conversations"] == 2);
  CHECK(c["accuracy"] == 0.5);
  CHECK(c["process_accuracy"] == 0.75);  // (0.5 + 1) / 2
}

TEST_CASE("the overall score weighs normal, special and agent as ACEBench does — missing categories count 0", "[acebench]") {
  std::vector<AceOutcome> all;
  for (size_t i = 0; i < 15; ++i) {
    const std::string& c = AceCategories()[i];
    all.push_back(Outcome(c.rfind("normal_multi_turn", 0) == 0 ? c + "_0_0" : c + "_0", true));
  }
  Json s = SummarizeGroup(all);
  CHECK(s["normal"] == 1.0);
  CHECK(s["special"] == 1.0);
  CHECK(s["agent"] == 0.0);
  CHECK(s["overall"] == Round3(0.578 + 0.2676));
  CHECK(s["missing_categories"].size() == 2);
  all.push_back(Outcome("special_irrelevant_1", false));  // special: 1/2 in one of three categories
  s = SummarizeGroup(all);
  CHECK(s["categories"]["special_irrelevant"]["accuracy"] == 0.5);
  CHECK(s["special"] == Round3((1.0 + 1.0 + 0.5) / 3));
  all.push_back(Outcome("normal_atom_bool_1", false));
  all.push_back(Outcome("normal_atom_bool_2", false));  // 1/3 -> 0.333 enters the means rounded
  s = SummarizeGroup(all);
  CHECK(s["categories"]["normal_atom_bool"]["accuracy"] == 0.333);
  CHECK(s["atom"] == Round3((0.333 + 5) / 6));
}

TEST_CASE("Round3 rounds as Python's round(x, 3)", "[acebench]") {
  CHECK(Round3(0.8955) == 0.895);  // 0.8955 is stored just below the tie
  CHECK(Round3(2.0 / 3) == 0.667);
  CHECK(Round3(0.1235) == 0.123);  // stored below too (Python: 0.123)
}

}  // namespace
}  // namespace toolshift::acebench
