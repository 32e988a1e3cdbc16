#include "src/gate/gate.h"

#include <cmath>
#include <cstdio>
#include <fstream>
#include <map>
#include <tuple>

#include <re2/re2.h>

#include "src/core/input_error.h"
#include "src/report/markup_escape.h"
#include "src/scoring/statistics.h"

namespace toolshift {
namespace {

const char* KindName(GateCheck::Kind k) {
  switch (k) {
    case GateCheck::Kind::kMin: return "min";
    case GateCheck::Kind::kMax: return "max";
    case GateCheck::Kind::kMaxDrop: return "max-drop";
  }
  return "?";
}

std::string Fmt(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.4g", v);
  return buf;
}

// Dotted form of a path, for matching and messages.
std::string Dotted(const std::string& path) {
  if (path.empty() || path[0] != '/') return path;
  std::string d = path.substr(1);
  for (char& c : d) {
    if (c == '/') c = '.';
  }
  return d;
}

double Require(const GateRun& run, const std::string& path) {
  const auto v = NumberAt(run.report, path);
  if (!v) throw InputError(run.report_path + ": " + path + ": no number at this path in the report");
  return *v;
}

// The episodes an accuracy path is computed over: nullopt when the path is not one.
struct EpisodeSet {
  std::string split;     // empty: every split
  std::string category;  // empty: every category
};
std::optional<EpisodeSet> EpisodeSetOf(const std::string& path) {
  static const RE2 kTotals(R"(totals\.accuracy)");
  static const RE2 kSplit(R"(splits\.(\w+)\.accuracy)");
  static const RE2 kCategory(R"(splits\.(\w+)\.categories\.(\w+)\.accuracy)");
  const std::string d = Dotted(path);
  EpisodeSet set;
  if (RE2::FullMatch(d, kTotals)) return set;
  if (RE2::FullMatch(d, kCategory, &set.split, &set.category)) return set;
  if (RE2::FullMatch(d, kSplit, &set.split)) return set;
  return std::nullopt;
}

// The interval stored beside the value at `path` (…/ci_low, …/ci_high), when there is one.
std::optional<Interval> IntervalBeside(const Json& report, const std::string& path) {
  const std::string d = Dotted(path);
  const size_t dot = d.rfind('.');
  const std::string parent = dot == std::string::npos ? "" : d.substr(0, dot + 1);
  const auto low = NumberAt(report, parent + "ci_low");
  const auto high = NumberAt(report, parent + "ci_high");
  if (!low || !high) return std::nullopt;
  return Interval{*low, *high};
}

void MaxDrop(const GateRun& report, const GateRun& baseline, double alpha, CheckResult& r) {
  const double drop = *r.baseline - r.value;
  const auto set = EpisodeSetOf(r.check.path);
  if (set && report.episodes && baseline.episodes) {
    std::map<std::tuple<std::string, std::string, int>, bool> base;  // (suite, id, epoch)
    for (const auto& e : *baseline.episodes) {
      if (e.backend_error) continue;
      if (!set->split.empty() && e.split != set->split) continue;
      if (!set->category.empty() && e.category != set->category) continue;
      base[{e.suite, e.id, e.epoch}] = e.correct;
    }
    uint64_t pairs = 0, only_base = 0, only_report = 0;
    for (const auto& e : *report.episodes) {
      if (e.backend_error) continue;
      auto it = base.find({e.suite, e.id, e.epoch});
      if (it == base.end()) continue;
      ++pairs;
      only_base += it->second && !e.correct;
      only_report += !it->second && e.correct;
    }
    if (pairs > 0) {
      const double paired_drop = (static_cast<double>(only_base) - static_cast<double>(only_report)) / static_cast<double>(pairs);
      const double p = McNemarExactP(only_base, only_report);
      r.passed = !(paired_drop > r.check.bound && p < alpha);
      r.detail = "paired over " + std::to_string(pairs) + " episodes: drop " + Fmt(paired_drop) + ", right only in the baseline " +
                 std::to_string(only_base) + ", only in the report " + std::to_string(only_report) + ", McNemar p=" + Fmt(p) +
                 (r.passed ? "" : " < " + Fmt(alpha));
      return;
    }
  }
  const auto a = IntervalBeside(report.report, r.check.path);
  const auto b = IntervalBeside(baseline.report, r.check.path);
  if (a && b) {
    const bool separated = a->high < b->low;
    r.passed = !(drop > r.check.bound && separated);
    r.detail = "unpaired: drop " + Fmt(drop) + ", report [" + Fmt(a->low) + ", " + Fmt(a->high) + "] vs baseline [" +
               Fmt(b->low) + ", " + Fmt(b->high) + "]" + (separated ? ", intervals separated" : ", intervals overlap");
    return;
  }
  r.passed = drop <= r.check.bound;
  r.detail = "drop " + Fmt(drop) + " (no interval or episode log to test it against: compared as numbers)";
}

}  // namespace

GateCheck ParseGateCheck(GateCheck::Kind kind, const std::string& spec, const std::string& flag) {
  const size_t eq = spec.rfind('=');
  if (eq == std::string::npos || eq == 0 || eq + 1 == spec.size()) {
    throw InputError(flag + " " + spec + ": expected PATH=VALUE, e.g. splits.id.accuracy=0.9");
  }
  GateCheck c;
  c.kind = kind;
  c.path = spec.substr(0, eq);
  const std::string value = spec.substr(eq + 1);
  try {
    size_t used = 0;
    c.bound = std::stod(value, &used);
    if (used != value.size() || !std::isfinite(c.bound)) throw std::invalid_argument("trailing");
  } catch (const std::exception&) {
    throw InputError(flag + " " + spec + ": \"" + value + "\" is not a number");
  }
  return c;
}

std::vector<GateCheck> ReadGateConfig(const std::string& path, double* alpha) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(path + ": cannot open");
  const Json j = Json::parse(in, nullptr, false);
  if (j.is_discarded() || !j.is_object()) throw InputError(path + ": not a JSON object");
  std::vector<GateCheck> checks;
  for (auto it = j.begin(); it != j.end(); ++it) {
    GateCheck::Kind kind;
    if (it.key() == "min") kind = GateCheck::Kind::kMin;
    else if (it.key() == "max") kind = GateCheck::Kind::kMax;
    else if (it.key() == "max_drop") kind = GateCheck::Kind::kMaxDrop;
    else if (it.key() == "alpha") {
      if (!it->is_number() || it->get<double>() <= 0 || it->get<double>() >= 1) {
        throw InputError(path + ": alpha: must be a number between 0 and 1");
      }
      *alpha = it->get<double>();
      continue;
    } else {
      throw InputError(path + ": " + it.key() + ": unknown key (expected min, max, max_drop, alpha)");
    }
    if (!it->is_object()) throw InputError(path + ": " + it.key() + ": must be an object of PATH: VALUE");
    for (auto c = it->begin(); c != it->end(); ++c) {
      if (!c->is_number()) throw InputError(path + ": " + it.key() + "." + c.key() + ": must be a number");
      checks.push_back({kind, c.key(), c->get<double>()});
    }
  }
  return checks;
}

