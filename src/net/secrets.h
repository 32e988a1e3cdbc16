// Secrets: every key a run knows, and the one place they are removed from text.
//
// A run knows keys from the environment (the variables its adapters read: OPENAI_API_KEY,
// ANTHROPIC_API_KEY, --api-key-env) and from its model URLs (userinfo "user:key@", and
// query parameters with key-like names such as ?key= or ?api_key=). The URLs are sent to
// the server as given; everything toolshift stores or prints passes through Redact at its
// boundary: replies and error texts as they arrive from a backend (so the journal, the
// cache, the episode log and the report hold them redacted), the model name in the report
// and run.json, and messages on stderr.
//
// Two strengths: Redact() replaces known secret values (and the forms they travel in:
// percent-decoded, HTTP Basic base64); RedactMessage() also masks, by pattern, the userinfo
// and key-like query values of any URL in the text, known or not. Model replies get the
// first only: a pattern must not rewrite a URL a model was asked to pass to a tool.
#ifndef TOOLSHIFT_NET_SECRETS_H_
#define TOOLSHIFT_NET_SECRETS_H_

#include <string>
#include <string_view>
#include <vector>

namespace toolshift {

// What replaces a secret.
inline constexpr std::string_view kRedacted = "[REDACTED]";

class Secrets {
 public:
  // Values shorter than this are not matched literally (they would hit ordinary text);
  // URL patterns still mask them.
  static constexpr size_t kMinLength = 6;

  // Adds one secret value.
  void Add(std::string_view value);
  // Adds the secrets `text` carries in URLs (userinfo, key-like query values), with the
  // Basic-auth form curl sends for userinfo.
  void AddFromUrls(std::string_view text);
  // Adds the values of those of the variables `names` that are set.
  void AddFromEnv(const std::vector<std::string>& names);

  // `text` with every known secret replaced by kRedacted.
  std::string Redact(std::string_view text) const;
  // The same in place; true when something was replaced (no copy when nothing is).
  bool RedactInPlace(std::string& text) const;
  // Redact(), then RedactUrls(): for messages, URLs and error bodies.
  std::string RedactMessage(std::string_view text) const;
  bool empty() const { return values_.empty(); }

 private:
  std::vector<std::string> values_;  // longest first, so a secret's prefix never splits it
};

// `text` with the userinfo and key-like query values of every URL in it replaced by
// kRedacted. Knows nothing of the run: usable anywhere a URL may be echoed.
std::string RedactUrls(std::string_view text);

// Whether a query parameter's name is one keys travel in (key, api_key, token, secret,
// password, signature, ... case-insensitive).
bool KeyLikeName(std::string_view name);

// Whether an environment variable's name is a known key variable: those adapters read
// (OPENAI_API_KEY, ANTHROPIC_API_KEY, `api_key_env`) or one named like a key (*API_KEY*,
// *TOKEN*, *SECRET*, *PASSWORD*).
bool KeyVariable(std::string_view name, std::string_view api_key_env);

// The variables adapters read keys from, `api_key_env` included when set.
std::vector<std::string> AdapterKeyVariables(const std::string& api_key_env);

}  // namespace toolshift

#endif  // TOOLSHIFT_NET_SECRETS_H_
