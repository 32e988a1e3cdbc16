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
    "simple, simple_python, multiple, parallel, parallel_multiple, irrelevance, live_simple, live_multiple, "
    "live_parallel, live_parallel_multiple, live_irrelevance";

struct Record {
  Json json;
  size_t line = 0;
};

// Reads a JSON Lines file into id -> record, rejecting unparsable lines and duplicate ids.
std::vector<Record> ReadJsonLines(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(path + ": cannot open");
  std::vector<Record> out;
  std::string line;
  for (size_t n = 1; std::getline(in, line); ++n) {
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    Record r;
    r.line = n;
    bool too_deep = false;
    try {
      r.json = ParseJsonBounded(line, &too_deep);
    } catch (const Json::exception& e) {  // parse errors, and number overflow (out_of_range 406)
      throw InputError(path + ":" + std::to_string(n) + ": not valid JSON (" + JsonErrorText(e) + ")");
    }
    if (too_deep) throw InputError(path + ":" + std::to_string(n) + ": nests " + TooDeepText() + " (toolshift's limit for any value)");
    if (!r.json.is_object()) throw InputError(path + ":" + std::to_string(n) + ": expected a JSON object");
    auto id = r.json.find("id");
    if (id == r.json.end() || !id->is_string() || id->get_ref<const std::string&>().empty()) {
      throw InputError(path + ":" + std::to_string(n) + ": id: missing or not a non-empty string");
    }
    out.push_back(std::move(r));
  }
  if (out.empty()) throw InputError(path + ": no records");
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
  if (c == "simple" || c == "simple_python") return Category::kSimple;
  if (c == "multiple") return Category::kMultiple;
  if (c == "parallel") return Category::kParallel;
  if (c == "parallel_multiple") return Category::kParallelMultiple;
  if (c == "irrelevance") return Category::kIrrelevance;
  return std::nullopt;
}

BfclImportResult ImportBfcl(const BfclImportOptions& options) {
  const std::vector<Record> questions = ReadJsonLines(options.questions);
  std::map<std::string, const Record*> answers;
  std::vector<Record> answer_records;
  if (!options.answers.empty()) {
    answer_records = ReadJsonLines(options.answers);
    for (const auto& r : answer_records) {
      const std::string id = r.json["id"].get<std::string>();
      if (!answers.emplace(id, &r).second) {
        throw InputError(options.answers + ":" + std::to_string(r.line) + ": id '" + id + "' appears twice");
      }
    }
  }
  BfclImportResult result;
  Suite& suite = result.suite;
  suite.manifest.split = Split::kId;
  suite.manifest.dialect = "pythonic";
  std::map<std::string, size_t> seen;
  size_t used_answers = 0;
  for (const auto& q : questions) {
    const std::string id = q.json["id"].get<std::string>();
    const std::string where = options.questions + ":" + std::to_string(q.line) + ": id '" + id + "': ";
    if (!seen.emplace(id, q.line).second) throw InputError(where + "appears twice");
    const std::string bfcl_category = options.category.empty() ? BfclCategoryOfId(id) : options.category;
    const std::optional<Category> category = CategoryForBfcl(bfcl_category);
    if (!category) {
      throw InputError(where + "category '" + bfcl_category + "' is not supported (supported: " +
                       std::string(kSupported) + "); pass --category to name it");
    }
    Json ep = Json::object();
    ep["id"] = id;
    ep["domain"] = bfcl_category;
    ep["category"] = std::string(CategoryName(*category));
    ep["scoring"] = "bfcl";
    try {
      const Json& turns = q.json.at("question");
      if (!turns.is_array() || turns.size() != 1 || !turns[0].is_array()) {
        throw FieldError("question", "expected one turn (a list holding one list of messages); multi-turn "
                                     "records are not single-turn categories");
      }
      ep["messages"] = turns[0];
      Json tools = Json::array();
      const Json& functions = q.json.at("function");
      if (!functions.is_array()) throw FieldError("function", "expected a list of function definitions");
      for (const auto& f : functions) {
        // BFCL's optional "response" schema has no counterpart in a toolshift tool.
        Json t = Json::object();
        for (const char* key : {"name", "description", "parameters"}) {
          if (f.is_object() && f.contains(key)) t[key] = f[key];
        }
        if (!t.contains("description")) t["description"] = "";
        tools.push_back(std::move(t));
      }
      ep["tools"] = std::move(tools);
      if (*category == Category::kIrrelevance) {
        ep["expected"] = Json::array();
      } else {
        auto a = answers.find(id);
        if (a == answers.end()) {
          throw FieldError("ground_truth", options.answers.empty()
                                               ? "no --answers file given for a category that needs one"
                                               : "no possible answer with this id in " + options.answers);
        }
        ++used_answers;
        const Json& gt = a->second->json;
        if (!gt.contains("ground_truth")) {
          throw InputError(options.answers + ":" + std::to_string(a->second->line) + ": id '" + id +
                           "': ground_truth: missing");
        }
        ep["expected"] = ConvertGroundTruth(gt["ground_truth"]);
      }
      suite.episodes.push_back(ParseEpisode(ep, suite.manifest.dialect));
    } catch (const FieldError& e) {
      throw InputError(where + e.what());
    } catch (const Json::out_of_range& e) {
      throw InputError(where + (q.json.contains("question") ? "function" : "question") + ": missing");
    }
  }
  result.unused_answers = answers.size() - used_answers;
  const std::string first_category = suite.episodes.front().domain;
  suite.manifest.name = options.name.empty() ? "bfcl-" + first_category : options.name;
  suite.manifest.description = "BFCL " + first_category + " records imported from " + options.questions +
                               " (" + std::to_string(suite.episodes.size()) + " episodes), scored with BFCL's rules";
  suite.source = options.questions;
  return result;
}

}  // namespace toolshift
