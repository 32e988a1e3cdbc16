// Fuzz target: the HTTP response path without a socket. An arbitrary input is cut into a
// status, header lines and a body; the body goes through the transport's byte limit in
// chunks (src/net/response_body.h), the headers through its header reader and Retry-After,
// the result through every remote codec's Decode (which must classify, never throw), and
// the texts through the redaction of keys (src/net/secrets.h).
//
// Input layout: byte 0 picks the status (200, 4xx, 429, 5xx, transport error), byte 1 the
// body limit; then header lines up to an empty line ("\n\n"), then the body.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <string>
#include <vector>

#include "adapters/adapter.h"
#include "adapters/http/http_codec.h"
#include "src/net/http_transport.h"
#include "src/net/response_body.h"
#include "src/net/secrets.h"
#include "tests/fuzz/fuzz_support.h"

namespace {

using namespace toolshift;

const std::vector<std::unique_ptr<Adapter>>& Adapters() {
  static const auto adapters = [] {
    setenv("ANTHROPIC_API_KEY", "sk-fuzz-anthropic-key", 1);
    std::vector<std::unique_ptr<Adapter>> a;
    for (const char* spec : {"openai:m@http://127.0.0.1:9/v1?key=sk-fuzz-query", "openai-completions:m@http://127.0.0.1:9/v1",
                             "anthropic:m@http://u:sk-fuzz-pass@127.0.0.1:9", "ollama:m@http://127.0.0.1:9"}) {
      a.push_back(MakeAdapter(spec));
    }
    return a;
  }();
  return adapters;
}

const Secrets& FuzzSecrets() {
  static const Secrets s = [] {
    Secrets x;
    x.AddFromUrls("http://u:sk-fuzz-pass@h/?key=sk-fuzz-query");
    x.Add("sk-fuzz-anthropic-key");
    return x;
  }();
  return s;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 2) return 0;
  static constexpr long kStatuses[] = {200, 200, 201, 400, 401, 404, 408, 429, 500, 503, 302, 0};
  const long status = kStatuses[data[0] % (sizeof kStatuses / sizeof kStatuses[0])];
  const size_t limit = size_t{1} << (data[1] % 20);  // 1 B .. 512 KiB
  const std::string rest(reinterpret_cast<const char*>(data) + 2, size - 2);
  const size_t split = rest.find("\n\n");
  const std::string headers = split == std::string::npos ? "" : rest.substr(0, split);
  const std::string body = split == std::string::npos ? rest : rest.substr(split + 2);

  HttpResult result;
  result.status = status;
  for (size_t at = 0; at < headers.size();) {
    size_t nl = headers.find('\n', at);
    if (nl == std::string::npos) nl = headers.size();
    if (auto v = HeaderValue(std::string_view(headers).substr(at, nl - at), "retry-after")) result.retry_after = std::string(*v);
    at = nl + 1;
  }
  (void)ParseRetryAfter(result.retry_after);

  // The body as the transport takes it in: chunks of a size drawn from the input.
  BodySink sink(limit);
  const size_t chunk = 1 + (data[0] >> 4) * 97;
  for (size_t at = 0; at < body.size() && !sink.over_limit(); at += chunk) {
    if (!sink.CheckRaw(at)) break;
    sink.Append(std::string_view(body).substr(at, chunk));
  }
  if (sink.over_limit()) {
    if (sink.body().size() > limit) std::abort();  // the limit is the whole point
    result.transport_error = OverLimitError(limit);
    result.body_over_limit = true;
    result.status = 0;
  } else if (status == 0) {
    result.transport_error = "Connection reset by peer";
  }
  result.body = sink.over_limit() ? "" : std::move(sink.body());

  for (const auto& adapter : Adapters()) {
    fuzz::ExpectNoEscape([&] {
      ChatResponse r = adapter->http()->Decode(result);
      if (result.body_over_limit && (r.ok() || r.retryable)) std::abort();  // over the limit: a final backend error
      (void)FuzzSecrets().RedactMessage(r.error);
      (void)FuzzSecrets().Redact(r.message.content);
    });
  }
  (void)RedactUrls(rest);
  (void)FuzzSecrets().RedactMessage(rest);
  return 0;
}
