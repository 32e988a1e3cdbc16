#include "src/cli/run_command.h"

#include <chrono>
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <memory>

#include <re2/re2.h>

#include "adapters/adapter.h"
#include "src/cli/backend_errors.h"
#include "src/cli/dialect_override.h"
#include "src/cli/exit_codes.h"
#include "src/cli/flag_checks.h"
#include "src/cli/limit_share.h"
#include "src/cli/output_guard.h"
#include "src/cli/replay_warnings.h"
#include "src/cli/report_summary.h"
#include "src/core/echo.h"
#include "src/core/input_error.h"
#include "src/core/suite_catalog.h"
#include "src/engine/interrupt.h"
#include "src/engine/run_lock.h"
#include "src/engine/run_store.h"
#include "src/engine/runner.h"
#include "src/net/secrets.h"
#include "src/report/episode_log_stream.h"
#include "src/report/report_builder.h"
#include "src/report/report_writer.h"

namespace toolshift {
namespace {

namespace fs = std::filesystem;

// Everything that defines a run; saved as RUN_DIR/run.json so --resume can continue it.
// Holds variable *names* for keys, never keys.
// --schedule auto is cache-aware up to this --concurrency (local servers' slot counts).
constexpr int kPrefixScheduleMaxConcurrency = 32;

struct RunFlags {
  std::string model = "reference:oracle";
  std::vector<std::string> suites = {"all"};
  std::string out;
  std::string suites_dir;
  int jobs = 0;
  uint64_t seed = 0;
  size_t limit = 0;
  double limit_share = 0;  // --limit 0.1: a share of each suite, twins together (0 = none)
  int bootstrap = 2000;
  std::string dialect;
  std::string prompt;
  int concurrency = 32;
  double rpm = 0;
  double tpm = 0;
  int max_retries = 6;
  double max_backend_errors = kDefaultMaxBackendErrors;  // share of episodes; above it, exit 4
  double episode_timeout_s = 900;
  double request_timeout_s = 120;
  std::string shard;
  int epochs = 1;
  ReplyLimits limits;
  std::string cache;       // --cache FILE; empty = cache.sqlite beside the report
  bool use_cache = false;  // --cache given: replies are cached (opt-in)
  bool no_cache = false;   // --no-cache: wins over --cache
  std::string schedule = "auto";  // remote backends: auto | prefix (cache-aware) | plan
  AdapterOptions adapter;
  std::string name;                 // --name: what reports and leaderboards call this run
  std::vector<std::string> labels;  // --label KEY=VALUE, repeatable
  std::string user_model;           // --user-model SPEC: plays simulated users; empty = scripted
  // Not saved: how this invocation behaves.
  std::string resume;
  bool quiet = false;
  std::string log_dir;  // --log-dir: where the default report name goes
};

Json FlagsToJson(const RunFlags& f) {
  return {{"model", RedactUrls(f.model)}, {"max_response_bytes", f.adapter.max_response_bytes},
          {"exec_env", f.adapter.exec_env}, {"suites", f.suites}, {"out", f.out}, {"suites_dir", f.suites_dir},
          {"jobs", f.jobs}, {"seed", f.seed}, {"limit", f.limit}, {"limit_share", f.limit_share}, {"bootstrap", f.bootstrap},
          {"dialect", f.dialect}, {"prompt", f.prompt}, {"concurrency", f.concurrency}, {"rpm", f.rpm}, {"tpm", f.tpm},
          {"max_retries", f.max_retries}, {"max_backend_errors", f.max_backend_errors},
          {"episode_timeout_s", f.episode_timeout_s},
          {"request_timeout_s", f.request_timeout_s}, {"shard", f.shard}, {"epochs", f.epochs},
          {"max_output_bytes", f.limits.max_output_bytes}, {"max_calls", f.limits.max_calls}, {"cache", f.cache},
          {"use_cache", f.use_cache}, {"no_cache", f.no_cache}, {"api_key_env", f.adapter.api_key_env}, {"tool_mode", f.adapter.tool_mode},
          {"chat_template", f.adapter.chat_template}, {"logprobs", f.adapter.logprobs},
          {"top_logprobs", f.adapter.top_logprobs}, {"max_tokens", f.adapter.max_tokens},
          {"temperature", f.adapter.temperature}, {"exec_processes", f.adapter.exec_processes},
          {"name", f.name}, {"labels", f.labels}, {"schedule", f.schedule},
          {"user_model", RedactUrls(f.user_model)}};
}

RunFlags FlagsFromJson(const Json& j, const std::string& where) {
  RunFlags f;
  try {
    f.model = j.at("model").get<std::string>();
    f.suites = j.at("suites").get<std::vector<std::string>>();
    f.out = j.at("out").get<std::string>();
    f.suites_dir = j.at("suites_dir").get<std::string>();
    f.jobs = j.at("jobs").get<int>();
    f.seed = j.at("seed").get<uint64_t>();
    f.limit = j.at("limit").get<size_t>();
    f.limit_share = j.value("limit_share", 0.0);
    f.bootstrap = j.at("bootstrap").get<int>();
    f.dialect = j.at("dialect").get<std::string>();
    f.prompt = j.value("prompt", std::string());  // absent before prompt variants existed
    f.concurrency = j.at("concurrency").get<int>();
    f.rpm = j.at("rpm").get<double>();
    f.tpm = j.at("tpm").get<double>();
    f.max_retries = j.at("max_retries").get<int>();
    f.max_backend_errors = j.value("max_backend_errors", kDefaultMaxBackendErrors);  // absent before 4 existed
    f.episode_timeout_s = j.at("episode_timeout_s").get<double>();
    f.request_timeout_s = j.at("request_timeout_s").get<double>();
    f.shard = j.at("shard").get<std::string>();
    f.epochs = j.value("epochs", 1);
    f.limits.max_output_bytes = j.value("max_output_bytes", ReplyLimits{}.max_output_bytes);
    f.limits.max_calls = j.value("max_calls", ReplyLimits{}.max_calls);
    f.cache = j.at("cache").get<std::string>();
    f.use_cache = j.value("use_cache", false);  // absent before the cache was opt-in
    f.no_cache = j.at("no_cache").get<bool>();
    f.adapter.api_key_env = j.at("api_key_env").get<std::string>();
    f.adapter.tool_mode = j.at("tool_mode").get<std::string>();
    f.adapter.chat_template = j.at("chat_template").get<std::string>();
    f.adapter.logprobs = j.at("logprobs").get<bool>();
    f.adapter.top_logprobs = j.at("top_logprobs").get<int>();
    f.adapter.max_tokens = j.at("max_tokens").get<int>();
    f.adapter.temperature = j.at("temperature").get<double>();
    f.adapter.exec_processes = j.at("exec_processes").get<int>();
    f.adapter.max_response_bytes = j.value("max_response_bytes", AdapterOptions{}.max_response_bytes);
    f.adapter.exec_env = j.value("exec_env", std::vector<std::string>{});
    f.name = j.value("name", std::string());
    f.labels = j.value("labels", std::vector<std::string>{});
    f.schedule = j.value("schedule", std::string("auto"));  // absent before --schedule existed
    f.user_model = j.value("user_model", std::string());   // absent before simulated users existed
  } catch (const Json::exception& e) {
    throw InputError(where + ": not a run description this toolshift can resume: " + e.what());
  }
  return f;
}

// The cache is opt-in (--cache), for backends whose replies may be kept (remote, exec:).
bool Caching(const RunFlags& flags, const Adapter& adapter) {
  return adapter.cacheable() && flags.use_cache && !flags.no_cache;
}

std::string CachePath(const RunFlags& flags) {
  return flags.cache.empty() ? (fs::path(flags.out).parent_path() / "cache.sqlite").string() : flags.cache;
}

// What the backend says it serves, asked once, for the cache key and the report. A backend
// that says nothing is cached by its name, URL and request alone, which cannot see new
// weights under an old name: the run says so.
Json ProbeServedModel(const Adapter& adapter, const Secrets& secrets, bool quiet) {
  Json identity = adapter.ServedIdentity();
  if (identity.is_null()) {
    if (!quiet) {
      std::fprintf(stderr,
                   "toolshift run: --cache: the backend does not say which model it serves (no /models entry, /props "
                   "or /api/tags); cached replies are keyed by its name, URL, settings and request only\n");
    }
    return identity;
  }
  return Json::parse(secrets.RedactMessage(DumpJson(identity)), nullptr, false);
}

// --label KEY=VALUE as a JSON object; a label without '=' or with an empty or odd key is
// refused (exit 2), as is one key given twice.
Json LabelsJson(const std::vector<std::string>& labels) {
  Json out = Json::object();
  for (const auto& label : labels) {
    std::string key, value;
    if (!RE2::FullMatch(label, R"(([A-Za-z0-9_.:/-]+)=(.*))", &key, &value)) {
      throw InputError("--label " + Echo(label) + ": expected KEY=VALUE (KEY of letters, digits and _.:/-)");
    }
    if (out.contains(key)) throw InputError("--label " + Echo(label) + ": " + key + " given twice");
    out[key] = value;
  }
  return out;
}

// The build that made the report: version, compiler and build type.
Json BuildJson() {
#ifdef NDEBUG
  const char* type = "release";
#else
  const char* type = "debug";
#endif
  return {{"version", TOOLSHIFT_VERSION}, {"compiler", __VERSION__}, {"build_type", type}};
}

// Provenance: every setting of this run that can change a reply or a score, beside what
// BuildReport already records (suites, limit, epochs, shard, reply limits, bootstrap).
void AddProvenance(const RunFlags& flags, Json& config) {
  config["name"] = flags.name.empty() ? Json(nullptr) : Json(flags.name);
  config["labels"] = LabelsJson(flags.labels);
  config["limit_share"] = flags.limit_share > 0 ? Json(flags.limit_share) : Json(nullptr);
  config["dialect_override"] = flags.dialect.empty() ? Json(nullptr) : Json(flags.dialect);
  config["generation"] = {{"temperature", flags.adapter.temperature}, {"max_tokens", flags.adapter.max_tokens},
                          {"tool_mode", flags.adapter.tool_mode},     {"chat_template", flags.adapter.chat_template},
                          {"logprobs", flags.adapter.logprobs},       {"top_logprobs", flags.adapter.top_logprobs}};
  // Settings that decide which requests end as backend errors rather than replies.
  config["backend"] = {{"concurrency", flags.concurrency},
                       {"rpm", flags.rpm},
                       {"tpm", flags.tpm},
                       {"max_retries", flags.max_retries},
                       {"request_timeout_s", flags.request_timeout_s},
                       {"episode_timeout_s", flags.episode_timeout_s},
                       {"exec_processes", flags.adapter.exec_processes}};
  config["toolshift"] = BuildJson();
}

std::string DefaultOut(const std::string& model) {
  std::string name = model;
  RE2::GlobalReplace(&name, R"([^A-Za-z0-9._-]+)", "_");
  return "results/" + name + ".json";
}

// "results/x.json" -> "results/x.run"
std::string RunDirOf(const std::string& out) {
  std::string base = out;
  if (base.size() > 5 && base.compare(base.size() - 5, 5, ".json") == 0) base.resize(base.size() - 5);
  return base + ".run";
}

void ParseShard(const std::string& shard, int* index, int* count) {
  int i = 0, n = 0;
  if (!RE2::FullMatch(shard, R"((\d+)/(\d+))", &i, &n) || n < 1 || i >= n) {
    throw InputError("--shard " + shard + ": expected I/N with 0 <= I < N");
  }
  *index = i;
  *count = n;
}

// An interrupted run writes no report (it would claim a completeness it lacks): it says
// what was kept and the exact command that finishes it. Returns 128 + the signal.
int ReportInterrupted(const std::vector<EpisodeRecord>& records, int signal, const std::string& run_dir,
                      const std::string& model) {
  size_t kept = 0;
  for (const auto& r : records) kept += r.response.ok() ? 1 : 0;
  std::fprintf(stderr, "toolshift run: interrupted by %s: %zu of %zu episodes answered; no report written\n",
               signal == SIGTERM ? "SIGTERM" : "SIGINT", kept, records.size());
  if (run_dir.empty()) {
    std::fprintf(stderr, "toolshift run: this model is not journaled; run the same command again\n");
  } else {
    // Shell-quoted, so the line can be pasted as it is.
    auto quote = [](const std::string& s) {
      std::string q = "'";
      for (char c : s) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
      return q + "'";
    };
    const bool keyed = RedactUrls(model) != model;
    std::fprintf(stderr, "toolshift run: the journal keeps every answer; finish the run with:\n  toolshift run --resume %s%s\n",
                 quote(run_dir).c_str(), keyed ? " --model 'YOUR --model (its URL carries a key)'" : "");
  }
  return 128 + signal;
}

// Before anything is written: no output of the run (report, episode log, run.json, cache) may be
// one of its inputs (suite files, a replay file) or a device.
// `user`: the simulated users' adapter (--user-model), if any: its turns are journaled and
// cached too.
void CheckRunOutputs(const RunFlags& flags, const std::vector<Suite>& suites, const Adapter& adapter,
                     const Adapter* user) {
  OutputGuard guard;
  for (const auto& s : suites) guard.AddInput(s.source);
  if (flags.model.rfind("replay:", 0) == 0) guard.AddInput(flags.model.substr(7));
  guard.CheckOutput(flags.out, "--out");
  guard.CheckOutput(EpisodeLogPath(flags.out), "--out (its episode log)");
  const std::string run_dir = flags.resume.empty() ? RunDirOf(flags.out) : flags.resume;
  if (adapter.journaled() || (user && user->journaled())) {
    for (const char* f : {"/run.json", "/journal.sqlite"}) guard.CheckOutput(run_dir + f, "--out (its run directory)");
  }
  if (Caching(flags, adapter) || (user && Caching(flags, *user))) {
    guard.CheckOutput(CachePath(flags), flags.cache.empty() ? "--out (the cache beside it)" : "--cache");
  }
}

int Run(RunFlags flags, const std::string& argv0) {
  if (!flags.resume.empty()) {
    const std::string path = flags.resume + "/run.json";
    const bool quiet = flags.quiet;
    std::FILE* f = std::fopen(path.c_str(), "rb");
    if (!f) throw InputError(path + ": cannot open (is " + flags.resume + " a run directory?)");
    std::string text;
    char buf[4096];
    for (size_t n; (n = std::fread(buf, 1, sizeof buf, f)) > 0;) text.append(buf, n);
    std::fclose(f);
    const Json j = Json::parse(text, nullptr, false);
    if (j.is_discarded()) throw InputError(path + ": invalid JSON");
    CheckRunDescription(j, path, text);  // the same rules as the flags: an edited file is refused, located
    const std::string resume = flags.resume;
    const std::string given_model = flags.model;
    const std::string given_user_model = flags.user_model;
    flags = FlagsFromJson(j, path);
    // run.json holds the model with the keys its URLs carried redacted: the same --model,
    // given again, restores them.
    if (flags.model.find(kRedacted) != std::string::npos) {
      if (RedactUrls(given_model) != flags.model) {
        throw InputError(path + ": model: its URL carried a key, stored redacted (" + flags.model +
                         "); pass the same --model again with --resume");
      }
      flags.model = given_model;
    }
    if (flags.user_model.find(kRedacted) != std::string::npos) {  // as for the model
      if (RedactUrls(given_user_model) != flags.user_model) {
        throw InputError(path + ": user_model: its URL carried a key, stored redacted (" + flags.user_model +
                         "); pass the same --user-model again with --resume");
      }
      flags.user_model = given_user_model;
    }
    flags.quiet = quiet;
    flags.resume = resume;  // run.json never holds it; without it the journal would be started afresh
  }
  LabelsJson(flags.labels);  // a bad --label is refused before any request
  SuiteCatalog catalog(flags.suites_dir.empty() ? SuiteCatalog::DefaultRoot(argv0) : flags.suites_dir);
  flags.adapter.request_timeout_ms = static_cast<long>(flags.request_timeout_s * 1000);
  if (flags.adapter.max_response_bytes < flags.limits.max_output_bytes) {
    throw InputError("--max-response-bytes " + std::to_string(flags.adapter.max_response_bytes) +
                     ": must be at least --max-output-bytes (" + std::to_string(flags.limits.max_output_bytes) + ")");
  }
  std::unique_ptr<Adapter> adapter = MakeAdapter(flags.model, flags.adapter);  // InputError -> exit 2 in main
  // Every key this run knows, removed from what it stores and prints (src/net/secrets.h).
  Secrets secrets;
  secrets.AddFromEnv(AdapterKeyVariables(flags.adapter.api_key_env));
  secrets.AddFromEnv(flags.adapter.exec_env);
  secrets.AddFromUrls(flags.model);
  // Simulated users: the scripted user unless --user-model names an adapter.
  std::unique_ptr<Adapter> user_adapter;
  if (!flags.user_model.empty()) {
    user_adapter = MakeAdapter(flags.user_model, flags.adapter);  // InputError -> exit 2 in main
    secrets.AddFromUrls(flags.user_model);
  }
  std::vector<Suite> suites = catalog.Resolve(flags.suites, flags.limit);
  if (flags.limit_share > 0) SampleLimitShare(suites, flags.limit_share);
  if (!flags.dialect.empty()) suites = WithDialectOverride(std::move(suites), flags.dialect, flags.seed);
  if (flags.out.empty()) {
    flags.out = DefaultOut(adapter->name());
    if (!flags.log_dir.empty()) flags.out = (fs::path(flags.log_dir) / fs::path(flags.out).filename()).string();
  }
  if (!flags.prompt.empty()) {
    // The variant must be the prompt of some episode's own dialect; the other halves of
    // --dialect pairs then take the variant their dialect has (OverridePrompt).
    const std::string_view owner = PromptVariantDialect(flags.prompt);
    bool fits = false;
    for (const auto& s : suites) {
      for (const auto& e : s.episodes) fits = fits || e.dialect == owner;
    }
    if (!owner.empty() && !fits) {
      throw InputError("--prompt " + flags.prompt + ": written for " + std::string(owner) +
                       ", but no episode of this run asks for it (add --dialect " + std::string(owner) + ")");
    }
    for (auto& s : suites) OverridePrompt(s, flags.prompt);
  }
  const std::string& out = flags.out;
  CheckRunOutputs(flags, suites, *adapter, user_adapter.get());

  RunOptions options;
  options.jobs = flags.jobs;
  options.seed = flags.seed;
  options.limit = flags.limit;
  options.progress = Progress::DetectMode(stderr, !flags.quiet);
  options.concurrency = flags.concurrency;
  options.rpm = flags.rpm;
  options.tpm = flags.tpm;
  options.retry.max_retries = flags.max_retries;
  options.retry.episode_budget_s = flags.episode_timeout_s;
  if (!flags.shard.empty()) ParseShard(flags.shard, &options.shard_index, &options.shard_count);
  options.epochs = flags.epochs;
  options.limits = flags.limits;
  options.secrets = &secrets;
  options.user = user_adapter.get();
  // auto: cache-aware at the concurrency of a local server's slots (llama.cpp --parallel), where
  // one request per prefix group at a time costs nothing and saves most prompt processing; at
  // the concurrency of a large batch server, plan order (lanes would cap requests in flight).
  options.prefix_schedule = flags.schedule == "prefix" || (flags.schedule == "auto" && flags.concurrency <= kPrefixScheduleMaxConcurrency);

  // From here on a signal stops the run cleanly (installed before the lock is taken, so a
  // process that holds it always answers a signal by saying how to resume).
  InterruptGuard interrupt;
  options.stop = &interrupt.signal();
  // The run directory: run.json (for --resume) and the journal. Only for adapters whose
  // replies are worth keeping; a failure here is reported before any request is sent.
  std::unique_ptr<RunStore> journal, cache;
  Json served_model;  // what the backend said it serves (with --cache)
  std::unique_ptr<RunDirLock> lock;
  const std::string run_dir = flags.resume.empty() ? RunDirOf(out) : flags.resume;
  try {
    // A remote simulated user is journaled even beside an instant model.
    if (adapter->journaled() || (user_adapter && user_adapter->journaled())) {
      fs::create_directories(run_dir);
      lock = RunDirLock::Acquire(run_dir);  // before the journal is touched; InputError (exit 2) when held
      if (flags.resume.empty()) {
        // A new run starts a new journal: replies of an earlier run under this name must not leak in.
        for (const char* f : {"/journal.sqlite", "/journal.sqlite-wal", "/journal.sqlite-shm"}) fs::remove(run_dir + f);
        WriteFileAtomic(run_dir + "/run.json", DumpJson(FlagsToJson(flags), 2) + "\n");
      }
      journal = std::make_unique<RunStore>(run_dir + "/journal.sqlite");
      options.journal = journal.get();
    }
    if (Caching(flags, *adapter) || (user_adapter && Caching(flags, *user_adapter))) {
      const std::string cache_path = CachePath(flags);
      if (!fs::path(cache_path).parent_path().empty()) fs::create_directories(fs::path(cache_path).parent_path());
      cache = std::make_unique<RunStore>(cache_path);
      options.cache = cache.get();
      if (Caching(flags, *adapter)) {
        served_model = ProbeServedModel(*adapter, secrets, flags.quiet);
        if (!served_model.is_null()) options.cache_identity = DumpJson(served_model);
      }
    }
  } catch (const InputError&) {
    throw;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "toolshift run: %s\n", CapMessage(e.what()).c_str());
    return kExitRuntime;
  }

