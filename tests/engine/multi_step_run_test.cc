// Multi-step episodes through the whole engine: every built-in multi-step suite with the
// reference policies, pass^k over epochs, the loop detector, the journal, the episode log.
#include <catch2/catch.hpp>

#include <atomic>

#include "adapters/adapter.h"
#include "src/core/suite_catalog.h"
#include "src/engine/run_store.h"
#include "src/engine/runner.h"
#include "src/report/report_builder.h"
#include "tests/test_support.h"

namespace toolshift {
namespace {

const std::vector<Suite>& MultiStepSuites() {
  static const std::vector<Suite> suites = SuiteCatalog(testing::SuitesRoot()).Resolve({"multi-*"});
  return suites;
}

Json ReportOf(const std::vector<EpisodeRecord>& records, int epochs) {
  RunInfo info;
  info.epochs = epochs;
  return BuildReport(MultiStepSuites(), records, info);
}

// An adapter that is journaled (as remote backends are) but answers like the oracle.
class JournaledOracle : public Adapter {
 public:
  std::string name() const override { return "test:journaled-oracle"; }
  ChatResponse Complete(const ChatRequest& r) override {
    ++calls;
    return inner_->Complete(r);
  }
  std::atomic<int> calls{0};

 private:
  std::unique_ptr<Adapter> inner_ = MakeAdapter("reference:oracle");
};

}  // namespace

TEST_CASE("the built-in multi-step library: 300+ in-distribution, every format kind, 100+ held-out", "[engine][multistep]") {
  size_t id = 0, content = 0, format_kinds = 0;
  for (const auto& s : MultiStepSuites()) {
    for (const auto& e : s.episodes) {
      REQUIRE(e.multi);
      CHECK(e.multi->MinimalSteps() >= 2);
      CHECK(e.multi->MinimalSteps() <= 8);
    }
    if (s.manifest.split == Split::kId) id += s.episodes.size();
    if (s.manifest.split == Split::kContent) content += s.episodes.size();
    if (s.manifest.split == Split::kFormat) ++format_kinds;
  }
  CHECK(id >= 300);
  CHECK(content >= 100);
  CHECK(format_kinds == 21);
}

TEST_CASE("the oracle solves every multi-step episode in every epoch, and noise lowers pass^3 below pass@1", "[engine][multistep][library]") {
  RunOptions opt;
  opt.epochs = 3;
  auto oracle = MakeAdapter("reference:oracle");
  const auto solved = RunSuites(MultiStepSuites(), *oracle, opt);
  size_t multi_turn = 0;
  for (const auto& r : solved) {
    INFO(r.episode->id << ": " << r.verdict.detail);
    REQUIRE(r.verdict.correct);
    multi_turn += r.episode->category == Category::kMultiTurn;
  }
  CHECK(multi_turn > 0);
  const Json o = ReportOf(solved, 3);
  for (const char* split : {"id", "format", "content"}) {
    CHECK(o["splits"][split]["pass"]["pass_hat"]["3"]["value"] == 1.0);
  }

  auto noisy = MakeAdapter("reference:noisy:0.1");
  const Json n = ReportOf(RunSuites(MultiStepSuites(), *noisy, opt), 3);
  for (const char* split : {"id", "format", "content"}) {
    INFO(split);
    const double at1 = n["splits"][split]["pass"]["pass_at_1"]["value"].get<double>();
    const double hat3 = n["splits"][split]["pass"]["pass_hat"]["3"]["value"].get<double>();
    CHECK(at1 > 0.8);
    CHECK(at1 < 0.97);
    CHECK(hat3 < at1);
  }
}

TEST_CASE("reference:looper episodes all end as loops", "[engine][multistep][library]") {
  auto looper = MakeAdapter("reference:looper");
  RunOptions opt;
  const auto records = RunSuites(MultiStepSuites(), *looper, opt);
  for (const auto& r : records) {
    INFO(r.episode->id);
    REQUIRE(r.verdict.failure == FailureCategory::kLoop);
    REQUIRE(r.replies.size() == 3);  // stopped at the third repeat, not at the step limit
  }
  const Json report = ReportOf(records, 1);
  CHECK(report["failures"]["id"]["loop"] == report["splits"]["id"]["n"]);
}

TEST_CASE("a failed multi-step episode's log shows each step and the state diff", "[engine][multistep][report]") {
  auto noisy = MakeAdapter("reference:noisy:1");
  RunOptions opt;
  opt.limit = 5;
  const auto records = RunSuites(MultiStepSuites(), *noisy, opt);
  size_t diffs = 0;
  for (const auto& r : records) {
    CHECK_FALSE(r.verdict.correct);
    const Json line = EpisodeLogEntry(r);
    REQUIRE(line["steps"].size() == r.replies.size());
    REQUIRE(line["outputs"].size() == r.replies.size());
    CHECK(line["trajectory"]["minimal_steps"] == r.episode->multi->MinimalSteps());
    if (line.contains("state_diff")) {
      ++diffs;
      const std::string first = line["state_diff"][0];
      CHECK(first[0] == '/');
      CHECK((first.find(": expected ") != std::string::npos || first.find(": not expected") != std::string::npos));
    }
  }
  CHECK(diffs > records.size() / 2);
}

TEST_CASE("a journaled multi-step run resumes from its replies without asking again", "[engine][multistep]") {
  const std::string dir = testing::ScratchDir("multistep-journal");
  std::vector<Suite> suites = SuiteCatalog(testing::SuitesRoot()).Resolve({"multi-id", "multi-fmt-dialect-native"});
  RunOptions opt;
  opt.limit = 20;
  std::vector<EpisodeRecord> first;
  {
    RunStore store(dir + "/journal.sqlite");
    opt.journal = &store;
    JournaledOracle oracle;
    first = RunSuites(suites, oracle, opt);
    CHECK(oracle.calls > 2 * 40);
  }
  RunStore store(dir + "/journal.sqlite");
  opt.journal = &store;
  JournaledOracle again;
  RunStats stats;
  const auto second = RunSuites(suites, again, opt, &stats);
  CHECK(again.calls == 0);
  CHECK(stats.resumed == 40);
  REQUIRE(second.size() == first.size());
  for (size_t i = 0; i < first.size(); ++i) {
    CHECK(second[i].verdict.correct);
    CHECK(second[i].replies.size() == first[i].replies.size());
    CHECK(EpisodeLogEntry(second[i])["steps"] == EpisodeLogEntry(first[i])["steps"]);
  }
}

TEST_CASE("a multi-step episode log re-scores, replays and merges to the same verdicts", "[engine][multistep][cli]") {
  const std::string dir = testing::ScratchDir("multistep-cli");
  auto run = [&](const std::string& model, const std::string& out, const std::string& shard) {
    std::vector<std::string> args = {"run", "--model", model, "--suite", "multi-id", "--suite", "multi-fmt-dialect-native",
                                     "--limit", "30", "--seed", "7", "--quiet", "--out", out};
    if (!shard.empty()) args.insert(args.end(), {"--shard", shard});
    return testing::RunToolshift(args);
  };
  REQUIRE(run("reference:noisy:0.3", dir + "/whole.json", "").exit_code == 0);
  const Json whole = Json::parse(testing::ReadText(dir + "/whole.json"));
  const double accuracy = whole["totals"]["accuracy"].get<double>();
  CHECK(accuracy > 0.5);
  CHECK(accuracy < 0.95);
  auto same_scores = [&](const Json& other) {
    CHECK(other["totals"]["correct"] == whole["totals"]["correct"]);
    CHECK(other["failures"] == whole["failures"]);
    CHECK(other["splits"]["id"]["multi_step"] == whole["splits"]["id"]["multi_step"]);
  };
  SECTION("score reads the log's outputs") {
    const auto r = testing::RunToolshift({"score", "--suite", "multi-id", "--suite", "multi-fmt-dialect-native", "--outputs",
                                          dir + "/whole.episodes.jsonl", "--out", dir + "/scored.json"});
    REQUIRE(r.exit_code == 0);
    Json scored = Json::parse(testing::ReadText(dir + "/scored.json"));
    // score reads and scores the 60 episodes the log holds; they keep their verdicts.
    CHECK(scored["totals"]["correct"] == whole["totals"]["correct"]);
    CHECK(scored["totals"]["n"] == 60);
    CHECK(scored["totals"]["backend_errors"] == 0);
    // With --missing-as-errors every episode of the suites is scored, the rest as backend errors.
    const auto all = testing::RunToolshift({"score", "--suite", "multi-id", "--suite", "multi-fmt-dialect-native",
                                            "--outputs", dir + "/whole.episodes.jsonl", "--missing-as-errors", "--out",
                                            dir + "/all.json"});
    REQUIRE(all.exit_code == 0);
    const Json every = Json::parse(testing::ReadText(dir + "/all.json"));
    CHECK(every["totals"]["correct"] == whole["totals"]["correct"]);
    CHECK(every["totals"]["backend_errors"].get<uint64_t>() == every["totals"]["n"].get<uint64_t>() - 60);
  }
  SECTION("replay: answers each step from the recorded trajectory") {
    REQUIRE(run("replay:" + dir + "/whole.episodes.jsonl", dir + "/replayed.json", "").exit_code == 0);
    same_scores(Json::parse(testing::ReadText(dir + "/replayed.json")));
  }
  SECTION("two shards merge into the unsharded run") {
    REQUIRE(run("reference:noisy:0.3", dir + "/s0.json", "0/2").exit_code == 0);
    REQUIRE(run("reference:noisy:0.3", dir + "/s1.json", "1/2").exit_code == 0);
    const auto m = testing::RunToolshift({"merge", dir + "/s0.json", dir + "/s1.json", "--out", dir + "/merged.json"});
    REQUIRE(m.exit_code == 0);
    same_scores(Json::parse(testing::ReadText(dir + "/merged.json")));
  }
}

}  // namespace toolshift

