#include "src/engine/run_store.h"

#include <sqlite3.h>

#include <stdexcept>

#include "src/core/json_limits.h"
#include "src/core/sha256.h"

namespace toolshift {
namespace {

// A prepared statement, finalized on scope exit.
class Statement {
 public:
  Statement(sqlite3* db, const char* sql, const std::string& path) {
    if (sqlite3_prepare_v2(db, sql, -1, &stmt_, nullptr) != SQLITE_OK) {
      throw std::runtime_error(path + ": " + sqlite3_errmsg(db));
    }
  }
  ~Statement() { sqlite3_finalize(stmt_); }
  Statement& Bind(int i, const std::string& s) {
    sqlite3_bind_text(stmt_, i, s.data(), static_cast<int>(s.size()), SQLITE_TRANSIENT);
    return *this;
  }
  Statement& Bind(int i, int64_t v) {
    sqlite3_bind_int64(stmt_, i, v);
    return *this;
  }
  Statement& Bind(int i, double v) {
    sqlite3_bind_double(stmt_, i, v);
    return *this;
  }
  int Step() { return sqlite3_step(stmt_); }
  // Ready for the next row of an INSERT run in a loop.
  void Reset() {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
  }
  std::string Text(int col) const {
    const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, col));
    return p ? std::string(p, static_cast<size_t>(sqlite3_column_bytes(stmt_, col))) : std::string();
  }
  double Double(int col) const { return sqlite3_column_double(stmt_, col); }
  int64_t Int(int col) const { return sqlite3_column_int64(stmt_, col); }

 private:
  sqlite3_stmt* stmt_ = nullptr;
};

// A message as JSON without recursing into arguments past kMaxJsonDepth: such a message is
// written as BoundReply leaves it (depth is the only limit the store can judge by itself).
Json StorableMessage(const Message& m) {
  for (size_t i = 0; i < m.tool_calls.size() && m.unread.empty(); ++i) {
    if (!JsonNestsDeeper(m.tool_calls[i].arguments)) continue;
    Message cut{m.role, m.content, {}, m.tool_call_id, m.name};
    cut.finish_reason = m.finish_reason;
    BoundReply(cut, ReplyLimits{});  // the text alone may still be over the default size limit
    if (cut.unread.empty()) cut.unread = "tool call " + std::to_string(i + 1) + "'s arguments nest " + TooDeepText() + "; not read";
    if (cut.content.size() > kUnreadPrefixBytes) cut.content.resize(kUnreadPrefixBytes);
    return ToJson(cut);
  }
  return ToJson(m);
}

std::string StoredJson(const StoredReply& reply) {
  Json j = ReplyToJson(reply.response);
  if (!reply.replies.empty()) {
    j["replies"] = Json::array();
    for (const auto& m : reply.replies) j["replies"].push_back(StorableMessage(m));
  }
  if (!reply.user_turns.empty()) {
    j["user_turns"] = Json::array();
    for (const auto& m : reply.user_turns) j["user_turns"].push_back(StorableMessage(m));
  }
  if (reply.partial) j["partial"] = true;
  return DumpJson(j);
}

StoredReply ReadReply(const Statement& s, int col, const std::string& path) {
  StoredReply r;
  bool too_deep = false;
  Json j;
  try {
    j = ParseJsonBounded(s.Text(col), &too_deep);
  } catch (const Json::exception& e) {
    throw std::runtime_error(path + ": a stored reply is not JSON (" + JsonErrorText(e) + ")");
  }
  if (too_deep) throw std::runtime_error(path + ": a stored reply nests " + TooDeepText() + " (not written by toolshift)");
  try {
    r.response = ReplyFromJson(j);
    if (auto it = j.find("replies"); it != j.end() && it->is_array()) {
      for (const auto& m : *it) r.replies.push_back(MessageFromJson(m));
    }
    if (auto it = j.find("user_turns"); it != j.end() && it->is_array()) {
      for (const auto& m : *it) r.user_turns.push_back(MessageFromJson(m));
    }
    if (auto it = j.find("partial"); it != j.end()) r.partial = it->get<bool>();
  } catch (const Json::exception& e) {  // a field of the wrong type
    throw std::runtime_error(path + ": a stored reply has an unreadable field (" + JsonErrorText(e) + ")");
  }
  r.latency_ms = s.Double(col + 1);
  r.attempts = static_cast<int>(s.Int(col + 2));
  return r;
}

}  // namespace

