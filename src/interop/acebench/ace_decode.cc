#include "src/interop/acebench/ace_decode.h"

#include <re2/re2.h>

#include "src/interop/acebench/ace_expr.h"
#include "src/interop/bfcl/py/py_call.h"

namespace toolshift::acebench {
namespace {

using bfcl::PyDict;
using bfcl::PyList;

struct ValueRules {
  std::string_view source;      // the parsed text, for subscripts (and agent-side nested calls)
  bool bare_nested_calls_as_text = false;  // the agent decoder: a nested call without kwargs is its text
};

PyValue Decode(const Expr& e, const ValueRules& rules);

PyDict Kwargs(const Expr& call, const ValueRules& rules) {
  PyDict args;
  for (const auto& k : call.keywords) args.Set(PyValue::Str(k.name), Decode(*k.value, rules));
  return args;
}

// A literal negated, whatever the unary operator was (ACEBench's decoder reads every unary
// operation as a minus sign).
PyValue Negated(const PyValue& v) {
  if (v.is_bool()) return PyValue::Int(v.as_bool() ? -1 : 0);
  if (v.is_int()) return PyValue::Int(-v.as_int());
  if (v.is_float()) return PyValue::Float(-v.as_float());
  throw ExprError("bad operand type for unary -: '" + v.TypeName() + "'");
}

bool Hashable(const PyValue& v) {
  if (v.is_list() || v.is_dict()) return false;
  if (v.is_tuple()) {
    for (const auto& i : v.as_list()) {
      if (!Hashable(i)) return false;
    }
  }
  return true;
}

PyValue Decode(const Expr& e, const ValueRules& rules) {
  switch (e.kind) {
    case Expr::Kind::kConstant:
      return e.value;
    case Expr::Kind::kEllipsis:
      return PyValue::Str("...");
    case Expr::Kind::kUnary:
      if (e.items[0]->kind != Expr::Kind::kConstant) throw ExprError("unary operator on a non-literal");
      return Negated(e.items[0]->value);
    case Expr::Kind::kList:
    case Expr::Kind::kTuple: {
      PyList items;
      for (const auto& i : e.items) items.push_back(Decode(*i, rules));
      return e.kind == Expr::Kind::kList ? PyValue::List(std::move(items)) : PyValue::Tuple(std::move(items));
    }
    case Expr::Kind::kDict: {
      PyDict d;
      for (size_t i = 0; i + 1 < e.items.size(); i += 2) {
        PyValue key = Decode(*e.items[i], rules);
        if (!Hashable(key)) throw ExprError("unhashable type: '" + key.TypeName() + "'");
        d.Set(std::move(key), Decode(*e.items[i + 1], rules));
      }
      return PyValue::Dict(std::move(d));
    }
    case Expr::Kind::kName:
      return PyValue::Str(e.name);
    case Expr::Kind::kBinary:
      return Evaluate(e);
    case Expr::Kind::kCall: {
      const std::string name = DottedName(*e.items[0]);
      if (name.empty()) throw ExprError("a call of something other than a name");
      if (rules.bare_nested_calls_as_text && e.keywords.empty()) {
        return PyValue::Str(std::string(rules.source.substr(e.begin, e.end - e.begin)));
      }
      PyDict outer;
      outer.Set(PyValue::Str(name), PyValue::Dict(Kwargs(e, rules)));
      return PyValue::Dict(std::move(outer));
    }
    case Expr::Kind::kSubscript:
      return PyValue::Str(std::string(rules.source.substr(e.begin, e.end - e.begin)));
    default:
      throw ExprError("unsupported expression in an argument");
  }
}

AceCall CallOf(const Expr& e, const ValueRules& rules) {
  AceCall c;
  c.name = DottedName(*e.items[0]);
  if (c.name.empty()) throw ExprError("a call of something other than a name");
  c.args = Kwargs(e, rules);
  return c;
}

// The first span from a '[' at depth 0 to the ']' that closes it, brackets counted without
// regard to quotes; npos when none closes.
std::string_view FirstBracketSpan(std::string_view text) {
  int depth = 0;
  size_t start = std::string_view::npos;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '[') {
      if (depth == 0 && start == std::string_view::npos) start = i;
      ++depth;
    } else if (text[i] == ']') {
      --depth;
      if (depth == 0 && start != std::string_view::npos) return text.substr(start, i - start + 1);
    }
  }
  return {};
}

DecodeResult Failure(std::string why) {
  DecodeResult r;
  r.error = std::move(why);
  return r;
}

// Python's json.loads result for one object value, as ACEBench then holds it.
PyValue JsonToPy(const Json& j) { return bfcl::FromJson(j); }

}  // namespace

std::string DeleteWhitespace(std::string_view text) {
  std::string out;
  for (const auto& part : bfcl::PySplitWhitespace(text)) out += part;
  return out;
}

