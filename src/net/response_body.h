// ResponseBody: how the transport takes in a response — the body collected within a byte
// limit, and the one header it reads (Retry-After). Kept apart from the curl event loop so
// a fuzzer and the tests can drive it without a socket.
//
// The limit is --max-response-bytes (default kDefaultMaxResponseBytes). It bounds the raw
// bytes received and the decoded bytes kept alike, so a gzip body that inflates a thousand
// times, an endless chunked stream or a 100 MB reply all stop at the limit: memory for
// replies in flight stays below --concurrency x --max-response-bytes.
#ifndef TOOLSHIFT_NET_RESPONSE_BODY_H_
#define TOOLSHIFT_NET_RESPONSE_BODY_H_

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace toolshift {

// 8 MiB: eight times --max-output-bytes' default, room for a reply at that limit with its
// JSON escaping, tool calls and log-probabilities.
inline constexpr size_t kDefaultMaxResponseBytes = size_t{8} << 20;

class BodySink {
 public:
  explicit BodySink(size_t limit) : limit_(limit) {}

  // Appends `data` when the body stays within the limit. Otherwise appends nothing, marks
  // the body over the limit and returns false (the transfer is then aborted).
  bool Append(std::string_view data);
  // Raw bytes received so far (before decoding); false, marking the body over the limit,
  // when they exceed it.
  bool CheckRaw(size_t raw_bytes);

  bool over_limit() const { return over_limit_; }
  size_t limit() const { return limit_; }
  std::string& body() { return body_; }

 private:
  size_t limit_;
  bool over_limit_ = false;
  std::string body_;
};

// The transport error of a body over `limit` (names the flag, never the body).
std::string OverLimitError(size_t limit);

// The value of header `lower_name` (lower-case, without the colon) in one raw header line
// ("Name: value\r\n"), trimmed; nullopt when the line is another header.
std::optional<std::string_view> HeaderValue(std::string_view line, std::string_view lower_name);

}  // namespace toolshift

#endif  // TOOLSHIFT_NET_RESPONSE_BODY_H_
