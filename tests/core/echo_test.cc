// Echo and CapMessage: bounded quotes of outside values, cut on UTF-8 boundaries.
#include <catch2/catch.hpp>

#include "src/core/echo.h"
#include "src/core/input_error.h"

namespace toolshift {

TEST_CASE("Echo keeps short values and cuts long ones on a character boundary", "[core][echo]") {
  CHECK(Echo("short") == "short");
  const std::string cut = Echo(std::string(1000, 'x'), 10);
  CHECK(cut == "xxxxxxxxxx...(1000 bytes)");
  // "é" is two bytes: a cut at byte 3 of "aéé" keeps "aé", never half a character.
  CHECK(Echo("a\xC3\xA9\xC3\xA9", 4) == "a\xC3\xA9...(5 bytes)");
}

TEST_CASE("every InputError and FieldError is capped, keeping its location", "[core][echo]") {
  const std::string huge(10 << 20, 'n');
  const InputError e("suite.jsonl:3: tools[0].name: '" + huge + "' is not a valid tool name");
  const std::string what = e.what();
  CHECK(what.size() <= kMessageMaxBytes + 64);
  CHECK(what.rfind("suite.jsonl:3: tools[0].name: '", 0) == 0);
  CHECK(what.find("is not a valid tool name") != std::string::npos);  // the tail survives too
  const FieldError f("parameters.properties." + huge, "'" + huge + "' is odd");
  CHECK(std::string(f.what()).size() < 4096);
  CHECK(f.field().size() < 300);
}

}  // namespace toolshift

namespace toolshift {

TEST_CASE("echoed values cannot drive a terminal: control bytes are shown as hex escapes", "[core][echo]") {
  CHECK(Echo("a\x1b[31mb\r\n") == "a\\x1B[31mb\\x0D\\x0A");
  CHECK(Echo("del\x7f") == "del\\x7F");
  CHECK(CapMessage("line one\n\tline two \x1b]0;title\x07") == "line one\n\tline two \\x1B]0;title\\x07");
  CHECK(std::string(InputError("x: '\x1b[2J'").what()) == "x: '\\x1B[2J'");
}

}  // namespace toolshift
