#include "src/net/secrets.h"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <functional>

#include "src/net/url.h"

namespace toolshift {
namespace {

std::string Upper(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

// Where a URL's authority or query ends in running text (JSON, a message, a flag list).
bool Terminator(char c) {
  return std::isspace(static_cast<unsigned char>(c)) || c == '"' || c == '\'' || c == '<' || c == '>' || c == '\\' ||
         c == '`' || c == ',' || c == '#';
}

// One URL found in text: [start, end) spans "scheme://...", with its parts located.
struct UrlParts {
  size_t userinfo_begin = std::string_view::npos, userinfo_end = 0;  // "user:pass", without the '@'
  std::vector<std::pair<size_t, size_t>> key_values;                  // [begin, end) of key-like query values
  size_t end = 0;
};

UrlParts Locate(std::string_view text, size_t authority_begin) {
  UrlParts u;
  size_t i = authority_begin;
  size_t at = std::string_view::npos;
  while (i < text.size() && !Terminator(text[i]) && text[i] != '/' && text[i] != '?') {
    if (text[i] == '@') at = i;
    ++i;
  }
  if (at != std::string_view::npos) {
    u.userinfo_begin = authority_begin;
    u.userinfo_end = at;
  }
  while (i < text.size() && !Terminator(text[i]) && text[i] != '?') ++i;  // the path
  if (i < text.size() && text[i] == '?') {
    ++i;
    while (i < text.size() && !Terminator(text[i])) {
      size_t end = i;
      while (end < text.size() && !Terminator(text[end]) && text[end] != '&' && text[end] != ';') ++end;
      const std::string_view param = text.substr(i, end - i);
      const size_t eq = param.find('=');
      if (eq != std::string_view::npos && KeyLikeName(PercentDecode(param.substr(0, eq))) && eq + 1 < param.size()) {
        u.key_values.emplace_back(i + eq + 1, end);
      }
      i = end;
      if (i < text.size() && (text[i] == '&' || text[i] == ';')) ++i;
    }
  }
  u.end = i;
  return u;
}

// Calls `visit` for every URL in `text`, in order.
void ForEachUrl(std::string_view text, const std::function<void(const UrlParts&)>& visit) {
  for (size_t pos = text.find("://"); pos != std::string_view::npos; pos = text.find("://", pos)) {
    const UrlParts u = Locate(text, pos + 3);
    visit(u);
    pos = std::max(u.end, pos + 3);
  }
}

}  // namespace

bool KeyLikeName(std::string_view name) {
  const std::string n = Upper(name);
  for (const char* word : {"KEY", "TOKEN", "SECRET", "PASSWORD", "PASSWD", "PWD", "AUTH", "SIG", "CREDENTIAL", "SESSION"}) {
    if (n.find(word) != std::string::npos) return true;
  }
  return false;
}

bool KeyVariable(std::string_view name, std::string_view api_key_env) {
  if (name.empty()) return false;
  if (name == api_key_env || name == "OPENAI_API_KEY" || name == "ANTHROPIC_API_KEY") return true;
  const std::string n = Upper(name);
  auto ends = [&](std::string_view suffix) {
    return n.size() >= suffix.size() && n.compare(n.size() - suffix.size(), suffix.size(), suffix) == 0;
  };
  return ends("_KEY") || ends("_TOKEN") || n == "TOKEN" || n.find("API_KEY") != std::string::npos ||
         n.find("APIKEY") != std::string::npos || n.find("SECRET") != std::string::npos ||
         n.find("PASSWORD") != std::string::npos || n.find("PASSWD") != std::string::npos;
}

std::vector<std::string> AdapterKeyVariables(const std::string& api_key_env) {
  std::vector<std::string> names = {"OPENAI_API_KEY", "ANTHROPIC_API_KEY"};
  if (!api_key_env.empty()) names.push_back(api_key_env);
  return names;
}

void Secrets::Add(std::string_view value) {
  if (value.size() < kMinLength) return;
  if (std::find(values_.begin(), values_.end(), value) != values_.end()) return;
  values_.emplace_back(value);
  std::stable_sort(values_.begin(), values_.end(), [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
}

void Secrets::AddFromUrls(std::string_view text) {
  ForEachUrl(text, [&](const UrlParts& u) {
    if (u.userinfo_begin != std::string_view::npos) {
      const std::string_view info = text.substr(u.userinfo_begin, u.userinfo_end - u.userinfo_begin);
      const size_t colon = info.find(':');
      const std::string user = PercentDecode(info.substr(0, colon));
      const std::string pass = colon == std::string_view::npos ? "" : PercentDecode(info.substr(colon + 1));
      Add(info);
      if (colon == std::string_view::npos) {
        Add(info);
        Add(user);
      } else {
        Add(info.substr(colon + 1));
        Add(pass);
      }
      Add(Base64(user + ":" + pass));  // how curl sends userinfo: Authorization: Basic
    }
    for (const auto& [b, e] : u.key_values) {
      Add(text.substr(b, e - b));
      Add(PercentDecode(text.substr(b, e - b)));
    }
  });
}

void Secrets::AddFromEnv(const std::vector<std::string>& names) {
  for (const auto& name : names) {
    if (const char* v = std::getenv(name.c_str())) Add(v);
  }
}

std::string Secrets::Redact(std::string_view text) const {
  std::string out(text);
  RedactInPlace(out);
  return out;
}

bool Secrets::RedactInPlace(std::string& text) const {
  bool any = false;
  for (const auto& v : values_) {
    for (size_t at = text.find(v); at != std::string::npos; at = text.find(v, at + kRedacted.size())) {
      text.replace(at, v.size(), kRedacted);
      any = true;
    }
  }
  return any;
}

std::string Secrets::RedactMessage(std::string_view text) const { return RedactUrls(Redact(text)); }

std::string RedactUrls(std::string_view text) {
  if (text.find("://") == std::string_view::npos) return std::string(text);
  // Spans to replace, in order and disjoint.
  std::vector<std::pair<size_t, size_t>> spans;
  ForEachUrl(text, [&](const UrlParts& u) {
    if (u.userinfo_begin != std::string_view::npos && u.userinfo_end > u.userinfo_begin) {
      spans.emplace_back(u.userinfo_begin, u.userinfo_end);
    }
    for (const auto& kv : u.key_values) spans.push_back(kv);
  });
  std::string out;
  out.reserve(text.size());
  size_t at = 0;
  for (const auto& [b, e] : spans) {
    out.append(text.substr(at, b - at));
    out.append(kRedacted);
    at = e;
  }
  out.append(text.substr(at));
  return out;
}

}  // namespace toolshift