DecodeResult DecodePythonList(std::string_view reply, bool whitespace_free) {
  std::string text;
  if (whitespace_free) {
    text = DeleteWhitespace(reply);
  } else {
    const std::string_view span = FirstBracketSpan(reply);
    if (span.empty()) return Failure("no closed [...] list in the reply");
    text = std::string(span);
  }
  try {
    const ExprPtr e = ParseExpr(text);
    if (e->kind != Expr::Kind::kList && e->kind != Expr::Kind::kTuple) return Failure("the reply is not a list of calls");
    const ValueRules rules{text, false};
    DecodeResult r;
    for (const auto& item : e->items) {
      if (item->kind != Expr::Kind::kCall) return Failure("an element of the list is not a call");
      r.calls.push_back(CallOf(*item, rules));
    }
    r.ok = true;
    return r;
  } catch (const ExprError& err) {
    return Failure(err.what());
  } catch (const bfcl::PyException& err) {
    return Failure(err.type() + ": " + err.message());
  }
}

DecodeResult DecodeToolCalls(std::string_view reply, bool whitespace_free) {
  const std::string text = whitespace_free ? DeleteWhitespace(reply) : std::string(reply);
  static const RE2 kBlock("(?s)<tool_call>\\s*(.*?)\\s*</tool_call>");
  re2::StringPiece input(text);
  std::string body;
  DecodeResult r;
  while (RE2::FindAndConsume(&input, kBlock, &body)) {
    const Json j = Json::parse(body, nullptr, /*allow_exceptions=*/false);
    if (j.is_discarded()) return Failure("a <tool_call> body is not valid JSON");
    if (!j.is_object()) return Failure("a <tool_call> body is not a JSON object");
    auto name = j.find("name");
    if (name == j.end()) return Failure("a <tool_call> body has no \"name\"");
    AceCall c;
    c.name = name->is_string() ? name->get<std::string>() : name->dump();
    if (auto a = j.find("arguments"); a != j.end()) {
      if (!a->is_object()) return Failure("a <tool_call> body's \"arguments\" is not an object");
      for (auto it = a->begin(); it != a->end(); ++it) c.args.Set(PyValue::Str(it.key()), JsonToPy(*it));
    }
    r.calls.push_back(std::move(c));
  }
  r.ok = true;
  return r;
}

DecodeResult DecodeAgentMessage(std::string_view message, bool skip_non_calls) {
  std::string text(message);
  if (!text.empty() && text.front() == ' ') text.erase(0, 1);
  if (text.empty() || text.front() != '[') text.insert(0, "[");
  if (text.back() != ']') text += "]";
  const size_t first = text.find_first_not_of("[]'");
  if (first == std::string::npos) return Failure("nothing to decode");
  const size_t last = text.find_last_not_of("[]'");
  text = text.substr(first, last - first + 1);
  try {
    const ExprPtr e = ParseExpr(text);
    const ValueRules rules{text, true};
    DecodeResult r;
    r.ok = true;
    if (e->kind == Expr::Kind::kCall) {
      r.calls.push_back(CallOf(*e, rules));
    } else if (e->kind == Expr::Kind::kList || e->kind == Expr::Kind::kTuple) {
      for (const auto& item : e->items) {
        if (item->kind == Expr::Kind::kCall) {
          r.calls.push_back(CallOf(*item, rules));
        } else if (!skip_non_calls) {
          return Failure("an element of the message is not a call");
        }
      }
    }
    return r;
  } catch (const ExprError& err) {
    return Failure(err.what());
  } catch (const bfcl::PyException& err) {
    return Failure(err.type() + ": " + err.message());
  }
}

std::vector<AceCall> FromToolCalls(const std::vector<ToolCall>& calls) {
  std::vector<AceCall> out;
  for (const auto& c : calls) {
    AceCall a;
    a.name = c.name;
    if (c.arguments.is_object()) {
      for (auto it = c.arguments.begin(); it != c.arguments.end(); ++it) a.args.Set(PyValue::Str(it.key()), JsonToPy(*it));
    }
    out.push_back(std::move(a));
  }
  return out;
}

std::vector<ToolCall> ToToolCalls(const std::vector<AceCall>& calls) {
  std::vector<ToolCall> out;
  for (const auto& c : calls) {
    ToolCall t;
    t.name = c.name;
    for (const auto& [k, v] : c.args.items()) t.arguments[bfcl::PyStr(k)] = bfcl::ToJson(v);
    out.push_back(std::move(t));
  }
  return out;
}

std::string RenderCall(const AceCall& call) {
  bfcl::PyKwargs kwargs;
  for (const auto& [k, v] : call.args.items()) kwargs.emplace_back(bfcl::PyStr(k), v);
  return bfcl::WritePyCall(call.name, kwargs);
}

}  // namespace toolshift::acebench
