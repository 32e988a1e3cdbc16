#include "src/interop/bfcl_format_sensitivity.h"

#include <filesystem>
#include <fstream>
#include <map>
#include <set>

#include "src/core/input_error.h"
#include "src/core/json_limits.h"
#include "src/interop/bfcl_import.h"

namespace toolshift {
namespace {

constexpr size_t kIdFileLimit = 16u << 20;  // BFCL's list is 5 KB; a hostile file is not read whole

Json ReadIdList(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(path + ": cannot open");
  std::string text(kIdFileLimit + 1, '\0');
  in.read(text.data(), static_cast<std::streamsize>(text.size()));
  text.resize(static_cast<size_t>(in.gcount()));
  if (text.size() > kIdFileLimit) return Json();
  bool deep = false;
  Json j = TryParseJsonBounded(text, &deep);
  if (deep || j.is_discarded()) return Json();
  return j;
}

bool IsIdList(const Json& j) {
  if (!j.is_object() || j.empty()) return false;
  for (const auto& [category, ids] : j.items()) {
    if (!ids.is_array()) return false;
    for (const auto& id : ids) {
      if (!id.is_string()) return false;
    }
  }
  return true;
}

}  // namespace

bool IsBfclIdListFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  char first = 0;
  while (in.get(first) && (first == ' ' || first == '\n' || first == '\r' || first == '\t')) continue;
  if (!in || first != '{') return false;
  std::string line;
  in.seekg(0);
  std::getline(in, line);
  // A JSON Lines record is a whole object on its first line; the id list is pretty-printed.
  bool deep = false;
  if (!TryParseJsonBounded(line, &deep).is_discarded()) return false;
  return IsIdList(ReadIdList(path));
}

BfclFormatSensitivityResult ImportBfclFormatSensitivity(const std::string& path, const std::string& name, bool strict) {
  const Json list = ReadIdList(path);
  if (!IsIdList(list)) throw InputError(path + ": expected one JSON object mapping BFCL categories to lists of record ids");
  const std::filesystem::path dir = std::filesystem::path(path).parent_path();
  BfclFormatSensitivityResult result;
  Suite& base = result.base;
  base.manifest.split = Split::kId;
  base.manifest.dialect = "bfcl";
  for (const auto& [category, ids] : list.items()) {
    if (ids.empty()) continue;  // BFCL skips a category with no ids
    std::set<std::string> wanted;
    for (const auto& id : ids) wanted.insert(id.get<std::string>());
    result.listed_ids += wanted.size();
    BfclImportOptions o;
    o.questions = (dir / ("BFCL_v4_" + category + ".json")).string();
    o.answers = (dir / "possible_answer" / ("BFCL_v4_" + category + ".json")).string();
    if (!std::filesystem::exists(o.answers)) o.answers.clear();  // irrelevance-like categories need none
    o.strict = strict;
    if (!std::filesystem::exists(o.questions)) {
      throw InputError(path + ": category '" + category + "' needs " + o.questions + " beside it (not found)");
    }
    BfclImportResult imported = ImportBfcl(o);
    std::set<std::string> found;
    for (auto& e : imported.suite.episodes) {
      if (!wanted.count(e.id)) continue;
      found.insert(e.id);
      e.dialect = "bfcl";
      for (auto& t : e.tools) t.description += " Note that the provided function is in Python 3 syntax.";
      base.episodes.push_back(std::move(e));
    }
    for (const auto& id : wanted) {
      if (found.count(id)) continue;
      const std::string m = path + ": id '" + id + "' (" + category + "): not imported from " + o.questions +
                            " (absent, or skipped when read)";
      if (strict) throw InputError(m);
      result.skipped.push_back(m);
    }
  }
  if (base.episodes.empty()) throw InputError(path + ": none of the listed ids could be imported");
  base.manifest.name = name.empty() ? "bfcl-format-sensitivity" : name;
  base.manifest.skipped_records = result.skipped.size();
  base.manifest.description = "BFCL v4's format-sensitivity records (" + std::to_string(base.episodes.size()) +
                              " of the ids in " + path + ") in BFCL's default prompt configuration, scored with BFCL's rules";
  base.source = path;
  return result;
}

}  // namespace toolshift