  RunInfo info;
  info.model = adapter->name();
  info.seed = flags.seed;
  info.jobs = flags.jobs;
  info.limit = flags.limit;
  info.suite_args = flags.suites;
  info.bootstrap_resamples = flags.bootstrap;
  info.shard = flags.shard;
  info.epochs = flags.epochs;
  info.limits = flags.limits;
  info.max_response_bytes = flags.adapter.max_response_bytes;
  info.started_at = UtcNow();
  // The episode log is written as records finish (bounded memory on long runs). If its file
  // cannot be opened, the log is built at the end instead, where a failure to write it keeps
  // the report (printed to stdout) as any write failure does.
  std::unique_ptr<EpisodeLogStream> log_stream;
  try {
    log_stream = std::make_unique<EpisodeLogStream>(EpisodeLogPath(out));
    options.sink = log_stream.get();
  } catch (const std::exception&) {
  }
  const auto t0 = std::chrono::steady_clock::now();
  std::vector<EpisodeRecord> records = RunSuites(suites, *adapter, options, &info.stats);
  if (info.stats.interrupted) {
    if (log_stream) log_stream->Discard();
    return ReportInterrupted(records, interrupt.signal(), journal ? run_dir : "", flags.model);
  }
  info.wall_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  info.finished_at = UtcNow();
  WarnReplayCoverage(*adapter, suites, records, stderr);  // even with -q: they are about the results
  if (!flags.quiet && (info.stats.requests || info.stats.resumed || info.stats.cache_hits)) {
    std::fprintf(stderr, "requests %zu  retries %zu  cache hits %zu  resumed %zu%s\n", info.stats.requests,
                 info.stats.retries, info.stats.cache_hits, info.stats.resumed,
                 journal ? ("  run dir " + run_dir).c_str() : "");
  }

