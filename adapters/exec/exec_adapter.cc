#include "adapters/exec/exec_adapter.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <optional>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <fstream>

#include "adapters/openai/openai_adapter.h"
#include "src/core/input_error.h"
#include "src/core/json_limits.h"
#include "src/core/sha256.h"
#include "src/net/secrets.h"

extern char** environ;

namespace toolshift {

std::vector<std::string> SplitCommandLine(const std::string& command) {
  std::vector<std::string> args;
  std::string cur;
  bool in_arg = false;
  char quote = 0;
  for (size_t i = 0; i < command.size(); ++i) {
    const char c = command[i];
    if (quote) {
      if (c == quote) {
        quote = 0;
      } else if (c == '\\' && quote == '"' && i + 1 < command.size()) {
        cur += command[++i];
      } else {
        cur += c;
      }
    } else if (c == '\'' || c == '"') {
      quote = c;
      in_arg = true;
    } else if (c == '\\' && i + 1 < command.size()) {
      cur += command[++i];
      in_arg = true;
    } else if (c == ' ' || c == '\t') {
      if (in_arg) args.push_back(std::move(cur));
      cur.clear();
      in_arg = false;
    } else {
      cur += c;
      in_arg = true;
    }
  }
  if (quote) throw InputError("exec: unterminated quote in command: " + command);
  if (in_arg) args.push_back(std::move(cur));
  if (args.empty()) throw InputError("exec: empty command (exec:COMMAND [ARGS])");
  return args;
}

// One running child with pipes to its stdin and stdout.
class ExecAdapter::Child {
 public:
  static std::unique_ptr<Child> Start(const std::vector<std::string>& argv, const std::vector<std::string>& env,
                                      std::string* error) {
    int in[2], out[2];
    if (pipe2(in, O_CLOEXEC) != 0) {
      *error = std::string("pipe: ") + std::strerror(errno);
      return nullptr;
    }
    if (pipe2(out, O_CLOEXEC) != 0) {
      *error = std::string("pipe: ") + std::strerror(errno);
      close(in[0]);
      close(in[1]);
      return nullptr;
    }
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, in[0], STDIN_FILENO);
    posix_spawn_file_actions_adddup2(&actions, out[1], STDOUT_FILENO);
    std::vector<char*> args;
    for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    std::vector<char*> envp;
    for (const auto& e : env) envp.push_back(const_cast<char*>(e.c_str()));
    envp.push_back(nullptr);
    pid_t pid = 0;
    const int rc = posix_spawnp(&pid, args[0], &actions, nullptr, args.data(), envp.data());
    posix_spawn_file_actions_destroy(&actions);
    close(in[0]);
    close(out[1]);
    if (rc != 0) {
      close(in[1]);
      close(out[0]);
      *error = "cannot start '" + argv[0] + "': " + std::strerror(rc);
      return nullptr;
    }
    auto c = std::make_unique<Child>();
    c->pid_ = pid;
    c->stdin_ = in[1];
    c->stdout_ = out[0];
    return c;
  }

  ~Child() {
    if (stdin_ >= 0) close(stdin_);
    if (stdout_ >= 0) close(stdout_);
    if (pid_ > 0) {
      // Closing stdin asks a well-behaved child to exit; give it a moment, then kill.
      for (int i = 0; i < 20; ++i) {
        if (waitpid(pid_, nullptr, WNOHANG) == pid_) return;
        usleep(5000);
      }
      kill(pid_, SIGKILL);
      waitpid(pid_, nullptr, 0);
    }
  }

