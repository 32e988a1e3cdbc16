// Build facts compiled into one translation unit (build_info.cc), so that no other file's
// object code depends on where the checkout lives: a compiler cache then serves every clone.
#ifndef TOOLSHIFT_CORE_BUILD_INFO_H_
#define TOOLSHIFT_CORE_BUILD_INFO_H_

#include <string>

namespace toolshift {

// The source tree this binary was built from (holds suites/ and, beside it, ../shared).
const std::string& SourceDir();

}  // namespace toolshift

#endif  // TOOLSHIFT_CORE_BUILD_INFO_H_
