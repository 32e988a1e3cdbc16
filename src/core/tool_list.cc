#include "src/core/tool_list.h"

#include <functional>
#include <string_view>
#include <utility>

namespace toolshift {
namespace {

uint64_t Mix(uint64_t h, uint64_t v) {
  h ^= v + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2);
  return h;
}

uint64_t HashText(std::string_view s) { return std::hash<std::string_view>{}(s); }

// Walks without recursion: schemas nest as deep as toolshift's JSON limit allows.
uint64_t HashJson(const Json& root) {
  uint64_t h = 0;
  std::vector<const Json*> stack = {&root};
  while (!stack.empty()) {
    const Json* j = stack.back();
    stack.pop_back();
    h = Mix(h, static_cast<uint64_t>(j->type()));
    switch (j->type()) {
      case Json::value_t::object:
        h = Mix(h, j->size());
        for (auto it = j->begin(); it != j->end(); ++it) {
          h = Mix(h, HashText(it.key()));
          stack.push_back(&it.value());
        }
        break;
      case Json::value_t::array:
        h = Mix(h, j->size());
        for (const Json& v : *j) stack.push_back(&v);
        break;
      case Json::value_t::string:
        h = Mix(h, HashText(j->get_ref<const std::string&>()));
        break;
      case Json::value_t::boolean:
        h = Mix(h, j->get<bool>() ? 1 : 2);
        break;
      case Json::value_t::number_integer:
        h = Mix(h, static_cast<uint64_t>(j->get<int64_t>()));
        break;
      case Json::value_t::number_unsigned:
        h = Mix(h, j->get<uint64_t>());
        break;
      case Json::value_t::number_float:
        h = Mix(h, std::hash<double>{}(j->get<double>()));
        break;
      default:
        break;
    }
  }
  return h;
}

// Equal with key order and number types alike (nlohmann's == takes 1 == 1.0).
bool SameJson(const Json& a0, const Json& b0) {
  std::vector<std::pair<const Json*, const Json*>> stack = {{&a0, &b0}};
  while (!stack.empty()) {
    auto [a, b] = stack.back();
    stack.pop_back();
    if (a->type() != b->type() || a->size() != b->size()) return false;
    if (a->is_object()) {
      for (auto x = a->begin(), y = b->begin(); x != a->end(); ++x, ++y) {
        if (x.key() != y.key()) return false;
        stack.emplace_back(&x.value(), &y.value());
      }
    } else if (a->is_array()) {
      for (size_t i = 0; i < a->size(); ++i) stack.emplace_back(&(*a)[i], &(*b)[i]);
    } else if (*a != *b) {
      return false;
    }
  }
  return true;
}

uint64_t HashTools(const std::vector<Tool>& tools) {
  uint64_t h = tools.size();
  for (const Tool& t : tools) {
    h = Mix(h, HashText(t.name));
    h = Mix(h, HashText(t.description));
    h = Mix(h, HashJson(t.parameters));
  }
  return h;
}

}  // namespace

ToolList::ToolList(std::vector<Tool> tools) {
  if (!tools.empty()) tools_ = std::make_shared<std::vector<Tool>>(std::move(tools));
}

const std::vector<Tool>& ToolList::get() const {
  static const std::vector<Tool> kEmpty;  // immutable: the null list's view
  return tools_ ? *tools_ : kEmpty;
}

std::vector<Tool>& ToolList::Mutable() {
  if (!tools_) {
    tools_ = std::make_shared<std::vector<Tool>>();
  } else if (tools_.use_count() > 1) {
    tools_ = std::make_shared<std::vector<Tool>>(*tools_);
  }
  return *tools_;
}

ToolList::iterator ToolList::insert(const_iterator at, Tool tool) {
  // `at` may point into a shared vector: re-aim it at the list's own copy.
  const auto offset = at - get().begin();
  std::vector<Tool>& own = Mutable();
  return own.insert(own.begin() + offset, std::move(tool));
}

bool SameTools(const std::vector<Tool>& a, const std::vector<Tool>& b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (a[i].name != b[i].name || a[i].description != b[i].description ||
        !SameJson(a[i].parameters, b[i].parameters)) {
      return false;
    }
  }
  return true;
}

void ToolListInterner::Intern(ToolList& list) {
  if (!list.tools_) return;
  if (auto seen = seen_.find(list.tools_.get()); seen != seen_.end()) {
    list.tools_ = seen->second;
    return;
  }
  const uint64_t h = HashTools(*list.tools_);
  std::shared_ptr<std::vector<Tool>> canonical;
  for (auto [it, end] = by_hash_.equal_range(h); it != end; ++it) {
    if (SameTools(*it->second, *list.tools_)) {
      canonical = it->second;
      break;
    }
  }
  if (!canonical) {
    canonical = list.tools_;
    by_hash_.emplace(h, canonical);
    ++distinct_;
  }
  // Keyed by address, so the list keeps its original alive here: a freed address reused by
  // another list must not find this entry.
  seen_.emplace(list.tools_.get(), canonical);
  if (canonical != list.tools_) originals_.push_back(list.tools_);
  list.tools_ = std::move(canonical);
}

}  // namespace toolshift
