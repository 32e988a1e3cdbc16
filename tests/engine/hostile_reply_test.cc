// Replies no careful user can prevent: arguments nested 100,000 deep, megabytes of text. They
// go through the whole engine (journal included) as malformed replies naming the limit, are
// stored cut, and a resumed run restores them without asking again, with the same verdict.
#include <catch2/catch.hpp>

#include <atomic>
#include <filesystem>

#include "src/core/json_limits.h"
#include "src/core/suite.h"
#include "src/engine/run_store.h"
#include "src/engine/runner.h"
#include "tests/test_support.h"

namespace toolshift {
namespace {

// Arguments {"a": {"a": ... 1}} `depth` levels deep, built without recursion.
Json DeepArguments(size_t depth) {
  Json j = 1;
  for (size_t i = 0; i < depth; ++i) {
    Json outer = Json::object();
    outer["a"] = std::move(j);
    j = std::move(outer);
  }
  return j;
}

// Answers every request with one hostile reply; counts the requests.
class HostileAdapter : public Adapter {
 public:
  enum class Kind { kDeepArguments, kHugeText };
  explicit HostileAdapter(Kind kind) : kind_(kind) {}
  std::string name() const override { return "test:hostile"; }
  ChatResponse Complete(const ChatRequest&) override {
    ++requests;
    ChatResponse r;
    if (kind_ == Kind::kDeepArguments) {
      r.message.tool_calls.push_back(ToolCall{"transfer_funds", DeepArguments(100000), "c1"});
    } else {
      r.message.content = "<tool_call>" + std::string(3 << 20, 'x');
    }
    return r;
  }
  std::atomic<int> requests{0};

 private:
  Kind kind_;
};

std::vector<Suite> OneEpisode(const std::string& dialect) {
  Suite s = LoadSuite(testing::SuitesRoot() + "/id/single-id", 1);
  OverrideDialect(s, dialect);
  return {std::move(s)};
}

std::string JournalText(const std::string& path) {
  RunStore store(path);
  std::string all;
  for (const auto& [key, reply] : store.LoadJournal()) all += DumpJson(ReplyToJson(reply.response));
  return all;
}

}  // namespace

TEST_CASE("a reply nesting 100,000 deep is malformed, journaled and not asked again on resume", "[engine][limits]") {
  const std::string dir = testing::ScratchDir("hostile-deep");
  const std::string journal = dir + "/run.sqlite";
  const auto suites = OneEpisode("native");
  std::string detail;
  {
    HostileAdapter adapter(HostileAdapter::Kind::kDeepArguments);
    RunStore store(journal);
    RunOptions options;
    options.journal = &store;
    auto records = RunSuites(suites, adapter, options);
    REQUIRE(records.size() == 1);
    CHECK(adapter.requests == 1);
    CHECK(records[0].verdict.parse.status == ParseResult::Status::kMalformed);
    detail = records[0].verdict.parse.error;
    CHECK_THAT(detail, Catch::Contains("nest deeper than 512 levels"));
  }
  CHECK_THAT(JournalText(journal), Catch::Contains("\"unread\""));
  HostileAdapter again(HostileAdapter::Kind::kDeepArguments);
  RunStore store(journal);
  RunOptions options;
  options.journal = &store;
  auto records = RunSuites(suites, again, options);
  CHECK(again.requests == 0);
  REQUIRE(records.size() == 1);
  CHECK(records[0].resumed);
  CHECK(records[0].verdict.parse.status == ParseResult::Status::kMalformed);
  CHECK(records[0].verdict.parse.error == detail);
}

TEST_CASE("a reply over --max-output-bytes is stored cut with its mark, and judged the same on resume", "[engine][limits]") {
  const std::string dir = testing::ScratchDir("hostile-huge");
  const std::string journal = dir + "/run.sqlite";
  const auto suites = OneEpisode("hermes");
  std::string detail;
  {
    HostileAdapter adapter(HostileAdapter::Kind::kHugeText);
    RunStore store(journal);
    RunOptions options;
    options.journal = &store;
    auto records = RunSuites(suites, adapter, options);
    REQUIRE(records.size() == 1);
    detail = records[0].verdict.parse.error;
    CHECK_THAT(detail, Catch::Contains("exceeds --max-output-bytes"));
    CHECK(records[0].response.message.content.size() <= kUnreadPrefixBytes);
  }
  const std::string stored = JournalText(journal);
  CHECK(stored.size() < 2 * kUnreadPrefixBytes);  // not the 3 MiB the model sent
  CHECK_THAT(stored, Catch::Contains("\"unread\""));
  HostileAdapter again(HostileAdapter::Kind::kHugeText);
  RunStore store(journal);
  RunOptions options;
  options.journal = &store;
  auto records = RunSuites(suites, again, options);
  CHECK(again.requests == 0);
  REQUIRE(records.size() == 1);
  CHECK(records[0].verdict.parse.status == ParseResult::Status::kMalformed);
  CHECK(records[0].verdict.parse.error == detail);
}

TEST_CASE("the run store never recurses into a deep value it is handed", "[engine][limits]") {
  const std::string dir = testing::ScratchDir("hostile-store");
  RunStore store(dir + "/s.sqlite");
  StoredReply reply;
  reply.response.message.tool_calls.push_back(ToolCall{"f", DeepArguments(200000), ""});
  reply.response.logprobs = DeepArguments(200000);
  Message step{Role::kAssistant, "", {}};
  step.tool_calls.push_back(ToolCall{"f", DeepArguments(200000), ""});  // built, not copied: a copy recurses
  reply.replies.push_back(std::move(step));
  store.Journal({"s", "e", 0}, reply);
  store.CacheStore("k", reply);
  auto back = store.LoadJournal();
  REQUIRE(back.size() == 1);
  const StoredReply& r = back.begin()->second;
  CHECK_THAT(r.response.message.unread, Catch::Contains("nest deeper than 512 levels"));
  CHECK(r.response.message.tool_calls.empty());
  CHECK(r.response.logprobs.is_null());
  REQUIRE(r.replies.size() == 1);
  CHECK(r.replies[0].unread == r.response.message.unread);
  auto cached = store.CacheLookup("k");
  REQUIRE(cached);
  CHECK(cached->response.message.unread == r.response.message.unread);
}

}  // namespace toolshift
