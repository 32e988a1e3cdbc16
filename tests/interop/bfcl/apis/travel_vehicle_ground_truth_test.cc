// Every ground-truth call of BFCL's four multi-turn categories that touches TravelAPI or
// VehicleControlAPI, run turn by turn on instances loaded from its entry's initial_config, as
// BFCL's checker runs them: none may end in an exception (BEHAVIOUR.md §0.3), and none of
// these classes' results is an error dict either.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <string>

#include "src/core/json.h"
#include "src/interop/bfcl/apis/api.h"
#include "tests/interop/bfcl/apis/call_support.h"
#include "tests/test_support.h"

namespace toolshift::bfcl {
namespace {

std::vector<Json> ReadJsonLines(const std::string& path) {
  std::ifstream in(path);
  std::vector<Json> out;
  std::string line;
  while (std::getline(in, line))
    if (!line.empty()) out.push_back(Json::parse(line));
  return out;
}

TEST_CASE("TravelAPI and VehicleControlAPI run every ground-truth call without an error", "[bfcl][apis]") {
  const std::string dir = testing::SharedDir() + "/bfcl-multi-turn";
  if (!std::filesystem::exists(dir + "/possible_answer")) {
    TOOLSHIFT_SKIP("skipped: BFCL multi-turn data not found at " << dir << " (it ships in ../shared beside the repository)");
    return;
  }
  const std::map<std::string, std::unique_ptr<ApiInstance> (*)(BfclProcess&)> factories = {
      {"TravelAPI", &MakeTravelApi}, {"VehicleControlAPI", &MakeVehicleControlApi}};
  size_t entries = 0, calls = 0;
  for (const std::string category : {"base", "miss_func", "miss_param", "long_context"}) {
    const auto questions = ReadJsonLines(dir + "/BFCL_v4_multi_turn_" + category + ".json");
    const auto answers = ReadJsonLines(dir + "/possible_answer/BFCL_v4_multi_turn_" + category + ".json");
    REQUIRE(questions.size() == answers.size());
    BfclProcess process;  // one scoring process per category: long-context objects are shared across entries
    for (size_t e = 0; e < questions.size(); ++e) {
      const Json& q = questions[e];
      REQUIRE(q.at("id") == answers[e].at("id"));
      std::vector<std::unique_ptr<ApiInstance>> instances;
      for (const Json& cls : q.at("involved_classes")) {
        auto it = factories.find(cls.get<std::string>());
        if (it == factories.end()) continue;
        auto api = it->second(process);
        const Json config = q.at("initial_config").value(it->first, Json::object());
        api->LoadScenario(FromJson(config).as_dict(), category == "long_context");
        instances.push_back(std::move(api));
      }
      if (instances.empty()) continue;
      ++entries;
      const Json& turns = answers[e].at("ground_truth");
      for (size_t t = 0; t < turns.size(); ++t) {
        for (const Json& call_json : turns[t]) {
          const std::string call = call_json.get<std::string>();
          const std::string name = ParsePyCall(call).name;
          for (auto& api : instances) {
            if (!testing_calls::FindMethod(*api, name)) continue;  // another class's function
            ++calls;
            const std::string result = testing_calls::Exec(*api, call);
            INFO(q.at("id").get<std::string>() << " turn " << t << ": " << call << " -> " << result.substr(0, 300));
            CHECK(result.rfind("Error during execution", 0) == std::string::npos);
            CHECK(result.find("\"error\"") == std::string::npos);
          }
        }
      }
    }
  }
  // 400 entries involve one of the two classes; most of their calls are these classes'.
  CHECK(entries == 400);
  CHECK(calls > 1500);
  WARN(entries << " entries, " << calls << " TravelAPI/VehicleControlAPI ground-truth calls run");
}

}  // namespace
}  // namespace toolshift::bfcl
