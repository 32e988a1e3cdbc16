#include "src/cli/dialect_override.h"

#include "src/core/sha256.h"
#include "src/shifts/shift.h"

namespace toolshift {

std::vector<Suite> WithDialectOverride(std::vector<Suite> suites, const std::string& dialect, uint64_t seed) {
  std::vector<Suite> out;
  std::vector<Suite> twins;
  const std::string kind = "dialect:" + dialect;
  for (auto& s : suites) {
    if (s.manifest.split != Split::kId) {
      OverrideDialect(s, dialect);  // validates the name
      s.manifest.provenance.shift += " under " + kind;
      out.push_back(std::move(s));
      continue;
    }
    Suite probe;
    OverrideDialect(probe, dialect);  // an unknown name is refused even with no shifted suite
    bool any = false;
    for (const auto& e : s.episodes) any = any || e.dialect != dialect;
    if (any) {
      std::unique_ptr<Shift> shift = MakeShift(kind);
      Suite twin = ShiftSuite(s, {shift.get()}, seed, s.manifest.name + "@" + KindSlug(kind));
      Sha256 h;  // the twin is made here, not loaded: its hash names the base and the shift
      h.Update(s.hash);
      h.Update("\x1f" + kind);
      twin.hash = "sha256:" + h.Hex();
      twin.source = s.source;
      twins.push_back(std::move(twin));
    }
    out.push_back(std::move(s));
  }
  for (auto& t : twins) out.push_back(std::move(t));
  return out;
}

}  // namespace toolshift
