// Factories for the shift families, used by MakeShift. Each returns nullptr when `kind`
// is not one of its family.
#ifndef TOOLSHIFT_SHIFTS_SHIFT_KINDS_H_
#define TOOLSHIFT_SHIFTS_SHIFT_KINDS_H_

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "src/shifts/shift.h"

namespace toolshift {

std::unique_ptr<Shift> MakeFormatShift(const std::string& kind);      // format_shifts.cc
std::unique_ptr<Shift> MakeNameNoiseShift(const std::string& kind);   // name_noise_shifts.cc
std::unique_ptr<Shift> MakeContentShift(const std::string& kind);     // content_shifts.cc

std::vector<std::string> FormatShiftKinds();
// "bfcl-prompt:<config>" for each of BFCL's 26 format-sensitivity configurations (not part of
// FormatShiftKinds: they apply BFCL's own prompts, meant for imported BFCL records).
std::vector<std::string> BfclPromptShiftKinds();
std::vector<std::string> NameNoiseShiftKinds();
std::vector<std::string> ContentShiftKinds();

// Helpers shared by the families.
// "get_current_weather" -> "getCurrentWeather"; an identifier stays one ("_5G_X" -> "_5GX",
// never a leading digit).
std::string ToCamel(const std::string& snake);
// A complete identity map of the episode's tool names / one tool's parameter names.
std::map<std::string, std::string> ToolNameMap(const Episode& e);
std::map<std::string, std::string> ParamNameMap(const Tool& t);
template <typename T>
void Shuffle(std::vector<T>& v, SplitMix64& rng) {
  for (size_t i = v.size(); i > 1; --i) std::swap(v[i - 1], v[rng.Below(i)]);
}

}  // namespace toolshift

#endif  // TOOLSHIFT_SHIFTS_SHIFT_KINDS_H_
