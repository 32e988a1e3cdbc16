// URL helpers for base URLs that carry a query string or userinfo.
#ifndef TOOLSHIFT_NET_URL_H_
#define TOOLSHIFT_NET_URL_H_

#include <string>
#include <string_view>

namespace toolshift {

// `base` with `path` appended to its path, before any query string or fragment, so
// "http://h/v1?key=K" + "/chat/completions" is "http://h/v1/chat/completions?key=K".
// Trailing slashes of the base path are dropped first.
std::string AppendPath(std::string_view base, std::string_view path);

// Percent-decoding ("%2B" -> "+"); malformed escapes are kept as they are.
std::string PercentDecode(std::string_view text);

std::string Base64(std::string_view bytes);

}  // namespace toolshift

#endif  // TOOLSHIFT_NET_URL_H_
