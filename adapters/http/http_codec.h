// HttpCodec: how a remote adapter speaks HTTP — a ChatRequest encoded as an HTTP request,
// an HTTP result decoded into a ChatResponse. The engine moves the bytes (with
// src/net/http_transport.h, many requests in flight); codecs only translate.
//
// Decoding classifies failures for the engine's retry policy: transport errors, 408, 429
// and 5xx, and unreadable 2xx bodies (truncated) are retryable; other 4xx are not — the
// same request would fail the same way. Error texts never contain keys or headers.
#ifndef TOOLSHIFT_ADAPTERS_HTTP_HTTP_CODEC_H_
#define TOOLSHIFT_ADAPTERS_HTTP_HTTP_CODEC_H_

#include <atomic>
#include <optional>
#include <string>
#include <vector>

#include "adapters/adapter.h"
#include "src/net/http_transport.h"

namespace toolshift {

class HttpCodec {
 public:
  virtual ~HttpCodec() = default;
  virtual HttpRequest Encode(const ChatRequest& request) const = 0;
  // Why this backend cannot serve `request` at all (empty when it can), checked before
  // encoding: the episode then ends as a backend error without a request being sent.
  virtual std::string Refusal(const ChatRequest&) const { return ""; }
  // Whether Encode reads request.tools (sends them out of band) for a request like this one,
  // whose tools are not filled in yet: when it does not, the engine leaves them out.
  virtual bool SendsTools(const ChatRequest&) const { return true; }
  // Called only for results with a 2xx status; the body is the backend's JSON.
  virtual ChatResponse DecodeBody(const Json& body) const = 0;

  // Full decoding: failures classified, then DecodeBody for a readable 2xx body.
  ChatResponse Decode(const HttpResult& result) const;
};

// Base of remote adapters: the name, base URLs (load-balanced round robin), key and options,
// and a blocking Complete() built on the codec.
class HttpAdapter : public Adapter, public HttpCodec {
 public:
  HttpAdapter(std::string name, std::vector<std::string> base_urls, std::string key, AdapterOptions options);
  std::string name() const override { return name_; }
  ChatResponse Complete(const ChatRequest& request) override;
  const HttpCodec* http() const override { return this; }
  bool SendsTools(const ChatRequest& request) const override { return NativeTools(request); }

 protected:
  // The base URL for `request` (thread-safe; no trailing slash): with a prefix_key, the same
  // replica for every request with that key (its prompt cache keeps the prefix); else round
  // robin.
  std::string NextBaseUrl(const ChatRequest& request) const;
  // True when tools go out of band for this request (tool mode and the episode's dialect).
  bool NativeTools(const ChatRequest& request) const;
  const std::string& key() const { return key_; }
  const std::vector<std::string>& base_urls() const { return base_urls_; }
  const AdapterOptions& options() const { return options_; }

 private:
  std::string name_;
  std::vector<std::string> base_urls_;
  std::string key_;
  AdapterOptions options_;
  mutable std::atomic<size_t> next_{0};
};

// Parses "MODEL@URL[,URL...]" (URL optional when `default_url` is non-empty). Throws
// InputError naming `spec` when the model or a URL is missing or a URL is not http(s).
struct ModelAndUrls {
  std::string model;
  std::vector<std::string> urls;
};
ModelAndUrls ParseModelAndUrls(const std::string& spec, const std::string& rest, const std::string& default_url);

// The key from `options.api_key_env`, else `default_env`. Empty when neither is set and
// `required` is false; throws InputError naming the variable (never a value) otherwise.
std::string ReadKey(const AdapterOptions& options, const std::string& default_env, bool required);

// Seconds from a Retry-After value (delta-seconds or an HTTP date); nullopt if unreadable.
std::optional<double> ParseRetryAfter(const std::string& value);

}  // namespace toolshift

#endif  // TOOLSHIFT_ADAPTERS_HTTP_HTTP_CODEC_H_
