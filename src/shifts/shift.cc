#include "src/shifts/shift.h"

#include "src/core/bfcl_prompt_config.h"
#include "src/core/episode_json.h"
#include "src/core/input_error.h"
#include "src/shifts/shift_kinds.h"

namespace toolshift {

std::vector<std::string> AllShiftKinds() {
  std::vector<std::string> kinds = FormatShiftKinds();
  for (auto& k : NameNoiseShiftKinds()) kinds.push_back(k);
  for (auto& k : ContentShiftKinds()) kinds.push_back(k);
  return kinds;
}

std::unique_ptr<Shift> MakeShift(const std::string& kind) {
  if (auto s = MakeFormatShift(kind)) return s;
  if (auto s = MakeNameNoiseShift(kind)) return s;
  if (auto s = MakeContentShift(kind)) return s;
  std::string known;
  for (const auto& k : AllShiftKinds()) known += (known.empty() ? "" : ", ") + k;
  if (kind.rfind(kBfclPromptShiftPrefix, 0) == 0) {
    throw InputError("--kind " + kind + ": not one of BFCL's prompt configurations (e.g. bfcl-prompt:" +
                     std::string(kBfclDefaultPromptConfig) + "; the 26 of BFCL's study are in docs/bfcl.md)");
  }
  throw InputError("--kind " + kind + ": unknown shift kind (known: " + known +
                   ", and bfcl-prompt:<BFCL prompt configuration>)");
}

std::string KindSlug(const std::string& kind) {
  std::string s = kind;
  for (char& c : s) {
    if (c == ':' || c == '+') c = '-';
  }
  return s;
}

Suite ShiftSuite(const Suite& base, const std::vector<Shift*>& shifts, uint64_t seed, const std::string& name) {
  if (shifts.empty()) throw InputError("shift: no --kind given");
  std::string kinds;
  bool content = base.manifest.split == Split::kContent;
  for (Shift* s : shifts) {
    s->Prepare(base);
    kinds += (kinds.empty() ? "" : "+") + s->kind();
    content = content || s->split() == Split::kContent;
  }
  Suite out;
  out.manifest.name = name;
  out.manifest.split = content ? Split::kContent : Split::kFormat;
  out.manifest.version = base.manifest.version;
  const bool base_shifted = base.manifest.split != Split::kId;
  out.manifest.provenance.base_suite = base_shifted ? base.manifest.provenance.base_suite : base.manifest.name;
  out.manifest.provenance.shift = base_shifted ? base.manifest.provenance.shift + "+" + kinds : kinds;
  out.manifest.provenance.seed = seed;
  out.manifest.description = base.manifest.name + " under " + kinds;
  for (const auto& ep : base.episodes) {
    SplitMix64 rng(MixSeed(seed, HashString((ep.id + "\x1f" + kinds).data(), ep.id.size() + 1 + kinds.size())));
    Episode e = ep;
    bool applies = true;
    for (Shift* s : shifts) {
      if (!(applies = s->AppliesTo(e))) break;
      e = s->Apply(e, rng);
    }
    if (!applies) continue;
    e.id = ep.id + "~" + kinds;
    e.base_id = ep.base_id.empty() ? ep.id : ep.base_id;
    e.shift = ep.shift.empty() ? kinds : ep.shift + "+" + kinds;
    try {  // a shifted episode must load like any other
      e = ParseEpisode(EpisodeToJson(e, ""), e.dialect);
    } catch (const FieldError& err) {
      throw InputError(name + ": shifted episode " + e.id + " is invalid: " + err.what());
    }
    out.episodes.push_back(std::move(e));
  }
  if (out.episodes.empty()) throw InputError(name + ": " + kinds + " applies to no episode of " + base.manifest.name);
  out.manifest.dialect = out.episodes.front().dialect;
  return out;
}

}  // namespace toolshift
