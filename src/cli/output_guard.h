// OutputGuard: what a command may write. An output must never replace one of the command's own
// inputs (`score --out` naming the outputs file it reads, a run's episode log landing on its suite)
// and never a device, FIFO or socket that happens to sit at the path (WriteFileAtomic's
// rename would swap a device node for a regular file). Paths are compared by device and inode, so
// "./x.json", "x.json", symlinks and hard links to one file are the same file.
#ifndef TOOLSHIFT_CLI_OUTPUT_GUARD_H_
#define TOOLSHIFT_CLI_OUTPUT_GUARD_H_

#include <string>
#include <sys/types.h>
#include <vector>

namespace toolshift {

class OutputGuard {
 public:
  // Records an input: a file, or a folder (every regular file directly inside it, e.g. a suite
  // folder's manifest.json and episodes.jsonl). A manifest file brings its folder's files along.
  // A path that does not exist is ignored (the reader reports it).
  void AddInput(const std::string& path);

  // Throws InputError("FLAG PATH: ...") when `path` is a device, FIFO or socket, or is one of the
  // inputs. (A folder at `path` is not refused here: writing over it fails without replacing it.) `flag` names where the path came from ("--out", "--junit").
  void CheckOutput(const std::string& path, const std::string& flag) const;

  // For a file appended to, not replaced (gate --summary): only "is it an input" is checked, so a
  // terminal or a pipe (/dev/stdout) may take the text.
  void CheckAppendTarget(const std::string& path, const std::string& flag) const;

  // For an output folder: `dir` must be a folder if it exists, and each of `files` (names inside
  // it) must pass CheckOutput.
  void CheckOutputDir(const std::string& dir, const std::vector<std::string>& files, const std::string& flag) const;

 private:
  struct FileId {
    dev_t dev;
    ino_t ino;
    std::string path;
  };
  void AddFile(const std::string& path);
  void CheckNotInput(const std::string& path, dev_t dev, ino_t ino, const std::string& flag) const;
  std::vector<FileId> inputs_;
};

}  // namespace toolshift

#endif  // TOOLSHIFT_CLI_OUTPUT_GUARD_H_
