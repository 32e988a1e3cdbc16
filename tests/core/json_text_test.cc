// AppendJsonString's word-at-a-time scan gives DumpJson's bytes wherever the byte that needs
// escaping or checking falls within a word, and for random strings of the bytes that matter.
#include <catch2/catch.hpp>

#include <random>
#include <string>

#include "src/core/json.h"
#include "src/core/json_text.h"

namespace toolshift {

TEST_CASE("AppendJsonString matches DumpJson at every offset of a word", "[core][encoding]") {
  const std::vector<std::string> specials = {"\"", "\\", std::string(1, '\0'), "\x1f", "\x20", "\x7f", "\n",
                                             "\xc3\xa9", "\xe2\x82\xac", "\xf0\x9f\x98\x80", "\xff", "\xc3", "\xed\xa0\x80"};
  for (const auto& special : specials) {
    for (size_t before = 0; before < 19; ++before) {
      for (size_t after : {size_t{0}, size_t{1}, size_t{7}, size_t{8}, size_t{9}, size_t{16}}) {
        const std::string s = std::string(before, 'a') + special + std::string(after, 'b');
        CAPTURE(before, after, s);
        std::string out = "prefix";
        AppendJsonString(out, s);
        REQUIRE(out == "prefix" + DumpJson(Json(s)));
        CHECK(IsValidUtf8(s) == (special != "\xff" && special != "\xc3" && special != "\xed\xa0\x80"));
      }
    }
  }
}

TEST_CASE("AppendJsonString matches DumpJson on random strings", "[core][encoding]") {
  const std::string alphabet = std::string("ab \"\\/\t\n\x01\x1f\x7f\x80\xbf\xc2\xc3\xa9\xe0\xa0\xed\xf0\x90\xf4\xff", 23) +
                               std::string(1, '\0');
  std::mt19937 rng(7);
  for (int n = 0; n < 20000; ++n) {
    std::string s(rng() % 40, ' ');
    for (char& c : s) c = alphabet[rng() % alphabet.size()];
    std::string out;
    AppendJsonString(out, s);
    CAPTURE(s);
    REQUIRE(out == DumpJson(Json(s)));
  }
}

}  // namespace toolshift
