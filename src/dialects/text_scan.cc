#include "src/dialects/text_scan.h"

#include "src/core/json_limits.h"

namespace toolshift::textscan {

std::string_view Trim(std::string_view s) {
  const char* ws = " \t\r\n\f\v";
  size_t b = s.find_first_not_of(ws);
  if (b == std::string_view::npos) return {};
  size_t e = s.find_last_not_of(ws);
  return s.substr(b, e - b + 1);
}

std::string_view StripCodeFence(std::string_view s) {
  s = Trim(s);
  if (s.size() < 6 || s.substr(0, 3) != "```" || s.substr(s.size() - 3) != "```") return s;
  size_t nl = s.find('\n');
  if (nl == std::string_view::npos || nl >= s.size() - 3) return s;
  return Trim(s.substr(nl + 1, s.size() - 3 - (nl + 1)));
}

size_t JsonValueEnd(std::string_view text, size_t start) {
  if (start >= text.size() || (text[start] != '{' && text[start] != '[')) return std::string_view::npos;
  int depth = 0;
  bool in_string = false;
  for (size_t i = start; i < text.size(); ++i) {
    char c = text[i];
    if (in_string) {
      if (c == '\\') ++i;
      else if (c == '"') in_string = false;
      continue;
    }
    if (c == '"') in_string = true;
    else if (c == '{' || c == '[') ++depth;
    else if (c == '}' || c == ']') {
      if (--depth == 0) return i + 1;
    }
  }
  return std::string_view::npos;
}

bool TryParseJson(std::string_view text, Json* out, std::string* error) {
  bool too_deep = false;
  *out = TryParseJsonBounded(text, &too_deep);
  if (too_deep && !out->is_discarded()) {
    *out = Json();
    *error = "the JSON nests " + TooDeepText();
    return false;
  }
  if (out->is_discarded()) {
    // Re-parse with exceptions only on the error path, for nlohmann's located message.
    try {
      Json unused = Json::parse(text.begin(), text.end());
      (void)unused;
    } catch (const Json::exception& e) {  // parse errors, and number overflow (out_of_range 406)
      *error = JsonErrorText(e);
    }
    if (error->empty()) *error = "invalid JSON";
    return false;
  }
  return true;
}

bool ReadNamedCall(const Json& j, ToolCall* call, std::string* error) {
  if (!j.is_object()) {
    *error = "a call must be a JSON object";
    return false;
  }
  auto name = j.find("name");
  if (name == j.end() || !name->is_string() || name->get_ref<const std::string&>().empty()) {
    *error = "a call needs a non-empty string \"name\"";
    return false;
  }
  call->name = name->get<std::string>();
  auto args = j.find("arguments");
  if (args == j.end()) args = j.find("parameters");
  if (args == j.end()) {
    call->arguments = Json::object();
  } else if (args->is_object()) {
    call->arguments = *args;
  } else {
    *error = "\"arguments\" of '" + call->name + "' must be a JSON object";
    return false;
  }
  return true;
}

}  // namespace toolshift::textscan
