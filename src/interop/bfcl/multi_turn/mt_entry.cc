#include "src/interop/bfcl/multi_turn/mt_entry.h"

#include "src/core/input_error.h"

namespace toolshift::bfcl {
namespace {

const std::string kField = "multi_step.pack_data.";

std::vector<std::string> Strings(const Json& j, const std::string& field) {
  if (!j.is_array()) throw FieldError(field, "expected a list of strings");
  std::vector<std::string> out;
  for (size_t i = 0; i < j.size(); ++i) {
    if (!j[i].is_string()) throw FieldError(field + "[" + std::to_string(i) + "]", "expected a string");
    out.push_back(j[i].get<std::string>());
  }
  return out;
}

}  // namespace

bool BfclEntry::long_context() const {
  // BFCL: "long_context" in test_category or "composite" in test_category.
  return category.find("long_context") != std::string::npos || category.find("composite") != std::string::npos;
}

BfclEntry ReadEntry(const Episode& episode) {
  if (!episode.multi) throw FieldError("multi_step", "a BFCL multi-turn episode needs one");
  const Json& d = episode.multi->pack_data;
  BfclEntry e;
  auto str = [&](const char* key) {
    auto it = d.find(key);
    if (it == d.end() || !it->is_string()) throw FieldError(kField + key, "expected a string");
    return it->get<std::string>();
  };
  e.id = str("id");
  e.category = str("category");
  auto classes = d.find("involved_classes");
  if (classes == d.end()) throw FieldError(kField + "involved_classes", "missing");
  e.involved_classes = Strings(*classes, kField + "involved_classes");
  e.initial_config = &episode.multi->initial_state;
  auto gt = d.find("ground_truth");
  if (gt == d.end() || !gt->is_array()) throw FieldError(kField + "ground_truth", "expected a list per turn");
  for (size_t t = 0; t < gt->size(); ++t) {
    e.ground_truth.push_back(Strings((*gt)[t], kField + "ground_truth[" + std::to_string(t) + "]"));
  }
  if (e.ground_truth.size() != episode.multi->turns.size()) {
    throw FieldError(kField + "ground_truth", std::to_string(e.ground_truth.size()) + " turns of ground truth for " +
                                                  std::to_string(episode.multi->turns.size()) + " user turns");
  }
  if (auto m = d.find("missed_function"); m != d.end()) {
    if (!m->is_object()) throw FieldError(kField + "missed_function", "expected {\"<turn>\": [names]}");
    for (auto it = m->begin(); it != m->end(); ++it) {
      const std::string f = kField + "missed_function." + it.key();
      size_t used = 0;
      int turn = -1;
      try {
        turn = std::stoi(it.key(), &used);
      } catch (const std::exception&) {
      }
      if (turn < 1 || used != it.key().size() || turn >= static_cast<int>(e.ground_truth.size())) {
        throw FieldError(f, "expected a follow-up turn index");
      }
      e.missed_function[turn] = Strings(*it, f);
    }
  }
  if (auto x = d.find("excluded_function"); x != d.end()) e.excluded_function = Strings(*x, kField + "excluded_function");
  if (auto r = d.find("responses"); r != d.end()) {
    if (!r->is_object()) throw FieldError(kField + "responses", "expected an object");
    e.responses = &*r;
  }
  return e;
}

}  // namespace toolshift::bfcl
