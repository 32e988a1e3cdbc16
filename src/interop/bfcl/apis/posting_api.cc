// TwitterAPI (BFCL's posting_api.py): tweets, retweets, comments and a following list.
// BEHAVIOUR.md §4.
//
// The one aliasing that matters (⚠ in §4): post_tweet's `tags=[]` and `mentions=[]` defaults
// are single list objects of the Python function, shared by every tweet posted without them,
// in every instance of the process; mention() on such a tweet extends the shared list, so
// later tweets (the model's and the ground truth's alike) start with those names. The shared
// lists live in the BfclProcess slot kProcessSlot; a tweet remembers which of its lists are
// the shared ones and shows their current content whenever it is read.
#include <optional>
#include <stdexcept>

#include "src/interop/bfcl/apis/api.h"
#include "src/interop/bfcl/apis/py_ops.h"

namespace toolshift::bfcl {
namespace {

constexpr const char* kProcessSlot = "TwitterAPI.post_tweet defaults";

// post_tweet's default list objects, one per process.
struct SharedDefaults {
  PyList tags;
  PyList mentions;
};

PyValue S(const char* s) { return PyValue::Str(s); }
PyValue Error(std::string text) { return PyValue::Dict(PyDict{{S("error"), PyValue::Str(std::move(text))}}); }

// The default value Methods() gives `tags` and `mentions`: it stands for the function's own
// default object, which Invoke() replaces by the shared list (an opaque "list" no literal can
// produce, so an explicit `[]` stays a fresh list).
PyValue DefaultListMarker() { return PyValue::Opaque("list", "[]"); }
bool IsDefaultListMarker(const PyValue& v) {
  return v.is_opaque() && v.opaque_type() == "list" && v.opaque_repr() == "[]";
}

PyValue NotAuthenticated(const char* verb) {
  return Error(std::string("User not authenticated. Please authenticate before ") + verb + ".");
}

class TwitterApi : public ApiInstance {
 public:
  explicit TwitterApi(BfclProcess& process) : shared_(process.Slot<SharedDefaults>(kProcessSlot)) {}

  std::string_view ClassName() const override { return "TwitterAPI"; }

  void LoadScenario(const PyDict& scenario, bool /*long_context*/) override {
    auto get = [&](const char* key, PyValue fallback) {
      const PyValue* v = scenario.Find(key);
      return v ? *v : fallback;
    };
    username_ = get("username", S("john"));
    password_ = get("password", S("john123"));
    authenticated_ = get("authenticated", PyValue::Bool(false));
    PyValue tweets = get("tweets", PyValue::Dict());
    if (!tweets.is_dict()) ThrowNoAttribute(tweets, "items");
    tweets_ = PyDict();
    for (const auto& [key, tweet] : tweets.as_dict().items()) tweets_.Set(PyValue::Int(PyToInt(key)), tweet);
    aliases_.assign(tweets_.size(), Aliases{});
    comments_ = get("comments", PyValue::Dict());
    retweets_ = get("retweets", PyValue::Dict());
    following_list_ = get("following_list", PyValue::List({S("alice"), S("bob")}));
    tweet_counter_ = get("tweet_counter", PyValue::Int(0));
  }

  const std::vector<MethodSig>& Methods() const override {
    static const std::vector<MethodSig> kMethods = [] {
      std::vector<MethodSig> sigs;
      for (const Method& m : Table()) sigs.push_back(m.sig);
      return sigs;
    }();
    return kMethods;
  }

  PyValue Invoke(std::string_view method, std::vector<PyValue> args) override {
    for (const Method& m : Table()) {
      if (m.sig.name != method) continue;
      if (args.size() != m.sig.params.size())
        throw std::logic_error("TwitterAPI." + m.sig.name + ": arguments not bound to the signature");
      return (this->*m.fn)(args);
    }
    throw PyException("AttributeError", "'TwitterAPI' object has no attribute '" + std::string(method) + "'");
  }

