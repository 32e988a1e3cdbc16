// SuiteCatalog: finds the built-in suites and resolves what a user names on the command
// line ("all", a built-in suite name, or a path) to loaded suites.
#ifndef TOOLSHIFT_CORE_SUITE_CATALOG_H_
#define TOOLSHIFT_CORE_SUITE_CATALOG_H_

#include <string>
#include <vector>

#include "src/core/suite.h"

namespace toolshift {

class SuiteCatalog {
 public:
  // `root` holds the built-in suites, one folder with a manifest.json each, at any depth.
  explicit SuiteCatalog(std::string root) : root_(std::move(root)) {}

  // The default root: $TOOLSHIFT_SUITES_DIR, else `suites/` beside the executable's
  // parent folder, else the source tree's suites/ folder.
  static std::string DefaultRoot(const std::string& argv0);

  const std::string& root() const { return root_; }

  // Every built-in suite, sorted by split (id, format, content) then name. Suites load
  // in parallel.
  std::vector<Suite> LoadAll() const;

  // Resolves each argument: "all" (every built-in suite), a built-in suite name, a glob
  // pattern over built-in names ("single-fmt-dialect-*"), or a path to a suite folder,
  // manifest or .jsonl file. Throws InputError for unknown names and for two different suites
  // declaring one name; the same suite reached twice loads once, and bare .jsonl files whose
  // names (their file names) collide are renamed "<stem>-2"... in argument order. Names and patterns are matched on the manifests alone, so
  // only the suites asked for are loaded (in parallel). `max_episodes` > 0 parses only each
  // suite's first that many episodes, and `keep` only the episodes it accepts (see LoadSuite).
  std::vector<Suite> Resolve(const std::vector<std::string>& args, size_t max_episodes = 0,
                             const EpisodeFilter& keep = nullptr) const;

 private:
  struct Entry {
    std::string dir;
    SuiteManifest manifest;
  };
  // The built-in suites' folders and manifests, in LoadAll() order.
  std::vector<Entry> Entries() const;
  std::vector<std::string> ManifestPaths() const;
  std::string root_;
};

}  // namespace toolshift

#endif  // TOOLSHIFT_CORE_SUITE_CATALOG_H_
