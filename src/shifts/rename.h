// Consistent renaming of tools and parameters across an episode's tools and expectation.
#ifndef TOOLSHIFT_SHIFTS_RENAME_H_
#define TOOLSHIFT_SHIFTS_RENAME_H_

#include <map>
#include <string>

#include "src/core/episode.h"

namespace toolshift {

// Renames tools (old -> new) in the tool list and in expected calls. Names not in the map stay.
void RenameTools(Episode& episode, const std::map<std::string, std::string>& names);

// Renames the parameters of tool `tool` (old -> new) in its schema (properties, required)
// and in expected calls of that tool.
void RenameParams(Episode& episode, const std::string& tool, const std::map<std::string, std::string>& names);

// Makes the new names in `names` unique (appending _2, _3, ...). Callers pass a complete
// map (unchanged names map to themselves) so a new name cannot collide with a kept one.
void Deduplicate(std::map<std::string, std::string>& names);

}  // namespace toolshift

#endif  // TOOLSHIFT_SHIFTS_RENAME_H_
