// RunStore: a run's durable state in one SQLite file.
//
//   journal: every finished model reply of the run, keyed by (suite, episode, epoch), written
//            as it arrives (WAL, one transaction each), so a run killed at any moment
//            resumes without asking the backend again for what it already answered.
//   cache:   replies keyed by a hash of (adapter, model, canonical request body, epoch), so
//            an identical request in a later run is answered from disk; repeated epochs
//            have different keys and stay independent samples.
//
// Only successful replies are stored: a backend error is retried by a resumed run. Keys
// and headers never reach the store (request bodies are hashed, never stored). Thread-safe.
#ifndef TOOLSHIFT_ENGINE_RUN_STORE_H_
#define TOOLSHIFT_ENGINE_RUN_STORE_H_

#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "adapters/adapter.h"
#include "src/scoring/reply_limits.h"

struct sqlite3;

namespace toolshift {

struct StoredReply {
  ChatResponse response;
  double latency_ms = 0;
  int attempts = 1;
  std::vector<Message> replies;  // journal of a multi-step episode: every reply, in order
  // Journal of an episode with a simulated user: the user's messages, in order (journals written
  // before users existed have none), and whether the episode was still being played when this
  // was written (a run killed mid-episode resumes from here).
  std::vector<Message> user_turns;
  bool partial = false;
};

class RunStore {
 public:
  // Opens or creates the store. Throws std::runtime_error naming `path` on failure.
  explicit RunStore(const std::string& path);
  ~RunStore();
  RunStore(const RunStore&) = delete;
  RunStore& operator=(const RunStore&) = delete;

  using JournalKey = std::tuple<std::string, std::string, int>;  // suite, episode id, epoch
  void Journal(const JournalKey& key, const StoredReply& reply);
  // Several replies in one transaction: one commit instead of one per reply, which is what
  // lets the event loop keep hundreds of requests in flight.
  void Journal(const std::vector<std::pair<JournalKey, const StoredReply*>>& entries);
  std::map<JournalKey, StoredReply> LoadJournal();

  std::optional<StoredReply> CacheLookup(const std::string& key);
  void CacheStore(const std::string& key, const StoredReply& reply);
  void CacheStore(const std::vector<std::pair<std::string, const StoredReply*>>& entries);

  const std::string& path() const { return path_; }

 private:
  void Exec(const char* sql);
  std::string path_;
  sqlite3* db_ = nullptr;
  std::mutex mu_;
};

// Makes a reply fit to keep, where it enters the engine: the message bounded (BoundReply:
// a reply past a limit marked unread and cut) and log-probabilities nesting past
// kMaxJsonDepth dropped. Everything after this point may copy, dump and walk it.
void BoundResponse(ChatResponse& response, const ReplyLimits& limits);

// A reply as JSON and back (message, usage, logprobs); used by the store and by merge. Writing
// never recurses into a value past kMaxJsonDepth: such a message is written unread and cut
// (as BoundReply would), deep log-probabilities are left out.
Json ReplyToJson(const ChatResponse& response);
// Throws std::runtime_error on a shape it cannot read.
ChatResponse ReplyFromJson(const Json& j);
// Reads a message written by ToJson(const Message&).
Message MessageFromJson(const Json& j);

// The cache key of a request: hex SHA-256 of adapter name, request body and epoch.
std::string CacheKey(const std::string& adapter, const std::string& body, int epoch);

}  // namespace toolshift

#endif  // TOOLSHIFT_ENGINE_RUN_STORE_H_
