#include "src/report/report_writer.h"

#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <stdexcept>

namespace toolshift {
namespace fs = std::filesystem;

std::string EpisodeLogPath(const std::string& report_path) {
  fs::path p(report_path);
  if (p.extension() == ".json") p.replace_extension();
  return p.string() + ".episodes.jsonl";
}

void WriteFileAtomic(const std::string& path, const std::string& text) {
  const fs::path target(path);
  std::error_code ec;
  if (target.has_parent_path()) fs::create_directories(target.parent_path(), ec);
  if (ec) throw std::runtime_error(path + ": cannot create folder: " + ec.message());
  // Renaming over a device node, FIFO or socket would swap it for a regular file: refuse (the
  // CLI refuses such an --out up front; this is the last line).
  struct stat st;
  if (::stat(path.c_str(), &st) == 0 && !S_ISREG(st.st_mode) && !S_ISDIR(st.st_mode)) {
    throw std::runtime_error(path + ": exists and is not a regular file; not replaced");
  }
  const std::string tmp = path + ".tmp." + std::to_string(::getpid());
  std::FILE* f = std::fopen(tmp.c_str(), "wb");
  if (!f) throw std::runtime_error(path + ": cannot write: " + std::strerror(errno));
  const bool wrote = std::fwrite(text.data(), 1, text.size(), f) == text.size();
  const bool flushed = std::fflush(f) == 0 && ::fsync(fileno(f)) == 0;
  const int saved = errno;
  const bool closed = std::fclose(f) == 0;
  if (!wrote || !flushed || !closed) {
    std::remove(tmp.c_str());
    throw std::runtime_error(path + ": write failed: " + std::strerror(saved ? saved : EIO));
  }
  if (std::rename(tmp.c_str(), path.c_str()) != 0) {
    const int e = errno;
    std::remove(tmp.c_str());
    throw std::runtime_error(path + ": cannot replace: " + std::strerror(e));
  }
}

void WriteReportFiles(const std::string& report_path, const Json& report, const std::string& episode_log) {
  // The log first: a report never points at a log that is not there.
  WriteFileAtomic(EpisodeLogPath(report_path), episode_log);
  WriteFileAtomic(report_path, DumpJson(report, 2) + "\n");
}

}  // namespace toolshift