  Json report = BuildReport(suites, records, info);
  report["config"]["max_backend_errors"] = flags.max_backend_errors;
  AddProvenance(flags, report["config"]);
  // Who played the simulated users: the spec as run.json keeps it (URL keys redacted).
  report["config"]["user"] = user_adapter ? Json(secrets.RedactMessage(RedactUrls(user_adapter->name()))) : Json("scripted");
  report["config"]["cache"] = cache ? Json{{"path", cache->path()}, {"served_model", served_model}} : Json(nullptr);
  const std::string log = log_stream ? std::string() : EpisodeLogText(records);
  // Even with -q: a run that lost episodes to its backend must say so, and why.
  const BackendErrorTally tally = TallyBackendErrors(records);
  try {
    if (log_stream) {
      log_stream->Commit();  // the log first: a report never points at a log that is not there
      WriteFileAtomic(out, DumpJson(report, 2) + "\n");
    } else {
      WriteReportFiles(out, report, log);
    }
  } catch (const std::exception& e) {
    // Keep the computed results: print the report to stdout rather than lose it; the
    // journal still holds every reply, so `--resume` rebuilds the report without a model.
    std::fprintf(stderr, "toolshift run: %s; the report follows on stdout%s\n", CapMessage(e.what()).c_str(),
                 journal ? ("; resume with --resume " + run_dir).c_str() : "");
    std::fputs((DumpJson(report, 2) + "\n").c_str(), stdout);
    PrintBackendErrors(tally, 1, "toolshift run", stderr);  // the causes, without a second exit code
    return kExitRuntime;
  }
  PrintSummary(report, out, stdout);
  PrintBackendErrors(tally, flags.max_backend_errors, "toolshift run", stderr);
  return tally.Fails(flags.max_backend_errors) ? kExitBackendErrors : kExitOk;
}

}  // namespace

