// The number semantics MathAPI (BFCL's math_api.py) inherits from Python's libraries, bit for
// bit, so that the texts BFCL records come out the same:
//  - mpmath 1.3.0: `mp.dps = n` (the binary precision it derives), log(x)/log(b) correctly
//    rounded at that precision (MPFR does the arithmetic), and the repr `mpf('1.3027')` /
//    `mpc(real='...', imag='...')` with mpmath's digit count and its rounding of digit strings;
//  - decimal: Decimal(number).sqrt() under a context precision (half-even, ideal exponent),
//    and the repr `Decimal('3.1623')`;
//  - CPython's round(x, n) for floats (from the exact binary value) and ints, int / int true
//    division (correctly rounded from the exact quotient, any size), and `**` for ints, floats
//    and the complex results of negative bases.
// Python exceptions are thrown as PyException with CPython's type and message.
#ifndef TOOLSHIFT_INTEROP_BFCL_APIS_MATH_NUMERICS_H_
#define TOOLSHIFT_INTEROP_BFCL_APIS_MATH_NUMERICS_H_

#include <cstdint>
#include <string>

#include "src/interop/bfcl/py/py_value.h"

namespace toolshift::bfcl::mathnum {

// mpmath's process-wide context (mp.prec, mp.dps): the defaults are mpmath's (53 bits, 15).
struct MpContext {
  int64_t prec = 53;
  int64_t dps = 15;
};

// mpmath's dps_to_prec: max(1, int(round((int(n) + 1) * 3.3219280948873626))).
int64_t DpsToPrec(int64_t dps);
// mpmath's repr_dps(prec): the digits repr() prints (prec_to_dps(prec) + 3; 17 for 15).
int64_t ReprDigits(int64_t prec);

// `mp.dps = precision`: int(precision) with Python's conversions and errors, then prec and dps
// as mpmath sets them. Leaves `ctx` unchanged when it raises.
void SetMpDps(MpContext& ctx, const PyValue& precision);

// mpmath.log(value) / mpmath.log(base) at ctx.prec, as an opaque mpf or mpc value (repr as
// mpmath prints it at that precision). Raises TypeError("cannot create mpf from <repr>") for
// a value mpmath cannot convert and ZeroDivisionError("") for a zero divisor, as mpmath does.
PyValue MpLogRatio(const MpContext& ctx, const PyValue& value, const PyValue& base);

// mpmath's to_str(x, dps) for the binary value sign * man * 2^exp (man > 0), e.g. "1.3027",
// "2.5e-7", "1.0e+20". Exposed for tests.
std::string MpfToStr(bool negative, const std::string& man_decimal, int64_t exp, int64_t dps);

// Decimal(number).sqrt() with context precision `prec` (>= 1): an opaque Decimal. `number`
// is a bool, int or float that is not negative (the caller checks, as BFCL does).
PyValue DecimalSqrt(const PyValue& number, int64_t prec);

// round(number, ndigits) for a bool, int or float `number` and an int or None `ndigits`.
// Raises TypeError for other types (as round() does), OverflowError / ValueError for
// round(inf) / round(nan) to an int, OverflowError when a rounded float overflows.
PyValue Round(const PyValue& number, const PyValue& ndigits);

// a / b for numbers: ints divided exactly and rounded once (any size); ZeroDivisionError and
// TypeError as CPython raises them.
PyValue TrueDiv(const PyValue& a, const PyValue& b);

// a ** b for numbers: an exact int for int ** non-negative int, else float_pow's rules
// (complex for a negative base and a fractional exponent). ints past CPython's 4,300-digit
// str() limit raise the ValueError BFCL's executor would hit printing them.
PyValue Pow(const PyValue& a, const PyValue& b);

}  // namespace toolshift::bfcl::mathnum

#endif  // TOOLSHIFT_INTEROP_BFCL_APIS_MATH_NUMERICS_H_
