// TwitterAPI against BEHAVIOUR.md §4: results, error texts, state changes, the process-wide
// default lists of post_tweet (⚠ aliasing), Python-typed ids, and every ground-truth call.
#include <catch2/catch.hpp>

#include "tests/test_support.h"
#include "src/interop/bfcl/apis/api.h"
#include "tests/interop/bfcl/apis/call_support.h"

namespace toolshift::bfcl {
namespace {

using testing_calls::Exec;
using testing_calls::ScenarioFromJson;
using testing_calls::StateOf;

std::unique_ptr<ApiInstance> Fresh(BfclProcess& process, std::string_view json = "{}") {
  auto api = MakeTwitterApi(process);
  api->LoadScenario(ScenarioFromJson(json), false);
  return api;
}

std::unique_ptr<ApiInstance> LoggedIn(BfclProcess& process, std::string_view json = "{}") {
  auto api = Fresh(process, json);
  Exec(*api, "authenticate_twitter(username='john', password='john123')");
  return api;
}

TEST_CASE("TwitterAPI: signatures, defaults, state", "[bfcl][apis]") {
  BfclProcess process;
  auto api = Fresh(process);
  std::vector<std::string> names;
  for (const MethodSig& m : api->Methods()) names.push_back(m.name);
  CHECK(names == std::vector<std::string>{"authenticate_twitter", "comment", "follow_user", "get_tweet",
                                          "get_tweet_comments", "get_user_stats", "get_user_tweets",
                                          "list_all_following", "mention", "post_tweet",
                                          "posting_get_login_status", "retweet", "search_tweets", "unfollow_user"});
  const MethodSig& post = api->Methods()[9];
  REQUIRE(post.params.size() == 3);
  CHECK(post.params[0].name == "content");
  CHECK(post.params[1].name == "tags");
  CHECK(post.params[2].name == "mentions");
  CHECK(PyRepr(*post.params[2].default_value) == "[]");
  CHECK(PyRepr(PyValue::Dict(api->PublicState())) ==
        "{'username': 'john', 'password': 'john123', 'authenticated': False, 'tweets': {}, 'comments': {}, "
        "'retweets': {}, 'following_list': ['alice', 'bob'], 'tweet_counter': 0}");
  CHECK(Exec(*api, "post_tweet(tags=[])") ==
        "Error during execution: TwitterAPI.post_tweet() missing 1 required positional argument: 'content'");
}

TEST_CASE("TwitterAPI: authentication and the not-authenticated errors", "[bfcl][apis]") {
  BfclProcess process;
  auto api = Fresh(process);
  CHECK(Exec(*api, "posting_get_login_status()") == R"({"login_status": false})");
  CHECK(Exec(*api, "post_tweet(content='x')") ==
        R"({"error": "User not authenticated. Please authenticate before posting."})");
  CHECK(Exec(*api, "retweet(tweet_id=0)") ==
        R"({"error": "User not authenticated. Please authenticate before retweeting."})");
  CHECK(Exec(*api, "comment(tweet_id=0, comment_content='c')") ==
        R"({"error": "User not authenticated. Please authenticate before commenting."})");
  CHECK(Exec(*api, "follow_user(username_to_follow='x')") ==
        R"({"error": "User not authenticated. Please authenticate before following."})");
  CHECK(Exec(*api, "list_all_following()") ==
        R"({"error": "User not authenticated. Please authenticate before listing following."})");
  CHECK(Exec(*api, "unfollow_user(username_to_unfollow='x')") ==
        R"({"error": "User not authenticated. Please authenticate before unfollowing."})");
  CHECK(Exec(*api, "authenticate_twitter(username='john', password='john1234')") ==
        R"({"authentication_status": false})");
  CHECK(StateOf(*api, "authenticated") == "false");
  CHECK(Exec(*api, "authenticate_twitter('john', 'john123')") == R"({"authentication_status": true})");
  CHECK(Exec(*api, "posting_get_login_status()") == R"({"login_status": true})");
}

TEST_CASE("TwitterAPI: post, get, search, stats", "[bfcl][apis]") {
  BfclProcess process;
  auto api = LoggedIn(process);
  CHECK(Exec(*api, "post_tweet(content='Hello World', tags=['#Greet'], mentions=['@bob'])") ==
        R"({"id": 0, "username": "john", "content": "Hello World", "tags": ["#Greet"], "mentions": ["@bob"]})");
  CHECK(Exec(*api, "post_tweet('second')") ==
        R"({"id": 1, "username": "john", "content": "second", "tags": [], "mentions": []})");
  CHECK(StateOf(*api, "tweet_counter") == "2");
  CHECK(Exec(*api, "get_tweet(tweet_id=1)") ==
        R"({"id": 1, "username": "john", "content": "second", "tags": [], "mentions": []})");
  CHECK(Exec(*api, "get_tweet(tweet_id=1.0)") ==
        R"({"id": 1, "username": "john", "content": "second", "tags": [], "mentions": []})");
  CHECK(Exec(*api, "get_tweet(tweet_id='1')") == R"({"error": "Tweet with ID 1 not found."})");
  CHECK(Exec(*api, "get_tweet(tweet_id=[1])") == "Error during execution: unhashable type: 'list'");
  CHECK(Exec(*api, "get_user_tweets(username='john')") ==
        "[{'id': 0, 'username': 'john', 'content': 'Hello World', 'tags': ['#Greet'], 'mentions': ['@bob']}, "
        "{'id': 1, 'username': 'john', 'content': 'second', 'tags': [], 'mentions': []}]");
  CHECK(Exec(*api, "get_user_tweets(username='alice')") == "[]");
  CHECK(Exec(*api, "search_tweets(keyword='WORLD')").rfind("[{'id': 0,", 0) == 0);
  CHECK(Exec(*api, "search_tweets(keyword='#greet')").rfind("[{'id': 0,", 0) == 0);
  CHECK(Exec(*api, "search_tweets(keyword='greet')") == "[]");  // a tag must equal, not contain
  CHECK(Exec(*api, "search_tweets(keyword=5)") == "Error during execution: 'int' object has no attribute 'lower'");
  CHECK(Exec(*api, "get_user_stats(username='john')") ==
        R"({"tweet_count": 2, "following_count": 2, "retweet_count": 0})");
  CHECK(Exec(*api, "get_user_stats(username='alice')") ==
        R"({"tweet_count": 0, "following_count": 0, "retweet_count": 0})");

  BfclProcess other;
  auto empty = Fresh(other);
  CHECK(Exec(*empty, "search_tweets(keyword=5)") == "[]");  // keyword.lower() never evaluated
}

TEST_CASE("TwitterAPI: retweet, comment, mention", "[bfcl][apis]") {
  BfclProcess process;
  auto api = LoggedIn(process, R"({"tweets": {"1": {"id": 1, "username": "ann", "content": "hi", "tags": [],
      "mentions": ["@z"]}}, "comments": {"1": [{"username": "ann", "content": "old"}]}, "tweet_counter": 2})");
  CHECK(StateOf(*api, "tweets") ==
        R"({"1": {"id": 1, "username": "ann", "content": "hi", "tags": [], "mentions": ["@z"]}})");
  CHECK(Exec(*api, "retweet(tweet_id='1')") == R"({"error": "Tweet with ID 1 not found."})");
  CHECK(Exec(*api, "retweet(tweet_id=1.0)") == R"({"retweet_status": "Successfully retweeted"})");
  CHECK(Exec(*api, "retweet(tweet_id=1)") == R"({"retweet_status": "Already retweeted"})");
  CHECK(StateOf(*api, "retweets") == R"({"john": [1.0]})");
  CHECK(Exec(*api, "get_user_stats(username='john')") ==
        R"({"tweet_count": 0, "following_count": 2, "retweet_count": 1})");
  // Loaded comment keys stay strings; the functions use the int they are given.
  CHECK(Exec(*api, "get_tweet_comments(tweet_id=1)") == "[]");
  CHECK(Exec(*api, "comment(tweet_id=1, comment_content='new')") ==
        R"({"comment_status": "Comment added successfully"})");
  CHECK(Exec(*api, "comment(tweet_id=3, comment_content='new')") == R"({"error": "Tweet with ID 3 not found."})");
  CHECK(StateOf(*api, "comments") ==
        R"({"1": [{"username": "ann", "content": "old"}], "1": [{"username": "john", "content": "new"}]})");
  CHECK(Exec(*api, "get_tweet_comments(tweet_id=1)") == "[{'username': 'john', 'content': 'new'}]");
  CHECK(Exec(*api, "get_tweet_comments(tweet_id=4)") == R"({"error": "Tweet with ID 4 not found."})");
  CHECK(Exec(*api, "mention(tweet_id=1, mentioned_usernames=['@a', '@b'])") ==
        R"({"mention_status": "Users mentioned successfully"})");
  CHECK(Exec(*api, "mention(tweet_id=1, mentioned_usernames='@c')") ==
        R"({"mention_status": "Users mentioned successfully"})");
  CHECK(Exec(*api, "get_tweet(1)") ==
        R"({"id": 1, "username": "ann", "content": "hi", "tags": [], "mentions": ["@z", "@a", "@b", "@", "c"]})");
  CHECK(Exec(*api, "mention(tweet_id=1, mentioned_usernames=5)") ==
        "Error during execution: 'int' object is not iterable");
  CHECK(Exec(*api, "mention(tweet_id=2, mentioned_usernames=[])") == R"({"error": "Tweet with ID 2 not found."})");
}

