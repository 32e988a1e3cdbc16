// The shared UTF-8 encoder at each sequence length's boundaries.
#include <catch2/catch.hpp>

#include <string>

#include "src/core/utf8.h"

namespace toolshift {
namespace {

std::string Encoded(uint32_t cp) {
  std::string out = "x";  // appends, never replaces
  AppendUtf8(cp, &out);
  return out;
}

TEST_CASE("AppendUtf8 writes 1 to 4 bytes at each length's boundaries", "[core][utf8]") {
  CHECK(Encoded(0x41) == "xA");
  CHECK(Encoded(0x7F) == "x\x7F");
  CHECK(Encoded(0x80) == "x\xC2\x80");
  CHECK(Encoded(0xE9) == "x\xC3\xA9");
  CHECK(Encoded(0x7FF) == "x\xDF\xBF");
  CHECK(Encoded(0x800) == "x\xE0\xA0\x80");
  CHECK(Encoded(0x20AC) == "x\xE2\x82\xAC");
  CHECK(Encoded(0xDC80) == "x\xED\xB2\x80");  // a surrogateescape'd byte keeps its 3-byte form
  CHECK(Encoded(0xFFFF) == "x\xEF\xBF\xBF");
  CHECK(Encoded(0x10000) == "x\xF0\x90\x80\x80");
  CHECK(Encoded(0x10FFFF) == "x\xF4\x8F\xBF\xBF");
}

}  // namespace
}  // namespace toolshift
