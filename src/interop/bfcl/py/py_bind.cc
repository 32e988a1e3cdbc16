// BindCall (py_bind.h): CPython 3.11's argument binding for a bound method (ceval.c
// initialize_locals), in its order: keyword arguments first (unknown, or given twice), then too
// many positionals, then missing ones. Counts include `self`, as CPython's messages do.
#include "src/interop/bfcl/py/py_bind.h"

#include <optional>

namespace toolshift::bfcl {
namespace {

[[noreturn]] void Raise(const std::string& qualname, const std::string& what) {
  throw PyException("TypeError", qualname + "() " + what);
}

// "'a'", "'a' and 'b'", "'a', 'b', and 'c'" (format_missing).
std::string JoinMissing(const std::vector<std::string>& names) {
  std::vector<std::string> quoted;
  for (const auto& n : names) quoted.push_back(PyRepr(PyValue::Str(n)));
  if (quoted.size() == 1) return quoted[0];
  if (quoted.size() == 2) return quoted[0] + " and " + quoted[1];
  std::string out;
  for (size_t i = 0; i + 2 < quoted.size(); ++i) out += (i ? ", " : "") + quoted[i];
  return out + ", " + quoted[quoted.size() - 2] + ", and " + quoted.back();
}

}  // namespace

std::vector<PyValue> BindCall(std::string_view class_name, const MethodSig& sig, std::vector<PyValue> args,
                              PyKwargs kwargs) {
  const std::string qualname = std::string(class_name) + "." + sig.name;
  const size_t n = sig.params.size();
  std::vector<std::optional<PyValue>> slots(n);
  for (size_t i = 0; i < args.size() && i < n; ++i) slots[i] = std::move(args[i]);

  for (auto& [name, value] : kwargs) {
    if (name == "self") Raise(qualname, "got multiple values for argument 'self'");
    size_t j = 0;
    while (j < n && sig.params[j].name != name) ++j;
    if (j == n) Raise(qualname, "got an unexpected keyword argument '" + name + "'");
    if (slots[j]) Raise(qualname, "got multiple values for argument '" + name + "'");
    slots[j] = std::move(value);
  }

  // Python's defaults are the trailing parameters that have one.
  size_t defcount = 0;
  while (defcount < n && sig.params[n - 1 - defcount].default_value) ++defcount;
  const size_t co_argcount = n + 1;  // with self
  const size_t given = args.size() + 1;
  if (given > co_argcount) {
    std::string takes = defcount ? "from " + std::to_string(co_argcount - defcount) + " to " +
                                       std::to_string(co_argcount) + " positional arguments"
                                 : std::to_string(co_argcount) + " positional argument" + (co_argcount != 1 ? "s" : "");
    Raise(qualname, "takes " + takes + " but " + std::to_string(given) + " were given");
  }
  std::vector<std::string> missing;
  for (size_t i = args.size(); i < n - defcount; ++i)
    if (!slots[i]) missing.push_back(sig.params[i].name);
  if (!missing.empty())
    Raise(qualname, "missing " + std::to_string(missing.size()) + " required positional argument" +
                        (missing.size() == 1 ? "" : "s") + ": " + JoinMissing(missing));

  std::vector<PyValue> bound;
  bound.reserve(n);
  for (size_t i = 0; i < n; ++i) {
    if (slots[i])
      bound.push_back(std::move(*slots[i]));
    else if (sig.params[i].default_value)
      bound.push_back(*sig.params[i].default_value);
    else  // a defaulted parameter before a required one: Python cannot declare it
      Raise(qualname, "missing 1 required positional argument: '" + sig.params[i].name + "'");
  }
  return bound;
}

}  // namespace toolshift::bfcl