TEST_CASE("TwitterAPI: mention needs no login", "[bfcl][apis]") {
  BfclProcess process;
  auto api = Fresh(process, R"({"tweets": {"0": {"id": 0, "username": "a", "content": "c", "tags": [],
      "mentions": []}}})");
  CHECK(Exec(*api, "mention(0, ['@x'])") == R"({"mention_status": "Users mentioned successfully"})");
  CHECK(StateOf(*api, "tweets").find(R"("mentions": ["@x"])") != std::string::npos);
}

TEST_CASE("TwitterAPI: post_tweet's default lists are shared process-wide", "[bfcl][apis]") {
  BfclProcess process;
  auto model = LoggedIn(process);
  auto truth = LoggedIn(process);
  Exec(*model, "post_tweet(content='a')");
  Exec(*truth, "post_tweet(content='a')");
  Exec(*truth, "post_tweet(content='explicit', mentions=[])");
  CHECK(Exec(*truth, "mention(tweet_id=0, mentioned_usernames=['@x'])") ==
        R"({"mention_status": "Users mentioned successfully"})");
  // The model's tweet 0 holds the same default list object, so it changed too.
  CHECK(StateOf(*model, "tweets") ==
        R"({"0": {"id": 0, "username": "john", "content": "a", "tags": [], "mentions": ["@x"]}})");
  CHECK(StateOf(*truth, "tweets").find(R"("content": "explicit", "tags": [], "mentions": []})") != std::string::npos);
  // A later tweet posted without mentions, by any instance, starts with those names.
  CHECK(Exec(*model, "post_tweet(content='b')") ==
        R"({"id": 1, "username": "john", "content": "b", "tags": [], "mentions": ["@x"]})");
  auto later = LoggedIn(process);
  CHECK(Exec(*later, "post_tweet(content='c', tags=['#t'])") ==
        R"({"id": 0, "username": "john", "content": "c", "tags": ["#t"], "mentions": ["@x"]})");
  Exec(*later, "mention(tweet_id=0, mentioned_usernames=['@y'])");
  CHECK(Exec(*model, "get_tweet(0)") ==
        R"({"id": 0, "username": "john", "content": "a", "tags": [], "mentions": ["@x", "@y"]})");
  // Another process has its own defaults.
  BfclProcess fresh_process;
  auto fresh = LoggedIn(fresh_process);
  CHECK(Exec(*fresh, "post_tweet(content='d')") ==
        R"({"id": 0, "username": "john", "content": "d", "tags": [], "mentions": []})");
}

TEST_CASE("TwitterAPI: following", "[bfcl][apis]") {
  BfclProcess process;
  auto api = LoggedIn(process);
  CHECK(Exec(*api, "follow_user(username_to_follow='alice')") == R"({"follow_status": false})");
  CHECK(Exec(*api, "follow_user(username_to_follow='carol')") == R"({"follow_status": true})");
  CHECK(Exec(*api, "list_all_following()") == R"({"following_list": ["alice", "bob", "carol"]})");
  CHECK(Exec(*api, "unfollow_user(username_to_unfollow='dave')") == R"({"unfollow_status": false})");
  CHECK(Exec(*api, "unfollow_user(username_to_unfollow='alice')") == R"({"unfollow_status": true})");
  CHECK(StateOf(*api, "following_list") == R"(["bob", "carol"])");
}

TEST_CASE("TwitterAPI: every ground-truth call runs without an exception", "[bfcl][apis]") {
  if (!testing_calls::HaveBfclData()) {
    TOOLSHIFT_SKIP("skipped: " << testing_calls::BfclDataDir() << " is absent");
    return;
  }
  testing_calls::ReplayStats stats = testing_calls::ReplayGroundTruth("TwitterAPI", MakeTwitterApi);
  for (const std::string& f : stats.failures) UNSCOPED_INFO(f);
  CHECK(stats.failures.empty());
  CHECK(stats.entries == 156);
  CHECK(stats.calls == 260);
  // Every result text and final state, as a CPython 3.11 run of an independent Python model of
  // BEHAVIOUR.md (outside the repository, real json.dumps/float repr/datetime/random) printed them.
  CHECK(stats.digest == 0xcf5c41636525f846ULL);
}

}  // namespace
}  // namespace toolshift::bfcl
