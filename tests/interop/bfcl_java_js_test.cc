// BFCL's simple_java / simple_javascript records (../shared/bfcl-v4) scored as BFCL scores
// them: each argument a string of source, converted by its schema type, then checked. Each
// case is a real record with a right output and its near misses (a non-string value, a
// source form of the wrong type, a wrong value). Skips, saying so, when ../shared is missing.
#include <filesystem>
#include <map>

#include <catch2/catch.hpp>

#include "src/dialects/dialect.h"
#include "src/interop/bfcl_import.h"
#include "src/scoring/episode_scorer.h"
#include "tests/test_support.h"

namespace toolshift {
namespace {

namespace fs = std::filesystem;

const std::string kData = testing::SharedDir() + "/bfcl-v4";

bool HaveData() {
  if (fs::exists(kData + "/BFCL_v4_simple_java.json")) return true;
  TOOLSHIFT_SKIP("skipped: BFCL v4 data not found at " << kData << " (it ships in ../shared beside the repository)");
  return false;
}

const Suite& Imported(const std::string& category) {
  static std::map<std::string, Suite> suites;
  auto it = suites.find(category);
  if (it == suites.end()) {
    BfclImportOptions o;
    o.questions = kData + "/BFCL_v4_" + category + ".json";
    o.answers = kData + "/possible_answer/BFCL_v4_" + category + ".json";
    o.strict = true;
    it = suites.emplace(category, ImportBfcl(o).suite).first;
  }
  return it->second;
}

EpisodeVerdict Score(const std::string& id, const std::string& output) {
  const std::string category = id.substr(0, id.rfind('_'));
  for (const auto& e : Imported(category).episodes) {
    if (e.id == id) return ScoreReply(e, *FindDialect(e.dialect), Message{Role::kAssistant, output, {}});
  }
  FAIL("no record " << id);
  return {};
}

}  // namespace

TEST_CASE("BFCL Java records: converted source passes, near misses fail as BFCL says", "[interop][bfcl]") {
  if (!HaveData()) {
    SUCCEED("skipped: no BFCL v4 data");
    return;
  }
  const Suite& s = Imported("simple_java");
  REQUIRE_FALSE(s.episodes.empty());
  CHECK(s.episodes[0].scoring == ScoringRules::kBfclJava);
  CHECK_THAT(s.episodes[0].tools[0].description, Catch::Contains("Java 8 SDK syntax"));

  // long "42L" (sort is an integer: "5"); a bare 42 (not a string) or "42" (no L: stays a string) is a type error.
  CHECK(Score("simple_java_25", R"([SmsHomeRecommendSubjectController.updateSort(id="42L", sort="5")])").correct);
  auto v = Score("simple_java_25", R"([SmsHomeRecommendSubjectController.updateSort(id=42, sort="5")])");
  CHECK(v.failure == FailureCategory::kWrongType);
  v = Score("simple_java_25", R"([SmsHomeRecommendSubjectController.updateSort(id="42", sort="5")])");
  CHECK(v.failure == FailureCategory::kWrongType);
  v = Score("simple_java_25", R"([SmsHomeRecommendSubjectController.updateSort(id="43L", sort="5")])");
  CHECK(v.failure == FailureCategory::kWrongValue);

  // boolean, HashMap (dict check key by key) and any (a string, compared standardised).
  const std::string map = R"(new HashMap<String, Object>() {{ put(\"limit\", 50); put(\"schemaFilter\", \"public\"); }})";
  CHECK(Score("simple_java_1", "[SQLCompletionAnalyzer.makeProposalsFromObject(object=\"customers\", useShortName=\"true\", "
                               "params=\"" + map + "\")]").correct);
  v = Score("simple_java_1", "[SQLCompletionAnalyzer.makeProposalsFromObject(object=\"Customers\", useShortName=True, "
                             "params=\"" + map + "\")]");
  CHECK(v.failure == FailureCategory::kWrongType);
  v = Score("simple_java_1", "[SQLCompletionAnalyzer.makeProposalsFromObject(object=\"Customers\", useShortName=\"True\", "
                             "params=\"" + map + "\")]");
  CHECK(v.failure == FailureCategory::kWrongType);
  const std::string other = R"(new HashMap<String, Object>() {{ put(\"limit\", 51); put(\"schemaFilter\", \"public\"); }})";
  v = Score("simple_java_1", "[SQLCompletionAnalyzer.makeProposalsFromObject(object=\"Customers\", useShortName=\"true\", "
                             "params=\"" + other + "\")]");
  CHECK(v.failure == FailureCategory::kWrongValue);

  // Array of int; ArrayList of String (its elements lose their quotes).
  CHECK(Score("simple_java_27", R"([TwoSum.twoSum(nums="new int[]{2, 7, 11, 15}", target="9")])").correct);
  v = Score("simple_java_27", R"([TwoSum.twoSum(nums="[2, 7, 11, 15]", target="9")])");
  CHECK(v.failure == FailureCategory::kWrongType);
  v = Score("simple_java_27", R"([TwoSum.twoSum(nums=[2, 7, 11, 15], target="9")])");
  CHECK(v.failure == FailureCategory::kWrongType);
  v = Score("simple_java_27", R"([TwoSum.twoSum(nums="new int[]{2, 7, 15, 11}", target="9")])");
  CHECK(v.failure == FailureCategory::kWrongValue);

  // Array of String: BFCL keeps each element's quotes, so only the unquoted form passes.
  CHECK(Score("simple_java_35", R"([RedissonConnection.bitOp(op="BitOperation.AND", destination="user:online:both", )"
                                R"(keys="new String[]{user:online:today, user:online:yesterday}")])").correct);
  v = Score("simple_java_35", R"([RedissonConnection.bitOp(op="BitOperation.AND", destination="user:online:both", )"
                              R"(keys="new String[]{\"user:online:today\", \"user:online:yesterday\"}")])");
  CHECK(v.failure == FailureCategory::kWrongValue);
}