  // Writes one line and reads one line back within `timeout_ms`. False with `error` set
  // when the child is unusable afterwards.
  bool RoundTrip(const std::string& line, long timeout_ms, std::string* reply, std::string* error) {
    std::string data = line + "\n";
    size_t off = 0;
    while (off < data.size()) {
      const ssize_t n = write(stdin_, data.data() + off, data.size() - off);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) {
        *error = "the runner closed its stdin (exited?)";
        return false;
      }
      off += static_cast<size_t>(n);
    }
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
    while (true) {
      const size_t nl = buffer_.find('\n');
      if (nl != std::string::npos) {
        *reply = buffer_.substr(0, nl);
        buffer_.erase(0, nl + 1);
        return true;
      }
      const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
      if (left.count() <= 0) {
        *error = "the runner did not answer within " + std::to_string(timeout_ms) + " ms";
        return false;
      }
      pollfd p{stdout_, POLLIN, 0};
      const int r = poll(&p, 1, static_cast<int>(left.count()));
      if (r < 0 && errno == EINTR) continue;
      if (r <= 0) continue;
      char buf[65536];
      const ssize_t n = read(stdout_, buf, sizeof buf);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) {
        *error = "the runner exited without answering";
        return false;
      }
      buffer_.append(buf, static_cast<size_t>(n));
    }
  }

 private:
  pid_t pid_ = -1;
  int stdin_ = -1;
  int stdout_ = -1;
  std::string buffer_;
};

ExecAdapter::ExecAdapter(const std::string& spec, const std::string& command, const AdapterOptions& options,
                         int processes)
    : spec_(spec), argv_(SplitCommandLine(command)), options_(options), max_processes_(std::max(1, processes)) {
  // The runner's environment: toolshift's, without the key variables it was not asked to
  // pass (--exec-env): a local runner has no business with a remote backend's key.
  for (char** e = environ; e && *e; ++e) {
    const std::string_view entry(*e);
    const std::string_view name = entry.substr(0, entry.find('='));
    const bool asked = std::find(options.exec_env.begin(), options.exec_env.end(), name) != options.exec_env.end();
    if (KeyVariable(name, options.api_key_env) && !asked) continue;
    env_.emplace_back(entry);
  }
  // A write to a dead child must be an error return, not a signal that kills toolshift.
  signal(SIGPIPE, SIG_IGN);
}

ExecAdapter::~ExecAdapter() = default;

std::unique_ptr<ExecAdapter::Child> ExecAdapter::Acquire() {
  std::unique_lock<std::mutex> lock(mu_);
  cv_.wait(lock, [&] { return !idle_.empty() || live_ < max_processes_; });
  if (!idle_.empty()) {
    auto c = std::move(idle_.back());
    idle_.pop_back();
    return c;
  }
  ++live_;
  return nullptr;  // the caller starts a new child in this slot
}

void ExecAdapter::Release(std::unique_ptr<Child> child) {
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (child) {
      idle_.push_back(std::move(child));
    } else {
      --live_;
    }
  }
  cv_.notify_one();
}

ChatResponse ParseExecReply(std::string_view line, const std::string& id, bool* broken) {
  ChatResponse r;
  *broken = false;
  bool too_deep = false;  // what nests past kMaxJsonDepth is dropped, never built (copies recurse)
  const Json j = TryParseJsonBounded(line, &too_deep);
  const auto rid = j.is_object() ? j.find("id") : Json::const_iterator();
  if (j.is_discarded() || !j.is_object() || rid == j.end() || !rid->is_string() || *rid != id) {
    *broken = true;
    r.error = "exec: the runner's reply is not a JSON object with \"id\": \"" + id + "\": " +
              std::string(line.substr(0, 200));
    r.retryable = true;
    return r;
  }
  if (j.contains("error")) {
    r.error = "exec: runner error: " + (j["error"].is_string() ? j["error"].get<std::string>() : DumpJson(j["error"]));
    r.retryable = true;
    return r;
  }
  try {
    if (j.contains("content") && j["content"].is_string()) r.message.content = j["content"].get<std::string>();
    if (j.contains("tool_calls")) r.message.tool_calls = ReadOpenAiToolCalls(j["tool_calls"]);
    if (j.contains("finish_reason") && j["finish_reason"].is_string()) r.message.finish_reason = j["finish_reason"].get<std::string>();
  } catch (const std::exception& e) {
    r.error = std::string("exec: bad tool_calls in the runner's reply: ") + e.what();
    return r;
  }
  if (too_deep) {  // a malformed reply naming the limit (scoring/reply_limits.h)
    r.message.tool_calls.clear();
    r.message.unread = "the reply nests " + TooDeepText() + "; not read";
  }
  if (auto u = j.find("usage"); u != j.end() && u->is_object()) {
    auto count = [&](const char* key) {
      auto v = u->find(key);
      return v != u->end() && v->is_number_integer() ? v->get<int64_t>() : int64_t{0};
    };
    r.usage.prompt_tokens = count("prompt_tokens");
    r.usage.completion_tokens = count("completion_tokens");
    r.usage.reported = true;
  }
  return r;
}

