#include "src/dialects/schema_render.h"

#include "src/dialects/xml_dialect.h"

namespace toolshift {
namespace {

std::string TypeOf(const Json& schema) {
  auto t = schema.find("type");
  return t != schema.end() && t->is_string() ? t->get<std::string>() : "any";
}

std::string Description(const Json& schema) {
  auto d = schema.find("description");
  return d != schema.end() && d->is_string() ? d->get<std::string>() : "";
}

std::string EnumList(const Json& schema, const char* sep, bool quote) {
  auto e = schema.find("enum");
  if (e == schema.end() || !e->is_array()) return "";
  std::string out;
  for (const auto& v : *e) {
    if (!out.empty()) out += sep;
    out += quote || !v.is_string() ? v.dump() : v.get<std::string>();
  }
  return out;
}

std::string TsType(const Json& schema) {
  if (std::string e = EnumList(schema, " | ", true); !e.empty()) return e;
  const std::string t = TypeOf(schema);
  if (t == "integer" || t == "number" || t == "float") return "number";
  if (t == "boolean") return "boolean";
  if (t == "string") return "string";
  if (t == "array" || t == "tuple") {
    auto items = schema.find("items");
    return (items != schema.end() && items->is_object() ? TsType(*items) : std::string("any")) + "[]";
  }
  if (t == "object" || t == "dict") {
    auto props = schema.find("properties");
    if (props == schema.end() || !props->is_object() || props->empty()) return "Record<string, any>";
    std::string out = "{ ";
    for (auto it = props->begin(); it != props->end(); ++it) out += it.key() + ": " + TsType(*it) + "; ";
    return out + "}";
  }
  return "any";
}

std::string Json_(const std::vector<Tool>& tools) {
  std::string out;
  for (const auto& t : tools) {
    Json fn = {{"type", "function"}, {"function", ToJson(t)}};
    out += DumpJson(fn) + "\n";
  }
  return out;
}

std::string TypeScript(const std::vector<Tool>& tools) {
  std::string out;
  for (const auto& t : tools) {
    out += "// " + t.description + "\n";
    std::string params;
    for (const auto& p : t.PropertyNames()) {
      const Json& schema = *t.Property(p);
      if (std::string d = Description(schema); !d.empty()) params += "  // " + d + "\n";
      params += "  " + p + (t.IsRequired(p) ? ": " : "?: ") + TsType(schema) + ",\n";
    }
    out += "function " + t.name + "(_: {\n" + params + "}): any;\n";
  }
  return out;
}

std::string Xml(const std::vector<Tool>& tools) {
  // No root element: dialects that wrap tool lists (hermes' <tools>) supply their own.
  std::string out;
  for (const auto& t : tools) {
    out += "<tool name=\"" + XmlEscape(t.name, true) + "\">\n<description>" + XmlEscape(t.description, false) +
           "</description>\n";
    for (const auto& p : t.PropertyNames()) {
      const Json& schema = *t.Property(p);
      out += "<param name=\"" + XmlEscape(p, true) + "\" type=\"" + XmlEscape(TypeOf(schema), true) + "\" required=\"" +
             (t.IsRequired(p) ? "true" : "false") + "\"";
      if (std::string e = EnumList(schema, ",", false); !e.empty()) out += " enum=\"" + XmlEscape(e, true) + "\"";
      out += ">" + XmlEscape(Description(schema), false) + "</param>\n";
    }
    out += "</tool>\n";
  }
  return out;
}

std::string Prose(const std::vector<Tool>& tools) {
  std::string out;
  for (const auto& t : tools) {
    out += "- The function " + t.name + ": " + t.description;
    const auto names = t.PropertyNames();
    if (names.empty()) {
      out += " It takes no arguments.\n";
      continue;
    }
    out += " Its arguments are:";
    for (size_t i = 0; i < names.size(); ++i) {
      const Json& schema = *t.Property(names[i]);
      out += (i ? "; " : " ") + names[i] + ", " + (t.IsRequired(names[i]) ? "required" : "optional") + ", of type " +
             TypeOf(schema);
      if (std::string e = EnumList(schema, ", ", false); !e.empty()) out += ", one of " + e;
      if (std::string d = Description(schema); !d.empty()) out += " (" + d + ")";
    }
    out += ".\n";
  }
  return out;
}

}  // namespace

std::string RenderToolList(const std::vector<Tool>& tools, std::string_view style) {
  if (style == "typescript") return TypeScript(tools);
  if (style == "xml") return Xml(tools);
  if (style == "prose") return Prose(tools);
  return Json_(tools);
}

}  // namespace toolshift
