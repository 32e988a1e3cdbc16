#include "src/dialects/bfcl_prompt_render.h"

#include <map>

#include "src/core/py_float_text.h"
#include "src/dialects/py_json_text.h"

namespace toolshift {
namespace {

struct StyleText {
  const char* persona;
  const char* task;
  const char* tool_call_no_tag;    // {output_format} {param_types}
  const char* tool_call_with_tag;  // the same, inside <TOOLCALL>
  const char* multiturn_behavior;
  const char* available_tools;     // {format} {functions}
};

// BFCL's PROMPT_STYLE_TEMPLATES.
const StyleText& Style(const std::string& style) {
  static const StyleText kClassic = {
      "You are an expert in composing functions.",
      "You are given a question and a set of possible functions. Based on the question, you will need to make one "
      "or more function/tool calls to achieve the purpose. If none of the functions can be used, point it out. If "
      "the given question lacks the parameters required by the function, also point it out.",
      "You should only return the function calls in your response.\n\nIf you decide to invoke any of the "
      "function(s), you MUST put it in the format of {output_format}. {param_types} You SHOULD NOT include any "
      "other text in the response.",
      "You should only return the function calls in the <TOOLCALL> section. If you decide to invoke any of the "
      "function(s), you MUST put it in the format of <TOOLCALL>{output_format}</TOOLCALL>. {param_types} You SHOULD "
      "NOT include any other text in the response.",
      "At each turn, you should try your best to complete the tasks requested by the user within the current turn. "
      "Continue to output functions to call until you have fulfilled the user's request to the best of your "
      "ability. Once you have no more functions to call, the system will consider the current turn complete and "
      "proceed to the next turn or task.",
      "Here is a list of functions in {format} format that you can invoke.\n{functions}\n"};
  static const StyleText kExperimental = {
      "You are an expert in generating structured function calls.",
      "You are given a user query and a set of available functions. Your task is to produce one or more "
      "function/tool calls to fulfill the user's request. If no suitable function exists, or required parameters "
      "are missing, clearly indicate this.",
      "Respond with only the function calls.\n\nYou MUST format it exactly as {output_format}. {param_types} Do NOT "
      "include any other text.",
      "Return only the function calls enclosed in <TOOLCALL> tags.\n\nYou MUST format it exactly as "
      "<TOOLCALL>{output_format}</TOOLCALL>. {param_types} Do NOT include any other text.",
      "At every turn, aim to complete the user's tasks within that turn. Continue emitting function calls until the "
      "request is satisfied to the best of your ability. Once no more calls are needed, the system will proceed to "
      "the next turn.",
      "Below is a list of callable functions in the {format} style:\n{functions}\n"};
  return style == "experimental" ? kExperimental : kClassic;
}

// BFCL's OUTPUT_FORMAT_MAPPING and PARAM_TYPE_MAPPING.
std::string OutputFormat(const std::string& ret) {
  if (ret == "json") {
    return "```json\n[{\"function\":\"func_name1\",\"parameters\":{\"param1\":\"value1\",\"param2\":\"value2\"...}},"
           "{\"function\":\"func_name2\",\"parameters\":{\"param\":\"value\"}}]\n```";
  }
  if (ret == "verbose_xml") {
    return "<functions><function name=\"func_name1\"><params><param name=\"param1\" value=\"value1\" type=\"type1\"/>"
           "<param name=\"param2\" value=\"value2\" type=\"type2\"/>...</params></function><function "
           "name=\"func_name2\"><params><param name=\"param3\" value=\"value3\" type=\"type3\"/></params></function>"
           "</functions>";
  }
  if (ret == "concise_xml") {
    return "<functions><function name=\"func_name1\"><param name=\"param1\" type=\"type1\">value1</param><param "
           "name=\"param2\" type=\"type2\">value2</param>...</function><function name=\"func_name2\"><param "
           "name=\"param3\" type=\"type3\">value</param></function></functions>";
  }
  return "[func_name1(params_name1=params_value1, params_name2=params_value2...), func_name2(params)]";
}

std::string ParamTypes(const std::string& ret) {
  if (ret == "verbose_xml" || ret == "concise_xml") {
    return "The type fields of the parameters in your function calls must be one of: string, integer, float, "
           "boolean, array, dict, or tuple.";
  }
  return "";
}

// Python's str.format for the named fields used here.
std::string Fill(std::string text, const std::map<std::string, std::string>& fields) {
  std::string out;
  for (size_t i = 0; i < text.size();) {
    if (text[i] == '{') {
      const size_t close = text.find('}', i);
      if (close != std::string::npos) {
        auto f = fields.find(text.substr(i + 1, close - i - 1));
        if (f != fields.end()) {
          out += f->second;
          i = close + 1;
          continue;
        }
      }
    }
    out.push_back(text[i++]);
  }
  return out;
}

std::string StringField(const Json& j, const char* key, const std::string& fallback = "") {
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : fallback;
}

// Python's str() of a value inside an f-string: strings as they are, the rest as repr().
std::string PyStr(const Json& v) { return v.is_string() ? v.get<std::string>() : PythonRepr(v); }

void ReprString(const std::string& s, std::string* out) {
  const bool has_single = s.find('\'') != std::string::npos;
  const char q = has_single && s.find('"') == std::string::npos ? '"' : '\'';
  out->push_back(q);
  for (unsigned char c : s) {
    if (c == '\\') *out += "\\\\";
    else if (c == static_cast<unsigned char>(q)) { out->push_back('\\'); out->push_back(q); }
    else if (c == '\n') *out += "\\n";
    else if (c == '\r') *out += "\\r";
    else if (c == '\t') *out += "\\t";
    else if (c < 0x20 || c == 0x7F) {
      static constexpr char kHex[] = "0123456789abcdef";
      *out += "\\x";
      out->push_back(kHex[c >> 4]);
      out->push_back(kHex[c & 15]);
    } else {
      out->push_back(static_cast<char>(c));
    }
  }
  out->push_back(q);
}

void Repr(const Json& v, std::string* out) {
  switch (v.type()) {
    case Json::value_t::null: *out += "None"; break;
    case Json::value_t::boolean: *out += v.get<bool>() ? "True" : "False"; break;
    case Json::value_t::string: ReprString(v.get_ref<const std::string&>(), out); break;
    case Json::value_t::array: {
      out->push_back('[');
      for (size_t i = 0; i < v.size(); ++i) {
        if (i) *out += ", ";
        Repr(v[i], out);
      }
      out->push_back(']');
      break;
    }
    case Json::value_t::object: {
      out->push_back('{');
      bool first = true;
      for (auto it = v.begin(); it != v.end(); ++it) {
        if (!first) *out += ", ";
        first = false;
        ReprString(it.key(), out);
        *out += ": ";
        Repr(*it, out);
      }
      out->push_back('}');
      break;
    }
    case Json::value_t::number_float: AppendPythonFloatRepr(v.get<double>(), out); break;
    default: *out += v.dump(); break;  // integers
  }
}

// --- func_doc_fmt=xml (_generate_function_doc_xml) ---

std::string ParamXml(const std::string& name, const Json& meta, const Json* required, int level) {
  const std::string indent(static_cast<size_t>(level) * 2, ' ');
  std::string type = StringField(meta, "type", "string");
  std::string desc = StringField(meta, "description");
  bool is_required = true;  // no required list: every parameter is required
  if (required) {
    is_required = false;
    if (required->is_array()) {
      for (const auto& r : *required) is_required = is_required || (r.is_string() && r.get<std::string>() == name);
    }
  }
  if (meta.contains("enum")) desc += " Enum values: " + PyStr(meta["enum"]) + ".";
  if (auto items = meta.find("items"); items != meta.end() && items->is_object() && items->contains("type")) {
    type += "[" + PyStr((*items)["type"]) + "]";
  } else if (auto ap = meta.find("additionalProperties"); ap != meta.end()) {
    type += "[" + (ap->is_object() ? StringField(*ap, "type", "string") : std::string("string")) + "]";
  }
  std::string attrs = "name=\"" + name + "\", type=\"" + type + "\", required=\"" + (is_required ? "true" : "false") + "\"";
  if (meta.contains("default")) attrs += " default=\"" + PythonRepr(meta["default"]) + "\"";
  std::string open = indent + "<param " + attrs + ">\n";
  std::string cleaned;
  for (char c : open) {
    if (c != ',') cleaned.push_back(c);  // BFCL drops every comma of the opening tag
  }
  std::string xml = cleaned + indent + "  <desc>" + desc + "</desc>\n";
  if (auto props = meta.find("properties"); props != meta.end() && props->is_object()) {
    const auto child_required = meta.find("required");
    xml += indent + "  <params>\n";
    for (auto it = props->begin(); it != props->end(); ++it) {
      xml += ParamXml(it.key(), *it, child_required == meta.end() ? nullptr : &*child_required, level + 2);
    }
    xml += indent + "  </params>\n";
  }
  return xml + indent + "</param>\n";
}

std::string DocXml(const std::vector<Tool>& tools) {
  std::string out;
  for (size_t i = 0; i < tools.size(); ++i) {
    const Tool& t = tools[i];
    if (i) out += "\n";
    out += "<function name=\"" + t.name + "\">\n  <desc>" + t.description + "</desc>\n  <params>\n";
    const Json& p = t.parameters;
    const auto required = p.find("required");
    if (auto props = p.find("properties"); props != p.end() && props->is_object()) {
      for (auto it = props->begin(); it != props->end(); ++it) {
        out += ParamXml(it.key(), *it, required == p.end() ? nullptr : &*required, 2);
      }
    }
    out += "  </params>\n</function>\n";
  }
  return out;
}

// --- func_doc_fmt=python (_generate_function_doc_python) ---

std::string PyType(const Json& meta) {
  const std::string t = StringField(meta, "type", "string");
  if (t == "string") return "str";
  if (t == "number") return "float";
  if (t == "integer") return "int";
  if (t == "boolean") return "bool";
  if ((t == "array" || t == "list" || t == "tuple") && meta.contains("items")) return "list[" + PyType(meta["items"]) + "]";
  if (t == "object" || t == "dict") {
    if (auto ap = meta.find("additionalProperties"); ap != meta.end()) {
      return "dict[str, " + (ap->is_object() ? PyType(*ap) : std::string("str")) + "]";
    }
    return "dict";
  }
  return meta.contains("type") ? PyStr(meta["type"]) : t;
}

void ParamDoc(const std::string& name, const Json& meta, int depth, std::string* out) {
  const std::string indent(8 + 4 * static_cast<size_t>(depth), ' ');
  std::string desc = StringField(meta, "description");
  if (meta.contains("enum")) desc += " Enum values: " + PyStr(meta["enum"]) + ".";
  const std::string default_note = meta.contains("default") ? ", default=" + PythonRepr(meta["default"]) : "";
  *out += indent + name + " (" + PyType(meta) + default_note + "): " + desc + "\n";
  if (auto props = meta.find("properties"); props != meta.end() && props->is_object()) {
    for (auto it = props->begin(); it != props->end(); ++it) ParamDoc(it.key(), *it, depth + 1, out);
  }
}

std::string DocPython(const std::vector<Tool>& tools) {
  std::vector<std::string> docs;
  for (const Tool& t : tools) {
    std::string doc = "# Function: " + t.name + "\n    \"\"\"\n    " + t.description + "\n\n";
    const auto props = t.parameters.find("properties");
    if (props != t.parameters.end() && props->is_object() && !props->empty()) {
      doc += "    Args:\n";
      for (auto it = props->begin(); it != props->end(); ++it) ParamDoc(it.key(), *it, 0, &doc);
    }
    doc += "    \"\"\"\n";
    docs.push_back(std::move(doc));
    docs.push_back("\n");
  }
  std::string out;
  for (size_t i = 0; i < docs.size(); ++i) out += (i ? "\n\n" : "") + docs[i];
  return out;
}

// --- func_doc_fmt=json: json.dumps(functions, indent=4), ASCII-escaped as Python's default ---

std::string DocJson(const std::vector<Tool>& tools) {
  Json list = Json::array();
  for (const Tool& t : tools) list.push_back(ToJson(t));
  return PythonJsonText(list, /*ensure_ascii=*/true, 4);
}

}  // namespace

std::string PythonRepr(const Json& value) {
  std::string out;
  Repr(value, &out);
  return out;
}

std::string BfclFunctionDoc(const std::vector<Tool>& tools, const std::string& format) {
  if (format == "xml") return DocXml(tools);
  if (format == "python") return DocPython(tools);
  return DocJson(tools);
}

std::string BfclSystemPrompt(const BfclPromptConfig& config, const std::vector<Tool>& tools) {
  return BfclSystemPromptAround(config, BfclFunctionDoc(tools, config.function_doc_format));
}

std::string BfclSystemPromptAround(const BfclPromptConfig& c, const std::string& functions) {
  const StyleText& s = Style(c.style);
  const std::map<std::string, std::string> call_fields = {{"output_format", OutputFormat(c.return_format)},
                                                          {"param_types", ParamTypes(c.return_format)}};
  const std::string tool_call_format = Fill(c.tool_call_tag ? s.tool_call_with_tag : s.tool_call_no_tag, call_fields);
  const std::string available = Fill(s.available_tools, {{"format", c.function_doc_format}, {"functions", functions}});
  if (c.prompt_format == "markdown") {
    return std::string(s.persona) + "\n\n## Task\n" + s.task + "\n\n## Tool Call Format\n" + tool_call_format +
           "\n\n## Multi-turn Behavior\n" + s.multiturn_behavior + "\n\n## Available Tools\n" + available;
  }
  return std::string(s.persona) + s.task + "\n\n" + tool_call_format + "\n\n" + s.multiturn_behavior + "\n\n" + available;
}

}  // namespace toolshift