  PyDict PublicState() const override {
    return PyDict{{S("username"), username_},          {S("password"), password_},
                  {S("authenticated"), authenticated_}, {S("tweets"), PyValue::Dict(TweetsNow())},
                  {S("comments"), comments_},          {S("retweets"), retweets_},
                  {S("following_list"), following_list_}, {S("tweet_counter"), tweet_counter_}};
  }

 private:
  using Args = std::vector<PyValue>;
  struct Method {
    MethodSig sig;
    PyValue (TwitterApi::*fn)(Args&);
  };
  // Which of a stored tweet's lists are the shared default objects.
  struct Aliases {
    bool tags = false;
    bool mentions = false;
  };

  // In the order of BFCL's posting_api.json.
  static const std::vector<Method>& Table() {
    static const std::vector<Method> kTable = {
        {{"authenticate_twitter", {{"username", {}}, {"password", {}}}}, &TwitterApi::Authenticate},
        {{"comment", {{"tweet_id", {}}, {"comment_content", {}}}}, &TwitterApi::Comment},
        {{"follow_user", {{"username_to_follow", {}}}}, &TwitterApi::FollowUser},
        {{"get_tweet", {{"tweet_id", {}}}}, &TwitterApi::GetTweet},
        {{"get_tweet_comments", {{"tweet_id", {}}}}, &TwitterApi::GetTweetComments},
        {{"get_user_stats", {{"username", {}}}}, &TwitterApi::GetUserStats},
        {{"get_user_tweets", {{"username", {}}}}, &TwitterApi::GetUserTweets},
        {{"list_all_following", {}}, &TwitterApi::ListAllFollowing},
        {{"mention", {{"tweet_id", {}}, {"mentioned_usernames", {}}}}, &TwitterApi::Mention},
        {{"post_tweet", {{"content", {}}, {"tags", DefaultListMarker()}, {"mentions", DefaultListMarker()}}},
         &TwitterApi::PostTweet},
        {{"posting_get_login_status", {}}, &TwitterApi::GetLoginStatus},
        {{"retweet", {{"tweet_id", {}}}}, &TwitterApi::Retweet},
        {{"search_tweets", {{"keyword", {}}}}, &TwitterApi::SearchTweets},
        {{"unfollow_user", {{"username_to_unfollow", {}}}}, &TwitterApi::UnfollowUser},
    };
    return kTable;
  }

  // The tweet at position `i` of tweets_, its shared lists filled in with their current content.
  PyValue TweetAt(size_t i) const {
    PyValue tweet = tweets_.items()[i].second;
    const Aliases& alias = aliases_[i];
    if ((alias.tags || alias.mentions) && tweet.is_dict()) {
      if (alias.tags) tweet.as_dict().Set("tags", PyValue::List(shared_.tags));
      if (alias.mentions) tweet.as_dict().Set("mentions", PyValue::List(shared_.mentions));
    }
    return tweet;
  }

  PyDict TweetsNow() const {
    PyDict out;
    for (size_t i = 0; i < tweets_.size(); ++i) out.Set(tweets_.items()[i].first, TweetAt(i));
    return out;
  }

  // Position of `tweet_id` in tweets_ (`tweet_id in self.tweets`, with its hashability check).
  std::optional<size_t> FindTweet(const PyValue& tweet_id) const {
    CheckHashable(tweet_id);
    const auto& items = tweets_.items();
    for (size_t i = 0; i < items.size(); ++i)
      if (PyEquals(items[i].first, tweet_id)) return i;
    return std::nullopt;
  }

  static PyValue TweetNotFound(const PyValue& tweet_id) {
    return Error("Tweet with ID " + PyStr(tweet_id) + " not found.");
  }

  PyValue Authenticate(Args& a) {
    if (PyEquals(a[0], username_) && PyEquals(a[1], password_)) {
      authenticated_ = PyValue::Bool(true);
      return PyValue::Dict(PyDict{{S("authentication_status"), PyValue::Bool(true)}});
    }
    return PyValue::Dict(PyDict{{S("authentication_status"), PyValue::Bool(false)}});
  }

  PyValue GetLoginStatus(Args&) {
    return PyValue::Dict(PyDict{{S("login_status"), PyValue::Bool(authenticated_.Truthy())}});
  }