TEST_CASE("BFCL JavaScript records: converted source passes, near misses fail as BFCL says", "[interop][bfcl]") {
  if (!HaveData()) {
    SUCCEED("skipped: no BFCL v4 data");
    return;
  }
  const Suite& s = Imported("simple_javascript");
  REQUIRE_FALSE(s.episodes.empty());
  CHECK(s.episodes[0].scoring == ScoringRules::kBfclJavaScript);

  // String (quotes stripped, or the text as given) and Boolean.
  CHECK(Score("simple_javascript_0", R"([validateUserInput(inputField="'userInputField'", isComplete="true")])").correct);
  CHECK(Score("simple_javascript_0", R"([validateUserInput(inputField="userInputField", isComplete="true")])").correct);
  auto v = Score("simple_javascript_0", R"([validateUserInput(inputField="userInputField", isComplete=True)])");
  CHECK(v.failure == FailureCategory::kWrongType);
  v = Score("simple_javascript_0", R"([validateUserInput(inputField="otherField", isComplete="true")])");
  CHECK(v.failure == FailureCategory::kWrongValue);

  // float: "4" and "4.0" convert to 4.0; "4f" stays a string, a type error.
  CHECK(Score("simple_javascript_6", R"([mapTransitions(category="transition", limit="4")])").correct);
  CHECK(Score("simple_javascript_6", R"([mapTransitions(category="transition", limit="4.0")])").correct);
  v = Score("simple_javascript_6", R"([mapTransitions(category="transition", limit="4f")])");
  CHECK(v.failure == FailureCategory::kWrongType);
  v = Score("simple_javascript_6", R"([mapTransitions(category="transition", limit=4.0)])");
  CHECK(v.failure == FailureCategory::kWrongType);

  // array of float against the answer [60, 30]; a wrong element is a wrong value.
  CHECK(Score("simple_javascript_3",
              R"([submitAtCoordinate(action="submit", formId="loginForm", coordinates="[60, 30]")])").correct);
  v = Score("simple_javascript_3", R"([submitAtCoordinate(action="submit", formId="loginForm", coordinates="[60, 31]")])");
  CHECK(v.failure == FailureCategory::kWrongValue);
  v = Score("simple_javascript_3", R"([submitAtCoordinate(action="submit", formId="loginForm", coordinates="60, 30")])");
  CHECK(v.failure == FailureCategory::kWrongType);
}

}  // namespace toolshift
