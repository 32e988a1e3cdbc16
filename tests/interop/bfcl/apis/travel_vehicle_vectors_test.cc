// TravelAPI and VehicleControlAPI against travel_vehicle_vectors.tsv, 1,134 call sequences
// whose texts CPython 3.11 computed from the spec's formulas (gen_travel_vehicle_vectors.py):
// Python's float arithmetic and repr, round(x, 2), float() of strings, int/float result
// types, and random.Random(141053)'s ids and uniforms, on random inputs.
#include <catch2/catch.hpp>

#include <fstream>
#include <string>
#include <vector>

#include "src/core/build_info.h"
#include "src/interop/bfcl/apis/api.h"
#include "tests/interop/bfcl/apis/call_support.h"

namespace toolshift::bfcl {
namespace {

std::vector<std::string> Split(const std::string& text, const std::string& sep) {
  std::vector<std::string> out;
  size_t start = 0;
  for (size_t at; (at = text.find(sep, start)) != std::string::npos; start = at + sep.size())
    out.push_back(text.substr(start, at - start));
  out.push_back(text.substr(start));
  return out;
}

TEST_CASE("TravelAPI and VehicleControlAPI: texts equal CPython's on generated vectors", "[bfcl][apis]") {
  const std::string path = SourceDir() + "/tests/interop/bfcl/apis/travel_vehicle_vectors.tsv";
  std::ifstream in(path);
  REQUIRE(in.good());
  size_t sequences = 0, calls = 0;
  for (std::string row; std::getline(in, row);) {
    const std::vector<std::string> f = Split(row, "\t");
    REQUIRE(f.size() == 4);
    BfclProcess process;
    auto api = f[0] == "TravelAPI" ? MakeTravelApi(process) : MakeVehicleControlApi(process);
    api->LoadScenario(testing_calls::ScenarioFromJson(f[1]), false);
    const std::vector<std::string> call_list = Split(f[2], " ;; ");
    const std::vector<std::string> expected = Split(f[3], " ;; ");
    REQUIRE(call_list.size() == expected.size());
    for (size_t i = 0; i < call_list.size(); ++i) {
      INFO(f[0] << " " << f[1] << ": " << call_list[i]);
      CHECK(testing_calls::Exec(*api, call_list[i]) == expected[i]);
      ++calls;
    }
    ++sequences;
  }
  CHECK(sequences == 1134);
  CHECK(calls > 2000);
}

}  // namespace
}  // namespace toolshift::bfcl