  PyValue PostTweet(Args& a) {
    if (!authenticated_.Truthy()) return NotAuthenticated("posting");
    Aliases alias{IsDefaultListMarker(a[1]), IsDefaultListMarker(a[2])};
    PyValue tweet = PyValue::Dict(PyDict{{S("id"), tweet_counter_},
                                         {S("username"), username_},
                                         {S("content"), a[0]},
                                         {S("tags"), alias.tags ? PyValue::List() : a[1]},
                                         {S("mentions"), alias.mentions ? PyValue::List() : a[2]}});
    CheckHashable(tweet_counter_);
    size_t before = tweets_.size();
    tweets_.Set(tweet_counter_, tweet);
    std::optional<size_t> pos = FindTweet(tweet_counter_);
    if (tweets_.size() > before) aliases_.push_back(alias);
    else aliases_[*pos] = alias;
    tweet_counter_ = PyAdd(tweet_counter_, PyValue::Int(1), /*augmented=*/true);
    return TweetAt(*pos);
  }

  PyValue Retweet(Args& a) {
    const PyValue& id = a[0];
    if (!authenticated_.Truthy()) return NotAuthenticated("retweeting");
    if (!FindTweet(id)) return TweetNotFound(id);
    if (!retweets_.is_dict()) ThrowNoAttribute(retweets_, "__contains__");
    if (!PyContains(retweets_, username_)) retweets_.as_dict().Set(username_, PyValue::List());
    PyValue& mine = retweets_.as_dict().At(username_);
    if (PyContains(mine, id)) return PyValue::Dict(PyDict{{S("retweet_status"), S("Already retweeted")}});
    if (!mine.is_list()) ThrowNoAttribute(mine, "append");
    mine.as_list().push_back(id);
    return PyValue::Dict(PyDict{{S("retweet_status"), S("Successfully retweeted")}});
  }

  PyValue Comment(Args& a) {
    const PyValue& id = a[0];
    if (!authenticated_.Truthy()) return NotAuthenticated("commenting");
    if (!FindTweet(id)) return TweetNotFound(id);
    if (!comments_.is_dict()) ThrowNoAttribute(comments_, "__contains__");
    if (!PyContains(comments_, id)) comments_.as_dict().Set(id, PyValue::List());
    PyValue& list = comments_.as_dict().At(id);
    if (!list.is_list()) ThrowNoAttribute(list, "append");
    list.as_list().push_back(PyValue::Dict(PyDict{{S("username"), username_}, {S("content"), a[1]}}));
    return PyValue::Dict(PyDict{{S("comment_status"), S("Comment added successfully")}});
  }

  PyValue Mention(Args& a) {
    const PyValue& id = a[0];
    std::optional<size_t> pos = FindTweet(id);  // no authentication check in BFCL
    if (!pos) return TweetNotFound(id);
    PyList* target = &shared_.mentions;
    if (!aliases_[*pos].mentions) {
      PyValue& tweet = tweets_.mutable_items()[*pos].second;
      if (!tweet.is_dict()) PySubscript(tweet, S("mentions"));  // raises as tweet["mentions"] would
      PyValue& mentions = tweet.as_dict().At(S("mentions"));
      if (!mentions.is_list()) ThrowNoAttribute(mentions, "extend");
      target = &mentions.as_list();
    }
    PyList added = PyIterate(a[1]);
    target->insert(target->end(), added.begin(), added.end());
    return PyValue::Dict(PyDict{{S("mention_status"), S("Users mentioned successfully")}});
  }

  PyValue FollowUser(Args& a) {
    if (!authenticated_.Truthy()) return NotAuthenticated("following");
    if (PyContains(following_list_, a[0])) return PyValue::Dict(PyDict{{S("follow_status"), PyValue::Bool(false)}});
    if (!following_list_.is_list()) ThrowNoAttribute(following_list_, "append");
    following_list_.as_list().push_back(a[0]);
    return PyValue::Dict(PyDict{{S("follow_status"), PyValue::Bool(true)}});
  }

