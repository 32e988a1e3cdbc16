// SceneObject: one object of an ACEBench agent scene (SPEC.md 7.1) — a phone-platform class
// (ace_phone.cc) or Travel (ace_travel.h) — as the scene's executor sees it: a class name,
// ACEBench's config loading, the public methods it has, a keyword call that behaves as the
// Python method does (results and error texts, exceptions as PyException), and the saved
// attributes the end-state check reads (SPEC.md 6.3).
//
// BindKeywords binds a call's keyword arguments to a method's parameters as Python does, with
// Python's TypeError texts for an unexpected or a missing argument.
#ifndef TOOLSHIFT_INTEROP_ACEBENCH_ACE_SCENE_H_
#define TOOLSHIFT_INTEROP_ACEBENCH_ACE_SCENE_H_

#include <initializer_list>
#include <string>
#include <vector>

#include "src/core/json.h"
#include "src/interop/bfcl/py/py_value.h"

namespace toolshift::acebench {

class SceneObject {
 public:
  virtual ~SceneObject() = default;
  virtual const std::string& cls() const = 0;
  // ACEBench's _load_scenario with one config entry ({} when absent).
  virtual void Load(const Json& config) = 0;
  virtual bool Has(const std::string& method) const = 0;
  // Throws bfcl::PyException as the Python method would raise.
  virtual bfcl::PyValue Call(const std::string& method, const bfcl::PyDict& args) = 0;
  // {attribute: value} of the class's saved attributes, in the object's attribute order.
  virtual bfcl::PyValue Saved() const = 0;
};

// A method's signature: `qualname` as Python's TypeErrors print it ("Travel.reserve_flight"),
// its parameters in order; the first `required` have no default; `defaults` holds the others'.
struct MethodSignature {
  std::string qualname;
  std::vector<std::string> params;
  size_t required = 0;
  std::vector<bfcl::PyValue> defaults;  // for params[required...]; None when shorter
};

// `text` with each "{}" replaced by the next of `args` (the scenes' message templates).
std::string FillText(const char* text, std::initializer_list<std::string> args);

// The arguments in parameter order (defaults filled in); throws TypeError as Python does.
std::vector<bfcl::PyValue> BindKeywords(const MethodSignature& m, const bfcl::PyDict& args);

}  // namespace toolshift::acebench

#endif  // TOOLSHIFT_INTEROP_ACEBENCH_ACE_SCENE_H_
