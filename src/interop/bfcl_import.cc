#include "src/interop/bfcl_import.h"

#include <fstream>
#include <map>

#include <re2/re2.h>

#include "src/core/episode_json.h"
#include "src/core/input_error.h"
#include "src/core/json_limits.h"

namespace toolshift {
namespace {

constexpr std::string_view kSupported =
    "simple, simple_python, simple_java, simple_javascript, multiple, parallel, parallel_multiple, irrelevance, live_simple, live_multiple, "
    "live_parallel, live_parallel_multiple, live_irrelevance, live_relevance";

struct Record {
  Json json;
  size_t line = 0;
  std::string id;
};

// Collects per-record problems: kept as located messages, or thrown at once when strict.
class Skips {
 public:
  explicit Skips(bool strict) : strict_(strict) {}
  void Add(std::string message) {
    if (strict_) throw InputError(message);
    messages_.push_back(std::move(message));
  }
  std::vector<std::string>& messages() { return messages_; }

 private:
  bool strict_;
  std::vector<std::string> messages_;
};

// A file that is one JSON value rather than JSON Lines: BFCL_v4_format_sensitivity.json maps
// categories to lists of record ids. Says what the file is instead of "invalid JSON at line 1".
[[noreturn]] void RefuseWholeJsonFile(const std::string& path, const Json& whole) {
  bool id_lists = whole.is_object() && !whole.empty();
  for (auto it = whole.begin(); id_lists && it != whole.end(); ++it) id_lists = it->is_array();
  if (id_lists) {
    throw InputError(path + ": this file lists record ids per category (as BFCL_v4_format_sensitivity.json does) "
                            "and holds no records; give it as --questions (without --answers) to import BFCL's "
                            "format-sensitivity study from the category files beside it (docs/bfcl.md)");
  }
  throw InputError(path + ": one JSON value, not BFCL's JSON Lines (one record per line)");
}

// Reads a JSON Lines file. A line that is not a JSON object with a string id is a skipped
// record (or an error when strict); a file none of whose lines is a record is an error.
std::vector<Record> ReadJsonLines(const std::string& path, Skips& skips, size_t* lines_read = nullptr) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(path + ": cannot open");
  std::vector<Record> out;
  std::string line;
  size_t bad = 0;
  std::string first_bad;
  for (size_t n = 1; std::getline(in, line); ++n) {
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    if (lines_read) ++*lines_read;
    const std::string where = path + ":" + std::to_string(n) + ": ";
    Record r;
    r.line = n;
    bool too_deep = false;
    try {
      r.json = ParseJsonBounded(line, &too_deep);
    } catch (const Json::exception& e) {  // parse errors, and number overflow (out_of_range 406)
      if (n == 1 && line.find_first_not_of(" \t\r") == line.find('{') && line.find('}') == std::string::npos) {
        // Possibly a pretty-printed whole-file JSON value: say what it is.
        in.clear();
        in.seekg(0);
        constexpr size_t kWholeFileLimit = 64u << 20;  // an id list is small; a hostile file is not read whole
        std::string text;
        char chunk[65536];
        while (text.size() < kWholeFileLimit && in.read(chunk, sizeof chunk).gcount() > 0) {
          text.append(chunk, static_cast<size_t>(in.gcount()));
        }
        bool deep = false;
        const Json whole = TryParseJsonBounded(text, &deep);
        if (!deep && !whole.is_discarded()) RefuseWholeJsonFile(path, whole);
        in.clear();
        in.seekg(0);
        for (size_t k = 0; k < n && std::getline(in, line); ++k) continue;  // back past line n
      }
      ++bad;
      const std::string m = where + "not valid JSON (" + JsonErrorText(e) + ")";
      if (first_bad.empty()) first_bad = m;
      skips.Add(m);
      continue;
    }
    if (too_deep) {
      skips.Add(where + "nests " + TooDeepText() + " (toolshift's limit for any value)");
      continue;
    }
    if (!r.json.is_object()) {
      skips.Add(where + "expected a JSON object");
      continue;
    }
    auto id = r.json.find("id");
    if (id == r.json.end() || !id->is_string() || id->get_ref<const std::string&>().empty()) {
      skips.Add(where + "id: missing or not a non-empty string");
      continue;
    }
    r.id = id->get<std::string>();
    out.push_back(std::move(r));
  }
  if (out.empty()) throw InputError(path + ": no records" + (first_bad.empty() ? "" : " (" + first_bad + ")"));
  return out;
}

// ground_truth [{name: {param: [values]}}] -> toolshift's expected [{name, args}].
Json ConvertGroundTruth(const Json& gt) {
  if (!gt.is_array()) throw FieldError("ground_truth", "expected a list of calls");
  Json expected = Json::array();
  for (size_t i = 0; i < gt.size(); ++i) {
    const std::string f = "ground_truth[" + std::to_string(i) + "]";
    if (!gt[i].is_object() || gt[i].size() != 1) throw FieldError(f, "expected {function_name: {param: [values]}}");
    const auto it = gt[i].begin();
    if (!it->is_object()) throw FieldError(f + "." + it.key(), "expected an object of parameters");
    expected.push_back(Json{{"name", it.key()}, {"args", *it}});
  }
  return expected;
}

}  // namespace