ChatResponse ExecAdapter::Complete(const ChatRequest& request) {
  ChatResponse r;
  std::unique_ptr<Child> child = Acquire();
  if (!child) {
    std::string error;
    child = Child::Start(argv_, env_, &error);
    if (!child) {
      Release(nullptr);
      r.error = "exec: " + error;
      r.retryable = false;  // the command itself cannot start: retrying cannot help
      return r;
    }
  }
  std::string id;
  {
    std::lock_guard<std::mutex> lock(mu_);
    id = request.suite + "/" + std::to_string(next_id_++);
  }
  Json tools = Json::array();
  for (const auto& t : request.tools) tools.push_back(ToJson(t));
  Json messages = Json::array();
  for (const auto& m : request.messages) messages.push_back(ToJson(m));
  const Json line = {{"id", id}, {"messages", messages}, {"tools", tools}, {"dialect", request.dialect},
                     {"seed", request.seed}};
  std::string reply, error;
  if (!child->RoundTrip(DumpJson(line), options_.request_timeout_ms, &reply, &error)) {
    child.reset();  // kills it
    Release(nullptr);
    r.error = "exec: " + error;
    r.retryable = true;
    return r;
  }
  bool broken = false;
  r = ParseExecReply(reply, id, &broken);
  if (broken) {
    child.reset();  // a runner out of step with the protocol is not reused
    Release(nullptr);
    return r;
  }
  Release(std::move(child));
  return r;
}

namespace {

namespace fs = std::filesystem;

// `arg` as a regular file: as given, or for the program without a slash, found on PATH.
std::optional<fs::path> FileNamed(const std::string& arg, bool program) {
  std::error_code ec;
  if (arg.empty()) return std::nullopt;
  if (program && arg.find('/') == std::string::npos) {
    const char* path = std::getenv("PATH");
    std::string dirs = path ? path : "";
    for (size_t at = 0; at <= dirs.size();) {
      const size_t end = std::min(dirs.find(':', at), dirs.size());
      const fs::path candidate = fs::path(dirs.substr(at, end - at)) / arg;
      if (end > at && fs::is_regular_file(candidate, ec)) return candidate;
      at = end + 1;
    }
    return std::nullopt;
  }
  if (fs::is_regular_file(arg, ec)) return fs::path(arg);
  return std::nullopt;
}

Json FileIdentity(const fs::path& file) {
  std::error_code ec;
  const uintmax_t size = fs::file_size(file, ec);
  const auto mtime = fs::last_write_time(file, ec).time_since_epoch();
  Json j = {{"path", fs::absolute(file, ec).string()}, {"size", size},
            {"mtime_ns", std::chrono::duration_cast<std::chrono::nanoseconds>(mtime).count()}};
  if (size <= kMaxHashedFileBytes) {
    std::ifstream in(file, std::ios::binary);
    Sha256 h;
    char buf[1 << 16];
    while (in.read(buf, sizeof buf) || in.gcount() > 0) h.Update(std::string_view(buf, static_cast<size_t>(in.gcount())));
    j["sha256"] = h.Hex();
  }
  return j;
}

}  // namespace

Json ExecAdapter::ServedIdentity() const {
  Json files = Json::array();
  for (size_t i = 0; i < argv_.size(); ++i) {
    if (auto file = FileNamed(argv_[i], i == 0)) files.push_back(FileIdentity(*file));
  }
  return {{"command", argv_}, {"files", files}};
}

}  // namespace toolshift
