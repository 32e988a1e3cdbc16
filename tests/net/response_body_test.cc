// BodySink and header reading: the byte limit on response bodies, without a socket.
#include <catch2/catch.hpp>

#include "src/net/response_body.h"

namespace toolshift {

TEST_CASE("a body is kept up to its limit and refused past it", "[net]") {
  BodySink sink(10);
  CHECK(sink.Append("12345"));
  CHECK(sink.Append("67890"));
  CHECK_FALSE(sink.over_limit());
  CHECK_FALSE(sink.Append("1"));
  CHECK(sink.over_limit());
  CHECK(sink.body() == "1234567890");
  CHECK_FALSE(sink.Append(""));  // once over, always over

  BodySink raw(100);
  CHECK(raw.CheckRaw(100));
  CHECK_FALSE(raw.CheckRaw(101));
  CHECK(raw.over_limit());
  CHECK(OverLimitError(100).find("--max-response-bytes") != std::string::npos);
}

TEST_CASE("header lines are matched by name, case-insensitively, and trimmed", "[net]") {
  CHECK(HeaderValue("Retry-After:  7 \r\n", "retry-after") == std::optional<std::string_view>("7"));
  CHECK(HeaderValue("retry-after:\r\n", "retry-after") == std::optional<std::string_view>(""));
  CHECK_FALSE(HeaderValue("Retry-After-X: 7\r\n", "retry-after"));
  CHECK_FALSE(HeaderValue("Retry", "retry-after"));
}

}  // namespace toolshift
