// Simulated users (MultiStepTask::user): the suite field, the scripted user, the episode loop's
// user turns, the runner's journal (mid-episode resume) and a failing user model.
#include <catch2/catch.hpp>

#include <atomic>

#include "adapters/adapter.h"
#include "src/core/input_error.h"
#include "src/core/suite_catalog.h"
#include "src/engine/episode_loop.h"
#include "src/engine/run_store.h"
#include "src/engine/runner.h"
#include "src/engine/scripted_user.h"
#include "tests/test_support.h"

namespace toolshift {
namespace {

const std::vector<Suite>& UserSuites() {
  static const std::vector<Suite> suites = SuiteCatalog(testing::SuitesRoot()).Resolve({"users-id"});
  return suites;
}

// Journaled like a remote backend, answering like the oracle, counting its calls.
class CountingOracle : public Adapter {
 public:
  std::string name() const override { return "test:counting-oracle"; }
  ChatResponse Complete(const ChatRequest& r) override {
    ++calls;
    return inner_->Complete(r);
  }
  std::atomic<int> calls{0};

 private:
  std::unique_ptr<Adapter> inner_ = MakeAdapter("reference:oracle");
};

// A user model that counts its calls and says the scripted user's words, or fails.
class TestUser : public Adapter {
 public:
  explicit TestUser(bool fail) : fail_(fail) {}
  std::string name() const override { return "test:user"; }
  ChatResponse Complete(const ChatRequest& r) override {
    ++calls;
    ChatResponse out;
    if (fail_) {
      out.error = "HTTP 400: no such model";
      return out;
    }
    return scripted_.Complete(r);
  }
  std::atomic<int> calls{0};

