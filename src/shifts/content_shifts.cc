// Content shifts derived from in-distribution episodes: the tool set changes, so the task
// does too, while each episode keeps a true in-distribution twin.
#include <array>
#include <set>

#include "src/shifts/shift_kinds.h"

namespace toolshift {
namespace {

// Every tool of a suite, first definition of each name wins, in suite order.
std::vector<Tool> ToolUniverse(const Suite& suite) {
  std::vector<Tool> out;
  std::set<std::string> seen;
  for (const auto& e : suite.episodes) {
    for (const auto& t : e.tools) {
      if (seen.insert(t.name).second) out.push_back(t);
    }
  }
  return out;
}

std::set<std::string> ExpectedTools(const Episode& e) {
  std::set<std::string> names;
  for (const auto& c : e.expected) names.insert(c.name);
  return names;
}

// Near-miss tools beside each needed tool: same parameters, a similar name, a description
// that makes them the wrong choice for a careful reader.
class DistractorShift : public Shift {
 public:
  std::string kind() const override { return "distractors"; }
  Split split() const override { return Split::kContent; }
  bool AppliesTo(const Episode& e) const override { return !e.multi && !e.ExpectsNoCall(); }
  Episode Apply(const Episode& base, SplitMix64& rng) const override {
    static const std::array<std::pair<const char*, const char*>, 4> kVariants = {{
        {"_legacy", "Deprecated alias kept for old clients; it is disabled and always fails. Do not use."},
        {"_preview", "Dry run only: reports what the action would do without doing it."},
        {"_batch", "Queues the request for an overnight batch job instead of performing it now."},
        {"_admin", "Administrators only: performs the action for another user's account."},
    }};
    Episode e = base;
    std::set<std::string> names;
    for (const auto& t : e.tools) names.insert(t.name);
    for (const auto& needed : ExpectedTools(base)) {
      const Tool* tool = FindTool(base.tools, needed);
      const size_t first = rng.Below(kVariants.size());
      for (size_t k = 0; k < 2; ++k) {
        const auto& [suffix, description] = kVariants[(first + k) % kVariants.size()];
        Tool d = *tool;
        d.name = needed + suffix;
        d.description = description;
        if (names.insert(d.name).second) e.tools.insert(e.tools.begin() + static_cast<long>(rng.Below(e.tools.size() + 1)), d);
      }
    }
    return e;
  }
};

class LongToolListShift : public Shift {
 public:
  bool AppliesTo(const Episode& e) const override { return !e.multi; }
  static constexpr size_t kTarget = 32;
  std::string kind() const override { return "long-tool-list"; }
  Split split() const override { return Split::kContent; }
  void Prepare(const Suite& base) override { universe_ = ToolUniverse(base); }
  Episode Apply(const Episode& base, SplitMix64& rng) const override {
    Episode e = base;
    std::set<std::string> names;
    for (const auto& t : e.tools) names.insert(t.name);
    std::vector<const Tool*> pool;
    for (const auto& t : universe_) {
      if (!names.count(t.name)) pool.push_back(&t);
    }
    Shuffle(pool, rng);
    for (size_t i = 0; i < pool.size() && e.tools.size() < kTarget; ++i) e.tools.push_back(*pool[i]);
    Shuffle(e.tools.Mutable(), rng);
    return e;
  }

 private:
  std::vector<Tool> universe_;
};

// The tools the request needs are taken away: the right answer becomes no call.
class IrrelevanceShift : public Shift {
 public:
  std::string kind() const override { return "irrelevance"; }
  Split split() const override { return Split::kContent; }
  bool AppliesTo(const Episode& e) const override { return !e.multi && !e.ExpectsNoCall(); }
  void Prepare(const Suite& base) override { universe_ = ToolUniverse(base); }
  Episode Apply(const Episode& base, SplitMix64& rng) const override {
    Episode e = base;
    const std::set<std::string> needed = ExpectedTools(base);
    std::vector<Tool> kept;
    for (const auto& t : e.tools) {
      if (!needed.count(t.name)) kept.push_back(t);
    }
    // Keep something on offer, from other domains, so "no call" is a choice and not the only option.
    std::vector<const Tool*> pool;
    for (const auto& t : universe_) {
      if (!needed.count(t.name) && !FindTool(kept, t.name)) pool.push_back(&t);
    }
    Shuffle(pool, rng);
    for (size_t i = 0; i < pool.size() && kept.size() < 2; ++i) kept.push_back(*pool[i]);
    e.tools = std::move(kept);
    e.expected.clear();
    e.category = Category::kIrrelevance;
    return e;
  }

 private:
  std::vector<Tool> universe_;
};

}  // namespace

std::vector<std::string> ContentShiftKinds() { return {"distractors", "long-tool-list", "irrelevance"}; }

std::unique_ptr<Shift> MakeContentShift(const std::string& kind) {
  if (kind == "distractors") return std::make_unique<DistractorShift>();
  if (kind == "long-tool-list") return std::make_unique<LongToolListShift>();
  if (kind == "irrelevance") return std::make_unique<IrrelevanceShift>();
  return nullptr;
}

}  // namespace toolshift
