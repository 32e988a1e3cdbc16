#include "src/cli/collapse_summary.h"

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "src/core/echo.h"

namespace toolshift {
namespace {

constexpr size_t kTopSignatures = 3;  // per split: enough to name a collapse, short enough to read
constexpr size_t kTopKinds = 3;

double Number(const Json& j, const char* key) {
  const auto it = j.find(key);
  return it != j.end() && it->is_number() ? it->get<double>() : 0.0;
}

// (rate, name) of the signatures raised at all, highest first.
std::vector<std::pair<double, std::string>> Raised(const Json& signatures) {
  std::vector<std::pair<double, std::string>> out;
  if (!signatures.is_object()) return out;
  for (auto it = signatures.begin(); it != signatures.end(); ++it) {
    if (Number(*it, "count") > 0) out.emplace_back(Number(*it, "rate"), it.key());
  }
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.first != b.first ? a.first > b.first : a.second < b.second; });
  return out;
}

std::string Signatures(const Json& signatures, size_t top) {
  std::string line;
  const auto raised = Raised(signatures);
  char buf[160];
  for (size_t i = 0; i < raised.size() && i < top; ++i) {
    const Json& s = signatures[raised[i].second];
    std::snprintf(buf, sizeof buf, "%s%s %.3f [%.3f, %.3f]", i ? "  " : "", raised[i].second.c_str(), raised[i].first,
                  Number(s, "ci_low"), Number(s, "ci_high"));
    line += buf;
  }
  return line.empty() ? "no signatures" : line;
}

std::string HiddenSkill(const Json& h) {
  if (!h.is_object() || Number(h, "failures") == 0) return "";
  char buf[160];
  std::snprintf(buf, sizeof buf, "  hidden skill %.3f [%.3f, %.3f] of %.0f failures", Number(h, "rate"), Number(h, "ci_low"),
                Number(h, "ci_high"), Number(h, "failures"));
  return buf;
}

// The shift kinds whose most frequent signature is highest, as "kind signature rate".
std::string WorstKinds(const Json& by_kind) {
  std::vector<std::pair<double, std::string>> kinds;
  for (auto it = by_kind.begin(); it != by_kind.end(); ++it) {
    const auto raised = Raised(it->value("signatures", Json::object()));
    if (!raised.empty()) kinds.emplace_back(raised[0].first, it.key() + " " + raised[0].second);
  }
  std::sort(kinds.begin(), kinds.end(), [](const auto& a, const auto& b) { return a.first != b.first ? a.first > b.first : a.second < b.second; });
  std::string line;
  char buf[32];
  for (size_t i = 0; i < kinds.size() && i < kTopKinds; ++i) {
    std::snprintf(buf, sizeof buf, " %.3f", kinds[i].first);
    line += (i ? ", " : "") + Echo(kinds[i].second, 80) + buf;
  }
  return line;
}

}  // namespace

void PrintCollapseSummary(const Json& report, std::FILE* out) {
  const Json& splits = report.value("splits", Json::object());
  bool any_rates = false, any_raised = false;
  for (const auto& s : splits) {
    any_rates = any_rates || s.contains("signature_replies");
    any_raised = any_raised || !Raised(s.value("signatures", Json::object())).empty();
  }
  if (!any_rates) return;
  if (!any_raised) {  // one line for a clean run
    std::fprintf(out, "collapse  no signatures in any split\n");
    return;
  }
  for (auto it = splits.begin(); it != splits.end(); ++it) {
    const Json& s = *it;
    if (!s.contains("signature_replies") || Number(s, "signature_replies") == 0) continue;
    std::fprintf(out, "collapse %-8s %s%s\n", it.key().c_str(), Signatures(s["signatures"], kTopSignatures).c_str(),
                 HiddenSkill(s.value("hidden_skill", Json())).c_str());
    if (const std::string kinds = WorstKinds(s.value("by_kind", Json::object())); !kinds.empty()) {
      std::fprintf(out, "  most marked kinds: %s\n", kinds.c_str());
    }
  }
}

}  // namespace toolshift
