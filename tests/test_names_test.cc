// Every test case can run on its own under CTest, which registers one test per case by name:
// a ';' in a name splits it into two tests that match nothing, a leading "--" reads as one of
// Catch's own flags, and a name Catch's filter cannot select exactly never runs alone.
#include <catch2/catch.hpp>

#include <string>

namespace {

TEST_CASE("every test case name survives CTest and Catch's command line", "[tests]") {
  const auto& tests = Catch::getRegistryHub().getTestCaseRegistry().getAllTests();
  REQUIRE(tests.size() > 100);
  for (const auto& t : tests) {
    const std::string& name = t.getTestCaseInfo().name;
    INFO(name);
    CHECK(name.find(';') == std::string::npos);
    CHECK(name.rfind("--", 0) != 0);
    CHECK_FALSE(name.empty());
    CHECK(name.front() != ' ');
  }
}

}  // namespace
