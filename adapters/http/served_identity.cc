#include "adapters/http/served_identity.h"

#include <cmath>
#include <ctime>

#include "src/core/json_limits.h"
#include "src/net/http_transport.h"

namespace toolshift {
namespace {

// Identity answers are small; a server that sends megabytes is not saying who it is.
constexpr size_t kMaxIdentityBytes = size_t{1} << 20;

// The JSON body of a GET that answered 200, else null.
Json GetJson(const std::string& url, const std::vector<std::string>& headers, long timeout_ms) {
  HttpRequest req;
  req.url = url;
  req.headers = headers;
  req.timeout_ms = timeout_ms;
  req.max_body_bytes = kMaxIdentityBytes;
  const HttpResult r = HttpTransport::Perform(req);
  if (!r.transport_ok() || r.status != 200) return nullptr;
  bool too_deep = false;
  Json j = TryParseJsonBounded(r.body, &too_deep);
  return too_deep || j.is_discarded() ? Json(nullptr) : j;
}

double Now() { return static_cast<double>(std::time(nullptr)); }

// "http://h:8000/v1" -> "http://h:8000" (llama.cpp serves /props at its root).
std::string ServerRoot(const std::string& base) {
  const std::string v1 = "/v1";
  if (base.size() >= v1.size() && base.compare(base.size() - v1.size(), v1.size(), v1) == 0) {
    return base.substr(0, base.size() - v1.size());
  }
  return base;
}

}  // namespace

Json StableIdentityFields(const Json& entry, double now) {
  if (!entry.is_object()) return entry;
  Json out = entry;
  if (out.contains("created") && out["created"].is_number() &&
      std::fabs(out["created"].get<double>() - now) <= kCreatedIsNowS) {
    out.erase("created");
  }
  return out;
}

Json ProbeOpenAiIdentity(const std::vector<std::string>& base_urls, const std::string& model,
                         const std::vector<std::string>& headers, long timeout_ms) {
  Json per_url = Json::array();
  bool any = false;
  for (const auto& base : base_urls) {
    Json said = Json::object();
    const Json models = GetJson(base + "/models", headers, timeout_ms);
    if (models.is_object() && models.contains("data") && models["data"].is_array()) {
      Json entry = nullptr;
      for (const auto& m : models["data"]) {
        if (m.is_object() && m.value("id", Json()) == model) entry = m;
      }
      if (entry.is_null()) {
        Json all = Json::array();
        for (const auto& m : models["data"]) all.push_back(StableIdentityFields(m, Now()));
        said["models"] = std::move(all);
      } else {
        said["model"] = StableIdentityFields(entry, Now());
      }
    }
    const Json props = GetJson(ServerRoot(base) + "/props", headers, timeout_ms);
    if (props.is_object()) {
      Json kept = Json::object();
      // What names the weights and how prompts reach them; slots and live settings are not identity.
      for (const char* key : {"model_path", "chat_template", "build_info", "model_alias"}) {
        if (props.contains(key)) kept[key] = props[key];
      }
      if (!kept.empty()) said["props"] = std::move(kept);
    }
    any = any || !said.empty();
    per_url.push_back(said.empty() ? Json(nullptr) : said);
  }
  if (!any) return nullptr;
  return per_url.size() == 1 ? per_url[0] : per_url;
}

Json ProbeOllamaIdentity(const std::vector<std::string>& base_urls, const std::string& model, long timeout_ms) {
  Json per_url = Json::array();
  bool any = false;
  for (const auto& base : base_urls) {
    Json said = nullptr;
    const Json tags = GetJson(base + "/api/tags", {}, timeout_ms);
    if (tags.is_object() && tags.contains("models") && tags["models"].is_array()) {
      for (const auto& m : tags["models"]) {
        if (!m.is_object()) continue;
        const Json name = m.value("name", Json());
        if (name == model || name == model + ":latest") {
          said = Json::object();
          for (const char* key : {"name", "digest", "size", "modified_at"}) {
            if (m.contains(key)) said[key] = m[key];
          }
        }
      }
    }
    any = any || !said.is_null();
    per_url.push_back(said);
  }
  if (!any) return nullptr;
  return per_url.size() == 1 ? per_url[0] : per_url;
}

}  // namespace toolshift