std::string BfclCategoryOfId(std::string_view id) {
  static const RE2 kId(R"(([a-z_]+?)_\d+(?:-\d+)*)");
  std::string category;
  return RE2::FullMatch(id, kId, &category) ? category : "";
}

std::optional<Category> CategoryForBfcl(std::string_view c) {
  if (c.substr(0, 5) == "live_") c.remove_prefix(5);
  if (c == "simple" || c == "simple_python" || c == "simple_java" || c == "simple_javascript") {
    return Category::kSimple;
  }
  if (c == "multiple") return Category::kMultiple;
  if (c == "parallel") return Category::kParallel;
  if (c == "parallel_multiple") return Category::kParallelMultiple;
  if (c == "irrelevance") return Category::kIrrelevance;
  if (c == "relevance") return Category::kRelevance;
  return std::nullopt;
}

std::string UnsupportedBfclCategoryReason(std::string_view c) {
  auto starts = [&](std::string_view p) { return c.substr(0, p.size()) == p; };
  if (starts("multi_turn")) {
    return "BFCL's multi-turn categories are played against its stateful API classes; this single-turn "
           "importer does not read them";
  }
  if (starts("memory")) {
    return "BFCL's memory categories run agentic sessions against its memory backends (key-value, vector, "
           "recursive summary) after prerequisite conversations; not supported";
  }
  if (starts("web_search")) {
    return "BFCL's web_search categories need live search results from a web search API; not supported "
           "(toolshift runs offline)";
  }
  if (c == "format_sensitivity") {
    return "BFCL's format_sensitivity file lists ids of other categories to re-ask; it holds no records";
  }
  return "";
}

namespace {

// BFCL's language notes for its Java / JavaScript categories, in the words BFCL adds to each
// description before asking: the language of the function, and that each parameter is given
// as a string of source. (BFCL also retypes every parameter "string" in the prompt; the
// schema here keeps the original types, which the checker needs.)
void AddLanguageHints(Json& tool, bool java) {
  const std::string lang = java ? "Java" : "JavaScript";
  if (tool["description"].is_string()) {
    tool["description"] = tool["description"].get<std::string>() +
                          (java ? " Note that the provided function is in Java 8 SDK syntax."
                                : " Note that the provided function is in JavaScript syntax.");
  }
  auto props = tool.find("parameters");
  if (props == tool.end() || !props->is_object()) return;
  auto p = props->find("properties");
  if (p == props->end() || !p->is_object()) return;
  for (auto it = p->begin(); it != p->end(); ++it) {
    Json& param = *it;
    if (!param.is_object() || !param.contains("type") || !param["type"].is_string()) continue;
    const std::string type = param["type"].get<std::string>();
    std::string d = param.contains("description") && param["description"].is_string()
                        ? param["description"].get<std::string>() : "";
    d += type == "any" ? " This parameter can be of any type of " + lang + " object in string representation."
                       : " This is " + lang + " " + type + " type parameter in string representation.";
    const bool list = java ? (type == "Array" || type == "ArrayList") : type == "array";
    if (list && param.contains("items") && param["items"].is_object() && param["items"].contains("type") &&
        param["items"]["type"].is_string()) {
      d += " The list elements are of type " + param["items"]["type"].get<std::string>() +
           "; they are not in string representation.";
    }
    param["description"] = d;
  }
}

// One question record as a toolshift episode JSON (ParseEpisode validates it). Throws
// FieldError for what cannot be read.
Json EpisodeOfRecord(const Record& q, const std::string& bfcl_category, Category category, const Json* answer,
                     const BfclImportOptions& options) {
  Json ep = Json::object();
  ep["id"] = q.id;
  ep["domain"] = bfcl_category;
  ep["category"] = std::string(CategoryName(category));
  const bool java = bfcl_category == "simple_java";
  const bool js = bfcl_category == "simple_javascript";
  ep["scoring"] = java ? "bfcl-java" : js ? "bfcl-javascript" : "bfcl";
  const auto turns = q.json.find("question");
  if (turns == q.json.end()) throw FieldError("question", "missing");
  if (!turns->is_array() || turns->size() != 1 || !(*turns)[0].is_array()) {
    throw FieldError("question", "expected one turn (a list holding one list of messages); multi-turn "
                                 "records are not single-turn categories");
  }
  ep["messages"] = (*turns)[0];
  const auto functions = q.json.find("function");
  if (functions == q.json.end()) throw FieldError("function", "missing");
  if (!functions->is_array()) throw FieldError("function", "expected a list of function definitions");
  Json tools = Json::array();
  for (const auto& f : *functions) {
    // BFCL's optional "response" schema has no counterpart in a toolshift tool.
    Json t = Json::object();
    for (const char* key : {"name", "description", "parameters"}) {
      if (f.is_object() && f.contains(key)) t[key] = f[key];
    }
    if (!t.contains("description")) t["description"] = "";
    if (java || js) AddLanguageHints(t, java);
    tools.push_back(std::move(t));
  }
  ep["tools"] = std::move(tools);
  if (category == Category::kIrrelevance || category == Category::kRelevance) {
    ep["expected"] = Json::array();
    return ep;
  }
  if (!answer) {
    throw FieldError("ground_truth", options.answers.empty()
                                         ? "no --answers file given for a category that needs one"
                                         : "no possible answer with this id in " + options.answers);
  }
  const auto gt = answer->find("ground_truth");
  if (gt == answer->end()) throw FieldError("ground_truth", "missing in " + options.answers);
  ep["expected"] = ConvertGroundTruth(*gt);
  return ep;
}

}  // namespace

