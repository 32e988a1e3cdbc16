// Helpers for the TravelAPI and VehicleControlAPI tests: run a Python call string on an
// instance and get the text BFCL's executor records for it (its result through ResultText, or
// "Error during execution: <message>" for an exception), and build scenarios from JSON.
#ifndef TOOLSHIFT_TESTS_INTEROP_BFCL_APIS_TRAVEL_VEHICLE_SUPPORT_H_
#define TOOLSHIFT_TESTS_INTEROP_BFCL_APIS_TRAVEL_VEHICLE_SUPPORT_H_

#include <string>
#include <string_view>
#include <utility>

#include "src/core/json.h"
#include "src/interop/bfcl/apis/api.h"
#include "src/interop/bfcl/py/py_bind.h"
#include "src/interop/bfcl/py/py_call.h"
#include "src/interop/bfcl/py/py_value.h"

namespace toolshift::bfcl::testing_tv {

inline const MethodSig* FindMethod(const ApiInstance& api, std::string_view name) {
  for (const MethodSig& m : api.Methods())
    if (m.name == name) return &m;
  return nullptr;
}

// `call` ("book_flight(access_token='1', ...)") parsed, bound and run as BFCL does.
inline std::string Exec(ApiInstance& api, std::string_view call) {
  try {
    PyCall c = ParsePyCall(call);
    const MethodSig* sig = FindMethod(api, c.name);
    if (!sig) return "Error during execution: name '" + c.name + "' is not defined";
    std::vector<PyValue> args = BindCall(api.ClassName(), *sig, std::move(c.args), std::move(c.kwargs));
    return ResultText(api.Invoke(c.name, std::move(args)));
  } catch (const PyException& e) {
    return "Error during execution: " + e.message();
  }
}

inline PyDict ScenarioFromJson(std::string_view json) { return FromJson(Json::parse(json)).as_dict(); }

// The JSON text of one public attribute.
inline std::string StateOf(const ApiInstance& api, std::string_view attribute) {
  const PyDict state = api.PublicState();
  const PyValue* v = state.Find(attribute);
  if (!v) return "(absent)";
  return PyJsonDumps(*v).value_or("(not JSON: " + PyRepr(*v) + ")");
}

}  // namespace toolshift::bfcl::testing_tv

#endif  // TOOLSHIFT_TESTS_INTEROP_BFCL_APIS_TRAVEL_VEHICLE_SUPPORT_H_
