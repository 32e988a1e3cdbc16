// Two Python number operations the API classes need beyond apis/py_ops.h: true division
// (`a / b`, always a float) and round(x, ndigits) on a float, both bit for bit as CPython, so
// the float reprs BFCL prints (VehicleControlAPI's Fahrenheit conversion, TravelAPI's
// exchange rates) come out the same. In a nested namespace so they cannot clash with another
// file's helpers of the same name.
#ifndef TOOLSHIFT_INTEROP_BFCL_APIS_PY_NUM_H_
#define TOOLSHIFT_INTEROP_BFCL_APIS_PY_NUM_H_

#include "src/interop/bfcl/py/py_value.h"

namespace toolshift::bfcl::pynum {

// a / b for numbers (bool, int, float): a float, IEEE-rounded from the exact quotient when both
// are ints that fit a double exactly. ZeroDivisionError ("division by zero" for two ints,
// "float division by zero" otherwise) and TypeError ("unsupported operand type(s) for /:
// 'str' and 'int'") as CPython 3 raises them.
PyValue TrueDiv(const PyValue& a, const PyValue& b);

// round(x, ndigits) for a float x: the double nearest the decimal x rounded half-even at
// `ndigits` places, where the half is decided on x's exact binary value (so round(2.675, 2)
// is 2.67, as in CPython). inf and nan come back unchanged.
double Round(double x, int ndigits);

}  // namespace toolshift::bfcl::pynum

#endif  // TOOLSHIFT_INTEROP_BFCL_APIS_PY_NUM_H_
