// BindCall against the TypeError texts CPython 3.11 prints for bound methods.
#include <catch2/catch.hpp>

#include "src/interop/bfcl/py/py_bind.h"

namespace toolshift::bfcl {
namespace {

MethodSig Sig(std::string name, std::vector<Param> params) { return {std::move(name), std::move(params)}; }
PyValue I(int64_t i) { return PyValue::Int(PyInt(i)); }

std::string BindError(const MethodSig& sig, std::vector<PyValue> args, PyKwargs kwargs = {}) {
  try {
    BindCall("GorillaFileSystem", sig, std::move(args), std::move(kwargs));
  } catch (const PyException& e) {
    CHECK(e.type() == "TypeError");
    return e.message();
  }
  return "(bound)";
}

TEST_CASE("BindCall fills positional, keyword and default arguments", "[bfcl][py]") {
  const MethodSig sig = Sig("ls", {{"a", std::nullopt}, {"b", PyValue::Bool(false)}, {"c", PyValue::None()}});
  auto bound = BindCall("GorillaFileSystem", sig, {I(1)}, {{"c", I(3)}});
  REQUIRE(bound.size() == 3);
  CHECK(PyRepr(PyValue::List(bound)) == "[1, False, 3]");
  bound = BindCall("GorillaFileSystem", sig, {}, {{"b", I(2)}, {"a", I(1)}});
  CHECK(PyRepr(PyValue::List(bound)) == "[1, 2, None]");
  CHECK(BindCall("X", Sig("none", {}), {}, {}).empty());
}

TEST_CASE("BindCall raises CPython's TypeError texts", "[bfcl][py]") {
  const MethodSig cd = Sig("cd", {{"folder", std::nullopt}});
  const MethodSig mv = Sig("mv", {{"source", std::nullopt}, {"destination", std::nullopt}});
  const MethodSig f3 = Sig("f3", {{"a", std::nullopt}, {"b", std::nullopt}, {"c", std::nullopt}, {"d", I(1)}});
  const MethodSig none = Sig("none", {});
  CHECK(BindError(cd, {}) == "GorillaFileSystem.cd() missing 1 required positional argument: 'folder'");
  CHECK(BindError(mv, {}) ==
        "GorillaFileSystem.mv() missing 2 required positional arguments: 'source' and 'destination'");
  CHECK(BindError(f3, {}) == "GorillaFileSystem.f3() missing 3 required positional arguments: 'a', 'b', and 'c'");
  CHECK(BindError(f3, {I(1)}) == "GorillaFileSystem.f3() missing 2 required positional arguments: 'b' and 'c'");
  CHECK(BindError(cd, {I(1), I(2)}) == "GorillaFileSystem.cd() takes 2 positional arguments but 3 were given");
  CHECK(BindError(none, {I(1)}) == "GorillaFileSystem.none() takes 1 positional argument but 2 were given");
  CHECK(BindError(f3, {I(1), I(2), I(3), I(4), I(5)}) ==
        "GorillaFileSystem.f3() takes from 4 to 5 positional arguments but 6 were given");
  CHECK(BindError(cd, {}, {{"x", I(1)}}) == "GorillaFileSystem.cd() got an unexpected keyword argument 'x'");
  CHECK(BindError(cd, {I(1)}, {{"folder", I(2)}}) ==
        "GorillaFileSystem.cd() got multiple values for argument 'folder'");
  CHECK(BindError(cd, {}, {{"self", I(1)}}) == "GorillaFileSystem.cd() got multiple values for argument 'self'");
  // Keyword problems are reported before positional ones, as CPython checks them first.
  CHECK(BindError(cd, {I(1), I(2)}, {{"x", I(3)}}) == "GorillaFileSystem.cd() got an unexpected keyword argument 'x'");
  CHECK(BindError(mv, {I(1), I(2), I(3)}, {{"source", I(1)}}) ==
        "GorillaFileSystem.mv() got multiple values for argument 'source'");
  CHECK(BindError(cd, {}, {{"folder", I(1)}, {"folder", I(2)}}) ==
        "GorillaFileSystem.cd() got multiple values for argument 'folder'");
}

}  // namespace
}  // namespace toolshift::bfcl
