// BFCL v4's format-sensitivity study end to end: `import bfcl` on BFCL_v4_format_sensitivity.json
// writes the listed records in BFCL's default prompt plus one twin suite per other configuration,
// `run` prints BFCL's max delta and standard deviation beside the paired gaps and puts them in the
// report; and native requests of BFCL records offer dotted tool names with underscores.
#include <filesystem>
#include <fstream>
#include <set>

#include <catch2/catch.hpp>

#include "src/core/bfcl_prompt_config.h"
#include "src/core/json.h"
#include "tests/test_support.h"

namespace toolshift {
namespace {

namespace fs = std::filesystem;
using Catch::Matchers::Contains;

const std::string kData = testing::SharedDir() + "/bfcl-v4";

}  // namespace

TEST_CASE("BFCL format-sensitivity ids import as a default-prompt suite and 25 twins, and a run gives BFCL figures",
          "[interop][bfcl][library]") {
  if (!fs::exists(kData + "/BFCL_v4_format_sensitivity.json")) {
    TOOLSHIFT_SKIP("skipped: BFCL v4 data not found at " << kData << " (it ships in ../shared beside the repository)");
    return;
  }
  const std::string dir = testing::ScratchDir("bfcl_fs");
  auto r = testing::RunToolshift({"import", "bfcl", "--strict", "--questions", kData + "/BFCL_v4_format_sensitivity.json", "-o", dir + "/fs"});
  REQUIRE(r.exit_code == 0);
  CHECK_THAT(r.out, Contains("200 of 200 listed records imported"));
  CHECK_THAT(r.out, Contains("25 format-shifted twins"));
  std::vector<std::string> run = {"run", "-q", "-m", "reference:oracle", "--out", dir + "/fs.json", "--suite", dir + "/fs/base"};
  size_t twins = 0;
  for (const auto& c : BfclFormatSensitivityConfigs()) {
    if (c.ToString() == kBfclDefaultPromptConfig) continue;
    REQUIRE(fs::exists(dir + "/fs/" + c.Slug() + "/manifest.json"));
    run.insert(run.end(), {"--suite", dir + "/fs/" + c.Slug()});
    ++twins;
  }
  CHECK(twins == 25);
  const Json first = Json::parse(testing::ReadText(dir + "/fs/base/episodes.jsonl").substr(0, testing::ReadText(dir + "/fs/base/episodes.jsonl").find('\n')));
  CHECK_THAT(first["tools"][0]["description"].get<std::string>(), Contains("Note that the provided function is in Python 3 syntax."));
  r = testing::RunToolshift(run);
  REQUIRE(r.exit_code == 0);
  // One record BFCL's JSON decoder cannot read however it is written (below): 199/200 in the six json
  // configurations, 200/200 elsewhere; BFCL's figures over those accuracies are 0.50 and 0.21.
  CHECK_THAT(r.out, Contains("BFCL format sensitivity over 26 configurations: max delta 0.50  std 0.21"));
  CHECK_THAT(r.out, Contains("ret_fmt=concise_xml&tool_call_tag=True&func_doc_fmt=xml&prompt_fmt=plaintext&style=classic"));
  const Json report = Json::parse(testing::ReadText(dir + "/fs.json"));
  const Json& s = report["bfcl_format_sensitivity"];
  REQUIRE(s["configurations"].size() == 26);
  for (const auto& c : s["configurations"]) {
    INFO(c["config"]);
    const bool json = c["config"].get<std::string>().rfind("ret_fmt=json&", 0) == 0;
    CHECK(c["episodes"] == 200);
    CHECK(c["correct"] == (json ? 199 : 200));
    if (c["config"] != std::string(kBfclDefaultPromptConfig)) CHECK(c["gap"]["pairs"] == 200);
  }
  CHECK(s["max_delta"] == 0.5);
  CHECK(s["std"] == 0.21);
  // simple_python_96's answer holds a list of objects (conditions=[{...}, {...}]): BFCL's JSON decoder
  // takes the first "[{...}, {...}]" span its lazy regex finds, which ends inside the arguments, so the
  // JSON does not parse and BFCL reads no call. Any correct answer fails so; it is the only such record.
  std::ifstream log(dir + "/fs.episodes.jsonl");
  std::set<std::string> failed;
  for (std::string line; std::getline(log, line);) {
    const Json e = Json::parse(line);
    if (!e["correct"].get<bool>()) failed.insert(e["id"].get<std::string>().substr(0, e["id"].get<std::string>().find('~')));
  }
  CHECK(failed == std::set<std::string>{"simple_python_96"});
  // The overfit policy (trained on hermes) is thrown off by BFCL's prompts: BFCL's spread figures show it.
  run[3] = "reference:overfit";
  run[5] = dir + "/overfit.json";
  r = testing::RunToolshift(run);
  REQUIRE(r.exit_code == 0);
  const Json overfit = Json::parse(testing::ReadText(dir + "/overfit.json"))["bfcl_format_sensitivity"];
  CHECK(overfit["max_delta"].get<double>() > 0.0);
  CHECK(overfit["std"].get<double>() > 0.0);
}

TEST_CASE("native requests of BFCL records offer dotted tool names with underscores and map the calls back",
          "[interop][bfcl][native]") {
  const std::string dir = testing::ScratchDir("bfcl_native_names");
  const Json ep = {{"id", "simple_python_0"},
                   {"domain", "simple_python"},
                   {"category", "simple"},
                   {"scoring", "bfcl"},
                   {"tools", Json::array({{{"name", "math.factorial"}, {"description", "n!"},
                                           {"parameters", {{"type", "dict"}, {"properties", {{"n", {{"type", "integer"}}}}}, {"required", {"n"}}}}}})},
                   {"messages", Json::array({{{"role", "user"}, {"content", "5!?"}}})},
                   {"expected", Json::array({{{"name", "math.factorial"}, {"args", {{"n", {5}}}}}})}};
  testing::WriteText(dir + "/s/manifest.json", R"({"name": "bfcl-native", "split": "id", "dialect": "native"})");
  testing::WriteText(dir + "/s/episodes.jsonl", ep.dump() + "\n");
  Json own = ep;
  own["id"] = "own-0";
  own.erase("scoring");
  own["expected"][0]["args"]["n"] = {5};
  testing::WriteText(dir + "/t/manifest.json", R"({"name": "own-native", "split": "id", "dialect": "native"})");
  testing::WriteText(dir + "/t/episodes.jsonl", own.dump() + "\n");
  auto r = testing::RunToolshift({"run", "-q", "-m", "reference:oracle", "--suite", dir + "/s", "--suite", dir + "/t",
                                  "--out", dir + "/r.json"});
  REQUIRE(r.exit_code == 0);
  std::ifstream log(dir + "/r.episodes.jsonl");
  int seen = 0;
  for (std::string line; std::getline(log, line);) {
    const Json e = Json::parse(line);
    INFO(line);
    CHECK(e["correct"] == true);
    const std::string sent = e["output"]["tool_calls"][0]["name"];
    // The BFCL record's tool went out as math_factorial (the oracle answers with the offered name),
    // scoring mapped it back; a toolshift suite's tool keeps its dotted name.
    CHECK(sent == (e["id"] == "simple_python_0" ? "math_factorial" : "math.factorial"));
    CHECK(e["parse"]["calls"][0]["name"] == "math.factorial");
    ++seen;
  }
  CHECK(seen == 2);
}

}  // namespace toolshift
