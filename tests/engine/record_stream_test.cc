// Streaming runs (RunOptions::sink): the episode log written as records finish is the log
// written at the end, byte for byte, and so is the report built from the released records —
// for local adapters, for remote ones, and under the cache-aware schedule.
#include <catch2/catch.hpp>

#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "adapters/adapter.h"
#include "src/core/suite_catalog.h"
#include "src/engine/record_stream.h"
#include "src/engine/runner.h"
#include "src/report/collapse_diagnostics.h"
#include "src/report/episode_log_stream.h"
#include "src/report/report_builder.h"
#include "tests/server/test_model_server.h"
#include "tests/test_support.h"

namespace toolshift {
namespace {

namespace fs = std::filesystem;

const std::vector<Suite>& Suites() {
  static const std::vector<Suite> suites = SuiteCatalog(testing::SuitesRoot()).Resolve(
      {"single-id", "single-fmt-dialect-pythonic", "single-fmt-shuffle-order", "multi-id", "multi-fmt-dialect-json"});
  return suites;
}

// Collects what a sink is given, in order, and checks it comes in plan order.
class CollectingSink : public RecordSink {
 public:
  std::string Render(const EpisodeRecord& r) const override { return DumpJson(EpisodeLogEntry(r)) + "\n"; }
  void Accept(EpisodeRecord& r, std::string rendered) override {
    r.reply_facts = ReplyFactsOf(r);  // as EpisodeLogStream does: the reply is released after this
    text += rendered;
    order.push_back(&r);
    kept.push_back(r);  // as it was before its bulk is released
  }
  std::string text;
  std::vector<const EpisodeRecord*> order;
  std::vector<EpisodeRecord> kept;
};

// The log without what differs between two runs by nature (latencies).
std::vector<Json> Comparable(const std::string& log) {
  std::vector<Json> lines;
  size_t at = 0;
  while (at < log.size()) {
    const size_t nl = log.find('\n', at);
    Json j = Json::parse(log.substr(at, nl - at));
    j.erase("latency_ms");
    lines.push_back(std::move(j));
    at = nl + 1;
  }
  return lines;
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

Json Stable(Json report) {
  report.erase("run");
  report.erase("latency_ms");
  return report;
}

}  // namespace

TEST_CASE("a streamed local run logs and reports what a run kept whole does", "[engine][stream]") {
  auto adapter = MakeAdapter("reference:noisy:0.3");
  RunOptions opt;
  opt.limit = 40;
  opt.jobs = 3;
  opt.epochs = 2;
  const auto whole = RunSuites(Suites(), *adapter, opt);
  CollectingSink sink;
  opt.sink = &sink;
  const auto streamed = RunSuites(Suites(), *adapter, opt);
  REQUIRE(streamed.size() == whole.size());
  REQUIRE(sink.order.size() == streamed.size());
  for (size_t i = 0; i < streamed.size(); ++i) CHECK(sink.order[i] == &streamed[i]);  // plan order
  CHECK(sink.text == EpisodeLogText(sink.kept));  // the same bytes as a log written at the end
  CHECK(Comparable(sink.text) == Comparable(EpisodeLogText(whole)));
  RunInfo info;
  info.epochs = 2;
  CHECK(Stable(BuildReport(Suites(), streamed, info)) == Stable(BuildReport(Suites(), whole, info)));
  // Released: what only the log needed is gone.
  for (const auto& r : streamed) {
    CHECK(r.scored);
    CHECK(r.prompt.empty());
    CHECK(r.replies.empty());
    CHECK(r.trajectory == nullptr);
    CHECK(r.response.message.content.empty());
  }
}

TEST_CASE("a streamed remote run, cache-aware or in plan order, gives the same log and report", "[engine][stream][backends]") {
  testing::TestModelServer server(Suites(), {});
  auto adapter = MakeAdapter("openai:oracle@" + server.Start() + "/v1");
  RunOptions opt;
  opt.limit = 60;
  opt.concurrency = 8;
  const auto whole = RunSuites(Suites(), *adapter, opt);
  const std::vector<Json> expected_log = Comparable(EpisodeLogText(whole));
  RunInfo info;
  const Json expected_report = Stable(BuildReport(Suites(), whole, info));
  for (bool prefix : {false, true}) {
    CAPTURE(prefix);
    const fs::path dir = fs::temp_directory_path() / ("toolshift-stream-test-" + std::to_string(::getpid()));
    fs::create_directories(dir);
    const std::string log_path = (dir / "run.episodes.jsonl").string();
    {
      EpisodeLogStream log(log_path);
      opt.sink = &log;
      opt.prefix_schedule = prefix;
      const auto streamed = RunSuites(Suites(), *adapter, opt);
      CHECK(Stable(BuildReport(Suites(), streamed, info)) == expected_report);
      CHECK_FALSE(fs::exists(log_path));  // nothing where the log goes until it is whole
      log.Commit();
    }
    CHECK(Comparable(ReadFile(log_path)) == expected_log);
    fs::remove_all(dir);
  }
}

TEST_CASE("an episode log stream left uncommitted leaves the previous log", "[engine][stream]") {
  const fs::path dir = fs::temp_directory_path() / ("toolshift-stream-keep-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  const std::string log_path = (dir / "x.episodes.jsonl").string();
  std::ofstream(log_path) << "previous\n";
  {
    EpisodeLogStream log(log_path);
    EpisodeRecord r;
    log.Accept(r, "half\n");
  }  // destroyed without Commit: an interrupted run
  CHECK(ReadFile(log_path) == "previous\n");
  size_t files = 0;
  for (const auto& e : fs::directory_iterator(dir)) files += e.is_regular_file();
  CHECK(files == 1);  // no temporary file left behind
  fs::remove_all(dir);
}

TEST_CASE("ReleaseBulk keeps what the report counts", "[engine][stream]") {
  EpisodeRecord r;
  r.prompt = {Message{Role::kUser, "a long prompt", {}}};
  r.response.message.content = "<tool_call>...";
  r.response.usage = {120, 7, true, 100, true};
  r.response.error = "";
  r.verdict.correct = true;
  r.verdict.failure = FailureCategory::kNone;
  r.verdict.other_dialect = "json";
  r.verdict.signatures = {Signature{"bare_call_tag", "evidence text"}};
  r.verdict.parse.calls = {ToolCall{"f", Json::object()}};
  r.latency_ms = 12.5;
  ReleaseBulk(r);
  CHECK(r.prompt.empty());
  CHECK(r.response.message.content.empty());
  CHECK(r.verdict.parse.calls.empty());
  CHECK(r.verdict.correct);
  CHECK(r.verdict.other_dialect == "json");
  REQUIRE(r.verdict.signatures.size() == 1);
  CHECK(r.verdict.signatures[0].name == "bare_call_tag");
  CHECK(r.verdict.signatures[0].evidence.empty());
  CHECK(r.response.usage.prompt_tokens == 120);
  CHECK(r.response.usage.cached_prompt_tokens == 100);
  CHECK(r.latency_ms == 12.5);
}

}  // namespace toolshift
