// Secrets and URL helpers: keys found in URLs and the environment, removed from text; base
// URLs with a query string or userinfo still built into working request URLs.
#include <catch2/catch.hpp>

#include <cstdlib>

#include "src/net/secrets.h"
#include "src/net/url.h"

namespace toolshift {

TEST_CASE("RedactUrls masks userinfo and key-like query values of any URL", "[net][secrets]") {
  CHECK(RedactUrls("openai:m@http://user:sk-abc123@host:8/v1") == "openai:m@http://[REDACTED]@host:8/v1");
  CHECK(RedactUrls("see https://h/v1?key=sk-1&model=x&api_key=zz#f") ==
        "see https://h/v1?key=[REDACTED]&model=x&api_key=[REDACTED]#f");
  CHECK(RedactUrls("\"http://h/p?access_token=t0k3n\"") == "\"http://h/p?access_token=[REDACTED]\"");
  CHECK(RedactUrls("a,b http://h1?key=1,http://u:p@h2/x") == "a,b http://h1?key=[REDACTED],http://[REDACTED]@h2/x");
  CHECK(RedactUrls("no url here: key=abc") == "no url here: key=abc");
  CHECK(RedactUrls("http://h/v1?model=m&page=2") == "http://h/v1?model=m&page=2");
  const std::string once = RedactUrls("http://u:p@h/?key=1");
  CHECK(RedactUrls(once) == once);
}

TEST_CASE("Secrets redacts every form a known key travels in", "[net][secrets]") {
  Secrets s;
  s.AddFromUrls("openai:m@http://alice:s3cr3t-pass@h/v1?api_key=q%2Bkey-99&x=1");
  CHECK(s.Redact("echo s3cr3t-pass") == "echo [REDACTED]");
  CHECK(s.Redact("q%2Bkey-99 and q+key-99") == "[REDACTED] and [REDACTED]");
  CHECK(s.Redact("Authorization: Basic " + Base64("alice:s3cr3t-pass")) == "Authorization: Basic [REDACTED]");
  setenv("TOOLSHIFT_TEST_SECRET_VAR", "sk-env-planted-123", 1);
  s.AddFromEnv({"TOOLSHIFT_TEST_SECRET_VAR", "TOOLSHIFT_TEST_UNSET_VAR"});
  std::string text = "Bearer sk-env-planted-123!";
  CHECK(s.RedactInPlace(text));
  CHECK(text == "Bearer [REDACTED]!");
  std::string clean = "nothing to see";
  CHECK_FALSE(s.RedactInPlace(clean));
  s.Add("abc");  // too short to tell from text
  CHECK(s.Redact("abc") == "abc");
  CHECK(s.RedactMessage("http://x:y@h") == "http://[REDACTED]@h");
}

TEST_CASE("key variables: the adapters' and those named like keys", "[net][secrets]") {
  CHECK(KeyVariable("OPENAI_API_KEY", ""));
  CHECK(KeyVariable("MY_KEY_VAR", "MY_KEY_VAR"));
  CHECK(KeyVariable("HF_TOKEN", ""));
  CHECK(KeyVariable("AWS_SECRET_ACCESS_KEY", ""));
  CHECK(KeyVariable("DB_PASSWORD", ""));
  CHECK_FALSE(KeyVariable("PATH", ""));
  CHECK_FALSE(KeyVariable("HOME", ""));
  CHECK_FALSE(KeyVariable("TOKENIZERS_PARALLELISM", ""));
  CHECK(KeyLikeName("api_key"));
  CHECK(KeyLikeName("Key"));
  CHECK_FALSE(KeyLikeName("model"));
}

TEST_CASE("AppendPath keeps a base URL's query string after the path", "[net][secrets]") {
  CHECK(AppendPath("http://h/v1?key=K", "/chat/completions") == "http://h/v1/chat/completions?key=K");
  CHECK(AppendPath("http://h/v1/", "/x") == "http://h/v1/x");
  CHECK(AppendPath("http://u:p@h:9", "/v1/messages") == "http://u:p@h:9/v1/messages");
  CHECK(AppendPath("http://h/v1/?a=1#f", "/x") == "http://h/v1/x?a=1#f");
  CHECK(PercentDecode("a%2Fb%zz%4") == "a/b%zz%4");
  CHECK(Base64("alice:pw") == "YWxpY2U6cHc=");
  CHECK(Base64("ab") == "YWI=");
  CHECK(Base64("abc") == "YWJj");
}

}  // namespace toolshift
