#include "src/leaderboard/trend.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <map>

#include "src/core/echo.h"
#include "src/core/input_error.h"
#include "src/leaderboard/leaderboard.h"
#include "src/leaderboard/report_fields.h"
#include "src/report/markup_escape.h"
#include "src/scoring/statistics.h"

namespace toolshift {
namespace {

constexpr const char* kTrendVersion = "1.0.0";
constexpr size_t kShownSignatures = 5;
const char* kSeries[] = {"id", "format", "content", "overall"};

std::optional<double> ParseNumber(const std::string& s) {
  if (s.empty()) return std::nullopt;
  char* end = nullptr;
  const double v = std::strtod(s.c_str(), &end);
  if (end != s.c_str() + s.size() || !std::isfinite(v)) return std::nullopt;
  return v;
}

// Single-turn replies of a split: the ones signatures are counted over.
double SignatureReplies(const Json& split) {
  double replies = NumberOr(split, "scored", 0);
  const Json& categories = Member(split, "categories");
  for (const char* multi : {"multi_step", "multi_turn"}) replies -= NumberOr(Member(categories, multi), "scored", 0);
  return std::max(0.0, replies);
}

// Every signature's rate over the single-turn replies of all splits.
Json SignatureRates(const Json& report) {
  std::map<std::string, std::pair<double, double>> counts;  // name -> {count, replies}
  const Json& splits = Member(report, "splits");
  if (!splits.is_object()) return Json::object();
  for (auto s = splits.begin(); s != splits.end(); ++s) {
    const Json& sigs = Member(*s, "signatures");
    if (!sigs.is_object()) continue;
    const double replies = SignatureReplies(*s);
    for (auto it = sigs.begin(); it != sigs.end(); ++it) {
      auto& [count, total] = counts[it.key()];
      count += NumberOr(*it, "count", 0);
      total += replies;
    }
  }
  Json out = Json::object();
  for (const auto& [name, ct] : counts) {
    if (!(ct.second >= 1) || ct.first > ct.second) continue;
    const Interval ci = WilsonInterval(static_cast<uint64_t>(ct.first), static_cast<uint64_t>(ct.second));
    out[name] = {{"rate", ct.first / ct.second}, {"ci_low", ci.low}, {"ci_high", ci.high}, {"count", ct.first},
                 {"replies", ct.second}};
  }
  return out;
}

Json Point(const TrendInput& in) {
  const Json& r = in.report;
  std::optional<std::string> step = in.step;
  const Json& label = Member(Member(Member(r, "config"), "labels"), "step");
  if (!step && label.is_string()) step = label.get<std::string>();
  if (!step && label.is_number()) step = DumpJson(label);
  if (!step) {
    throw InputError(in.path + ": config.labels.step: missing (give REPORT=STEP or --step, or run with --label step=N)");
  }
  const auto value = ParseNumber(*step);
  if (!value) throw InputError(in.path + ": step: \"" + Echo(*step) + "\" is not a number");
  Json p = {{"step", *value}, {"report", in.path}, {"run", RunName(r)}, {"model", StringOr(r, "model")}};
  const Json& splits = Member(r, "splits");
  std::vector<Json> cells;
  for (const char* s : {"id", "format", "content"}) {
    p[s] = AccuracyCell(Member(splits, s));
    cells.push_back(p[s]);
  }
  p["overall"] = MacroCell(cells);
  p["gap_format"] = GapCell(Member(Member(r, "gap"), "format"));
  p["gap_content"] = GapCell(Member(Member(r, "gap"), "content"));
  p["signatures"] = SignatureRates(r);
  return p;
}

// Where a series' drop starts (see trend.h) and its largest fall between neighbours.
void FindDrops(const Json& points, const char* series, Json& onset, Json& largest) {
  onset[series] = nullptr;
  largest[series] = nullptr;
  double best_low = -1, best_step = 0, best_acc = 0, drop = 0;
  const Json* previous = nullptr;
  for (const auto& p : points) {
    const Json& c = p[series];
    if (c.is_null()) continue;
    if (onset[series].is_null() && best_low >= 0 && c["ci_high"].get<double>() < best_low) {
      onset[series] = {{"step", p["step"]}, {"after_step", best_step}, {"from", best_acc}, {"to", c["accuracy"]}};
    }
    if (c["ci_low"].get<double>() > best_low) {
      best_low = c["ci_low"].get<double>();
      best_step = p["step"].get<double>();
      best_acc = c["accuracy"].get<double>();
    }
    if (previous != nullptr) {
      const double d = (*previous)[series]["accuracy"].get<double>() - c["accuracy"].get<double>();
      if (d > drop) {
        drop = d;
        largest[series] = {{"from_step", (*previous)["step"]}, {"to_step", p["step"]}, {"delta", d}};
      }
    }
    previous = &p;
  }
}

}  // namespace

std::pair<std::string, std::optional<std::string>> SplitReportStep(const std::string& arg) {
  const size_t eq = arg.rfind('=');
  if (eq == std::string::npos || eq == 0) return {arg, std::nullopt};
  const std::string step = arg.substr(eq + 1);
  if (!ParseNumber(step)) return {arg, std::nullopt};
  return {arg.substr(0, eq), step};
}

Json BuildTrend(const std::vector<TrendInput>& inputs) {
  Json points = Json::array();
  for (const auto& in : inputs) {
    try {
      points.push_back(Point(in));
    } catch (const Json::exception& e) {
      throw InputError(in.path + ": " + e.what());
    }
  }
  std::stable_sort(points.begin(), points.end(),
                   [](const Json& a, const Json& b) { return a["step"].get<double>() < b["step"].get<double>(); });
  for (size_t i = 1; i < points.size(); ++i) {
    if (points[i]["step"] == points[i - 1]["step"]) {
      throw InputError(points[i]["report"].get<std::string>() + ": step " + DumpJson(points[i]["step"]) +
                       ": also the step of " + points[i - 1]["report"].get<std::string>());
    }
  }
  // The signatures drawn: the highest rates any checkpoint reached.
  std::map<std::string, double> peak;
  for (const auto& p : points) {
    for (auto it = p["signatures"].begin(); it != p["signatures"].end(); ++it) {
      peak[it.key()] = std::max(peak[it.key()], (*it)["rate"].get<double>());
    }
  }
  std::vector<std::pair<double, std::string>> ranked;
  for (const auto& [name, rate] : peak) {
    if (rate > 0) ranked.push_back({-rate, name});
  }
  std::sort(ranked.begin(), ranked.end());
  Json shown = Json::array();
  for (size_t i = 0; i < ranked.size() && i < kShownSignatures; ++i) shown.push_back(ranked[i].second);
  Json onset = Json::object(), largest = Json::object();
  for (const char* s : kSeries) FindDrops(points, s, onset, largest);
  // Checkpoints of one run are compared with each other: they must have run the same episodes.
  Json warnings = Json::array();
  std::string first;
  for (const auto& in : inputs) {
    const std::string fp = FingerprintText(Fingerprint(in.report));
    if (first.empty()) first = fp;
    else if (fp != first) {
      warnings.push_back(in.path + " ran other episodes than " + inputs[0].path + " (" + fp + " vs " + first +
                         "): its points are not comparable with the others");
    }
  }
  return {{"schema_version", kTrendVersion}, {"points", points},   {"signatures", shown},
          {"onset", onset},                  {"largest_drop", largest}, {"warnings", warnings}};
}

std::string TrendCsv(const Json& trend) {
  std::string csv = "step,run,report,id,id_ci_low,id_ci_high,format,format_ci_low,format_ci_high,content,content_ci_low,"
                    "content_ci_high,overall,gap_format,gap_format_ci_low,gap_format_ci_high,gap_content";
  for (const auto& s : trend["signatures"]) csv += "," + CsvText("signature_" + s.get<std::string>());
  csv += "\n";
  auto f = [](const Json& cell, const char* field) { return cell.is_null() ? std::string() : FormatNumber(cell[field], "%.6f"); };
  for (const auto& p : trend["points"]) {
    csv += FormatNumber(p["step"], "%g") + "," + CsvText(p["run"].get<std::string>()) + "," +
           CsvText(p["report"].get<std::string>());
    for (const char* s : {"id", "format", "content"}) csv += "," + f(p[s], "accuracy") + "," + f(p[s], "ci_low") + "," + f(p[s], "ci_high");
    csv += "," + f(p["overall"], "accuracy") + "," + f(p["gap_format"], "delta") + "," + f(p["gap_format"], "ci_low") + "," +
           f(p["gap_format"], "ci_high") + "," + f(p["gap_content"], "delta");
    for (const auto& s : trend["signatures"]) csv += "," + f(Member(p["signatures"], s.get<std::string>().c_str()), "rate");
    csv += "\n";
  }
  return csv;
}

std::string TrendText(const Json& trend) {
  std::string out = "step        id      format  content  format gap\n";
  auto acc = [](const Json& c) { return c.is_null() ? std::string("   –   ") : FormatNumber(c["accuracy"], "%.3f") + "  "; };
  for (const auto& p : trend["points"]) {
    char step[32];
    std::snprintf(step, sizeof step, "%-10s", FormatNumber(p["step"], "%g").c_str());
    out += std::string(step) + "  " + acc(p["id"]) + acc(p["format"]) + acc(p["content"]) + " " +
           (p["gap_format"].is_null() ? std::string("n/a") : FormatNumber(p["gap_format"]["delta"], "%+.3f") + " [" +
                                                             FormatNumber(p["gap_format"]["ci_low"], "%+.3f") + ", " +
                                                             FormatNumber(p["gap_format"]["ci_high"], "%+.3f") + "]") +
           "\n";
  }
  for (const char* s : kSeries) {
    const Json& o = trend["onset"][s];
    if (o.is_null()) continue;
    out += std::string("drop: ") + s + " accuracy falls below its interval at step " + FormatNumber(o["step"], "%g") +
           " (" + FormatNumber(o["from"], "%.3f") + " at step " + FormatNumber(o["after_step"], "%g") + " -> " +
           FormatNumber(o["to"], "%.3f") + ")\n";
  }
  return out;
}

}  // namespace toolshift
