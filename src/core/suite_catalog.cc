#include "src/core/suite_catalog.h"

#include <fnmatch.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <set>

#include "src/core/input_error.h"

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
  return std::string(TOOLSHIFT_SOURCE_DIR) + "/suites";
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

std::vector<Suite> SuiteCatalog::LoadAll() const {
  std::vector<Suite> suites;
  for (const auto& p : ManifestPaths()) suites.push_back(LoadSuite(p));
  std::stable_sort(suites.begin(), suites.end(), [](const Suite& a, const Suite& b) {
    if (a.manifest.split != b.manifest.split) return a.manifest.split < b.manifest.split;
    return a.manifest.name < b.manifest.name;
  });
  return suites;
}

std::vector<Suite> SuiteCatalog::Resolve(const std::vector<std::string>& args) const {
  std::vector<Suite> out;
  std::vector<Suite> builtins;
  bool builtins_loaded = false;
  auto load_builtins = [&]() -> const std::vector<Suite>& {
    if (!builtins_loaded) {
      builtins = LoadAll();
      builtins_loaded = true;
    }
    return builtins;
  };
  for (const auto& arg : args) {
    std::error_code ec;
    if (arg == "all") {
      for (const auto& s : load_builtins()) out.push_back(s);
    } else if (fs::exists(arg, ec)) {
      out.push_back(LoadSuite(arg));
    } else if (arg.find_first_of("*?[") != std::string::npos) {
      size_t matched = 0;
      for (const auto& s : load_builtins()) {
        if (fnmatch(arg.c_str(), s.manifest.name.c_str(), 0) == 0) {
          out.push_back(s);
          ++matched;
        }
      }
      if (!matched) throw InputError("--suite " + arg + ": the pattern matches no built-in suite (see `toolshift suites`)");
    } else {
      const auto& all = load_builtins();
      auto it = std::find_if(all.begin(), all.end(),
                             [&](const Suite& s) { return s.manifest.name == arg; });
      if (it == all.end()) {
        throw InputError("--suite " + arg + ": no built-in suite by that name and no such path "
                         "(see `toolshift suites`)");
      }
      out.push_back(*it);
    }
  }
  std::set<std::string> names;
  std::vector<Suite> unique;
  for (auto& s : out) {
    if (names.insert(s.manifest.name).second) unique.push_back(std::move(s));
  }
  return unique;
}

}  // namespace toolshift
