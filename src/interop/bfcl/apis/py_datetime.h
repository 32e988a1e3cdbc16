// Python's naive datetime as far as BFCL's API classes use it: datetime.strptime with the
// numeric directives, with CPython's regular expressions and error texts (unpadded fields,
// a space-padded %d, "unconverted data remains", impossible dates refused), comparison, adding
// seconds, and strftime("%Y-%m-%d %H:%M:%S").
#ifndef TOOLSHIFT_INTEROP_BFCL_APIS_PY_DATETIME_H_
#define TOOLSHIFT_INTEROP_BFCL_APIS_PY_DATETIME_H_

#include <compare>
#include <cstdint>
#include <string>
#include <string_view>

#include "src/interop/bfcl/py/py_value.h"

namespace toolshift::bfcl {

struct PyDateTime {
  int year = 1, month = 1, day = 1, hour = 0, minute = 0, second = 0, microsecond = 0;
  friend auto operator<=>(const PyDateTime&, const PyDateTime&) = default;
};

// datetime.min and datetime.max.
PyDateTime PyDateTimeMin();
PyDateTime PyDateTimeMax();

// datetime.strptime(text, format) for formats made of %Y %m %d %H %I %M %S %p %%, whitespace
// (any run of whitespace in the text) and literal characters (matched ignoring case).
// Raises PyException as CPython does: TypeError when `text` is not a str, ValueError
// "time data '<text>' does not match format '<format>'", "unconverted data remains: <rest>",
// "day is out of range for month", ...
PyDateTime PyStrptime(const PyValue& text, std::string_view format);

// dt + timedelta(seconds=s).
PyDateTime AddSeconds(const PyDateTime& dt, int64_t seconds);

// dt.strftime("%Y-%m-%d %H:%M:%S") (years below 1000 zero-padded to four digits).
std::string FormatYmdHms(const PyDateTime& dt);

}  // namespace toolshift::bfcl

#endif  // TOOLSHIFT_INTEROP_BFCL_APIS_PY_DATETIME_H_
