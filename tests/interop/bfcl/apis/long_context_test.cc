// The long-context constants: read from the file a process names, once per program, with
// errors that name the file.
#include <catch2/catch.hpp>

#include "src/interop/bfcl/apis/long_context.h"
#include "tests/interop/bfcl/apis/call_support.h"
#include "tests/test_support.h"

namespace toolshift::bfcl {
namespace {

TEST_CASE("Long-context constants: errors name the file", "[bfcl][apis]") {
  const std::string dir = testing::ScratchDir("bfcl-long-context");
  BfclProcess missing;
  SetLongContextPath(missing, dir + "/absent.json");
  CHECK_THROWS_WITH(LongContextData(missing), Catch::Contains(dir + "/absent.json"));
  testing::WriteText(dir + "/list.json", "[1, 2]");
  BfclProcess not_object;
  SetLongContextPath(not_object, dir + "/list.json");
  CHECK_THROWS_WITH(LongContextData(not_object), Catch::Contains("expected one JSON object"));
  testing::WriteText(dir + "/small.json", R"({"FILES_TAIL_USED": ["a.txt"], "X": {"$python": "Ellipsis"}})");
  BfclProcess small;
  SetLongContextPath(small, dir + "/small.json");
  CHECK(PyRepr(LongContextConstant(small, "FILES_TAIL_USED")) == "['a.txt']");
  CHECK(PyRepr(LongContextConstant(small, "X")) == "Ellipsis");
  CHECK_THROWS_WITH(LongContextConstant(small, "NOPE"), Catch::Contains("no constant 'NOPE'"));
  CHECK_THROWS_AS(SetLongContextPath(small, dir + "/list.json"), std::logic_error);
  // Parsed once: another process naming the same file sees the very same values.
  BfclProcess again;
  SetLongContextPath(again, dir + "/small.json");
  CHECK(&LongContextData(again) == &LongContextData(small));
}

TEST_CASE("Long-context constants: BFCL's sixteen", "[bfcl][apis]") {
  if (!testing_calls::HaveBfclData()) {
    TOOLSHIFT_SKIP("skipped: " + testing_calls::BfclDataDir() + " is absent");
    return;
  }
  BfclProcess process;
  SetLongContextPath(process, testing_calls::BfclDataDir() + "/long_context.json");
  CHECK(LongContextData(process).size() == 16);
  const PyValue& watch = LongContextConstant(process, "WATCH_LIST_EXTENSION");
  REQUIRE(watch.as_list().size() == 1001);
  CHECK(PyRepr(watch.as_list().back()) == "Ellipsis");
  CHECK(PyLen(LongContextConstant(process, "FILE_CONTENT_EXTENSION").as_str()) == 3251);
}

}  // namespace
}  // namespace toolshift::bfcl
