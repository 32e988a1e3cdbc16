// The dialect names a suite may ask for. The dialect layer implements each of them
// (tests check the two lists agree); core only validates names.
#ifndef TOOLSHIFT_CORE_DIALECT_NAMES_H_
#define TOOLSHIFT_CORE_DIALECT_NAMES_H_

#include <string_view>

namespace toolshift {

inline constexpr std::string_view kDialectNames[] = {"hermes", "pythonic", "json", "xml",
                                                     "react",  "native",   "bfcl"};

constexpr bool IsKnownDialect(std::string_view name) {
  for (auto d : kDialectNames) {
    if (d == name) return true;
  }
  return false;
}

}  // namespace toolshift

#endif  // TOOLSHIFT_CORE_DIALECT_NAMES_H_
