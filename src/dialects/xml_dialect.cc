#include "src/dialects/xml_dialect.h"

#include <re2/re2.h>

#include "src/core/json_limits.h"
#include "src/core/utf8.h"
#include "src/dialects/text_scan.h"

namespace toolshift {
namespace {

bool IsStringTyped(const std::vector<Tool>& tools, const std::string& tool, const std::string& param) {
  const Tool* t = FindTool(tools, tool);
  const Json* schema = t ? t->Property(param) : nullptr;
  if (!schema) return false;
  auto type = schema->find("type");
  return type != schema->end() && type->is_string() && *type == "string";
}

// A parameter's value: JSON when it parses, else its text. Sets `*too_deep` (and returns
// null) for JSON nesting past kMaxJsonDepth: the reply is then malformed.
Json DecodeValue(std::string_view raw, bool string_typed, bool* too_deep) {
  if (string_typed) return XmlUnescape(raw);
  std::string text = XmlUnescape(textscan::Trim(raw));
  Json j = TryParseJsonBounded(text, too_deep);
  if (*too_deep) return Json();
  if (j.is_discarded()) return XmlUnescape(raw);
  return j;
}

}  // namespace

std::string XmlEscape(std::string_view s, bool attribute) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"':
        if (attribute) {
          out += "&quot;";
          break;
        }
        [[fallthrough]];
      default: out.push_back(c);
    }
  }
  return out;
}

std::string XmlUnescape(std::string_view text) {
  static const RE2 kEntity(R"(&(amp|lt|gt|quot|apos|#[0-9]{1,7}|#x[0-9A-Fa-f]{1,6});)");
  std::string out;
  out.reserve(text.size());
  re2::StringPiece s(text);
  while (!s.empty()) {
    size_t amp = s.find('&');
    if (amp == re2::StringPiece::npos) {
      out.append(s.data(), s.size());
      break;
    }
    out.append(s.data(), amp);
    s.remove_prefix(amp);
    std::string ent;
    if (!RE2::Consume(&s, kEntity, &ent)) {
      out.push_back('&');
      s.remove_prefix(1);
      continue;
    }
    if (ent == "amp") out += '&';
    else if (ent == "lt") out += '<';
    else if (ent == "gt") out += '>';
    else if (ent == "quot") out += '"';
    else if (ent == "apos") out += '\'';
    else {
      uint32_t cp = static_cast<uint32_t>(ent[1] == 'x' ? std::stoul(ent.substr(2), nullptr, 16)
                                                        : std::stoul(ent.substr(1)));
      if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp < 0xE000)) cp = 0xFFFD;
      AppendUtf8(cp, &out);
    }
  }
  return out;
}

std::string XmlDialect::Render(const std::vector<Tool>& tools) const {
  return "In this environment you have access to a set of functions:\n" + ToolList(tools) +
         "To call functions, write a block like this:\n<function_calls>\n"
         "<invoke name=\"$FUNCTION_NAME\">\n<parameter name=\"$PARAMETER_NAME\">$VALUE</parameter>\n"
         "</invoke>\n</function_calls>\nWrite string values as plain text (escape &, < and > as "
         "&amp;, &lt; and &gt;) and all other values as JSON. Several <invoke> elements may "
         "stand in one block. If none of the functions can be used, answer in plain text.";
}

Message XmlDialect::Write(const std::vector<ToolCall>& calls) const {
  Message m{Role::kAssistant, "", {}};
  if (calls.empty()) {
    m.content = std::string(kNoToolAnswer);
    return m;
  }
  m.content = "<function_calls>\n";
  for (const auto& c : calls) {
    m.content += "<invoke name=\"" + XmlEscape(c.name, true) + "\">\n";
    for (auto it = c.arguments.begin(); it != c.arguments.end(); ++it) {
      const std::string value = it->is_string() ? it->get<std::string>() : DumpJson(*it);
      m.content += "<parameter name=\"" + XmlEscape(it.key(), true) + "\">" + XmlEscape(value, false) +
                   "</parameter>\n";
    }
    m.content += "</invoke>\n";
  }
  m.content += "</function_calls>";
  return m;
}

ParseResult XmlDialect::Parse(const Message& reply, const std::vector<Tool>& tools) const {
  static const RE2 kInvokeOpen(R"re(<invoke\s+name\s*=\s*"([^"<>]*)"\s*>)re");
  static const RE2 kParamOpen(R"re(\s*<parameter\s+name\s*=\s*"([^"<>]*)"\s*>)re");
  std::string_view text = reply.content;
  std::vector<ToolCall> calls;
  size_t pos = 0;
  while (true) {
    size_t at = text.find("<invoke", pos);
    std::string_view gap = text.substr(pos, at == std::string_view::npos ? std::string_view::npos : at - pos);
    if (gap.find("</invoke>") != std::string_view::npos || gap.find("<parameter") != std::string_view::npos) {
      return ParseResult::Malformed("call markup outside an <invoke> element");
    }
    if (at == std::string_view::npos) break;
    re2::StringPiece rest(text.substr(at));
    std::string name;
    if (!RE2::Consume(&rest, kInvokeOpen, &name)) {
      return ParseResult::Malformed("bad <invoke> tag (expected <invoke name=\"...\">)");
    }
    if (name.empty()) return ParseResult::Malformed("<invoke> with an empty name");
    size_t close = rest.find("</invoke>");
    if (close == std::string_view::npos) return ParseResult::Malformed("<invoke name=\"" + name + "\"> never closed");
    re2::StringPiece body = rest.substr(0, close);
    ToolCall call;
    call.name = XmlUnescape(name);
    while (!textscan::Trim(std::string_view(body.data(), body.size())).empty()) {
      std::string param;
      if (!RE2::Consume(&body, kParamOpen, &param)) {
        return ParseResult::Malformed("unexpected content inside <invoke name=\"" + name + "\">");
      }
      size_t pclose = body.find("</parameter>");
      if (pclose == std::string_view::npos) {
        return ParseResult::Malformed("<parameter name=\"" + param + "\"> never closed");
      }
      std::string key = XmlUnescape(param);
      // A parameter given twice keeps its last value; the scorer judges it (duplicate_argument).
      const re2::StringPiece raw = body.substr(0, pclose);
      bool too_deep = false;
      call.arguments[key] = DecodeValue(std::string_view(raw.data(), raw.size()),
                                        IsStringTyped(tools, call.name, key), &too_deep);
      if (too_deep) return ParseResult::Malformed("parameter '" + key + "' nests " + TooDeepText());
      body.remove_prefix(pclose + std::string_view("</parameter>").size());
    }
    calls.push_back(std::move(call));
    pos = static_cast<size_t>(rest.data() - text.data()) + close + std::string_view("</invoke>").size();
  }
  if (calls.empty()) {
    if (text.find("<function_calls") != std::string_view::npos) {
      return ParseResult::Malformed("<function_calls> block without a valid <invoke>");
    }
    return ParseResult::NoCall();
  }
  return ParseResult::Calls(std::move(calls));
}

}  // namespace toolshift
