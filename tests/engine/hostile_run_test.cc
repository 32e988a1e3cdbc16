// toolshift run against hostile servers and signals: bodies over --max-response-bytes are
// backend errors (never retried, never a model failure, memory bounded); one process per
// run directory; SIGINT/SIGTERM stop a run, keep its replies and say how to resume.
#include <catch2/catch.hpp>

#include <signal.h>
#include <sys/resource.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <thread>

#include "src/core/json.h"
#include "src/core/suite_catalog.h"
#include "tests/net/hostile_server.h"
#include "tests/server/test_model_server.h"
#include "tests/test_support.h"

// Sanitizer builds (scripts/sanitizers) carry shadow memory: memory bounds are the regular build's to meet.
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
#define TOOLSHIFT_TEST_SANITIZED 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer)
#define TOOLSHIFT_TEST_SANITIZED 1
#endif
#endif

namespace toolshift {
namespace {

namespace fs = std::filesystem;

// Peak resident set of the children reaped so far, in MiB.
long ChildrenPeakRssMb() {
  rusage u{};
  getrusage(RUSAGE_CHILDREN, &u);
  return u.ru_maxrss / 1024;
}

// Polls until `done` (no time bound: a loaded machine may be slow, never wrong).
template <typename F>
void WaitFor(F done) {
  while (!done()) std::this_thread::sleep_for(std::chrono::milliseconds(10));
}

bool FileHas(const std::string& path, const std::string& text) {
  return fs::exists(path) && testing::ReadText(path).find(text) != std::string::npos;
}

}  // namespace

TEST_CASE("gzip bombs, endless streams and huge bodies are backend errors, not retried, memory bounded",
          "[engine][backends][hostile][cli]") {
  using testing::Hostility;
  const std::string dir = testing::ScratchDir("hostile-bodies");
  for (Hostility mode : {Hostility::kGzipBomb, Hostility::kEndlessChunked, Hostility::kHugeBody}) {
    testing::HostileServer server(mode, size_t{2} << 30);
    const std::string base = server.Start();
    const std::string out = dir + "/m" + std::to_string(static_cast<int>(mode)) + ".json";
    const auto r = testing::RunToolshift({"run", "--model", "openai:m@" + base + "/v1", "--suite", "single-id",
                                          "--limit", "8", "--concurrency", "8", "--max-retries", "3", "--no-cache",
                                          "--request-timeout", "3600", "--quiet", "--out", out});
    INFO(r.err);
    REQUIRE(r.exit_code == 4);  // every episode a backend error: never exit 0; the report is written
    const Json report = Json::parse(testing::ReadText(out));
    CHECK(report["totals"]["backend_errors"] == 8);
    CHECK(report["config"]["max_response_bytes"] == 8 << 20);
    CHECK(server.requests() == 8);  // not retried: the same request brings the same body
    const std::string log = testing::ReadText(dir + "/m" + std::to_string(static_cast<int>(mode)) + ".episodes.jsonl");
    CHECK(log.find("--max-response-bytes") != std::string::npos);
    server.Stop();
  }
  // Eight replies of 2 GiB each in flight at once: a generous bound, far below what they would take.
#ifndef TOOLSHIFT_TEST_SANITIZED
  CHECK(ChildrenPeakRssMb() < 1024);
#endif
}

TEST_CASE("the flag --max-response-bytes below --max-output-bytes is refused", "[engine][cli]") {
  const auto r = testing::RunToolshift({"run", "--model", "openai:m@http://127.0.0.1:9/v1", "--suite", "single-id",
                                        "--max-response-bytes", "4096", "--max-output-bytes", "8192", "--out",
                                        testing::ScratchDir("mrb") + "/x.json"});
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("--max-response-bytes") != std::string::npos);
}

TEST_CASE("a run directory has one writer — SIGINT stops a run, keeps its replies and says how to resume",
          "[engine][backends][cli][signals]") {
  const std::vector<Suite> suites = SuiteCatalog(testing::SuitesRoot()).Resolve({"single-id"});
  testing::FaultKnobs knobs;
  knobs.latency_ms = 100;
  testing::TestModelServer server(suites, knobs);
  const std::string model = "openai:oracle@" + server.Start() + "/v1";
  const std::string dir = testing::ScratchDir("signals");
  const std::string out = dir + "/run.json";
  const std::string run_dir = dir + "/run.run";
  const std::vector<std::string> args = {"run", "--model", model, "--suite", "single-id", "--limit", "40",
                                         "--concurrency", "1", "--no-cache", "--out", out};
  const auto first = testing::StartToolshift(args);
  WaitFor([&] { return server.answered() >= 4 && FileHas(run_dir + "/lock", std::to_string(first.pid)); });

  const auto second = testing::RunToolshift({"run", "--resume", run_dir});
  CHECK(second.exit_code == 2);
  CHECK(second.err.find("in use by another toolshift (pid " + std::to_string(first.pid) + ")") != std::string::npos);

  kill(first.pid, SIGINT);
  const auto stopped = testing::Wait(first);
  INFO(stopped.err);
  CHECK(stopped.exit_code == 130);
  CHECK(stopped.err.find("toolshift run --resume '" + run_dir + "'") != std::string::npos);
  CHECK_FALSE(fs::exists(out));  // no report claims a run that did not finish

  const size_t before = server.requests();
  const auto resumed = testing::RunToolshift({"run", "--resume", run_dir, "--quiet"});
  INFO(resumed.err);
  REQUIRE(resumed.exit_code == 0);
  const Json report = Json::parse(testing::ReadText(out));
  CHECK(report["totals"]["n"] == 40);
  CHECK(report["totals"]["correct"] == 40);
  CHECK(report["run"]["resumed"].get<int>() >= 3);
  CHECK(server.requests() - before == 40 - report["run"]["resumed"].get<size_t>());
}

TEST_CASE("SIGTERM exits 143 the same way — a second signal exits at once", "[engine][backends][cli][signals]") {
  const std::vector<Suite> suites = SuiteCatalog(testing::SuitesRoot()).Resolve({"single-id"});
  testing::FaultKnobs knobs;
  knobs.latency_ms = 100;
  testing::TestModelServer server(suites, knobs);
  const std::string dir = testing::ScratchDir("sigterm");
  const auto run = testing::StartToolshift({"run", "--model", "openai:oracle@" + server.Start() + "/v1", "--suite",
                                            "single-id", "--limit", "40", "--concurrency", "1", "--no-cache", "--out",
                                            dir + "/t.json"});
  WaitFor([&] { return server.answered() >= 2; });
  kill(run.pid, SIGTERM);
  const auto r = testing::Wait(run);
  CHECK(r.exit_code == 143);
  CHECK(r.err.find("interrupted by SIGTERM") != std::string::npos);

  // A runner that never answers (it marks when it has started: the request is then on its
  // way): the first signal cannot finish stopping, the second ends it.
  const std::string started = dir + "/runner-started";
  const auto stuck = testing::StartToolshift({"run", "--model",
                                              "exec:/bin/sh -c \"touch " + started + "; exec sed -n /NEVER-MATCHES/p\"",
                                              "--suite", "single-id", "--limit", "2", "--request-timeout", "3600",
                                              "--out", dir + "/stuck.json"});
  WaitFor([&] { return fs::exists(started); });
  kill(stuck.pid, SIGINT);
  WaitFor([&] { return FileHas(stuck.err_path, "stopping:"); });
  kill(stuck.pid, SIGINT);
  const auto at_once = testing::Wait(stuck);
  CHECK(at_once.exit_code == 130);
  CHECK(at_once.err.find("finish the run with") == std::string::npos);
}

}  // namespace toolshift
