#include "src/core/input_file.h"

#include <sys/stat.h>

#include <cerrno>
#include <cstring>

#include "src/core/input_error.h"
#include "src/core/sha256.h"

namespace toolshift {
namespace {

constexpr size_t kBlockBytes = size_t{1} << 20;

bool NamesAPipeOnPurpose(const std::string& path) {
  return path == "/dev/stdin" || path.rfind("/dev/fd/", 0) == 0 || path.rfind("/proc/self/fd/", 0) == 0;
}

std::string Mib(size_t bytes) { return std::to_string(bytes >> 20) + " MiB"; }

}  // namespace

void CheckInputFile(const std::string& path) {
  struct stat st;
  // stat, not open: opening a FIFO would block before anything could be checked.
  if (::stat(path.c_str(), &st) != 0) {
    if (errno == ENOENT) throw InputError(path + ": no such file");
    throw InputError(path + ": cannot open: " + std::strerror(errno));
  }
  if (S_ISREG(st.st_mode)) return;
  if (S_ISFIFO(st.st_mode) && NamesAPipeOnPurpose(path)) return;
  const char* what = S_ISDIR(st.st_mode)    ? "a directory"
                     : S_ISCHR(st.st_mode)  ? "a character device"
                     : S_ISBLK(st.st_mode)  ? "a block device"
                     : S_ISFIFO(st.st_mode) ? "a FIFO (name it as /dev/stdin or /dev/fd/N to read a pipe)"
                     : S_ISSOCK(st.st_mode) ? "a socket"
                                            : "not a regular file";
  throw InputError(path + ": is " + std::string(what) + ", not a regular file");
}

std::string ReadInputFile(const std::string& path, size_t max_bytes) {
  CheckInputFile(path);
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (!f) throw InputError(path + ": cannot open: " + std::strerror(errno));
  std::string text;
  char block[1 << 16];
  size_t got = 0;
  while ((got = std::fread(block, 1, sizeof block, f)) > 0) {
    if (text.size() + got > max_bytes) {
      std::fclose(f);
      throw InputError(path + ": larger than " + Mib(max_bytes));
    }
    text.append(block, got);
  }
  const bool failed = std::ferror(f);
  std::fclose(f);
  if (failed) throw InputError(path + ": read error");
  return text;
}

LineReader::LineReader(const std::string& path, size_t max_line_bytes) : path_(path), max_line_(max_line_bytes) {
  CheckInputFile(path);
  file_ = std::fopen(path.c_str(), "rb");
  if (!file_) throw InputError(path + ": cannot open: " + std::strerror(errno));
}

LineReader::~LineReader() {
  if (file_) std::fclose(file_);
}

bool LineReader::Fill() {
  if (eof_) return false;
  if (begin_ > 0) {  // drop what was returned before growing
    buf_.erase(0, begin_);
    begin_ = 0;
  }
  const size_t old = buf_.size();
  buf_.resize(old + kBlockBytes);
  const size_t got = std::fread(buf_.data() + old, 1, kBlockBytes, file_);
  buf_.resize(old + got);
  if (got > 0 && hash_) hash_->Update(std::string_view(buf_.data() + old, got));
  if (got < kBlockBytes) {
    if (std::ferror(file_)) throw InputError(path_ + ": read error: " + std::strerror(errno));
    eof_ = true;
  }
  return got > 0;
}

bool LineReader::Next(std::string_view* line) {
  size_t scanned = begin_;
  while (true) {
    const void* nl = std::memchr(buf_.data() + scanned, '\n', buf_.size() - scanned);
    if (nl) {
      const size_t end = static_cast<const char*>(nl) - buf_.data();
      ++line_;
      if (end - begin_ > max_line_) break;
      *line = std::string_view(buf_.data() + begin_, end - begin_);
      begin_ = end + 1;
      return true;
    }
    if (buf_.size() - begin_ > max_line_) {
      ++line_;
      break;
    }
    scanned = buf_.size() - begin_;  // offsets move when Fill() drops returned bytes
    if (!Fill()) {
      if (begin_ == buf_.size()) return false;
      ++line_;
      *line = std::string_view(buf_.data() + begin_, buf_.size() - begin_);
      begin_ = buf_.size();
      return true;
    }
    scanned += begin_;
  }
  throw InputError(path_ + ":" + std::to_string(line_) + ": line longer than " + Mib(max_line_) +
                   " (toolshift reads lines up to that)");
}

void LineReader::Drain() {
  buf_.clear();
  begin_ = 0;
  while (Fill()) buf_.clear();
}

}  // namespace toolshift
