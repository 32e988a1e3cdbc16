#include "src/view/episode_viewer.h"

#include <string_view>
#include <unordered_map>

#include "src/core/input_error.h"
#include "src/core/input_file.h"
#include "src/core/json_limits.h"
#include "src/view/viewer_script.h"

namespace toolshift {
namespace {

constexpr size_t kMinSharedText = 40;  // shorter texts cost less inline than as a reference

// Interns long message contents into `texts`.
class TextTable {
 public:
  void Intern(Json& message) {
    if (!message.is_object() || !message.contains("content") || !message["content"].is_string()) return;
    std::string& text = message["content"].get_ref<std::string&>();
    if (text.size() < kMinSharedText) return;
    auto [it, added] = index_.try_emplace(text, texts_.size());
    if (added) texts_.push_back(text);
    message["content"] = Json{{"t", it->second}};
  }
  void InternAll(Json& messages) {
    if (!messages.is_array()) return;
    for (Json& m : messages) Intern(m);
  }
  Json Take() { return std::move(texts_); }

 private:
  std::unordered_map<std::string, size_t> index_;
  Json texts_ = Json::array();
};

// Interns the observations of multi-step calls: the shifted twins of one base episode make the
// same calls and see the same results, one per shift kind. A call's "result" moves to
// "result_ref", an index into the values table (a field of its own, so no data is mistaken for it).
class ValueTable {
 public:
  void InternResults(Json& steps) {
    if (!steps.is_array()) return;
    for (Json& step : steps) {
      if (!step.is_object() || !step.contains("calls") || !step["calls"].is_array()) continue;
      for (Json& call : step["calls"]) {
        if (!call.is_object() || !call.contains("result")) continue;
        std::string key = DumpJson(call["result"]);
        if (key.size() < kMinSharedText) continue;
        auto [it, added] = index_.try_emplace(std::move(key), values_.size());
        if (added) values_.push_back(std::move(call["result"]));
        call.erase("result");
        call["result_ref"] = it->second;
      }
    }
  }
  Json Take() { return std::move(values_); }

 private:
  std::unordered_map<std::string, size_t> index_;
  Json values_ = Json::array();
};

// JSON that cannot end a <script> element or open a comment in it: every < > & inside strings
// becomes a \u escape (outside strings JSON has none of them).
std::string ScriptSafeJson(const Json& j) {
  const std::string text = DumpJson(j);
  std::string out;
  out.reserve(text.size() + text.size() / 16);
  for (char c : text) {
    if (c == '<') out += "\\u003c";
    else if (c == '>') out += "\\u003e";
    else if (c == '&') out += "\\u0026";
    else out += c;
  }
  return out;
}

}  // namespace

std::vector<Json> ReadEpisodeLog(const std::string& path) {
  LineReader reader(path);
  std::vector<Json> episodes;
  std::string_view line;
  while (reader.Next(&line)) {
    if (line.find_first_not_of(" \t\r") == std::string_view::npos) continue;
    const std::string where = path + ":" + std::to_string(reader.line_number());
    bool too_deep = false;
    Json j = TryParseJsonBounded(line, &too_deep);
    if (too_deep) throw InputError(where + ": nests " + TooDeepText() + ", which no episode log does");
    if (j.is_discarded()) throw InputError(where + ": invalid JSON");
    if (!j.is_object()) throw InputError(where + ": not an episode (not a JSON object)");
    for (const char* field : {"suite", "id"}) {
      if (!j.contains(field) || !j[field].is_string()) throw InputError(where + ": " + field + ": missing or not a string");
    }
    episodes.push_back(std::move(j));
  }
  return episodes;
}

Json CompactEpisodes(std::vector<Json> episodes) {
  TextTable table;
  ValueTable values;
  for (Json& e : episodes) {
    if (e.contains("steps")) values.InternResults(e["steps"]);
    // 64-bit seeds as text: a browser reads JSON numbers as doubles, exact only to 2^53.
    if (e.contains("seed") && e["seed"].is_number_integer()) e["seed"] = DumpJson(e["seed"]);
    if (e.contains("prompt")) table.InternAll(e["prompt"]);
    if (e.contains("output")) table.Intern(e["output"]);
    if (e.contains("outputs")) table.InternAll(e["outputs"]);
  }
  return {{"texts", table.Take()}, {"values", values.Take()}, {"episodes", std::move(episodes)}};
}

std::string EpisodeViewerHtml(const Json& report, std::vector<Json> episodes, const std::string& source) {
  Json meta = {{"source", source}, {"episodes", episodes.size()}};
  if (report.is_object()) {
    for (const char* key : {"model", "toolshift_version", "seed"}) {
      if (report.contains(key)) meta[key] = report[key];
    }
    if (report.contains("run") && report["run"].is_object() && report["run"].contains("started_at")) {
      meta["started_at"] = report["run"]["started_at"];
    }
    if (report.contains("config") && report["config"].is_object()) {
      const Json& config = report["config"];
      if (config.contains("name")) meta["name"] = config["name"];
      if (config.contains("labels")) meta["labels"] = config["labels"];
    }
  }
  Json data = CompactEpisodes(std::move(episodes));
  data["meta"] = std::move(meta);
  std::string h = R"(<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>toolshift episodes</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
)";
  h += ViewerStyle();
  // The open episode sits above the list, so opening one never means scrolling past a page of rows.
  h += "</head><body>\n<h1>toolshift episodes</h1>\n<p id=\"meta\"></p>\n<div id=\"filters\"></div>\n"
       "<p id=\"count\"></p>\n<div id=\"detail\"></div>\n<table id=\"list\"><thead><tr><th>suite</th><th>id</th><th>split</th><th>shift kind</th>"
       "<th>category</th><th>verdict</th><th>signatures</th></tr></thead><tbody></tbody></table>\n"
       "<div id=\"pager\"></div>\n<noscript>The viewer needs JavaScript (it runs locally; "
       "nothing is fetched).</noscript>\n<script type=\"application/json\" id=\"data\">";
  h += ScriptSafeJson(data);
  h += "</script>\n";
  h += ViewerScript();
  h += "\n</body></html>\n";
  return h;
}

}  // namespace toolshift