  PyValue ListAllFollowing(Args&) {
    if (!authenticated_.Truthy()) return NotAuthenticated("listing following");
    return PyValue::Dict(PyDict{{S("following_list"), following_list_}});
  }

  PyValue UnfollowUser(Args& a) {
    if (!authenticated_.Truthy()) return NotAuthenticated("unfollowing");
    if (!PyContains(following_list_, a[0]))
      return PyValue::Dict(PyDict{{S("unfollow_status"), PyValue::Bool(false)}});
    if (!following_list_.is_list()) ThrowNoAttribute(following_list_, "remove");
    PyList& list = following_list_.as_list();
    for (auto it = list.begin(); it != list.end(); ++it)
      if (PyEquals(*it, a[0])) {
        list.erase(it);
        break;
      }
    return PyValue::Dict(PyDict{{S("unfollow_status"), PyValue::Bool(true)}});
  }

  PyValue GetTweet(Args& a) {
    std::optional<size_t> pos = FindTweet(a[0]);
    if (!pos) return TweetNotFound(a[0]);
    return TweetAt(*pos);
  }

  PyValue GetUserTweets(Args& a) {
    PyList out;
    for (size_t i = 0; i < tweets_.size(); ++i) {
      PyValue tweet = TweetAt(i);
      if (PyEquals(PySubscript(tweet, S("username")), a[0])) out.push_back(std::move(tweet));
    }
    return PyValue::List(std::move(out));
  }

  PyValue SearchTweets(Args& a) {
    const PyValue& keyword = a[0];
    PyList out;
    for (size_t i = 0; i < tweets_.size(); ++i) {
      PyValue tweet = TweetAt(i);
      // keyword.lower() is evaluated per tweet, as in the comprehension: no tweets, no error.
      PyValue word = PyValue::Str(PyStrLower(keyword));
      bool match = PyContains(PyValue::Str(PyStrLower(PySubscript(tweet, S("content")))), word);
      if (!match) {
        PyList tags;
        for (const PyValue& tag : PyIterate(PySubscript(tweet, S("tags")))) tags.push_back(PyValue::Str(PyStrLower(tag)));
        match = PyContains(PyValue::List(std::move(tags)), PyValue::Str(PyStrLower(keyword)));
      }
      if (match) out.push_back(std::move(tweet));
    }
    return PyValue::List(std::move(out));
  }

  PyValue GetTweetComments(Args& a) {
    if (!FindTweet(a[0])) return TweetNotFound(a[0]);
    return PyDictGet(comments_, a[0], PyValue::List());
  }

  PyValue GetUserStats(Args& a) {
    const PyValue& user = a[0];
    int64_t tweet_count = 0;
    for (size_t i = 0; i < tweets_.size(); ++i)
      if (PyEquals(PySubscript(tweets_.items()[i].second, S("username")), user)) ++tweet_count;
    int64_t following_count = PyEquals(user, username_) ? static_cast<int64_t>(PyLenOf(following_list_)) : 0;
    int64_t retweet_count = static_cast<int64_t>(PyLenOf(PyDictGet(retweets_, user, PyValue::List())));
    return PyValue::Dict(PyDict{{S("tweet_count"), PyValue::Int(tweet_count)},
                                {S("following_count"), PyValue::Int(following_count)},
                                {S("retweet_count"), PyValue::Int(retweet_count)}});
  }

  SharedDefaults& shared_;
  PyValue username_ = S("john");
  PyValue password_ = S("john123");
  PyValue authenticated_ = PyValue::Bool(false);
  PyDict tweets_;
  std::vector<Aliases> aliases_;  // parallel to tweets_.items() (tweets are never removed)
  PyValue comments_ = PyValue::Dict();
  PyValue retweets_ = PyValue::Dict();
  PyValue following_list_ = PyValue::List({S("alice"), S("bob")});
  PyValue tweet_counter_ = PyValue::Int(0);
};

}  // namespace

std::unique_ptr<ApiInstance> MakeTwitterApi(BfclProcess& process) { return std::make_unique<TwitterApi>(process); }

}  // namespace toolshift::bfcl
