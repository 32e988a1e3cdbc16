#include "src/core/build_info.h"

namespace toolshift {

const std::string& SourceDir() {
  static const std::string dir = TOOLSHIFT_SOURCE_DIR;  // set for this file only (CMakeLists.txt)
  return dir;
}

}  // namespace toolshift