std::function<int()> AddRunCommand(CLI::App& app, const std::string& argv0) {
  auto flags = std::make_shared<RunFlags>();
  CLI::App* cmd = app.add_subcommand("run", "Evaluate a model on suites; write a JSON report and an episode log");
  cmd->add_option("-m,--model", flags->model,
                  "Model: reference:oracle | reference:overfit | reference:noisy:P | replay:FILE | "
                  "openai:MODEL@URL[,URL...] | openai-completions:MODEL@URL | anthropic:MODEL[@URL] | "
                  "ollama:MODEL[@URL] | exec:COMMAND")
      ->capture_default_str();
  cmd->add_option("-s,--suite,--tasks", flags->suites,
                  "Suites: 'all', built-in names or glob patterns (see `toolshift suites`), suite folders, manifests or "
                  ".jsonl files; repeat the flag or separate them with commas")
      ->delimiter(',')
      ->capture_default_str();
  cmd->add_option("-o,--out,--output-path,--output_path", flags->out,
                  "Report path (default results/<model>.json); the episode log goes beside it as <name>.episodes.jsonl, "
                  "the run directory (run.json, journal) as <name>.run/");
  cmd->add_option("-j,--jobs", flags->jobs, "Worker threads (0 = one per core); scores do not depend on it")
      ->check(FlagCheck("jobs"))
      ->capture_default_str();
  cmd->add_option("--seed", flags->seed, "Run seed: per-episode seeds and bootstrap derive from it")
      ->check(FlagCheck("seed"))
      ->capture_default_str();
  cmd->add_option_function<std::string>(
         "--limit",
         [flags](const std::string& text) {
           if (auto share = ParseLimitShare(text)) {
             flags->limit_share = *share;
             flags->limit = 0;
           } else {
             flags->limit = std::stoull(text);  // FlagCheck("limit") has vetted it
             flags->limit_share = 0;
           }
         },
         "N: the first N episodes of each suite (0 = all; only those are parsed). A share 0 < S < 1 (e.g. 0.1): "
         "about S of each suite, in-distribution twins sampled with their shifted episodes, so every gap is paired")
      ->check(CLI::Validator(
          [](std::string& text) { return ParseLimitShare(text) ? std::string() : RuleViolation(text, RuleFor("limit")); },
          "", "limit"))
      ->type_name("N|SHARE");
  cmd->add_option("--bootstrap", flags->bootstrap, "Bootstrap resamples for gap intervals")
      ->check(FlagCheck("bootstrap"))
      ->capture_default_str();
  cmd->add_option("--suites-dir", flags->suites_dir, "Folder of built-in suites (default: the installed suites/)");
  cmd->add_option("--dialect", flags->dialect,
                  "Ask every episode for this dialect instead of its own (hermes, pythonic, json, xml, react, native): "
                  "each in-distribution suite also runs as a paired format shift SUITE@dialect-X, so the report's "
                  "format gap measures the override");
  cmd->add_option("--prompt", flags->prompt,
                  "Prompt every episode as a model's own source does: qwen2.5 (hermes: Qwen2.5's chat template) or "
                  "bfcl (pythonic: BFCL's system prompt); applied after --dialect");
  cmd->add_option("-c,--concurrency,--max-connections", flags->concurrency, "Remote backends: requests in flight")
      ->check(FlagCheck("concurrency"))
      ->capture_default_str();
  cmd->add_option("--rpm", flags->rpm, "Remote backends: at most this many requests per minute (0 = no limit)")
      ->check(FlagCheck("rpm"));
  cmd->add_option("--tpm", flags->tpm, "Remote backends: at most this many tokens per minute (0 = no limit)")
      ->check(FlagCheck("tpm"));
  cmd->add_option("--max-retries", flags->max_retries, "Retries of a failed request (429, 5xx, timeouts, resets)")
      ->check(FlagCheck("max_retries"))
      ->capture_default_str();
  cmd->add_option("--max-backend-errors", flags->max_backend_errors,
                  "Share of episodes (0..1) that may end in a backend error; above it the run exits 4 (a run where "
                  "every episode failed always does)")
      ->check(FlagCheck("max_backend_errors"))
      ->capture_default_str();
  cmd->add_option("--request-timeout,--timeout", flags->request_timeout_s, "Seconds one request may take")
      ->check(FlagCheck("request_timeout_s"))
      ->capture_default_str();
  cmd->add_option("--episode-timeout", flags->episode_timeout_s, "Seconds an episode may spend, retries included")
      ->check(FlagCheck("episode_timeout_s"))
      ->capture_default_str();
  cmd->add_option("--user-model", flags->user_model,
                  "Who plays the simulated user of multi-turn episodes that have one (multi_step.user): any --model "
                  "spec (openai:MODEL@URL, anthropic:MODEL, exec:COMMAND...); default: the scripted user, offline "
                  "and deterministic (docs/users.md)");
  cmd->add_option("--api-key-env", flags->adapter.api_key_env,
                  "Environment variable holding the API key (default OPENAI_API_KEY / ANTHROPIC_API_KEY)");
  cmd->add_option("--tool-mode", flags->adapter.tool_mode,
                  "auto: tools out of band for native-dialect episodes, rendered otherwise; native; prompt")
      ->check(FlagCheck("tool_mode"))
      ->capture_default_str();
  cmd->add_option("--chat-template", flags->adapter.chat_template, "openai-completions: chatml | llama3 | plain")
      ->check(FlagCheck("chat_template"))
      ->capture_default_str();
  cmd->add_flag("--logprobs", flags->adapter.logprobs, "Ask for token log-probabilities and keep them in the episode log");
  cmd->add_option("--top-logprobs", flags->adapter.top_logprobs, "Alternatives per token with --logprobs")
      ->check(FlagCheck("top_logprobs"));
  cmd->add_option("--max-tokens", flags->adapter.max_tokens, "Completion token limit")
      ->check(FlagCheck("max_tokens"))
      ->capture_default_str();
  cmd->add_option("--temperature", flags->adapter.temperature, "Sampling temperature")
      ->check(FlagCheck("temperature"))
      ->capture_default_str();
  cmd->add_option("--exec-processes", flags->adapter.exec_processes, "exec: runner processes in parallel")
      ->check(FlagCheck("exec_processes"))
      ->capture_default_str();
  CLI::Option* cache_opt =
      cmd->add_option("--cache", flags->cache,
                      "Cache replies (off by default) in FILE (default: cache.sqlite beside the report), keyed by "
                      "the adapter, URL, model, generation settings, request, epoch and what the server says it "
                      "serves (/models, /props, /api/tags; exec: the files its command names)")
          ->expected(0, 1)
          ->type_name("[FILE]");
  cmd->add_flag("--no-cache", flags->no_cache, "Neither read nor write the response cache (the default; wins over --cache)");
  cmd->add_option("--schedule", flags->schedule,
                  "Remote backends: prefix sends episodes whose prompts open alike (system prompt, tools) one after "
                  "another in one lane (one request of a prefix group in flight at a time) and to the same replica, "
                  "so the server's prompt cache serves the shared prefix; plan keeps the suites' order; auto is prefix "
                  "up to --concurrency 32, plan above. Scores and logs do not depend on it")
      ->check(FlagCheck("schedule"))
      ->capture_default_str();
  cmd->add_option("--epochs", flags->epochs,
                  "Run every episode K times with different seeds: reports pass@1 and pass^k for k <= K")
      ->check(FlagCheck("epochs"))
      ->capture_default_str();
  cmd->add_option("--max-output-bytes", flags->limits.max_output_bytes,
                  "A reply longer than this is malformed, not read (bounds time and memory per reply)")
      ->check(FlagCheck("max_output_bytes"))
      ->capture_default_str();
  cmd->add_option("--max-calls", flags->limits.max_calls, "A reply with more calls than this is malformed, not run")
      ->check(FlagCheck("max_calls"))
      ->capture_default_str();
  cmd->add_option("--max-response-bytes", flags->adapter.max_response_bytes,
                  "Remote backends: response body bytes read at most, raw and decoded (bounds memory per request in "
                  "flight); a body over it is a backend error, not retried")
      ->check(FlagCheck("max_response_bytes"))
      ->capture_default_str();
  cmd->add_option("--exec-env", flags->adapter.exec_env,
                  "exec: pass this key variable to the runner (repeatable); key variables are removed from its "
                  "environment otherwise");
  cmd->add_option("--shard", flags->shard, "Run shard I of N (I/N): every N-th episode from the I-th; see `toolshift merge`")
      ->check(ShardCheck());
  cmd->add_option("--resume", flags->resume,
                  "Continue the run whose directory this is (RUN_DIR, e.g. results/x.run): journaled replies are kept, "
                  "the rest requested; every other flag comes from RUN_DIR/run.json");
  cmd->add_option("--log-dir", flags->log_dir,
                  "Inspect's spelling: write the report (and its episode log, run directory) in DIR as <model>.json");
  cmd->add_option("--name", flags->name, "A name for this run, kept in the report's config (e.g. for leaderboards)");
  cmd->add_option("--label", flags->labels, "KEY=VALUE kept in the report's config.labels (repeatable), e.g. step=4000");
  cmd->add_flag("-q,--quiet", flags->quiet, "No progress on stderr");
  cmd->footer(
      "Examples:\n"
      "  toolshift run --model reference:overfit --suite single-id,single-fmt-* --limit 0.1\n"
      "  toolshift run --model openai:qwen@http://127.0.0.1:8000/v1 --suite all --concurrency 64 \\\n"
      "      --name step-4000 --label step=4000 --out results/step-4000.json\n"
      "  toolshift run --model 'exec:python3 my_runner.py' --suite multi-id --dialect pythonic --cache\n"
      "  toolshift run --model reference:oracle --suite users-id --user-model openai:qwen@http://127.0.0.1:8000/v1\n"
      "  toolshift run --resume results/step-4000.run\n"
      "Flags of lm-eval and Inspect that mean the same are accepted: --tasks (--suite), --output-path and\n"
      "--output_path (--out), --log-dir DIR (--out DIR/<model>.json), --max-connections (--concurrency),\n"
      "--timeout (--request-timeout).\n"
      "Keys come only from the environment (OPENAI_API_KEY, ANTHROPIC_API_KEY or --api-key-env) and never reach\n"
      "reports, logs, the journal or the cache. Backend failures that outlast the retries are backend_error,\n"
      "outside accuracy.\n"
      "Exit codes: 0 done, 2 bad flags or input (message names file:line: field) or the run directory in use by\n"
      "another toolshift, 3 could not write the report (it is printed to stdout and the run directory keeps every\n"
      "reply for --resume), 130/143 stopped by SIGINT/SIGTERM (replies journaled, no report; the resume command\n"
      "is printed; a second signal exits at once), 4 done but the share of backend errors exceeds\n"
      "--max-backend-errors, or every episode was one (report and episode log written, top causes on stderr).");
  return [flags, argv0, cache_opt] {
    flags->use_cache = cache_opt->count() > 0;
    return Run(*flags, argv0);
  };
}

}  // namespace toolshift
