#include "src/core/json_lines.h"

#include "src/core/input_error.h"
#include "src/core/input_file.h"
#include "src/core/json_limits.h"

namespace toolshift {

std::vector<JsonLine> ReadJsonObjectLines(const std::string& path, bool need_id) {
  LineReader reader(path);
  std::vector<JsonLine> out;
  std::string_view text;
  while (reader.Next(&text)) {
    if (text.find_first_not_of(" \t\r") == std::string_view::npos) continue;
    const std::string where = path + ":" + std::to_string(reader.line_number()) + ": ";
    JsonLine l;
    l.number = reader.line_number();
    bool too_deep = false;
    try {
      l.json = ParseJsonBounded(text, &too_deep);
    } catch (const Json::exception& e) {
      throw InputError(where + "not valid JSON (" + JsonErrorText(e) + ")");
    }
    if (too_deep) throw InputError(where + "nests " + TooDeepText() + " (toolshift's limit for any value)");
    if (!l.json.is_object()) throw InputError(where + "expected a JSON object");
    if (need_id) {
      auto id = l.json.find("id");
      if (id == l.json.end() || !id->is_string() || id->get_ref<const std::string&>().empty()) {
        throw InputError(where + "id: missing or not a non-empty string");
      }
    }
    out.push_back(std::move(l));
  }
  if (out.empty()) throw InputError(path + ": no records");
  return out;
}

}  // namespace toolshift
