// The environment names a multi-step episode may ask for. src/envs implements each of them
// (tests check the two lists agree); core only validates names.
#ifndef TOOLSHIFT_CORE_ENV_NAMES_H_
#define TOOLSHIFT_CORE_ENV_NAMES_H_

#include <string_view>

namespace toolshift {

inline constexpr std::string_view kEnvironmentNames[] = {"files",     "bank",   "calendar", "shop",
                                                         "messaging", "travel", "library",  "helpdesk"};

constexpr bool IsKnownEnvironment(std::string_view name) {
  for (auto e : kEnvironmentNames) {
    if (e == name) return true;
  }
  return false;
}

}  // namespace toolshift

#endif  // TOOLSHIFT_CORE_ENV_NAMES_H_
