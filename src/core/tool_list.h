// ToolList: an episode's tools, shared between the episodes that offer the same ones.
//
// Most episodes of a suite offer one of a few tool lists (a domain's tools), and a
// format-shifted twin often offers its base's very list; parsed, a list costs kilobytes. A
// ToolList holds its tools behind a shared pointer, so copies share them, and a
// ToolListInterner makes equal lists parsed apart share one copy: a run over 100,000
// episodes holds each distinct list once.
//
// It reads like a std::vector<Tool> (and converts to one), and writes copy-on-write: a
// non-const access first gives the list its own copy if another list shares it. As with any
// copy-on-write value, a reference taken through non-const access must not be held across a
// copy of the list it came from (the copy would see later writes through it).
#ifndef TOOLSHIFT_CORE_TOOL_LIST_H_
#define TOOLSHIFT_CORE_TOOL_LIST_H_

#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <memory>
#include <unordered_map>
#include <vector>

#include "src/core/tool.h"

namespace toolshift {

class ToolList {
 public:
  using value_type = Tool;
  using iterator = std::vector<Tool>::iterator;
  using const_iterator = std::vector<Tool>::const_iterator;

  ToolList() = default;
  ToolList(std::vector<Tool> tools);  // NOLINT: implicit, so a vector assigns as before
  ToolList(std::initializer_list<Tool> tools) : ToolList(std::vector<Tool>(tools)) {}

  // Read access: never copies.
  const std::vector<Tool>& get() const;
  operator const std::vector<Tool>&() const { return get(); }  // NOLINT: reads as the vector it wraps
  const_iterator begin() const { return get().begin(); }
  const_iterator end() const { return get().end(); }
  size_t size() const { return get().size(); }
  bool empty() const { return get().empty(); }
  const Tool& front() const { return get().front(); }
  const Tool& back() const { return get().back(); }
  const Tool& operator[](size_t i) const { return get()[i]; }

  // Write access: the list's own vector, copied first if it is shared.
  std::vector<Tool>& Mutable();
  iterator begin() { return Mutable().begin(); }
  iterator end() { return Mutable().end(); }
  Tool& front() { return Mutable().front(); }
  Tool& back() { return Mutable().back(); }
  Tool& operator[](size_t i) { return Mutable()[i]; }
  void push_back(Tool tool) { Mutable().push_back(std::move(tool)); }
  iterator insert(const_iterator at, Tool tool);

  // True when both lists hold the very same tools object (interned or copied from each other).
  bool SharesWith(const ToolList& other) const { return tools_ && tools_ == other.tools_; }

 private:
  friend class ToolListInterner;
  std::shared_ptr<std::vector<Tool>> tools_;  // null: empty
};

// Equal tool lists, exactly: names, descriptions and schemas alike, numbers of the same JSON
// type (1 and 1.0 are different schemas to show a model).
bool SameTools(const std::vector<Tool>& a, const std::vector<Tool>& b);

// Makes equal lists share one copy. Not thread-safe: one interner per loading thread, or a
// pass over loaded suites.
class ToolListInterner {
 public:
  // Replaces `list` by an earlier equal one's shared copy, or remembers it as the first.
  void Intern(ToolList& list);
  // Distinct lists seen so far.
  size_t distinct() const { return distinct_; }

 private:
  std::unordered_multimap<uint64_t, std::shared_ptr<std::vector<Tool>>> by_hash_;
  // Lists already interned here (by address), so a list shared many times is hashed once.
  std::unordered_map<const std::vector<Tool>*, std::shared_ptr<std::vector<Tool>>> seen_;
  std::vector<std::shared_ptr<std::vector<Tool>>> originals_;  // keeps seen_'s keys from being reused
  size_t distinct_ = 0;
};

}  // namespace toolshift

#endif  // TOOLSHIFT_CORE_TOOL_LIST_H_
