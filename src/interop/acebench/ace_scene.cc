#include "src/interop/acebench/ace_scene.h"

namespace toolshift::acebench {
namespace {

std::string QuotedList(const std::vector<std::string>& names) {
  std::string out;
  for (size_t i = 0; i < names.size(); ++i) {
    if (i) out += names.size() == 2 ? " and " : (i + 1 == names.size() ? ", and " : ", ");
    out += "'" + names[i] + "'";
  }
  return out;
}

}  // namespace

std::string FillText(const char* text, std::initializer_list<std::string> args) {
  std::string out = text;
  size_t at = 0;
  for (const auto& a : args) {
    at = out.find("{}", at);
    if (at == std::string::npos) break;
    out.replace(at, 2, a);
    at += a.size();
  }
  return out;
}

std::vector<bfcl::PyValue> BindKeywords(const MethodSignature& m, const bfcl::PyDict& args) {
  const std::string qual = m.qualname + "()";
  std::vector<bfcl::PyValue> bound(m.params.size());
  std::vector<bool> given(m.params.size(), false);
  for (const auto& [k, v] : args.items()) {
    const std::string key = bfcl::PyStr(k);
    size_t i = 0;
    while (i < m.params.size() && m.params[i] != key) ++i;
    if (i == m.params.size()) throw bfcl::PyException("TypeError", qual + " got an unexpected keyword argument '" + key + "'");
    bound[i] = v;
    given[i] = true;
  }
  std::vector<std::string> missing;
  for (size_t i = 0; i < m.params.size(); ++i) {
    if (given[i]) continue;
    if (i < m.required) {
      missing.push_back(m.params[i]);
    } else if (i - m.required < m.defaults.size()) {
      bound[i] = m.defaults[i - m.required];
    }
  }
  if (!missing.empty()) {
    throw bfcl::PyException("TypeError", qual + " missing " + std::to_string(missing.size()) + " required positional argument" +
                                             (missing.size() > 1 ? "s" : "") + ": " + QuotedList(missing));
  }
  return bound;
}

}  // namespace toolshift::acebench
