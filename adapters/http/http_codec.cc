#include "adapters/http/http_codec.h"

#include <algorithm>
#include <cstdlib>
#include <ctime>

#include "src/core/input_error.h"
#include "src/core/json_limits.h"
#include "src/net/secrets.h"

namespace toolshift {
namespace {

// A short, safe excerpt of an error body for the episode log.
std::string Excerpt(const std::string& body) {
  std::string s = body.substr(0, 300);
  for (char& c : s) {
    if (c == '\n' || c == '\r') c = ' ';
  }
  return body.size() > 300 ? s + "..." : s;
}

}  // namespace

std::optional<double> ParseRetryAfter(const std::string& value) {
  if (value.empty()) return std::nullopt;
  char* end = nullptr;
  const double secs = std::strtod(value.c_str(), &end);
  if (end != value.c_str() && *end == '\0') return secs >= 0 ? std::optional<double>(secs) : std::nullopt;
  std::tm tm{};
  if (strptime(value.c_str(), "%a, %d %b %Y %H:%M:%S GMT", &tm) == nullptr) return std::nullopt;
  const double delta = std::difftime(timegm(&tm), std::time(nullptr));
  return delta > 0 ? delta : 0.0;
}

ChatResponse HttpCodec::Decode(const HttpResult& result) const {
  ChatResponse r;
  if (!result.transport_ok()) {
    r.error = "transport: " + result.transport_error;
    // A body over --max-response-bytes comes back as big from the same request: an
    // infrastructure failure of this request, not worth asking again.
    r.retryable = !result.body_over_limit;
    return r;
  }
  if (result.status < 200 || result.status >= 300) {
    r.error = "HTTP " + std::to_string(result.status) + ": " + Excerpt(result.body);
    r.retryable = result.status == 408 || result.status == 409 || result.status == 429 || result.status >= 500;
    if (auto s = ParseRetryAfter(result.retry_after)) r.retry_after_s = *s;
    return r;
  }
  bool too_deep = false;  // what nests past kMaxJsonDepth is dropped, never built (copies recurse)
  Json body = TryParseJsonBounded(result.body, &too_deep);
  if (body.is_discarded()) {
    r.error = "HTTP " + std::to_string(result.status) + ": unreadable JSON body (" +
              std::to_string(result.body.size()) + " bytes, truncated?)";
    r.retryable = true;
    return r;
  }
  try {
    ChatResponse decoded = DecodeBody(body);
    if (too_deep && decoded.ok()) {  // a malformed reply naming the limit (scoring/reply_limits.h)
      decoded.message.tool_calls.clear();
      decoded.message.unread = "the reply nests " + TooDeepText() + "; not read";
    }
    return decoded;
  } catch (const std::exception& e) {
    // The backend answered, but not in its documented shape: an infrastructure problem.
    r.error = std::string("unexpected response shape: ") + e.what();
    r.retryable = false;
    return r;
  }
}

HttpAdapter::HttpAdapter(std::string name, std::vector<std::string> base_urls, std::string key, AdapterOptions options)
    : name_(RedactUrls(name)), base_urls_(std::move(base_urls)), key_(std::move(key)), options_(std::move(options)) {}

ChatResponse HttpAdapter::Complete(const ChatRequest& request) {
  if (std::string why = Refusal(request); !why.empty()) {
    ChatResponse r;
    r.error = std::move(why);
    return r;
  }
  return Decode(HttpTransport::Perform(Encode(request)));
}

std::string HttpAdapter::NextBaseUrl(const ChatRequest& request) const {
  if (request.prefix_key != 0) return base_urls_[request.prefix_key % base_urls_.size()];
  return base_urls_[next_++ % base_urls_.size()];
}

bool HttpAdapter::NativeTools(const ChatRequest& request) const {
  if (options_.tool_mode == "native") return true;
  if (options_.tool_mode == "prompt") return false;
  return request.dialect == "native";
}

ModelAndUrls ParseModelAndUrls(const std::string& spec, const std::string& rest, const std::string& default_url) {
  ModelAndUrls m;
  // The model ends at the first "@http://" or "@https://": a URL may carry '@' itself
  // (userinfo, "http://user:key@host"), a model name rarely an "@http".
  size_t at = std::min(rest.find("@http://"), rest.find("@https://"));
  if (at == std::string::npos) at = rest.rfind('@');
  m.model = rest.substr(0, at);
  std::string urls = at == std::string::npos ? default_url : rest.substr(at + 1);
  const std::string shown = RedactUrls(spec);  // messages never echo a key a URL carries
  if (m.model.empty()) throw InputError("--model " + shown + ": missing the model name (PROVIDER:MODEL@URL)");
  if (urls.empty()) throw InputError("--model " + shown + ": missing the base URL (PROVIDER:MODEL@URL)");
  size_t pos = 0;
  while (pos <= urls.size()) {
    size_t comma = urls.find(',', pos);
    if (comma == std::string::npos) comma = urls.size();
    std::string u = urls.substr(pos, comma - pos);
    while (!u.empty() && u.back() == '/') u.pop_back();
    if (u.rfind("http://", 0) != 0 && u.rfind("https://", 0) != 0) {
      throw InputError("--model " + shown + ": base URL '" + RedactUrls(u) + "' must start with http:// or https://");
    }
    m.urls.push_back(u);
    pos = comma + 1;
  }
  return m;
}

std::string ReadKey(const AdapterOptions& options, const std::string& default_env, bool required) {
  const std::string var = options.api_key_env.empty() ? default_env : options.api_key_env;
  const char* value = std::getenv(var.c_str());
  if (value && *value) return value;
  if (required) throw InputError("the API key variable " + var + " is not set (use --api-key-env to name another)");
  return "";
}

}  // namespace toolshift
