#include "src/cli/report_summary.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <vector>

#include "src/cli/collapse_summary.h"
#include "src/core/echo.h"
#include "src/scoring/statistics.h"

namespace toolshift {
namespace {

std::string Fmt(const Json& v, const char* fmt = "%.3f") {
  if (!v.is_number()) return "-";
  char buf[32];
  std::snprintf(buf, sizeof buf, fmt, v.get<double>());
  return buf;
}

uint64_t Count(const Json& v) { return v.is_number_unsigned() || v.is_number_integer() ? v.get<uint64_t>() : 0; }

bool HasPairs(const Json& gap) { return gap.is_object() && Count(gap["pairs"]) > 0; }

// "+0.732 [+0.711, +0.752] over 8820 pairs", or "n/a (no paired episodes)": zeros with a
// zero-width interval would read as "no gap".
std::string GapText(const Json& g) {
  if (!HasPairs(g)) return "n/a (no paired episodes)";
  return Fmt(g["delta"], "%+.3f") + " [" + Fmt(g["ci_low"], "%+.3f") + ", " + Fmt(g["ci_high"], "%+.3f") + "] over " +
         std::to_string(Count(g["pairs"])) + " pairs";
}

std::string RateText(uint64_t correct, uint64_t scored) {
  if (!scored) return "-";
  const Interval ci = WilsonInterval(correct, scored);
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.3f [%.3f, %.3f]", static_cast<double>(correct) / static_cast<double>(scored),
                ci.low, ci.high);
  return buf;
}

// BFCL's format-sensitivity figures beside toolshift's paired gap of every configuration.
void PrintBfclFormatSensitivity(const Json& fs, std::FILE* out) {
  const Json& configs = fs["configurations"];
  std::fprintf(out, "BFCL format sensitivity over %zu configurations: max delta %.2f  std %.2f (points, as BFCL reports them)\n",
               configs.size(), fs["max_delta"].get<double>(), fs["std"].get<double>());
  std::fprintf(out, "  %8s  %-26s  %s\n", "accuracy", "paired gap vs default", "configuration");
  for (const Json& c : configs) {
    std::string gap = "(default)";
    if (c.contains("gap") && c["gap"]["pairs"].is_number() && c["gap"]["pairs"].get<uint64_t>() > 0) {
      gap = Fmt(c["gap"]["delta"], "%+.3f") + " [" + Fmt(c["gap"]["ci_low"], "%+.3f") + ", " +
            Fmt(c["gap"]["ci_high"], "%+.3f") + "]";
    } else if (c["config"] != fs["base_config"]) {
      gap = "n/a";
    }
    std::fprintf(out, "  %8s  %-26s  %s\n", Fmt(c["accuracy"]).c_str(), gap.c_str(), c["config"].get<std::string>().c_str());
  }
}

// The BFCL-shaped lines, when the run holds BFCL records: the format-sensitivity study and
// BFCL's leaderboard columns.
void PrintBfclSections(const Json& report, std::FILE* out) {
  if (report.contains("bfcl_format_sensitivity")) PrintBfclFormatSensitivity(report["bfcl_format_sensitivity"], out);
  if (report.contains("bfcl_summary")) {
    const Json& b = report["bfcl_summary"];
    auto pct = [](const Json& v) { return v.is_number() ? Fmt(Json(v.get<double>() * 100), "%.2f%%") : std::string("N/A"); };
    std::fprintf(out, "BFCL columns: overall %s  non-live AST %s  live %s  multi-turn %s  relevance %s  irrelevance %s\n",
                 pct(b["overall"]).c_str(), pct(b["non_live"]["ast_summary"]).c_str(), pct(b["live"]["overall"]).c_str(),
                 pct(b["multi_turn"]["overall"]).c_str(), pct(b["relevance"]).c_str(), pct(b["irrelevance"]).c_str());
  }
}

// Only servers that report their prompt cache: how much of the prompts they did not redo.
void PrintPromptCache(const Json& report, std::FILE* out) {
  const Json t = report.value("tokens", Json::object());
  if (!t.contains("prompt_cached") || !t["prompt"].is_number()) return;
  std::fprintf(out, "prompt tokens %lld: %lld from the server's cache, %lld processed\n",
               static_cast<long long>(t["prompt"].get<int64_t>()), static_cast<long long>(t["prompt_cached"].get<int64_t>()),
               static_cast<long long>(t["prompt_processed"].get<int64_t>()));
}

}  // namespace

void PrintSummaryHeader(const Json& report, std::FILE* out) {
  // run.wall_seconds: the run's elapsed wall time (for a merge, its longest shard).
  std::fprintf(out, "toolshift %s  model %s  seed %llu  elapsed %.3fs\n", report["toolshift_version"].get<std::string>().c_str(),
               Echo(report["model"].get<std::string>(), SIZE_MAX).c_str(),  // no terminal escapes
               static_cast<unsigned long long>(report["seed"].get<uint64_t>()),
               report["run"]["wall_seconds"].get<double>());
}

