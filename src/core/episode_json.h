// JSON (de)serialisation of tools and episodes, with field-level validation.
//
// Parse* functions throw FieldError naming the offending field path; the suite loader
// adds the file and line. Serialisation is canonical (stable key order) so generated
// suite files are byte-reproducible.
#ifndef TOOLSHIFT_CORE_EPISODE_JSON_H_
#define TOOLSHIFT_CORE_EPISODE_JSON_H_

#include <string>

#include "src/core/json.h"

#include "src/core/episode.h"

namespace toolshift {

// Parses and validates one tool definition; `field` prefixes error paths.
Tool ParseTool(const Json& j, const std::string& field);

// Parses and validates one episode. `default_dialect` applies when the episode names none.
// With `parsed_tools`, j's "tools" is not read (it may be null): the episode offers those,
// already parsed and checked from the very same text (the suite loader's tool-list cache).
Episode ParseEpisode(const Json& j, const std::string& default_dialect, const ToolList* parsed_tools = nullptr);

// Serialises an episode; `dialect` is written only if it differs from `default_dialect`.
Json EpisodeToJson(const Episode& episode, const std::string& default_dialect);

Json ToJson(const ExpectedCall& call);

}  // namespace toolshift

#endif  // TOOLSHIFT_CORE_EPISODE_JSON_H_