 private:
  bool fail_;
  ScriptedUserAdapter scripted_;
};

}  // namespace

TEST_CASE("a simulated user in suite JSON is validated with field paths", "[engine][users]") {
  const Json good = {{"brief", "You are a user."}, {"script", {{"rules", {{{"if", "confirm"}, {"say", "Yes."}}}}}}};
  const SimulatedUser u = ParseSimulatedUser(good, "multi_step.user");
  CHECK(u.finish_phrase == "finish conversation");
  CHECK(u.max_messages == 40);
  CHECK(ParseSimulatedUser(ToJson(u), "multi_step.user").script.rules.size() == 1);
  auto field_of = [](const Json& j) {
    try {
      ParseSimulatedUser(j, "multi_step.user");
    } catch (const FieldError& e) {
      return e.field();
    }
    return std::string("(accepted)");
  };
  CHECK(field_of(Json{{"opening", "hi"}}) == "multi_step.user.brief");
  CHECK(field_of(Json{{"brief", "b"}, {"script", {{"rules", {{{"if", "("}, {"say", "x"}}}}}}}) == "multi_step.user.script.rules[0].if");
  CHECK(field_of(Json{{"brief", "b"}, {"max_messages", 1}}) == "multi_step.user.max_messages");
  CHECK(field_of(Json{{"brief", "b"}, {"voice", "x"}}) == "multi_step.user.voice");
}

TEST_CASE("the scripted user: finish_if, rules used once, scripted follow-ups, then the finish phrase", "[engine][users]") {
  MultiStepTask task;
  task.turns = {UserTurn{}, UserTurn{"And the second thing.", {}, "", ""}};
  SimulatedUser u;
  u.brief = "b";
  u.opening = "Anything?";
  u.script.rules = {{"confirm", "Yes."}, {"Anything", "I need two things."}};
  u.script.finish_if = "all done";
  task.user = u;
  std::vector<Message> chat = {{Role::kSystem, "b", {}}, {Role::kUser, "Anything?", {}}};
  CHECK(ScriptedUserReply(task, chat) == "I need two things.");
  chat.push_back({Role::kAssistant, "I need two things.", {}});
  chat.push_back({Role::kUser, "Please confirm.", {}});
  CHECK(ScriptedUserReply(task, chat) == "Yes.");
  chat.push_back({Role::kAssistant, "Yes.", {}});
  chat.push_back({Role::kUser, "Please confirm again.", {}});
  CHECK(ScriptedUserReply(task, chat) == "finish conversation");  // the rule is spent, no follow-up 2
  chat.back().content = "It is all done.";
  CHECK(ScriptedUserReply(task, chat) == "finish conversation");
  chat.resize(3);  // back to the first agent message
  chat.push_back({Role::kUser, "First thing done.", {}});
  CHECK(ScriptedUserReply(task, chat) == "And the second thing.");  // k = 1: turns[1].user
}

TEST_CASE("users-id: the oracle with the scripted user finishes every episode, and replay rebuilds it", "[engine][users]") {
  REQUIRE(!UserSuites().empty());
  std::unique_ptr<Adapter> oracle = MakeAdapter("reference:oracle");
  RunOptions opt;
  opt.jobs = 1;
  std::vector<EpisodeRecord> records = RunSuites(UserSuites(), *oracle, opt);
  REQUIRE(records.size() >= 3);
  for (const auto& r : records) {
    INFO(r.episode->id << ": " << r.verdict.detail);
    CHECK(r.verdict.correct);
    REQUIRE(r.trajectory);
    CHECK(r.trajectory->end == Trajectory::End::kFinished);
    REQUIRE(r.user_turns.size() >= 2);
    CHECK(r.user_turns.back().content == "finish conversation");
    // The scripted follow-up reached the model as a user turn.
    CHECK(r.user_turns.front().content == r.episode->multi->turns[1].user);
    // Replayed from its replies and user turns alone: the same trajectory.
    EpisodeRecord again = r;
    again.scored = false;
    again.trajectory.reset();
    ScoreRecord(again);
    CHECK(again.verdict.correct);
    CHECK(again.trajectory->steps.size() == r.trajectory->steps.size());
    // Without its user turns the replay stops where the user was awaited: not finished.
    EpisodeLoop loop(*r.episode);
    loop.Replay(r.replies);
    CHECK(loop.awaiting_user());
    CHECK(!loop.done());
  }
}

TEST_CASE("a run killed mid-episode resumes from the journal without asking the model or the user again", "[engine][users]") {
  const std::string dir = testing::ScratchDir("users-journal");
  CountingOracle model;
  TestUser user(false);
  RunOptions opt;
  opt.jobs = 1;
  opt.user = &user;
  std::vector<EpisodeRecord> full;
  {
    RunStore store(dir + "/full.sqlite");
    opt.journal = &store;
    full = RunSuites(UserSuites(), model, opt);
  }
  const int model_calls = model.calls, user_calls = user.calls;
  REQUIRE(user_calls >= static_cast<int>(full.size()) * 2);
  {
    // What a run killed after each episode's first user turn leaves: partial entries.
    RunStore store(dir + "/cut.sqlite");
    for (const auto& r : full) {
      EpisodeLoop loop(*r.episode);
      std::vector<Message> replies;
      for (const auto& m : r.replies) {
        replies.push_back(m);
        loop.Feed(m);
        if (loop.awaiting_user()) break;
      }
      StoredReply partial{r.response, 0, static_cast<int>(replies.size()), replies, {r.user_turns.front()}, true};
      store.Journal({r.suite->manifest.name, r.episode->id, r.epoch}, partial);
    }
  }
  RunStore store(dir + "/cut.sqlite");
  opt.journal = &store;
  model.calls = 0;
  user.calls = 0;
  std::vector<EpisodeRecord> resumed = RunSuites(UserSuites(), model, opt);
  size_t restored_replies = 0;
  for (size_t i = 0; i < full.size(); ++i) {
    INFO(full[i].episode->id);
    CHECK(resumed[i].verdict.correct == full[i].verdict.correct);
    CHECK(resumed[i].replies.size() == full[i].replies.size());
    REQUIRE(resumed[i].user_turns.size() == full[i].user_turns.size());
    for (size_t k = 0; k < full[i].user_turns.size(); ++k) CHECK(resumed[i].user_turns[k].content == full[i].user_turns[k].content);
  }
  for (const auto& r : full) {
    EpisodeLoop loop(*r.episode);
    for (const auto& m : r.replies) {
      ++restored_replies;
      loop.Feed(m);
      if (loop.awaiting_user()) break;
    }
  }
  CHECK(model.calls == model_calls - static_cast<int>(restored_replies));
  CHECK(user.calls == user_calls - static_cast<int>(full.size()));
  // The finished journal holds whole episodes: a second resume asks nobody.
  model.calls = 0;
  user.calls = 0;
  RunSuites(UserSuites(), model, opt);
  CHECK(model.calls == 0);
  CHECK(user.calls == 0);
}

TEST_CASE("a failing user model ends the episode as a backend error, not a model failure", "[engine][users]") {
  std::unique_ptr<Adapter> oracle = MakeAdapter("reference:oracle");
  TestUser user(true);
  RunOptions opt;
  opt.jobs = 1;
  opt.user = &user;
  for (const auto& r : RunSuites(UserSuites(), *oracle, opt)) {
    CHECK(r.verdict.failure == FailureCategory::kBackendError);
    CHECK(r.response.error.find("simulated user (test:user)") != std::string::npos);
  }
}

}  // namespace toolshift
