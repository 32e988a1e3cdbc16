// Suite: a named set of episodes with a split, loaded from a manifest plus a JSONL file.
//
// On-disk format (docs/suite-format.md):
//   DIR/manifest.json   {"name", "split", "version", "description", "dialect", "episodes",
//                        "provenance": {"base_suite", "shift", "seed"}}   (provenance: shifted splits only)
//   DIR/episodes.jsonl  one episode per line
// A bare .jsonl file is also a suite: in-distribution, named after the file, dialect hermes.
//
// Loading validates everything and throws InputError("path:line: field: what is wrong").
#ifndef TOOLSHIFT_CORE_SUITE_H_
#define TOOLSHIFT_CORE_SUITE_H_

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "src/core/episode.h"
#include "src/core/json.h"
#include "src/core/split.h"

namespace toolshift {

struct Provenance {
  std::string base_suite;  // the in-distribution suite the episodes were derived from
  std::string shift;       // the shift kind, e.g. "dialect:pythonic" or "heldout-domains"
  uint64_t seed = 0;
};

struct SuiteManifest {
  std::string name;
  Split split = Split::kId;
  std::string version = "1";
  std::string description;
  std::string dialect = "hermes";  // default dialect of the suite's episodes
  std::string episodes_file = "episodes.jsonl";
  Provenance provenance;  // meaningful when split != kId
  // Imported suites: records of the source that could not be imported (each listed with its
  // reason in the suite folder's skipped.jsonl); reports count them, so a score over an
  // imported suite never silently covers fewer records than the benchmark has.
  size_t skipped_records = 0;
};

struct Suite {
  SuiteManifest manifest;
  std::vector<Episode> episodes;
  std::string hash;    // "sha256:<hex>" over the manifest and episode file bytes
  std::string source;  // the path it was loaded from
  // Episodes past a load limit: counted in the file, not parsed (nor checked).
  size_t unloaded = 0;

  // Every episode of the suite's file, loaded or not.
  size_t EpisodeCount() const { return episodes.size() + unloaded; }

  // Distinct episode domains in first-seen order.
  std::vector<std::string> Domains() const;
};

// Loads a suite folder, a manifest file, or a bare episodes .jsonl file. With
// `max_episodes` > 0 only the first that many episodes are parsed (a run with --limit
// need not read the rest); the others are counted in Suite::unloaded. The hash is always
// over the whole file.
//
// With `keep`, only the episodes whose id it accepts are parsed (`toolshift score` parses just
// the episodes its outputs name); it sees the id before the episode is parsed — read from the
// line's start when the line begins {"id":"..." as written suites do, else from the parsed
// line — and the episodes it refuses are counted in Suite::unloaded, not checked.
using EpisodeFilter = std::function<bool(std::string_view id)>;
Suite LoadSuite(const std::string& path, size_t max_episodes = 0, const EpisodeFilter& keep = nullptr);

// Parses the text of an episodes file for `manifest`; `path` names it in errors
// (InputError "path:line: field: what"). With `max_episodes` > 0 it stops after that many
// and, when `unparsed` is given, counts the non-blank lines left there.
std::vector<Episode> ParseEpisodes(const std::string& text, const std::string& path, const SuiteManifest& manifest,
                                   size_t max_episodes = 0, size_t* unparsed = nullptr);

// Parses a manifest JSON value; `source` is used in error messages.
SuiteManifest ParseManifest(const Json& j, const std::string& source);
Json ManifestToJson(const SuiteManifest& manifest);

// Asks every episode of `suite` for `dialect` instead of its own (run/score --dialect).
// Throws InputError for an unknown dialect name.
void OverrideDialect(Suite& suite, const std::string& dialect);
// Sets every episode's prompt variant (Presentation::prompt; "" = toolshift's own prompt).
// Throws InputError for an unknown variant or one written for another dialect than an
// episode's (qwen2.5 is hermes', bfcl pythonic's).
void OverridePrompt(Suite& suite, const std::string& prompt);

// Writes DIR/manifest.json and DIR/episodes.jsonl in canonical form (creates DIR).
void WriteSuite(const std::string& dir, const SuiteManifest& manifest,
                const std::vector<Episode>& episodes);

}  // namespace toolshift

#endif  // TOOLSHIFT_CORE_SUITE_H_
