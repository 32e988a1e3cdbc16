// PromptMemo: the prompts of a run's requests, with each distinct system turn rendered once.
//
// A dialect's system text (instructions plus the tool list in the presentation's schema
// style) is a pure function of the dialect, its presentation, the episode's own system text
// and the tools; rendering it (schemas dumped, escaped, laid out) was the largest part of
// encoding a request. Episodes of a suite share a few tool lists (the built-in format suites:
// 15 distinct lists in 96 episodes) and every --epochs sample repeats its episode's, so the
// memo renders each distinct one once and copies it after. The messages are BuildPrompt's,
// byte for byte (a test checks every built-in suite).
//
// Thread-safe. It points at the episodes' tools, so the suites must outlive it.
#ifndef TOOLSHIFT_ENGINE_PROMPT_MEMO_H_
#define TOOLSHIFT_ENGINE_PROMPT_MEMO_H_

#include <cstdint>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "src/core/episode.h"
#include "src/dialects/dialect.h"

namespace toolshift {

class PromptMemo {
 public:
  // At most `capacity` distinct system turns are kept; past it the memo starts afresh (a
  // run over many distinct tool lists costs what it did without the memo, not more memory).
  explicit PromptMemo(size_t capacity = 4096) : capacity_(capacity) {}

  // BuildPrompt(episode, dialect): `dialect` must be the one made for `episode`
  // (MakeDialect(episode.dialect, episode.presentation)).
  std::vector<Message> Build(const Episode& episode, const Dialect& dialect);

 private:
  struct Entry {
    const Episode* episode;  // whose dialect, presentation, system text and tools it was rendered for
    std::string text;
  };
  // True when `a` and `b` render the same system turn.
  static bool SameSystemTurn(const Episode& a, const Episode& b);

  const size_t capacity_;
  std::mutex mu_;
  std::unordered_multimap<uint64_t, Entry> entries_;
};

}  // namespace toolshift

#endif  // TOOLSHIFT_ENGINE_PROMPT_MEMO_H_