BfclImportResult ImportBfcl(const BfclImportOptions& options) {
  BfclImportResult result;
  Skips skips(options.strict);
  size_t question_records = 0;
  const std::vector<Record> questions = ReadJsonLines(options.questions, skips, &question_records);
  std::map<std::string, const Record*> answers;
  std::vector<Record> answer_records;
  if (!options.answers.empty()) {
    answer_records = ReadJsonLines(options.answers, skips);
    for (const auto& r : answer_records) {
      if (!answers.emplace(r.id, &r).second) {
        skips.Add(options.answers + ":" + std::to_string(r.line) + ": id '" + r.id +
                  "' appears twice; the first is used");
      }
    }
  }
  Suite& suite = result.suite;
  suite.manifest.split = Split::kId;
  suite.manifest.dialect = "pythonic";
  std::map<std::string, size_t> seen;
  std::string first_unsupported;
  for (const auto& q : questions) {
    const std::string where = options.questions + ":" + std::to_string(q.line) + ": id '" + q.id + "': ";
    if (!seen.emplace(q.id, q.line).second) {
      skips.Add(where + "appears twice (first at line " + std::to_string(seen[q.id]) + "); the first is used");
      continue;
    }
    const std::string bfcl_category = options.category.empty() ? BfclCategoryOfId(q.id) : options.category;
    const std::optional<Category> category = CategoryForBfcl(bfcl_category);
    if (!category) {
      const std::string why = UnsupportedBfclCategoryReason(bfcl_category);
      const std::string m = where + "category '" + bfcl_category + "' is not supported: " +
                            (why.empty() ? "not a BFCL v4 category this importer knows (supported: " +
                                               std::string(kSupported) + "); pass --category to name it"
                                         : why);
      if (first_unsupported.empty()) first_unsupported = m;
      skips.Add(m);
      continue;
    }
    auto a = answers.find(q.id);
    const Json* answer = a == answers.end() ? nullptr : &a->second->json;
    try {
      suite.episodes.push_back(
          ParseEpisode(EpisodeOfRecord(q, bfcl_category, *category, answer, options), suite.manifest.dialect));
    } catch (const FieldError& e) {
      skips.Add(where + e.what());
    }
  }
  result.skipped = std::move(skips.messages());
  if (suite.episodes.empty()) {
    const std::string first = !first_unsupported.empty() ? first_unsupported
                              : result.skipped.empty()   ? options.questions + ": no records"
                                                         : result.skipped.front();
    throw InputError(first + (result.skipped.size() > 1 ? " (and " + std::to_string(result.skipped.size() - 1) +
                                                              " more record(s) not imported)"
                                                        : ""));
  }
  for (const auto& [id, record] : answers) result.unused_answers += seen.count(id) == 0;
  suite.manifest.skipped_records = question_records - suite.episodes.size();
  const std::string first_category = suite.episodes.front().domain;
  suite.manifest.name = options.name.empty() ? "bfcl-" + first_category : options.name;
  suite.manifest.description = "BFCL " + first_category + " records imported from " + options.questions +
                               " (" + std::to_string(suite.episodes.size()) + " episodes), scored with BFCL's rules";
  suite.source = options.questions;
  return result;
}

}  // namespace toolshift
