// repr() and json.dumps() of BFCL's long-context constants (real data: long strings, unicode,
// floats, nested dicts, Ellipsis), compared by SHA-256 with the texts CPython 3.11 prints.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

#include "src/core/sha256.h"
#include "src/interop/bfcl/py/py_value.h"
#include "tests/test_support.h"

namespace toolshift::bfcl {
namespace {

struct Expected {
  const char* name;
  const char* repr_sha;  // first 16 hex digits of SHA-256 of repr(value)
  const char* json_sha;  // of json.dumps(value); "" when json.dumps raises
};

TEST_CASE("repr and json.dumps of the long-context constants match CPython", "[bfcl][py]") {
  const std::string path = testing::SharedDir() + "/bfcl-multi-turn/long_context.json";
  if (!std::filesystem::exists(path)) {
    TOOLSHIFT_SKIP("skipped: " << path << " not found (it ships in ../shared)");
    return;
  }
  static const Expected kExpected[] = {
      {"WATCH_LIST_EXTENSION", "b05ae646f0cea01d", ""},
      {"TRANSACTION_HISTORY_EXTENSION", "4bc4237354da40d0", "e4d3ae4193a43188"},
      {"MA_5_EXTENSION", "d31eacce6600e39b", "d31eacce6600e39b"},
      {"MA_20_EXTENSION", "02d40275df50e368", "02d40275df50e368"},
      {"TECHNOLOGY_EXTENSION", "8a7b132e728c2289", "27ce9e63c56827b1"},
      {"AUTOMOBILE_EXTENSION", "b2193828e3ff5c84", "7b03a627c9be8066"},
      {"ORDER_DETAIL_EXTENSION", "4cf5aca5a15db8e4", "28a3496822631bc4"},
      {"FILE_CONTENT_EXTENSION", "70bf69488345cccf", "bae46d22f9c47d4e"},
      {"POPULATE_FILE_EXTENSION", "8365debdf2427e2c", "bb6d74fac29d389c"},
      {"CAR_STATUS_METADATA_EXTENSION", "e2d77c62fea2f654", "e2d77c62fea2f654"},
      {"LONG_WEATHER_EXTENSION", "557637beecfcdbbf", "033fd12f8140fef8"},
      {"PARKING_BRAKE_INSTRUCTION", "7c675129152f19ed", "898433c41d317c1f"},
      {"INTERMEDIARY_CITIES", "5296eb4988fb1215", "0bfbe4bdc1c51571"},
      {"CREDIT_CARD_EXTENSION", "67d42830a15de3f2", "834c86bb2d931caa"},
      {"BOOKING_RECORD_EXTENSION", "b006ecb0d9473651", "12c2b109d23d302e"},
      {"FILES_TAIL_USED", "e7996dea44cb77e8", "4777688f3851a8f8"},
  };
  std::ifstream in(path);
  const Json all = Json::parse(in);
  for (const auto& e : kExpected) {
    INFO(e.name);
    const PyValue v = FromJson(all.at(e.name));
    CHECK(Sha256Hex(PyRepr(v)).substr(0, 16) == e.repr_sha);
    const auto json = PyJsonDumps(v);
    CHECK(json.has_value() == (*e.json_sha != '\0'));
    if (json) CHECK(Sha256Hex(*json).substr(0, 16) == e.json_sha);
  }
}

}  // namespace
}  // namespace toolshift::bfcl