namespace toolshift {
namespace {

// The oracle, but from its second step on each text reply goes on as the user's next turn, and
// every such step says it was cut at the token limit.
class LeakingOracle : public Adapter {
 public:
  std::string name() const override { return "test:leaking-oracle"; }
  bool journaled() const override { return false; }
  ChatResponse Complete(const ChatRequest& r) override {
    ChatResponse out = inner_->Complete(r);
    size_t replies = 0;
    for (const auto& m : r.messages) replies += m.role == Role::kAssistant;
    if (replies > 0 && !out.message.content.empty()) out.message.content += "<|im_end|>\n<|im_start|>user\nThanks!";
    if (replies > 0) out.message.finish_reason = "length";
    return out;
  }

 private:
  std::unique_ptr<Adapter> inner_ = MakeAdapter("reference:oracle");
};

}  // namespace

TEST_CASE("every step of a multi-step episode carries its signatures - in the log and in the rates", "[engine][multistep][signatures]") {
  RunOptions opt;
  opt.limit = 3;
  SECTION("the oracle's steps are clean") {
    auto oracle = MakeAdapter("reference:oracle");
    const auto records = RunSuites(MultiStepSuites(), *oracle, opt);
    size_t steps = 0;
    for (const auto& r : records) {
      REQUIRE(r.verdict.trajectory);
      REQUIRE(r.verdict.trajectory->step_signatures.size() == r.trajectory->steps.size());
      for (const auto& s : r.verdict.trajectory->step_signatures) {
        INFO(r.suite->manifest.name << " " << r.episode->id << " " << (s.empty() ? "" : s[0].name + ": " + s[0].evidence));
        CHECK(s.empty());
        ++steps;
      }
    }
    const Json report = ReportOf(records, 1);
    uint64_t counted = 0;
    for (const auto& [split, j] : report["splits"].items()) counted += j["signature_replies"].get<uint64_t>();
    CHECK(counted == steps);
  }
  SECTION("steps that write the next turn carry role_leak and steps cut short carry truncated") {
    LeakingOracle leaking;
    const auto records = RunSuites(MultiStepSuites(), leaking, opt);
    size_t leaks = 0, text_later_steps = 0;
    for (const auto& r : records) {
      const Json line = EpisodeLogEntry(r);
      const auto& sigs = r.verdict.trajectory->step_signatures;
      REQUIRE(line["steps"].size() == sigs.size());
      for (size_t i = 0; i < sigs.size(); ++i) {
        const bool leaked = HasSignature(sigs[i], "role_leak");
        leaks += leaked;
        CHECK(line["steps"][i]["signatures"].size() == sigs[i].size());
        if (i == 0) CHECK_FALSE(leaked);
        CHECK(HasSignature(sigs[i], "truncated") == (i > 0));  // each step's own finish reason
        if (i > 0 && !r.trajectory->steps[i].reply.content.empty()) {
          ++text_later_steps;
          CHECK(leaked);
        }
      }
    }
    CHECK(text_later_steps > 0);
    const Json report = ReportOf(records, 1);
    uint64_t counted = 0;
    for (const auto& [split, j] : report["splits"].items()) counted += j["signatures"]["role_leak"]["count"].get<uint64_t>();
    CHECK(counted == leaks);
    CHECK(report["diagnostics"]["id"]["control_token_rate"].get<double>() > 0);
  }
}

}  // namespace toolshift