std::vector<GateCheck> DefaultGateChecks(const Json& report) {
  std::vector<GateCheck> checks = {{GateCheck::Kind::kMaxDrop, "totals.accuracy", 0.0}};
  if (report.contains("splits") && report["splits"].is_object()) {
    for (auto it = report["splits"].begin(); it != report["splits"].end(); ++it) {
      if (NumberAt(report, "splits." + it.key() + ".accuracy")) {
        checks.push_back({GateCheck::Kind::kMaxDrop, "splits." + it.key() + ".accuracy", 0.0});
      }
    }
  }
  return checks;
}

std::vector<CheckResult> EvaluateGate(const GateRun& report, const std::optional<GateRun>& baseline,
                                      const std::vector<GateCheck>& checks, double alpha) {
  std::vector<CheckResult> results;
  for (const auto& c : checks) {
    CheckResult r;
    r.check = c;
    const char* op = c.kind == GateCheck::Kind::kMin ? " >= " : " <= ";
    r.name = std::string(KindName(c.kind)) + " " + Dotted(c.path) + op + Fmt(c.bound);
    r.value = Require(report, c.path);
    switch (c.kind) {
      case GateCheck::Kind::kMin:
        r.passed = r.value >= c.bound;
        r.detail = "value " + Fmt(r.value);
        break;
      case GateCheck::Kind::kMax:
        r.passed = r.value <= c.bound;
        r.detail = "value " + Fmt(r.value);
        break;
      case GateCheck::Kind::kMaxDrop:
        if (!baseline) throw InputError("--max-drop " + c.path + ": needs --baseline REPORT");
        r.baseline = Require(*baseline, c.path);
        MaxDrop(report, *baseline, alpha, r);
        break;
    }
    results.push_back(std::move(r));
  }
  return results;
}

std::string GateJUnit(const std::vector<CheckResult>& results, const std::string& report_path) {
  size_t failures = 0;
  for (const auto& r : results) failures += !r.passed;
  std::string x = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  x += "<testsuites name=\"toolshift gate\" tests=\"" + std::to_string(results.size()) + "\" failures=\"" +
       std::to_string(failures) + "\" errors=\"0\">\n";
  x += "  <testsuite name=\"" + MarkupEscape(report_path) + "\" tests=\"" + std::to_string(results.size()) +
       "\" failures=\"" + std::to_string(failures) + "\" errors=\"0\" skipped=\"0\">\n";
  for (const auto& r : results) {
    x += "    <testcase classname=\"toolshift.gate\" name=\"" + MarkupEscape(r.name) + "\"";
    if (r.passed) {
      x += ">\n      <system-out>" + MarkupEscape(r.detail) + "</system-out>\n    </testcase>\n";
    } else {
      x += ">\n      <failure message=\"" + MarkupEscape(r.name + ": " + r.detail) + "\" type=\"" + KindName(r.check.kind) +
           "\">" + MarkupEscape(r.detail) + "</failure>\n    </testcase>\n";
    }
  }
  x += "  </testsuite>\n</testsuites>\n";
  return x;
}

std::string GateMarkdown(const std::vector<CheckResult>& results, const std::string& report_path,
                         const std::string& baseline_path) {
  size_t failures = 0;
  for (const auto& r : results) failures += !r.passed;
  std::string md = "### toolshift gate: " + std::string(failures ? "FAILED" : "passed") + "\n\n";
  md += "Report " + MarkdownCodeSpan(report_path, false);
  if (!baseline_path.empty()) md += " against baseline " + MarkdownCodeSpan(baseline_path, false);
  md += ": " + std::to_string(results.size() - failures) + " of " + std::to_string(results.size()) + " checks pass.\n\n";
  md += "| | check | value | baseline | how |\n|---|---|---|---|---|\n";
  for (const auto& r : results) {
    md += std::string("| ") + (r.passed ? "✅" : "❌") + " | " + MarkdownCodeSpan(r.name, true) + " | " + Fmt(r.value) + " | " +
          (r.baseline ? Fmt(*r.baseline) : "") + " | " + MarkdownText(r.detail) + " |\n";
  }
  return md;
}

}  // namespace toolshift
