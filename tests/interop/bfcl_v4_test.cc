// BFCL v4's complete single-turn data (../shared/bfcl-v4): every scored file imports with
// every record, the oracle passes every record BFCL's own checker can pass, and the few it
// cannot are exactly the records no answer can pass (named here with the reason). Skips,
// saying so, when ../shared is missing.
#include <filesystem>
#include <fstream>
#include <map>
#include <set>

#include <catch2/catch.hpp>

#include "src/core/json.h"
#include "src/interop/bfcl_import.h"
#include "tests/test_support.h"

namespace toolshift {
namespace {

namespace fs = std::filesystem;

const std::string kData = testing::SharedDir() + "/bfcl-v4";

bool HaveData() {
  if (fs::exists(kData + "/BFCL_v4_simple_python.json")) return true;
  TOOLSHIFT_SKIP("skipped: BFCL v4 data not found at " << kData << " (it ships in ../shared beside the repository)");
  return false;
}

// Records of BFCL v4 that no output can pass under BFCL's checker, and why.
const std::map<std::string, std::string> kUnpassable = {
    {"parallel_multiple_12", "the answer names 'permeability', which the schema does not declare"},
    {"parallel_multiple_26", "the answer names 'type', which the schema does not declare"},
    {"live_multiple_862-181-3", "the answer names 'journey_start_time', which the schema does not declare"},
    {"live_multiple_964-207-0", "required 'statement' has no acceptable value"},
    {"live_multiple_507-149-4", "required 'origin_airport' has no acceptable value"},
    {"live_simple_106-63-0", "required 'auto_loan_payment_start' has no acceptable value"},
    {"live_simple_112-68-0", "required 'acc_routing_start' has no acceptable value"},
    // BFCL converts each element of an ArrayList of "any" to a string; these answers hold 42 and true.
    {"simple_java_36", "ArrayList<any> 'parts': the answer holds non-string elements (42, true)"},
    {"simple_java_65", "ArrayList<any> 'params': the answer holds non-string elements (true)"},
};

const char* kScored[] = {"simple_python", "simple_java", "simple_javascript", "multiple", "parallel", "parallel_multiple", "irrelevance",
                         "live_simple", "live_multiple", "live_parallel", "live_parallel_multiple",
                         "live_irrelevance", "live_relevance"};

}  // namespace

TEST_CASE("every BFCL v4 single-turn record imports and the oracle passes every passable one",
          "[interop][bfcl][library]") {
  if (!HaveData()) {
    SUCCEED("skipped: no BFCL v4 data");
    return;
  }
  const std::string dir = testing::ScratchDir("bfcl_v4");
  std::vector<std::string> run = {"run", "-q", "-m", "reference:oracle", "--out", dir + "/oracle.json"};
  size_t records = 0;
  for (const char* c : kScored) {
    INFO(c);
    const std::string q = kData + "/BFCL_v4_" + std::string(c) + ".json";
    const std::string a = kData + "/possible_answer/BFCL_v4_" + std::string(c) + ".json";
    std::vector<std::string> args = {"import", "bfcl", "--strict", "--questions", q, "-o", dir + "/" + c};
    if (fs::exists(a)) args.insert(args.end(), {"-a", a});
    const auto r = testing::RunToolshift(args);
    REQUIRE(r.exit_code == 0);  // --strict: not one record skipped
    CHECK(r.err.empty());
    std::ifstream in(q);
    for (std::string line; std::getline(in, line);) records += !line.empty();
    run.insert(run.end(), {"--suite", dir + "/" + c});
  }
  const auto r = testing::RunToolshift(run);
  REQUIRE(r.exit_code == 0);
  std::set<std::string> failed;
  size_t scored = 0;
  std::ifstream log(dir + "/oracle.episodes.jsonl");
  for (std::string line; std::getline(log, line);) {
    const Json e = Json::parse(line);
    ++scored;
    if (!e["correct"].get<bool>()) failed.insert(e["id"].get<std::string>());
  }
  CHECK(scored == records);
  std::set<std::string> expected;
  for (const auto& [id, why] : kUnpassable) expected.insert(id);
  CHECK(failed == expected);
}

TEST_CASE("a BFCL id list without the category files it names says which file is missing", "[interop][bfcl]") {
  const std::string dir = testing::ScratchDir("bfcl_v4_refused");
  testing::WriteText(dir + "/BFCL_v4_format_sensitivity.json", "{\n  \"simple_python\": [\"simple_python_0\"]\n}\n");
  auto r = testing::RunToolshift({"import", "bfcl", "--questions", dir + "/BFCL_v4_format_sensitivity.json", "-o", dir + "/fs"});
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Catch::Contains("category 'simple_python' needs " + dir + "/BFCL_v4_simple_python.json beside it"));
  // Given as an answer file, the id list is named for what it is.
  testing::WriteText(dir + "/q.json", R"({"id": "simple_python_0", "question": [[{"role": "user", "content": "hi"}]], "function": []})" "\n");
  r = testing::RunToolshift({"import", "bfcl", "--questions", dir + "/q.json", "-a", dir + "/BFCL_v4_format_sensitivity.json", "-o", dir + "/x"});
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Catch::Contains("lists record ids per category"));
}

}  // namespace toolshift
