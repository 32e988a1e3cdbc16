// The collapse study's split preset (--subset): CPython's random.seed(42) and
// random.shuffle(list(range(200))), reproduced with PyRandom; the sequences below were printed by
// CPython 3.11 (python3 -c "import random; random.seed(42); l = list(range(200)); random.shuffle(l); print(l)").
#include <catch2/catch.hpp>

#include <filesystem>
#include <set>

#include "src/interop/bfcl/multi_turn/mt_import.h"
#include "src/interop/bfcl/py/py_random.h"
#include "tests/test_support.h"

namespace toolshift::bfcl {
namespace {

const std::vector<size_t> kTrain = {
    66,  187, 101, 193, 111, 121, 13,  2,   64,  44,  136, 170, 128, 76,  158, 167, 45,  130, 30,  3,
    159, 15,  42,  126, 186, 162, 47,  110, 5,   194, 37,  122, 12,  36,  153, 69,  61,  195, 32,  172,
    171, 60,  10,  144, 160, 52,  125, 106, 73,  113, 105, 95,  103, 145, 43,  0,   161, 192, 16,  80,
    102, 38,  156, 176, 135, 78,  115, 19,  14,  177, 146, 179, 65,  84,  165, 46,  104, 79,  54,  196,
    85,  118, 109, 133, 142, 33,  18,  140, 123, 175, 63,  83,  148, 100, 155, 72,  27,  184, 112, 51};
const std::vector<size_t> kTest = {
    174, 4,   29,  183, 99,  98,  131, 124, 198, 134, 178, 120, 34,  48,  169, 138, 149, 132, 127, 21,
    81,  77,  9,   82,  164, 119, 89,  68,  53,  90,  94,  41,  93,  116, 199, 157, 25,  180, 147, 74,
    58,  152, 17,  49,  92,  75,  141, 20,  96,  31,  137, 117, 11,  67,  88,  91,  24,  97,  182, 190,
    86,  181, 39,  168, 87,  185, 40,  1,   71,  150, 114, 56,  107, 191, 166, 50,  143, 197, 154, 129,
    59,  55,  23,  7,   8,   108, 151, 22,  139, 173, 26,  188, 35,  57,  62,  70,  189, 6,   28,  163};

TEST_CASE("random.shuffle as CPython's", "[bfcl][py]") {
  std::vector<int> ten = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9};
  PyRandom r7(PyInt(7));
  r7.Shuffle(ten);
  CHECK(ten == std::vector<int>{8, 3, 1, 4, 7, 0, 9, 6, 2, 5});
  std::vector<char> six = {'a', 'b', 'c', 'd', 'e', 'f'};
  PyRandom r42(PyInt(42));
  r42.Shuffle(six);
  CHECK(six == std::vector<char>{'d', 'b', 'c', 'e', 'a', 'f'});
}

TEST_CASE("the collapse study's split: seed 42, shuffle(range(200)), 100 train / 100 test", "[bfcl][multi_turn]") {
  CHECK(CollapseStudyIndices(false) == kTrain);
  CHECK(CollapseStudyIndices(true) == kTest);
}

TEST_CASE("import --subset keeps the half by index, the same in every category", "[bfcl][multi_turn]") {
  const std::string dir = testing::SharedDir() + "/bfcl-multi-turn";
  if (!std::filesystem::exists(dir + "/BFCL_v4_multi_turn_base.json")) {
    TOOLSHIFT_SKIP("skipped: " << dir << " is absent (BFCL's multi-turn data)");
    return;
  }
  for (const char* category : {"base", "miss_param"}) {
    MultiTurnImportOptions o;
    o.questions = dir + "/BFCL_v4_multi_turn_" + category + ".json";
    o.answers = dir + "/possible_answer/BFCL_v4_multi_turn_" + category + ".json";
    o.subset = std::string(kCollapseTest);
    const Suite s = ImportBfclMultiTurn(o).suite;
    CHECK(s.manifest.name == std::string("bfcl-multi_turn_") + category + "-test");
    REQUIRE(s.episodes.size() == 100);
    std::set<std::string> ids;
    for (const auto& e : s.episodes) ids.insert(e.id);
    for (size_t i : kTest) CHECK(ids.count(std::string("multi_turn_") + category + "_" + std::to_string(i)));
    o.subset = std::string(kCollapseTrain);
    CHECK(ImportBfclMultiTurn(o).suite.episodes.front().id == std::string("multi_turn_") + category + "_0");
  }
  MultiTurnImportOptions bad;
  bad.questions = dir + "/BFCL_v4_multi_turn_base.json";
  bad.answers = dir + "/possible_answer/BFCL_v4_multi_turn_base.json";
  bad.subset = "half";
  CHECK_THROWS(ImportBfclMultiTurn(bad));
}

}  // namespace
}  // namespace toolshift::bfcl
