#include "src/core/suite_catalog.h"

#include "src/core/build_info.h"

#include <fnmatch.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>


#include "src/core/echo.h"
#include "src/core/input_error.h"
#include "src/core/parallel_for.h"
#include "src/core/tool_list.h"

namespace toolshift {
namespace fs = std::filesystem;

std::string SuiteCatalog::DefaultRoot(const std::string& argv0) {
  if (const char* env = std::getenv("TOOLSHIFT_SUITES_DIR"); env && *env) return env;
  std::error_code ec;
  fs::path exe = fs::canonical("/proc/self/exe", ec);
  if (ec) exe = fs::absolute(argv0, ec);
  if (!ec) {
    fs::path beside = exe.parent_path().parent_path() / "suites";
    if (fs::is_directory(beside, ec)) return beside.string();
  }
  return SourceDir() + "/suites";
}

std::vector<std::string> SuiteCatalog::ManifestPaths() const {
  std::vector<std::string> paths;
  std::error_code ec;
  if (!fs::is_directory(root_, ec)) {
    throw InputError(root_ + ": built-in suites folder not found (set TOOLSHIFT_SUITES_DIR)");
  }
  for (auto it = fs::recursive_directory_iterator(root_, ec); it != fs::recursive_directory_iterator();
       it.increment(ec)) {
    if (ec) break;
    if (it->is_regular_file() && it->path().filename() == "manifest.json") {
      paths.push_back(it->path().parent_path().string());
    }
  }
  std::sort(paths.begin(), paths.end());
  return paths;
}

namespace {

// Loads the suites in `dirs` in parallel, in order; the first failure (in order) is thrown.
std::vector<Suite> LoadSuites(const std::vector<std::string>& dirs, size_t max_episodes = 0,
                              const EpisodeFilter& keep = nullptr) {
  std::vector<Suite> suites(dirs.size());
  std::vector<std::exception_ptr> errors(dirs.size());
  ParallelFor(dirs.size(), 1, 0, [&](size_t begin, size_t end) {
    for (size_t i = begin; i < end; ++i) {
      try {
        suites[i] = LoadSuite(dirs[i], max_episodes, keep);
      } catch (...) {
        errors[i] = std::current_exception();
      }
    }
  });
  for (const auto& e : errors) {
    if (e) std::rethrow_exception(e);
  }
  // Each suite shares its equal tool lists already; a shifted twin often offers its base's
  // very lists, so one pass over all shares those too (each shared list is hashed once).
  ToolListInterner tools;
  for (Suite& s : suites) {
    for (Episode& e : s.episodes) tools.Intern(e.tools);
  }
  return suites;
}

}  // namespace

std::vector<SuiteCatalog::Entry> SuiteCatalog::Entries() const {
  std::vector<Entry> entries;
  for (const auto& dir : ManifestPaths()) {
    const std::string path = dir + "/manifest.json";
    std::ifstream in(path, std::ios::binary);
    const Json j = Json::parse(in, nullptr, false);
    if (j.is_discarded()) throw InputError(path + ": invalid JSON");
    entries.push_back({dir, ParseManifest(j, path)});
  }
  std::stable_sort(entries.begin(), entries.end(), [](const Entry& a, const Entry& b) {
    if (a.manifest.split != b.manifest.split) return a.manifest.split < b.manifest.split;
    return a.manifest.name < b.manifest.name;
  });
  return entries;
}

std::vector<Suite> SuiteCatalog::LoadAll() const {
  std::vector<std::string> dirs;
  for (const auto& e : Entries()) dirs.push_back(e.dir);
  return LoadSuites(dirs);
}

std::vector<Suite> SuiteCatalog::Resolve(const std::vector<std::string>& args, size_t max_episodes,
                                         const EpisodeFilter& keep) const {
  // First decide what to load (a path, or a built-in folder), then load it all at once.
  std::vector<std::string> dirs;
  std::vector<Entry> entries;
  bool entries_read = false;
  auto builtins = [&]() -> const std::vector<Entry>& {
    if (!entries_read) {
      entries = Entries();
      entries_read = true;
    }
    return entries;
  };
  for (const auto& arg : args) {
    std::error_code ec;
    if (arg == "all") {
      for (const auto& e : builtins()) dirs.push_back(e.dir);
    } else if (fs::exists(arg, ec)) {
      dirs.push_back(arg);
    } else if (arg.find_first_of("*?[") != std::string::npos) {
      size_t matched = 0;
      for (const auto& e : builtins()) {
        if (fnmatch(arg.c_str(), e.manifest.name.c_str(), 0) == 0) {
          dirs.push_back(e.dir);
          ++matched;
        }
      }
      if (!matched) throw InputError("--suite " + arg + ": the pattern matches no built-in suite (see `toolshift suites`)");
    } else {
      const auto& all = builtins();
      auto it = std::find_if(all.begin(), all.end(), [&](const Entry& e) { return e.manifest.name == arg; });
      if (it == all.end()) {
        throw InputError("--suite " + arg + ": no built-in suite by that name and no such path "
                         "(see `toolshift suites`)");
      }
      dirs.push_back(it->dir);
    }
  }
  // The same folder named twice (say "all" and a name) loads once.
  std::vector<std::string> unique_dirs;
  std::set<std::string> seen_dirs;
  for (const auto& d : dirs) {
    std::error_code ec;
    const fs::path canon = fs::weakly_canonical(d, ec);
    if (seen_dirs.insert(ec ? d : canon.string()).second) unique_dirs.push_back(d);
  }
  std::vector<Suite> out = LoadSuites(unique_dirs, max_episodes, keep);
  // One name, one suite: the same suite reached twice (a copy, a name and its folder) loads once.
  // Two different suites under one name are never dropped unsaid: a bare .jsonl file, whose name is
  // only its file name (a/episodes.jsonl and b/episodes.jsonl), is renamed "<stem>-2", "-3"... in
  // argument order (the same arguments give the same names, for --resume and merge); a name a
  // manifest declares is refused, naming both paths.
  std::map<std::string, size_t> by_name;
  std::vector<Suite> unique;
  for (auto& s : out) {
    auto it = by_name.find(s.manifest.name);
    if (it != by_name.end() && unique[it->second].hash == s.hash) continue;
    if (it != by_name.end()) {
      if (fs::path(s.source).extension() != ".jsonl") {
        throw InputError("--suite " + Echo(s.source) + ": its suite name '" + Echo(s.manifest.name) + "' is also " +
                         Echo(unique[it->second].source) + "'s; a run's suites need distinct names (give one a " +
                         "manifest.json with another name)");
      }
      const std::string stem = s.manifest.name;
      for (int k = 2; by_name.count(s.manifest.name); ++k) s.manifest.name = stem + "-" + std::to_string(k);
    }
    by_name.emplace(s.manifest.name, unique.size());
    unique.push_back(std::move(s));
  }
  return unique;
}

}  // namespace toolshift
