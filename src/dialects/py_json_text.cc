#include "src/dialects/py_json_text.h"

#include <cmath>

#include "src/core/py_float_text.h"

namespace toolshift {
namespace {

// json.dumps's float text: float.__repr__ for finite values, NaN/Infinity as allow_nan writes them.
void WriteFloat(double d, std::string& out) {
  if (std::isnan(d)) out += "NaN";
  else if (std::isinf(d)) out += d > 0 ? "Infinity" : "-Infinity";
  else AppendPythonFloatRepr(d, &out);
}

void Write(const Json& v, bool ascii, int indent, int level, std::string& out) {
  const bool container = v.is_array() || v.is_object();
  if (v.is_number_float()) {
    WriteFloat(v.get<double>(), out);
    return;
  }
  if (!container) {
    out += v.dump(-1, ' ', ascii, Json::error_handler_t::replace);
    return;
  }
  const char open = v.is_array() ? '[' : '{';
  const char close = v.is_array() ? ']' : '}';
  if (v.empty()) {
    out += open;
    out += close;
    return;
  }
  const std::string pad = indent < 0 ? "" : "\n" + std::string(static_cast<size_t>(indent * (level + 1)), ' ');
  const std::string item_sep = indent < 0 ? ", " : "," + pad;
  out += open;
  out += pad;
  bool first = true;
  for (auto it = v.begin(); it != v.end(); ++it) {
    if (!first) out += item_sep;
    first = false;
    if (v.is_object()) {
      out += Json(it.key()).dump(-1, ' ', ascii, Json::error_handler_t::replace);
      out += ": ";
    }
    Write(*it, ascii, indent, level + 1, out);
  }
  if (indent >= 0) out += "\n" + std::string(static_cast<size_t>(indent * level), ' ');
  out += close;
}

}  // namespace

std::string PythonJsonText(const Json& value, bool ensure_ascii, int indent) {
  std::string out;
  Write(value, ensure_ascii, indent, 0, out);
  return out;
}

}  // namespace toolshift
