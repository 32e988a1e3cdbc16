// The trend page: accuracy per split, the gaps and the main signature rates against the
// checkpoint step, each an SVG chart with axes, ticks and 95% interval whiskers, and the step
// where the drop starts marked.
#include <algorithm>
#include <cmath>

#include "src/leaderboard/leaderboard.h"
#include "src/leaderboard/report_fields.h"
#include "src/leaderboard/svg_chart.h"
#include "src/leaderboard/trend.h"
#include "src/report/markup_escape.h"

namespace toolshift {
namespace {

struct Series {
  std::string name;     // legend text
  std::string color;
  std::vector<Json> cells;  // per point: {value, ci_low, ci_high} or null
};

constexpr int kLeft = 80, kTop = 16, kPlotW = 1000, kPlotH = 240;

// One line chart of `series` against the steps; `marks` are (step, text) vertical markers.
std::string LineChart(const Json& points, const std::vector<Series>& series, double y_lo, double y_hi,
                      const char* y_fmt, const std::string& y_title, const std::string& label,
                      const std::vector<std::pair<double, std::string>>& marks) {
  const int width = kLeft + kPlotW + 30, height = kTop + kPlotH + 80;
  Svg svg(width, height, label);
  double s0 = points.front()["step"].get<double>(), s1 = points.back()["step"].get<double>();
  if (s1 == s0) s0 -= 1, s1 += 1;
  const double pad = (s1 - s0) * 0.03;
  const Scale x{s0 - pad, s1 + pad, static_cast<double>(kLeft), static_cast<double>(kLeft + kPlotW)};
  const Scale y{y_lo, y_hi, static_cast<double>(kTop + kPlotH), static_cast<double>(kTop)};
  svg.YAxis(y, kLeft, kLeft + kPlotW, NiceTicks(y_lo, y_hi, 6), y_fmt, y_title);
  std::vector<double> xticks;
  for (const auto& p : points) xticks.push_back(p["step"].get<double>());
  if (xticks.size() > 16) xticks = NiceTicks(s0, s1, 10);
  svg.XAxis(x, kTop + kPlotH, xticks, "%g", "checkpoint step");
  if (y_lo < 0 && y_hi > 0) svg.Line(kLeft, y(0), kLeft + kPlotW, y(0), "#555", 1.2);
  for (const auto& [step, text] : marks) {
    svg.Line(x(step), kTop, x(step), kTop + kPlotH, "#b02a2a", 1.5, true);
    svg.Text(x(step) + 4, kTop + 12, text, "start", 11, 0, true);
  }
  auto clamp = [&](double v) { return std::clamp(v, y_lo, y_hi); };
  for (const auto& s : series) {
    std::vector<std::pair<double, double>> line;
    for (size_t i = 0; i < points.size(); ++i) {
      const Json& c = s.cells[i];
      if (c.is_null()) continue;
      const double px = x(points[i]["step"].get<double>()), py = y(clamp(c["value"].get<double>()));
      line.push_back({px, py});
      svg.Whisker(px, y(clamp(c["ci_low"].get<double>())), px, y(clamp(c["ci_high"].get<double>())), true);
      svg.Circle(px, py, 3.5, s.color,
                 s.name + " at step " + FormatNumber(points[i]["step"], "%g") + ": " + FormatNumber(c["value"]) + " [" +
                     FormatNumber(c["ci_low"]) + ", " + FormatNumber(c["ci_high"]) + "]");
    }
    if (line.size() > 1) svg.Polyline(line, s.color);
  }
  double lx = kLeft;
  for (const auto& s : series) {
    svg.Rect(lx, height - 24, 12, 12, s.color);
    svg.Text(lx + 16, height - 14, s.name);
    lx += 40 + 7.0 * static_cast<double>(s.name.size());
  }
  svg.Text(lx + 10, height - 14, "whiskers: 95% intervals");
  return svg.Finish();
}

Json Value(const Json& cell, const char* field) {
  if (cell.is_null()) return nullptr;
  return {{"value", cell[field]}, {"ci_low", cell["ci_low"]}, {"ci_high", cell["ci_high"]}};
}

std::string AccuracyChart(const Json& trend) {
  const Json& points = trend["points"];
  std::vector<Series> series;
  const char* names[] = {"in-distribution", "format-shifted", "content-shifted"};
  int k = 0;
  for (const char* split : {"id", "format", "content"}) {
    Series s{names[k++], SplitColor(split), {}};
    bool any = false;
    for (const auto& p : points) {
      s.cells.push_back(Value(p[split], "accuracy"));
      any = any || !p[split].is_null();
    }
    if (any) series.push_back(std::move(s));
  }
  std::vector<std::pair<double, std::string>> marks;
  double first = INFINITY;
  std::string which;
  for (const char* s : {"overall", "format", "id", "content"}) {
    const Json& o = trend["onset"][s];
    if (!o.is_null() && o["step"].get<double>() < first) first = o["step"].get<double>(), which = s;
  }
  if (std::isfinite(first)) marks.push_back({first, "drop starts: step " + FormatNumber(Json(first), "%g") + " (" + which + ")"});
  return LineChart(points, series, 0, 1, "%.1f", "accuracy", "accuracy per split against step", marks);
}

std::string GapChart(const Json& trend) {
  const Json& points = trend["points"];
  std::vector<Series> series;
  double extent = 0.1;
  for (const char* gap : {"gap_format", "gap_content"}) {
    Series s{gap == std::string("gap_format") ? "format gap" : "content gap",
             SplitColor(gap == std::string("gap_format") ? "format" : "content"), {}};
    bool any = false;
    for (const auto& p : points) {
      s.cells.push_back(Value(p[gap], "delta"));
      if (p[gap].is_null()) continue;
      any = true;
      for (const char* f : {"delta", "ci_low", "ci_high"}) extent = std::max(extent, std::abs(p[gap][f].get<double>()));
    }
    if (any) series.push_back(std::move(s));
  }
  extent = std::min(1.0, std::ceil(extent * 10 - 1e-9) / 10);
  return LineChart(points, series, -extent, extent, "%+.2f", "gap (id twin − shifted)", "gaps against step", {});
}

std::string SignatureChart(const Json& trend) {
  const Json& points = trend["points"];
  std::vector<Series> series;
  double top = 0.05;
  size_t i = 0;
  for (const auto& name : trend["signatures"]) {
    Series s{name.get<std::string>(), RunColor(i++), {}};
    for (const auto& p : points) {
      const Json& c = Member(p["signatures"], name.get<std::string>().c_str());
      s.cells.push_back(Value(c, "rate"));
      if (!c.is_null()) top = std::max(top, c["ci_high"].get<double>());
    }
    series.push_back(std::move(s));
  }
  top = std::min(1.0, std::ceil(top * 20 - 1e-9) / 20);
  return LineChart(points, series, 0, top, "%.2f", "share of replies", "signature rates against step", {});
}

std::string Cell(const Json& c, const char* field, const char* fmt) {
  if (c.is_null()) return "<td>–</td>";
  return "<td>" + FormatNumber(c[field], fmt) + "<small>[" + FormatNumber(c["ci_low"], fmt) + ", " +
         FormatNumber(c["ci_high"], fmt) + "]</small></td>";
}

std::string PointsTable(const Json& trend) {
  std::string h = "<div class=\"scroll\"><table id=\"points\"><thead><tr><th>step</th><th>run</th><th>in-distribution</th><th>format-shifted</th>"
                  "<th>content-shifted</th><th>overall (macro)</th><th>format gap</th><th>content gap</th>";
  for (const auto& s : trend["signatures"]) h += "<th>" + MarkupEscape(s.get<std::string>()) + "</th>";
  h += "</tr></thead><tbody>\n";
  for (const auto& p : trend["points"]) {
    h += "<tr data-step=\"" + FormatNumber(p["step"], "%g") + "\"><td>" + FormatNumber(p["step"], "%g") +
         "</td><td class=\"name\">" + MarkupEscape(p["run"].get<std::string>()) + "<small>" +
         MarkupEscape(p["report"].get<std::string>()) + "</small></td>";
    for (const char* s : {"id", "format", "content", "overall"}) h += Cell(p[s], "accuracy", "%.3f");
    h += Cell(p["gap_format"], "delta", "%+.3f") + Cell(p["gap_content"], "delta", "%+.3f");
    for (const auto& s : trend["signatures"]) h += Cell(Member(p["signatures"], s.get<std::string>().c_str()), "rate", "%.3f");
    h += "</tr>\n";
  }
  return h + "</tbody></table></div>\n";
}

std::string DropText(const Json& trend) {
  std::string h = "<ul id=\"drops\">";
  bool any = false;
  const char* names[] = {"in-distribution", "format-shifted", "content-shifted", "overall (macro)"};
  int k = 0;
  for (const char* s : {"id", "format", "content", "overall"}) {
    const Json& o = trend["onset"][s];
    const Json& d = trend["largest_drop"][s];
    const char* name = names[k++];
    if (!o.is_null()) {
      any = true;
      h += std::string("<li class=\"onset\" data-series=\"") + s + "\"><b>" + name + "</b>: the drop starts at step <b>" +
           FormatNumber(o["step"], "%g") + "</b> (" + FormatNumber(o["from"]) + " at step " +
           FormatNumber(o["after_step"], "%g") + " → " + FormatNumber(o["to"]) + ", intervals apart)";
      if (!d.is_null()) {
        h += "; largest fall " + FormatNumber(d["delta"]) + " from step " + FormatNumber(d["from_step"], "%g") + " to " +
             FormatNumber(d["to_step"], "%g");
      }
      h += "</li>";
    }
  }
  if (!any) h += "<li>No checkpoint falls below an earlier one's interval on any split.</li>";
  return h + "</ul>\n";
}

}  // namespace

std::string TrendHtml(const Json& trend) {
  std::string h = std::string(R"(<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>toolshift trend</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
)") + PageStyle() + R"(</head><body>
<h1>toolshift trend</h1>
<p>Checkpoints of one run against their step. Accuracy with 95% Wilson intervals, gaps (in-distribution twin minus
shifted, paired) with clustered bootstrap intervals, signature rates over single-turn replies with Wilson intervals.
A drop "starts" at the first checkpoint whose interval lies entirely below an earlier checkpoint's.</p>
)";
  for (const auto& w : trend["warnings"]) h += "<div class=\"warning\"><b>Not comparable:</b> " + MarkupEscape(w.get<std::string>()) + "</div>\n";
  if (trend["points"].empty()) return h + "<p>No reports.</p></body></html>\n";
  h += DropText(trend);
  h += "<h2>Accuracy per split</h2>\n<div class=\"chart\">" + AccuracyChart(trend) + "</div>\n";
  h += "<h2>Format and content gaps</h2>\n<div class=\"chart\">" + GapChart(trend) + "</div>\n";
  h += "<h2>Signature rates</h2>\n";
  if (trend["signatures"].empty()) h += "<p>No reply signature was raised at any checkpoint.</p>\n";
  h += "<div class=\"chart\">" + SignatureChart(trend) + "</div>\n";
  h += "<h2>Checkpoints</h2>\n" + PointsTable(trend);
  h += PageScript();
  return h + "\n</body></html>\n";
}

}  // namespace toolshift
