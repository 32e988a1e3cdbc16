// Fuzz target: the run store (journal and cache) round trip. The input is used twice:
//  - as a reply: its text as the message content, and as JSON (bounded parse) for a tool
//    call's arguments and the log-probabilities, wrapped in as many extra levels as its first
//    byte asks (up to 255 * 8, past kMaxJsonDepth); written to the journal and the cache and
//    read back, writing what was read must give the same stored text, and a value past the
//    depth limit must come back marked unread, never recursed into;
//  - as the stored text of a journal row written behind the store's back: loading it returns
//    or throws std::runtime_error (the store's "cannot read" error), nothing else.
#include <sqlite3.h>
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "src/core/json_limits.h"
#include "src/engine/run_store.h"

namespace {

using namespace toolshift;

[[noreturn]] void Finding(const std::string& what) {
  std::fprintf(stderr, "finding: %s\n", what.c_str());
  std::abort();
}

const std::string& StorePath() {
  static const std::string path = "/tmp/toolshift-fuzz-run-store-" + std::to_string(::getpid()) + ".sqlite";
  static const int cleanup = std::atexit([] {
    for (const char* suffix : {"", "-wal", "-shm"}) std::remove((StorePath() + suffix).c_str());
  });
  (void)cleanup;
  return path;
}

void RoundTrip(const std::string& text) {
  bool too_deep = false;
  Json value = TryParseJsonBounded(text, &too_deep);
  if (value.is_discarded()) value = text;
  const size_t wrap = text.empty() ? 0 : static_cast<unsigned char>(text[0]) * 8;
  for (size_t i = 0; i < wrap; ++i) {  // moved in: Json::array({...}) would copy the whole value, recursively
    Json outer = Json::array();
    outer.push_back(std::move(value));
    value = std::move(outer);
  }
  StoredReply reply;
  reply.response.message.content = text;
  reply.response.message.tool_calls.push_back(ToolCall{"f", value, "id"});
  reply.response.logprobs = value;
  reply.replies.push_back(reply.response.message);
  const bool deep = JsonNestsDeeper(value);

  RunStore store(":memory:");  // the round trip needs no file: thousands of runs a second, not tens
  store.Journal({"s", "e", 0}, reply);
  store.CacheStore("k", reply);
  const auto journal = store.LoadJournal();
  const auto cached = store.CacheLookup("k");
  if (journal.size() != 1 || !cached) Finding("a stored reply was not read back");
  for (const ChatResponse* back : {&journal.begin()->second.response, &cached->response}) {
    if (deep) {
      if (back->message.unread.empty() || !back->message.tool_calls.empty() || !back->logprobs.is_null()) {
        Finding("a reply past the depth limit came back unmarked");
      }
    }
    if (DumpJson(ReplyToJson(*back)) != DumpJson(ReplyToJson(reply.response)) && !deep) {
      Finding("writing what was read changed the stored text");
    }
  }
}

void RawRow(const std::string& text) {
  {
    RunStore create(StorePath());  // the tables
  }
  sqlite3* db = nullptr;
  if (sqlite3_open(StorePath().c_str(), &db) != SQLITE_OK) Finding("cannot open the store file");
  sqlite3_exec(db, "DELETE FROM journal", nullptr, nullptr, nullptr);
  sqlite3_stmt* st = nullptr;
  sqlite3_prepare_v2(db, "INSERT INTO journal VALUES ('s', 'e', 0, ?, 1.0, 1)", -1, &st, nullptr);
  sqlite3_bind_text(st, 1, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT);
  sqlite3_step(st);
  sqlite3_finalize(st);
  sqlite3_close(db);
  try {
    RunStore store(StorePath());
    (void)store.LoadJournal();
  } catch (const std::runtime_error&) {
  } catch (const std::exception& e) {
    Finding(std::string("escaped exception: ") + e.what());
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  RoundTrip(text);
  RawRow(text);
  return 0;
}
