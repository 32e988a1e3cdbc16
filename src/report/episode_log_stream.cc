#include "src/report/episode_log_stream.h"

#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <stdexcept>
#include <utility>

#include "src/report/collapse_diagnostics.h"
#include "src/report/episode_log_line.h"
#include "src/report/report_builder.h"

namespace toolshift {
namespace fs = std::filesystem;

EpisodeLogStream::EpisodeLogStream(std::string log_path) : path_(std::move(log_path)) {
  const fs::path target(path_);
  std::error_code ec;
  if (target.has_parent_path()) fs::create_directories(target.parent_path(), ec);
  if (ec) throw std::runtime_error(path_ + ": cannot create folder: " + ec.message());
  struct stat st;
  if (::stat(path_.c_str(), &st) == 0 && !S_ISREG(st.st_mode)) {
    throw std::runtime_error(path_ + ": exists and is not a regular file; not replaced");
  }
  tmp_ = path_ + ".tmp." + std::to_string(::getpid());
  file_ = std::fopen(tmp_.c_str(), "wb");
  if (!file_) throw std::runtime_error(path_ + ": cannot write: " + std::strerror(errno));
  std::setvbuf(file_, nullptr, _IOFBF, size_t{1} << 20);  // lines are ~2 KB: write in 1 MiB batches
}

EpisodeLogStream::~EpisodeLogStream() { Discard(); }

std::string EpisodeLogStream::Render(const EpisodeRecord& record) const {
  std::string line;
  AppendEpisodeLogLine(line, record);  // EpisodeLogEntry's bytes, without its tree
  line += '\n';
  return line;
}

void EpisodeLogStream::Accept(EpisodeRecord& record, std::string rendered) {
  record.reply_facts = ReplyFactsOf(record);
  if (!file_ || write_errno_) return;
  if (std::fwrite(rendered.data(), 1, rendered.size(), file_) != rendered.size()) write_errno_ = errno ? errno : EIO;
}

void EpisodeLogStream::Commit() {
  if (!file_) throw std::runtime_error(path_ + ": episode log already closed");
  const bool flushed = !write_errno_ && std::fflush(file_) == 0 && ::fsync(fileno(file_)) == 0;
  const int saved = write_errno_ ? write_errno_ : errno;
  const bool closed = std::fclose(file_) == 0;
  file_ = nullptr;
  if (!flushed || !closed) {
    std::remove(tmp_.c_str());
    throw std::runtime_error(path_ + ": write failed: " + std::strerror(saved ? saved : EIO));
  }
  if (std::rename(tmp_.c_str(), path_.c_str()) != 0) {
    const int e = errno;
    std::remove(tmp_.c_str());
    throw std::runtime_error(path_ + ": cannot replace: " + std::strerror(e));
  }
}

void EpisodeLogStream::Discard() {
  if (!file_) return;
  std::fclose(file_);
  file_ = nullptr;
  std::remove(tmp_.c_str());
}

}  // namespace toolshift
