// Input files read as streams: what toolshift opens for reading (suites, recorded outputs,
// episode logs) must be a regular file, or a pipe the user named on purpose, and is read a
// line at a time with memory bounded by the longest line, never whole.
//
// Refused with InputError naming the path: character and block devices (/dev/zero would be
// read until memory runs out), sockets, and FIFOs under any other name (opening one blocks
// until a writer appears, which may be never). Accepted as pipes: /dev/stdin and /dev/fd/N
// (what a shell's `<(command)` expands to), since nobody types those by accident.
#ifndef TOOLSHIFT_CORE_INPUT_FILE_H_
#define TOOLSHIFT_CORE_INPUT_FILE_H_

#include <cstddef>
#include <cstdio>
#include <string>
#include <string_view>

#include "src/core/json_limits.h"

namespace toolshift {

class Sha256;

// Throws InputError("PATH: ...") unless `path` names something CheckInputFile accepts (see
// above); "no such file" for a missing one.
void CheckInputFile(const std::string& path);

// Reads a whole small file (a manifest) of at most `max_bytes`, after CheckInputFile.
std::string ReadInputFile(const std::string& path, size_t max_bytes = kMaxLineBytes);

// Lines of a file, '\n'-separated (a trailing '\r' is kept: callers decide), read in blocks.
class LineReader {
 public:
  // Opens `path` after CheckInputFile; throws InputError when it cannot.
  explicit LineReader(const std::string& path, size_t max_line_bytes = kMaxLineBytes);
  ~LineReader();
  LineReader(const LineReader&) = delete;
  LineReader& operator=(const LineReader&) = delete;

  // Every byte read from now on also goes to `hash` (which must outlive the reader).
  void HashInto(Sha256* hash) { hash_ = hash; }
  // The next line, valid until the next call; false at the end. Throws InputError
  // "PATH:N: line longer than ... bytes" for a line over the cap, and on a read error.
  bool Next(std::string_view* line);
  // Reads to the end without keeping anything (so a hash covers the whole file).
  void Drain();
  // 1-based number of the line Next() returned last.
  size_t line_number() const { return line_; }
  const std::string& path() const { return path_; }

 private:
  // Appends a block to the buffer; false at the end of the file.
  bool Fill();

  std::string path_;
  size_t max_line_;
  std::FILE* file_ = nullptr;
  Sha256* hash_ = nullptr;
  std::string buf_;
  size_t begin_ = 0;  // start of the unreturned bytes in buf_
  size_t line_ = 0;
  bool eof_ = false;
};

}  // namespace toolshift

#endif  // TOOLSHIFT_CORE_INPUT_FILE_H_
