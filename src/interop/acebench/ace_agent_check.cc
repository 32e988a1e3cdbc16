#include "src/interop/acebench/ace_agent_check.h"

#include <algorithm>

#include "src/interop/acebench/ace_summary.h"
#include "src/interop/bfcl/py/py_value.h"

namespace toolshift::acebench {
namespace {

bool PyEqualJson(const Json& a, const Json& b) { return bfcl::PyEquals(bfcl::FromJson(a), bfcl::FromJson(b)); }

std::string Text(const Json& j) { return bfcl::PyStr(bfcl::FromJson(j)); }

// The single {ClassName: attributes} of a state entry, or nullptr for a malformed entry.
const Json* ClassEntry(const Json& entry, std::string* name) {
  if (!entry.is_object() || entry.size() != 1) return nullptr;
  *name = entry.begin().key();
  return &entry.begin().value();
}

AceVerdict CompareClass(const std::string& cls, const Json& got, const Json& want) {
  if (!got.is_object()) return AceVerdict{false, "class attributes wrong", "class(" + cls + ") is not an object of attributes"};
  for (auto a = got.begin(); a != got.end(); ++a) {
    auto w = want.is_object() ? want.find(a.key()) : want.end();
    if (!want.is_object() || w == want.end()) {
      return AceVerdict{false, "class attributes wrong", "class(" + cls + ") attributes(" + a.key() + ") missing in possible_answer."};
    }
    if (w->is_object()) {
      for (auto k = w->begin(); k != w->end(); ++k) {
        const bool present = a->is_object() && a->contains(k.key());
        if (!present || !PyEqualJson((*a)[k.key()], *k)) {
          return AceVerdict{false, "class attributes wrong",
                            "class(" + cls + ") attributes(" + a.key() + "." + k.key() + ") wrong, [expected: " + Text(*k) +
                                ", real: " + (present ? Text((*a)[k.key()]) : std::string("None")) + "]"};
        }
      }
    } else if (!PyEqualJson(*a, *w)) {
      return AceVerdict{false, "class attributes wrong",
                        "class(" + cls + ") attributes(" + a.key() + ") wrong, [expected: " + Text(*w) + ", real: " + Text(*a) + "]"};
    }
  }
  return AceVerdict{true, "", ""};
}

double OneMilestoneList(const std::vector<std::string>& process, const Json& milestones) {
  if (!milestones.is_array() || milestones.empty()) return 1.0;
  auto trim = [](std::string s) {
    const char* ws = " \t\n\r\f\v";
    const size_t b = s.find_first_not_of(ws);
    if (b == std::string::npos) return std::string();
    return s.substr(b, s.find_last_not_of(ws) - b + 1);
  };
  size_t pos = 0, hits = 0;
  for (const auto& m : milestones) {
    const std::string want = trim(m.is_string() ? m.get<std::string>() : m.dump());
    size_t i = pos;
    while (i < process.size() && trim(process[i]) != want) ++i;
    if (i < process.size()) {
      ++hits;
      pos = i + 1;
    } else {
      pos = process.size();
    }
  }
  return Round3(static_cast<double>(hits) / static_cast<double>(milestones.size()));
}

}  // namespace

AceVerdict CheckEndState(const Json& result, const Json& ground_truth) {
  if (!result.is_array() || !ground_truth.is_array() || result.size() != ground_truth.size()) {
    return AceVerdict{false, "wrong number of class", "wrong number of class"};
  }
  for (const auto& g : ground_truth) {
    std::string cls;
    const Json* want = ClassEntry(g, &cls);
    if (!want) return AceVerdict{false, "class attributes wrong", "a ground-truth entry is not {ClassName: attributes}"};
    const Json* got = nullptr;
    for (const auto& r : result) {
      std::string rc;
      const Json* attrs = ClassEntry(r, &rc);
      if (attrs && rc == cls) {
        got = attrs;
        break;
      }
    }
    if (!got) continue;  // ACEBench's quirk: a GT class no result entry has is not compared
    AceVerdict v = CompareClass(cls, *got, *want);
    if (!v.valid) return v;
  }
  return AceVerdict{true, "", ""};
}

double ProcessAccuracy(const std::vector<std::string>& process, const Json& mile_stone) {
  const bool alternatives = mile_stone.is_array() && !mile_stone.empty() &&
                            std::all_of(mile_stone.begin(), mile_stone.end(), [](const Json& m) { return m.is_array(); });
  if (!alternatives) return OneMilestoneList(process, mile_stone);
  double best = 0;
  for (const auto& m : mile_stone) best = std::max(best, OneMilestoneList(process, m));
  return best;
}

}  // namespace toolshift::acebench
