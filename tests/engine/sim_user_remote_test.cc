// Simulated users beside a remote model (the event loop, RunAsync): a remote user model's
// requests go through the transport, a local one's to worker threads, and neither blocks the
// loop — other episodes keep being asked while a user's answer is pending. The test server
// plays the user as the scripted user would (tests/server/conversation_oracle.h).
#include <catch2/catch.hpp>

#include <atomic>

#include "adapters/adapter.h"
#include "src/core/suite_catalog.h"
#include "src/engine/run_store.h"
#include "src/engine/runner.h"
#include "src/engine/scripted_user.h"
#include "tests/server/test_model_server.h"
#include "tests/test_support.h"

namespace toolshift {
namespace {

const std::vector<Suite>& UserSuites() {
  static const std::vector<Suite> suites = SuiteCatalog(testing::SuitesRoot()).Resolve({"users-id"});
  return suites;
}

// The users-id episodes first, then plenty of multi-step episodes without a user.
const std::vector<Suite>& MixedSuites() {
  static const std::vector<Suite> suites = SuiteCatalog(testing::SuitesRoot()).Resolve({"users-id", "multi-id"});
  return suites;
}

// A local user model (not HTTP): the scripted user's words, counted.
class LocalUser : public Adapter {
 public:
  std::string name() const override { return "test:local-user"; }
  ChatResponse Complete(const ChatRequest& r) override {
    ++calls;
    return scripted_.Complete(r);
  }
  std::atomic<int> calls{0};

 private:
  ScriptedUserAdapter scripted_;
};

// A remote user model seen as a local one: its blocking Complete(), no HTTP codec, so the
// event loop hands it to worker threads.
class BlockingUser : public Adapter {
 public:
  explicit BlockingUser(const std::string& spec) : inner_(MakeAdapter(spec)) {}
  std::string name() const override { return "test:blocking-user"; }
  ChatResponse Complete(const ChatRequest& r) override { return inner_->Complete(r); }

 private:
  std::unique_ptr<Adapter> inner_;
};

size_t UserTurns(const std::vector<EpisodeRecord>& records) {
  size_t n = 0;
  for (const auto& r : records) n += r.user_turns.size();
  return n;
}

void RequireSolvedWithUser(const std::vector<EpisodeRecord>& records) {
  for (const auto& r : records) {
    INFO(r.episode->id << ": " << r.response.error << " " << r.verdict.detail);
    CHECK(r.verdict.correct);
    if (!r.episode->multi || !r.episode->multi->user) continue;
    REQUIRE(r.user_turns.size() >= 2);
    CHECK(r.user_turns.front().content == r.episode->multi->turns[1].user);
    CHECK(r.user_turns.back().content == "finish conversation");
  }
}

}  // namespace

TEST_CASE("a remote model's run asks a remote user model through the transport, cached like replies", "[engine][users][backends]") {
  testing::TestModelServer server(UserSuites());
  const std::string url = server.Start() + "/v1";
  auto model = MakeAdapter("openai:oracle@" + url);
  auto user = MakeAdapter("openai:user@" + url);
  const std::string dir = testing::ScratchDir("users-remote-cache");
  RunStore cache(dir + "/cache.sqlite");
  RunOptions opt;
  opt.concurrency = 4;
  opt.user = user.get();
  opt.cache = &cache;
  RunStats stats;
  const auto records = RunSuites(UserSuites(), *model, opt, &stats);
  REQUIRE(records.size() == 4);
  RequireSolvedWithUser(records);
  CHECK(server.user_requests() == UserTurns(records));
  // The run's request count is the model's alone.
  CHECK(stats.requests == server.requests() - server.user_requests());
  // Again with the cache: neither side is asked.
  const size_t asked = server.requests();
  const auto again = RunSuites(UserSuites(), *model, opt);
  CHECK(server.requests() == asked);
  RequireSolvedWithUser(again);
  for (size_t i = 0; i < records.size(); ++i) CHECK(again[i].user_turns.size() == records[i].user_turns.size());
}

TEST_CASE("a local user model beside a remote model answers on worker threads", "[engine][users][backends]") {
  testing::TestModelServer server(UserSuites());
  auto model = MakeAdapter("openai:oracle@" + server.Start() + "/v1");
  LocalUser user;
  RunOptions opt;
  opt.concurrency = 4;
  opt.user = &user;
  const auto records = RunSuites(UserSuites(), *model, opt);
  REQUIRE(records.size() == 4);
  RequireSolvedWithUser(records);
  CHECK(user.calls == static_cast<int>(UserTurns(records)));
  CHECK(server.user_requests() == 0);
}

TEST_CASE("while a user model's answer is pending, the other episodes keep being asked", "[engine][users][backends]") {
  // The server holds the first user answer until 20 more requests have come in. A loop that
  // waited on the user would send nothing more (at most the 3 others in flight finish), and the
  // answer would only go out when the hold gives up (holds_timed_out). No clock is compared:
  // the hold is released by a count.
  for (const bool remote_user : {true, false}) {
    INFO((remote_user ? "remote user" : "local user"));
    testing::FaultKnobs knobs;
    knobs.hold_user_for = 20;
    knobs.hold_user_max_ms = 120000;
    testing::TestModelServer server(MixedSuites(), knobs);
    const std::string url = server.Start() + "/v1";
    auto model = MakeAdapter("openai:oracle@" + url);
    auto remote = MakeAdapter("openai:user@" + url);
    BlockingUser local("openai:user@" + url);  // asks the same server, so the hold applies
    RunOptions opt;
    opt.concurrency = 4;
    opt.limit = 30;
    opt.user = remote_user ? remote.get() : static_cast<Adapter*>(&local);
    const auto records = RunSuites(MixedSuites(), *model, opt);
    REQUIRE(records.size() == 34);
    RequireSolvedWithUser(records);
    CHECK(server.holds_timed_out() == 0);
    CHECK(server.holds_released() == 1);
    CHECK(server.requests() - server.user_requests() > 20);
  }
}

}  // namespace toolshift
