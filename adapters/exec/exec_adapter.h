// exec:COMMAND [ARGS...] — any local model runner as a subprocess speaking JSON lines.
//
// The command is split into arguments (single and double quotes group, backslash escapes)
// and started with posix_spawnp: no shell ever sees it. Protocol (docs/exec-protocol.md):
// toolshift writes one request per line to the child's stdin,
//   {"id": "...", "messages": [...], "tools": [...], "dialect": "...", "seed": N}
// and reads one reply per line from its stdout,
//   {"id": "...", "content": "...", "tool_calls": [{"name", "arguments"}], "usage": {...}}
// or {"id": "...", "error": "..."} for a failure of the runner itself. A child that exits,
// answers garbage or an id out of turn, or exceeds the request timeout is killed, the reply
// is a retryable backend error, and the next request starts a fresh child. Up to
// `processes` children serve requests in parallel; each handles one request at a time.
// Children get toolshift's environment without its key variables (KeyVariable in
// src/net/secrets.h) except those named by AdapterOptions::exec_env (--exec-env).
#ifndef TOOLSHIFT_ADAPTERS_EXEC_EXEC_ADAPTER_H_
#define TOOLSHIFT_ADAPTERS_EXEC_EXEC_ADAPTER_H_

#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "adapters/adapter.h"

namespace toolshift {

// Splits a command line into arguments without a shell. Throws InputError on an
// unterminated quote or an empty command.
std::vector<std::string> SplitCommandLine(const std::string& command);

// Reads one reply line of the protocol for request `id`. Sets `broken` when the runner broke
// the protocol (not a JSON object, another id): its process must not be reused. A runner's
// own error or unreadable tool calls are backend errors. Never throws.
ChatResponse ParseExecReply(std::string_view line, const std::string& id, bool* broken);

inline constexpr uintmax_t kMaxHashedFileBytes = uintmax_t{256} << 20;

class ExecAdapter : public Adapter {
 public:
  ExecAdapter(const std::string& spec, const std::string& command, const AdapterOptions& options, int processes);
  ~ExecAdapter() override;
  std::string name() const override { return spec_; }
  ChatResponse Complete(const ChatRequest& request) override;
  // Cached only with --cache, like remote backends, keyed by the command line and the
  // identity of every file it names (ServedIdentity).
  bool cacheable() const override { return true; }
  // For each argument naming a regular file (the program, found on PATH when it has no
  // slash, and e.g. a script or weights it is given): its path, size, modification time and,
  // up to kMaxHashedFileBytes, SHA-256 of its bytes. Editing the runner or its weights
  // misses the cache.
  Json ServedIdentity() const override;

 private:
  class Child;
  std::unique_ptr<Child> Acquire();
  void Release(std::unique_ptr<Child> child);

  std::string spec_;
  std::vector<std::string> argv_;
  std::vector<std::string> env_;  // "NAME=value" for the runner: key variables removed
  AdapterOptions options_;
  int max_processes_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::vector<std::unique_ptr<Child>> idle_;
  int live_ = 0;
  uint64_t next_id_ = 0;
};

}  // namespace toolshift

#endif  // TOOLSHIFT_ADAPTERS_EXEC_EXEC_ADAPTER_H_