void PrintSplitTable(const Json& report, std::FILE* out) {
  std::fprintf(out, "%-8s %6s %6s %9s  %-15s %12s %14s\n", "split", "n", "errors", "accuracy", "95% CI",
               "format-valid", "wrong-dialect");
  for (auto it = report["splits"].begin(); it != report["splits"].end(); ++it) {
    const Json& s = *it;
    std::string ci = "[" + Fmt(s["ci_low"]) + ", " + Fmt(s["ci_high"]) + "]";
    std::fprintf(out, "%-8s %6llu %6llu %9s  %-15s %12s %14s\n", it.key().c_str(),
                 static_cast<unsigned long long>(Count(s["n"])),
                 static_cast<unsigned long long>(Count(s["backend_errors"])), Fmt(s["accuracy"]).c_str(),
                 ci.c_str(), Fmt(s["format_validity"]).c_str(), Fmt(s["wrong_dialect_rate"]).c_str());
  }
}

void PrintStepSplit(const Json& report, std::FILE* out) {
  bool any_multi = false;
  for (const auto& s : report["splits"]) any_multi = any_multi || s.contains("multi_step");
  if (!any_multi) return;  // single-step only: the table above says it all
  for (auto it = report["splits"].begin(); it != report["splits"].end(); ++it) {
    const Json& s = *it;
    const Json m = s.contains("multi_step") ? s["multi_step"] : Json::object();
    const uint64_t multi_n = Count(m["episodes"]), multi_ok = Count(m["correct"]);
    const uint64_t scored = Count(s["scored"]), correct = Count(s["correct"]);
    const uint64_t single_n = scored >= multi_n ? scored - multi_n : 0;
    const uint64_t single_ok = correct >= multi_ok ? correct - multi_ok : 0;
    std::fprintf(out, "%-8s single-step %-22s n %-6llu multi-step %-22s n %llu\n", it.key().c_str(),
                 RateText(single_ok, single_n).c_str(), static_cast<unsigned long long>(single_n),
                 RateText(multi_ok, multi_n).c_str(), static_cast<unsigned long long>(multi_n));
  }
}

void PrintGaps(const Json& report, std::FILE* out) {
  for (auto it = report["gap"].begin(); it != report["gap"].end(); ++it) {
    std::fprintf(out, "gap %-8s %s\n", it.key().c_str(), GapText(*it).c_str());
  }
}

void PrintLargestKindGaps(const Json& report, std::FILE* out, size_t count) {
  struct KindGap {
    std::string split, kind;
    double delta;
    const Json* gap;
  };
  std::vector<KindGap> gaps;
  std::vector<std::string> unpaired;
  for (auto s = report["gap"].begin(); s != report["gap"].end(); ++s) {
    if (!s->contains("by_kind")) continue;
    for (auto k = (*s)["by_kind"].begin(); k != (*s)["by_kind"].end(); ++k) {
      if (HasPairs(*k) && (*k)["delta"].is_number()) {
        gaps.push_back({s.key(), k.key(), (*k)["delta"].get<double>(), &*k});
      } else {
        unpaired.push_back(s.key() + " " + k.key());
      }
    }
  }
  if (gaps.size() + unpaired.size() <= 1) return;  // one kind: the split's gap line is that kind's
  std::stable_sort(gaps.begin(), gaps.end(), [](const KindGap& a, const KindGap& b) { return a.delta > b.delta; });
  if (!gaps.empty()) {
    std::fprintf(out, "largest gaps by kind (%zu of %zu kinds):\n", std::min(count, gaps.size()), gaps.size());
  }
  for (size_t i = 0; i < gaps.size() && i < count; ++i) {
    std::fprintf(out, "  %-8s %-26s %s\n", gaps[i].split.c_str(), Echo(gaps[i].kind, 200).c_str(),
                 GapText(*gaps[i].gap).c_str());
  }
  for (const auto& name : unpaired) std::fprintf(out, "  %-35s n/a (no paired episodes)\n", Echo(name, 200).c_str());
}

void PrintPairingWarnings(const Json& report, std::FILE* out) {
  const Json& config = report["config"];
  const uint64_t limit = Count(config["limit"]);
  for (auto it = report["gap"].begin(); it != report["gap"].end(); ++it) {
    const std::string split = it.key();
    if (!report["splits"].contains(split)) continue;
    const uint64_t scored = Count(report["splits"][split]["scored"]);
    const uint64_t pairs = Count((*it)["pairs"]);
    if (pairs >= scored) continue;
    std::fprintf(out, "warning: only %llu of %llu scored %s episodes have their in-distribution twin in this run; the %s gap "
                 "is over those%s\n",
                 static_cast<unsigned long long>(pairs), static_cast<unsigned long long>(scored), split.c_str(),
                 split.c_str(),
                 limit ? (" (--limit " + std::to_string(limit) +
                          " takes the first episodes of each suite, which are not each other's twins; a share such as "
                          "--limit 0.1 samples whole pairs)").c_str()
                       : " (run the in-distribution suites too, e.g. --suite all)");
  }
}

void PrintSummary(const Json& report, const std::string& out_path, std::FILE* out) {
  PrintSummaryHeader(report, out);
  PrintSplitTable(report, out);
  PrintStepSplit(report, out);
  PrintGaps(report, out);
  PrintLargestKindGaps(report, out, 5);
  PrintPairingWarnings(report, out);
  PrintBfclSections(report, out);
  PrintCollapseSummary(report, out);
  PrintPromptCache(report, out);
  std::fprintf(out, "report: %s\n", Echo(out_path, SIZE_MAX).c_str());
}

}  // namespace toolshift
