#include "src/cli/merge_command.h"

#include <re2/re2.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <map>
#include <tuple>
#include <memory>

#include "src/cli/backend_errors.h"
#include "src/cli/dialect_override.h"
#include "src/cli/exit_codes.h"
#include "src/cli/limit_share.h"
#include "src/cli/flag_checks.h"
#include "src/cli/output_guard.h"
#include "src/cli/report_summary.h"
#include "src/core/echo.h"
#include "src/core/input_error.h"
#include "src/core/suite_catalog.h"
#include "src/engine/run_store.h"
#include "src/engine/runner.h"
#include "src/report/report_builder.h"
#include "src/report/report_reader.h"
#include "src/report/report_writer.h"

namespace toolshift {
namespace {

struct MergeFlags {
  std::vector<std::string> reports;
  std::string out;
  std::string suites_dir;
  int jobs = 0;
};

// The value at `field` of a shard report, which must equal the first shard's.
void RequireSame(const Json& first, const std::string& first_path, const Json& other, const std::string& other_path,
                 const Json::json_pointer& field) {
  const Json a = first.contains(field) ? first.at(field) : Json();
  const Json b = other.contains(field) ? other.at(field) : Json();
  if (a != b) {
    throw InputError(other_path + ": " + field.to_string() + ": " + DumpJson(b) + " differs from " + first_path +
                     "'s " + DumpJson(a) + " (not shards of one run)");
  }
}

// Fills `r` from one episode log line (as EpisodeLogEntry wrote it).
void FillFromLog(EpisodeRecord& r, const Json& line, const std::string& where) {
  try {
    if (line.contains("backend_error")) {
      r.response = ChatResponse{};
      r.response.error = line.at("backend_error").get<std::string>();
    } else if (!line.contains("outputs")) {
      r.response.message = MessageFromJson(line.at("output"));
    }
    if (auto outs = line.find("outputs"); outs != line.end()) {  // multi-step: every reply
      for (const auto& m : *outs) r.replies.push_back(MessageFromJson(m));
      if (r.response.ok() && !r.replies.empty()) r.response.message = r.replies.back();
    }
    if (auto users = line.find("user_turns"); users != line.end()) {  // a simulated user's messages
      for (const auto& said : *users) r.user_turns.push_back(Message{Role::kUser, said.get<std::string>(), {}});
    }
    if (line.contains("usage")) {
      r.response.usage.prompt_tokens = line["usage"].at("prompt_tokens").get<int64_t>();
      r.response.usage.completion_tokens = line["usage"].at("completion_tokens").get<int64_t>();
      r.response.usage.reported = true;
    }
    r.latency_ms = line.at("latency_ms").get<double>();
    r.attempts = line.value("attempts", 1);
    r.from_cache = line.value("cached", false);
    r.resumed = line.value("resumed", false);
  } catch (const std::exception& e) {
    throw InputError(where + ": " + e.what());
  }
}

int Merge(const MergeFlags& flags, const std::string& argv0) {
  // The shard reports: one run's, every shard exactly once.
  std::vector<Json> reports;
  for (const auto& path : flags.reports) reports.push_back(ReadReport(path));
  OutputGuard guard;  // the merged report and log must not replace a shard's
  for (const auto& path : flags.reports) {
    guard.AddInput(path);
    guard.AddInput(EpisodeLogPath(path));
  }
  guard.CheckOutput(flags.out, "--out");
  guard.CheckOutput(EpisodeLogPath(flags.out), "--out (its episode log)");
  const Json& first = reports[0];
  int shard_count = 0;
  std::map<int, std::string> seen;  // a map, not a vector sized by N: a forged "0/2000000000" must not size memory
  for (size_t k = 0; k < reports.size(); ++k) {
    const std::string& path = flags.reports[k];
    const std::string shard = reports[k].contains("config") ? reports[k]["config"].value("shard", "") : "";
    int i = 0, n = 0;
    if (!RE2::FullMatch(shard, R"((\d+)/(\d+))", &i, &n) || n < 1 || i >= n) {
      throw InputError(path + ": config.shard: missing or not I/N (was this report written by `run --shard`?)");
    }
    if (k == 0) {
      shard_count = n;
    } else if (n != shard_count) {
      throw InputError(path + ": config.shard: " + shard + " is out of " + std::to_string(n) + " shards, " +
                       flags.reports[0] + " out of " + std::to_string(shard_count));
    }
    if (seen.count(i)) throw InputError(path + ": config.shard: shard " + shard + " is also " + seen[i]);
    seen[i] = path;
    for (const char* field :
         {"/model", "/seed", "/config/suites", "/config/limit", "/config/bootstrap_resamples", "/config/epochs",
          "/config/max_output_bytes", "/config/max_calls", "/config/user"}) {
      RequireSame(first, flags.reports[0], reports[k], path, Json::json_pointer(field));
    }
  }
  for (int i = 0; i < shard_count; ++i) {
    if (!seen.count(i)) {
      throw InputError("shard " + std::to_string(i) + "/" + std::to_string(shard_count) + " is missing: got " +
                       std::to_string(reports.size()) + " of " + std::to_string(shard_count) + " shard reports");
    }
  }

  // The suites, as the shards ran them.
  SuiteCatalog catalog(flags.suites_dir.empty() ? SuiteCatalog::DefaultRoot(argv0) : flags.suites_dir);
  std::vector<Suite> suites = catalog.Resolve(first.at("config").at("suites").get<std::vector<std::string>>());
  // As `run` chose them: a share of each suite, and a dialect override's paired twins.
  const Json& config = first.at("config");
  if (config.contains("limit_share") && config["limit_share"].is_number()) {
    SampleLimitShare(suites, config["limit_share"].get<double>());
  }
  if (config.contains("dialect_override") && config["dialect_override"].is_string()) {
    suites = WithDialectOverride(std::move(suites), config["dialect_override"].get<std::string>(),
                                 first.at("seed").get<uint64_t>());
  }
  std::map<std::string, std::string> hashes;
  for (const auto& s : first.at("suites")) hashes[s.at("name").get<std::string>()] = s.value("hash", "");
  for (const auto& s : suites) {
    auto it = hashes.find(s.manifest.name);
    if (it == hashes.end() || it->second != s.hash) {
      throw InputError(flags.reports[0] + ": suites: " + s.manifest.name +
                       " is not the suite the shards ran (its hash differs or it is missing)");
    }
  }

  // Every episode of the unsharded run, filled from the shards' episode logs.
  RunOptions plan;
  plan.seed = first.at("seed").get<uint64_t>();
  plan.limit = first.at("config").at("limit").get<size_t>();
  plan.epochs = first.at("config").value("epochs", 1);
  plan.limits.max_output_bytes = first.at("config").value("max_output_bytes", ReplyLimits{}.max_output_bytes);
  plan.limits.max_calls = first.at("config").value("max_calls", ReplyLimits{}.max_calls);
  std::vector<EpisodeRecord> records = PlanRecords(suites, plan);
  std::map<std::tuple<std::string, std::string, int>, size_t> index;  // (suite, id, epoch)
  for (size_t i = 0; i < records.size(); ++i) {
    index[{records[i].suite->manifest.name, records[i].episode->id, records[i].epoch}] = i;
  }
  std::vector<bool> filled(records.size(), false);
  for (const auto& report_path : flags.reports) {
    const std::string log_path = EpisodeLogPath(report_path);
    std::ifstream in(log_path, std::ios::binary);
    if (!in) throw InputError(log_path + ": cannot open (the episode log beside " + report_path + ")");
    std::string text;
    for (size_t line_no = 1; std::getline(in, text); ++line_no) {
      if (text.empty()) continue;
      const std::string where = log_path + ":" + std::to_string(line_no);
      const Json line = Json::parse(text, nullptr, false);
      if (line.is_discarded() || !line.contains("suite") || !line.contains("id")) {
        throw InputError(where + ": not an episode log line");
      }
      auto it = index.find({line["suite"].get<std::string>(), line["id"].get<std::string>(), line.value("epoch", 0)});
      if (it == index.end()) throw InputError(where + ": id: " + line["id"].get<std::string>() + " is not in the run");
      if (filled[it->second]) throw InputError(where + ": id: " + line["id"].get<std::string>() + " appears twice");
      FillFromLog(records[it->second], line, where);
      filled[it->second] = true;
    }
  }
  for (size_t i = 0; i < records.size(); ++i) {
    if (!filled[i]) {
      throw InputError("episode " + records[i].episode->id + " of " + records[i].suite->manifest.name +
                       " is in no shard's episode log (a shard did not finish?)");
    }
  }
  ScoreRecords(records, flags.jobs, plan.limits);

  // The run as a whole: shards ran side by side, so the wall time is the longest.
  RunInfo info;
  info.model = first.at("model").get<std::string>();
  info.seed = plan.seed;
  info.jobs = first.at("config").value("jobs", 0);
  info.limit = plan.limit;
  info.epochs = plan.epochs;
  info.limits = plan.limits;
  info.max_response_bytes = first.at("config").value("max_response_bytes", size_t{0});
  info.suite_args = first.at("config").at("suites").get<std::vector<std::string>>();
  info.bootstrap_resamples = first.at("config").at("bootstrap_resamples").get<int>();
  info.started_at = first.at("run").at("started_at").get<std::string>();
  info.finished_at = info.started_at;
  for (const auto& r : reports) {
    const Json& run = r.at("run");
    info.started_at = std::min(info.started_at, run.at("started_at").get<std::string>());
    info.finished_at = std::max(info.finished_at, run.at("finished_at").get<std::string>());
    info.wall_seconds = std::max(info.wall_seconds, run.at("wall_seconds").get<double>());
    info.stats.requests += run.value("requests", size_t{0});
    info.stats.retries += run.value("retries", size_t{0});
    info.stats.cache_hits += run.value("cache_hits", size_t{0});
    info.stats.resumed += run.value("resumed", size_t{0});
  }
  // The shards' --max-backend-errors (shards of one run share it; the strictest if they do not).
  double max_backend_errors = 1;
  for (const auto& r : reports) {
    const Json& v = r.at("config").value("max_backend_errors", Json(kDefaultMaxBackendErrors));
    max_backend_errors = std::min(max_backend_errors, v.is_number() ? v.get<double>() : kDefaultMaxBackendErrors);
  }
  Json report = BuildReport(suites, records, info);
  report["config"]["max_backend_errors"] = max_backend_errors;
  // The run's provenance, as the shards recorded it (one run: the first shard's says it all).
  for (const char* key : {"name", "labels", "limit_share", "dialect_override", "generation", "backend", "toolshift", "user", "cache"}) {
    if (config.contains(key)) report["config"][key] = config[key];
  }
  try {
    WriteReportFiles(flags.out, report, EpisodeLogText(records));
  } catch (const std::exception& e) {
    std::fprintf(stderr, "toolshift merge: %s; the report follows on stdout\n", CapMessage(e.what()).c_str());
    std::fputs((DumpJson(report, 2) + "\n").c_str(), stdout);
    return kExitRuntime;
  }
  PrintSummary(report, flags.out, stdout);
  const BackendErrorTally tally = TallyBackendErrors(records);
  PrintBackendErrors(tally, max_backend_errors, "toolshift merge", stderr);
  return tally.Fails(max_backend_errors) ? kExitBackendErrors : kExitOk;
}

}  // namespace

std::function<int()> AddMergeCommand(CLI::App& app, const std::string& argv0) {
  auto flags = std::make_shared<MergeFlags>();
  CLI::App* cmd = app.add_subcommand("merge", "Merge the shard reports of a `run --shard I/N` into one report");
  cmd->add_option("reports", flags->reports, "Every shard's report (their episode logs must sit beside them)")
      ->required();
  cmd->add_option("-o,--out", flags->out, "Merged report path; its episode log goes beside it")->required();
  cmd->add_option("--suites-dir", flags->suites_dir, "Folder of built-in suites (default: the installed suites/)");
  cmd->add_option("-j,--jobs", flags->jobs, "Scoring threads (0 = one per core)")->check(FlagCheck("jobs"));
  cmd->footer(
      "Example:\n"
      "  toolshift run --model M --suite all --shard 0/2 --out shards/s0.json   # and --shard 1/2 elsewhere\n"
      "  toolshift merge shards/s0.json shards/s1.json --out results/all.json\n"
      "The shards' replies are re-scored together, so the merged report equals the unsharded run's, timestamps\n"
      "and request counts aside. Refused: reports of different runs (model, seed, suites, limit), a missing or\n"
      "repeated shard, suites that changed since the run, an episode missing from every episode log.\n"
      "Exit codes: 0 merged, 2 bad flags or input (message names the file and field), 3 could not write the report,\n"
      "4 merged, but backend errors exceed the shards' --max-backend-errors or every episode was one.");
  return [flags, argv0] { return Merge(*flags, argv0); };
}

}  // namespace toolshift
