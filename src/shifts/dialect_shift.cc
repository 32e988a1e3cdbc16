#include "src/shifts/dialect_shift.h"

namespace toolshift {

Episode ShiftDialect(const Episode& base, const std::string& dialect) {
  Episode e = base;
  e.id = base.id + "~" + dialect;
  e.base_id = base.base_id.empty() ? base.id : base.base_id;
  e.shift = "dialect:" + dialect;
  e.dialect = dialect;
  return e;
}

}  // namespace toolshift