void BoundResponse(ChatResponse& response, const ReplyLimits& limits) {
  BoundReply(response.message, limits);
  if (JsonNestsDeeper(response.logprobs)) response.logprobs = Json();
}

Json ReplyToJson(const ChatResponse& response) {
  Json j = {{"message", StorableMessage(response.message)}};
  if (response.usage.reported) {
    j["usage"] = {{"prompt_tokens", response.usage.prompt_tokens}, {"completion_tokens", response.usage.completion_tokens}};
    if (response.usage.cache_reported) j["usage"]["cached_prompt_tokens"] = response.usage.cached_prompt_tokens;
  }
  if (!response.logprobs.is_null() && !JsonNestsDeeper(response.logprobs)) j["logprobs"] = response.logprobs;
  return j;
}

Message MessageFromJson(const Json& j) {
  Message m;
  if (!j.is_object()) throw std::runtime_error("a message must be an object");
  auto role = ParseRole(j.value("role", "assistant"));
  if (!role) throw std::runtime_error("unknown message role");
  m.role = *role;
  if (j.contains("content") && j["content"].is_string()) m.content = j["content"].get<std::string>();
  if (j.contains("tool_calls") && j["tool_calls"].is_array()) {
    for (const auto& c : j["tool_calls"]) {
      ToolCall call;
      call.name = c.value("name", "");
      call.arguments = c.contains("arguments") ? c["arguments"] : Json::object();
      call.id = c.value("id", "");
      m.tool_calls.push_back(std::move(call));
    }
  }
  m.tool_call_id = j.value("tool_call_id", "");
  m.name = j.value("name", "");
  m.unread = j.value("unread", "");
  if (auto f = j.find("finish_reason"); f != j.end() && f->is_string()) m.finish_reason = f->get<std::string>();
  return m;
}

ChatResponse ReplyFromJson(const Json& j) {
  ChatResponse r;
  if (!j.is_object() || !j.contains("message")) throw std::runtime_error("a stored reply needs \"message\"");
  r.message = MessageFromJson(j["message"]);
  if (j.contains("usage") && j["usage"].is_object()) {
    r.usage.prompt_tokens = j["usage"].value("prompt_tokens", int64_t{0});
    r.usage.completion_tokens = j["usage"].value("completion_tokens", int64_t{0});
    r.usage.reported = true;
    if (j["usage"].contains("cached_prompt_tokens") && j["usage"]["cached_prompt_tokens"].is_number_integer()) {
      r.usage.cached_prompt_tokens = j["usage"]["cached_prompt_tokens"].get<int64_t>();
      r.usage.cache_reported = true;
    }
  }
  if (j.contains("logprobs")) r.logprobs = j["logprobs"];
  return r;
}

std::string CacheKey(const std::string& adapter, const std::string& body, int epoch) {
  Sha256 h;
  h.Update(adapter);
  h.Update(std::string_view("\x1f", 1));
  h.Update(body);
  h.Update(std::string_view("\x1f", 1));
  h.Update(std::to_string(epoch));
  return h.Hex();
}

RunStore::RunStore(const std::string& path) : path_(path) {
  if (sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX, nullptr) !=
      SQLITE_OK) {
    const std::string msg = db_ ? sqlite3_errmsg(db_) : "out of memory";
    sqlite3_close(db_);
    db_ = nullptr;
    throw std::runtime_error(path + ": cannot open the run store: " + msg);
  }
  sqlite3_busy_timeout(db_, 5000);
  try {
    Exec("PRAGMA journal_mode=WAL");
    Exec("PRAGMA synchronous=NORMAL");
    Exec("CREATE TABLE IF NOT EXISTS journal (suite TEXT NOT NULL, episode TEXT NOT NULL, epoch INTEGER NOT NULL, "
         "reply TEXT NOT NULL, latency_ms REAL NOT NULL, attempts INTEGER NOT NULL, "
         "PRIMARY KEY (suite, episode, epoch))");
    Exec("CREATE TABLE IF NOT EXISTS cache (key TEXT PRIMARY KEY, reply TEXT NOT NULL, latency_ms REAL NOT NULL, "
         "attempts INTEGER NOT NULL)");
  } catch (...) {
    sqlite3_close(db_);
    db_ = nullptr;
    throw;
  }
}

