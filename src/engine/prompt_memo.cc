#include "src/engine/prompt_memo.h"

#include "src/core/json_text.h"
#include "src/scoring/statistics.h"

namespace toolshift {
namespace {

const std::string* SystemOf(const Episode& e) {
  return !e.messages.empty() && e.messages.front().role == Role::kSystem ? &e.messages.front().content : nullptr;
}

uint64_t Mix(uint64_t h, std::string_view s) { return MixSeed(h, HashString(s.data(), s.size())); }

// Everything SystemText reads, hashed; tool schemas left to SameSystemTurn.
uint64_t KeyOf(const Episode& e) {
  const Presentation& p = e.presentation;
  uint64_t h = 0x51ed270b2d8f1a3bULL;
  for (std::string_view s : {std::string_view(e.dialect), std::string_view(p.schema), std::string_view(p.call_open),
                             std::string_view(p.call_close), std::string_view(p.prompt), std::string_view(p.bfcl_prompt)}) {
    h = Mix(h, s);
  }
  const std::string* system = SystemOf(e);
  h = MixSeed(h, system ? 1 : 0);
  if (system) h = Mix(h, *system);
  h = MixSeed(h, e.tools.size());
  for (const Tool& t : e.tools) h = Mix(Mix(h, t.name), t.description);
  return h;
}

}  // namespace

bool PromptMemo::SameSystemTurn(const Episode& a, const Episode& b) {
  if (&a == &b) return true;
  if (a.dialect != b.dialect || !(a.presentation == b.presentation) || a.tools.size() != b.tools.size()) return false;
  const std::string *sa = SystemOf(a), *sb = SystemOf(b);
  if ((sa == nullptr) != (sb == nullptr) || (sa && *sa != *sb)) return false;
  for (size_t i = 0; i < a.tools.size(); ++i) {
    const Tool &x = a.tools[i], &y = b.tools[i];
    if (x.name != y.name || x.description != y.description || !SameJsonText(x.parameters, y.parameters)) return false;
  }
  return true;
}

std::vector<Message> PromptMemo::Build(const Episode& episode, const Dialect& dialect) {
  const uint64_t key = KeyOf(episode);
  std::string text;
  bool found = false;
  {
    std::lock_guard<std::mutex> lock(mu_);
    for (auto [it, end] = entries_.equal_range(key); it != end; ++it) {
      if (SameSystemTurn(*it->second.episode, episode)) {
        text = it->second.text;
        found = true;
        break;
      }
    }
  }
  const std::string* system = SystemOf(episode);
  if (!found) {
    text = dialect.SystemText(system, episode.tools);  // outside the lock: this is the work
    std::lock_guard<std::mutex> lock(mu_);
    if (entries_.size() >= capacity_) entries_.clear();
    entries_.emplace(key, Entry{&episode, text});
  }
  // BuildPrompt's assembly (src/dialects/prompt_builder.cc).
  std::vector<Message> out = episode.messages;
  if (system) out.front().content = std::move(text);
  else if (!text.empty()) out.insert(out.begin(), Message{Role::kSystem, std::move(text), {}});
  return out;
}

}  // namespace toolshift
