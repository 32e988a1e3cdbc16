#include "src/cli/output_guard.h"

#include <sys/stat.h>

#include <filesystem>

#include "src/core/echo.h"
#include "src/core/input_error.h"

namespace toolshift {

namespace fs = std::filesystem;

void OutputGuard::AddFile(const std::string& path) {
  struct stat st;
  if (::stat(path.c_str(), &st) == 0) inputs_.push_back({st.st_dev, st.st_ino, path});
}

void OutputGuard::AddInput(const std::string& path) {
  std::error_code ec;
  const fs::path p(path);
  if (fs::is_directory(p, ec)) {
    for (const auto& entry : fs::directory_iterator(p, ec)) {
      std::error_code e2;
      if (entry.is_regular_file(e2)) AddFile(entry.path().string());
    }
    return;
  }
  AddFile(path);
  if (p.filename() == "manifest.json" && p.has_parent_path()) AddInput(p.parent_path().string());
}

void OutputGuard::CheckOutput(const std::string& path, const std::string& flag) const {
  struct stat st;
  if (::stat(path.c_str(), &st) != 0) return;  // nothing there yet: nothing to replace
  const std::string where = flag + " " + Echo(path);
  // A folder in the way is left to the writer: its rename fails (exit 3, the report printed, the
  // run resumable), replacing nothing.
  if (!S_ISREG(st.st_mode) && !S_ISDIR(st.st_mode)) {
    const char* what = S_ISCHR(st.st_mode)    ? "a character device"
                       : S_ISBLK(st.st_mode)  ? "a block device"
                       : S_ISFIFO(st.st_mode) ? "a FIFO"
                       : S_ISSOCK(st.st_mode) ? "a socket"
                                              : "not a regular file";
    throw InputError(where + ": is " + std::string(what) + "; an output must be a regular file or a new path");
  }
  CheckNotInput(path, st.st_dev, st.st_ino, flag);
}

void OutputGuard::CheckNotInput(const std::string& path, dev_t dev, ino_t ino, const std::string& flag) const {
  for (const auto& in : inputs_) {
    if (in.dev == dev && in.ino == ino) {
      throw InputError(flag + " " + Echo(path) + ": is the input " + Echo(in.path) +
                       "; writing it would replace what is being read");
    }
  }
}

void OutputGuard::CheckAppendTarget(const std::string& path, const std::string& flag) const {
  struct stat st;
  if (::stat(path.c_str(), &st) == 0) CheckNotInput(path, st.st_dev, st.st_ino, flag);
}

void OutputGuard::CheckOutputDir(const std::string& dir, const std::vector<std::string>& files,
                                 const std::string& flag) const {
  std::error_code ec;
  const auto status = fs::status(dir, ec);
  if (!ec && fs::exists(status) && !fs::is_directory(status)) {
    throw InputError(flag + " " + Echo(dir) + ": exists and is not a folder");
  }
  for (const auto& f : files) CheckOutput((fs::path(dir) / f).string(), flag);
}

}  // namespace toolshift