RunStore::~RunStore() {
  if (db_) sqlite3_close(db_);
}

void RunStore::Exec(const char* sql) {
  char* err = nullptr;
  if (sqlite3_exec(db_, sql, nullptr, nullptr, &err) != SQLITE_OK) {
    const std::string msg = err ? err : "unknown error";
    sqlite3_free(err);
    throw std::runtime_error(path_ + ": " + msg);
  }
}

void RunStore::Journal(const JournalKey& key, const StoredReply& reply) { Journal({{key, &reply}}); }

void RunStore::Journal(const std::vector<std::pair<JournalKey, const StoredReply*>>& entries) {
  if (entries.empty()) return;
  std::lock_guard<std::mutex> lock(mu_);
  Exec("BEGIN");
  try {
    Statement s(db_, "INSERT OR REPLACE INTO journal VALUES (?, ?, ?, ?, ?, ?)", path_);
    for (const auto& [key, reply] : entries) {
      s.Reset();
      s.Bind(1, std::get<0>(key)).Bind(2, std::get<1>(key)).Bind(3, int64_t{std::get<2>(key)});
      s.Bind(4, StoredJson(*reply)).Bind(5, reply->latency_ms).Bind(6, int64_t{reply->attempts});
      if (s.Step() != SQLITE_DONE) throw std::runtime_error(path_ + ": journal write failed: " + sqlite3_errmsg(db_));
    }
  } catch (...) {
    sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
    throw;
  }
  Exec("COMMIT");
}

std::map<RunStore::JournalKey, StoredReply> RunStore::LoadJournal() {
  std::lock_guard<std::mutex> lock(mu_);
  std::map<JournalKey, StoredReply> out;
  Statement s(db_, "SELECT suite, episode, epoch, reply, latency_ms, attempts FROM journal", path_);
  while (s.Step() == SQLITE_ROW) {
    out.emplace(JournalKey{s.Text(0), s.Text(1), static_cast<int>(s.Int(2))}, ReadReply(s, 3, path_));
  }
  return out;
}

std::optional<StoredReply> RunStore::CacheLookup(const std::string& key) {
  std::lock_guard<std::mutex> lock(mu_);
  Statement s(db_, "SELECT reply, latency_ms, attempts FROM cache WHERE key = ?", path_);
  s.Bind(1, key);
  if (s.Step() != SQLITE_ROW) return std::nullopt;
  try {
    return ReadReply(s, 0, path_);
  } catch (const std::exception&) {
    return std::nullopt;  // an entry toolshift cannot read is a miss: the request is sent again
  }
}

void RunStore::CacheStore(const std::string& key, const StoredReply& reply) { CacheStore({{key, &reply}}); }

void RunStore::CacheStore(const std::vector<std::pair<std::string, const StoredReply*>>& entries) {
  if (entries.empty()) return;
  std::lock_guard<std::mutex> lock(mu_);
  Exec("BEGIN");
  try {
    Statement s(db_, "INSERT OR REPLACE INTO cache VALUES (?, ?, ?, ?)", path_);
    for (const auto& [key, reply] : entries) {
      s.Reset();
      s.Bind(1, key).Bind(2, DumpJson(ReplyToJson(reply->response))).Bind(3, reply->latency_ms);
      s.Bind(4, int64_t{reply->attempts});
      if (s.Step() != SQLITE_DONE) throw std::runtime_error(path_ + ": cache write failed: " + sqlite3_errmsg(db_));
    }
  } catch (...) {
    sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
    throw;
  }
  Exec("COMMIT");
}

}  // namespace toolshift
