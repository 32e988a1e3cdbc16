// The leaderboard's HTML page: one self-contained file (inline CSS, SVG and script; no
// fetches), every model- or suite-provided string escaped. Laid out for a 1400 px window:
// intervals sit under their figures, long settings wrap, and wide charts scroll in their box.
#include <algorithm>
#include <cmath>
#include <cstdio>

#include "src/leaderboard/leaderboard.h"
#include "src/leaderboard/report_fields.h"
#include "src/leaderboard/svg_chart.h"
#include "src/report/markup_escape.h"

namespace toolshift {
namespace {

const char* kSplits[] = {"id", "format", "content"};
const char* kSplitNames[] = {"in-distribution", "format-shifted", "content-shifted"};

std::string Num(const Json& v, const char* fmt = "%.3f") { return FormatNumber(v, fmt); }

// A number as a sort key (empty cells sort last).
std::string Key(const Json& v) { return v.is_number() ? Num(v, "%.9f") : "-1e300"; }

std::string Esc(const Json& v) { return MarkupEscape(v.is_string() ? v.get<std::string>() : DumpJson(v)); }

// At most `max` bytes of `s` without cutting a UTF-8 sequence, with "…" when cut.
std::string Ellipsize(const std::string& s, size_t max) {
  if (s.size() <= max) return s;
  size_t end = max;
  while (end > 0 && (static_cast<unsigned char>(s[end]) & 0xC0) == 0x80) --end;
  return s.substr(0, end) + "…";
}

// The start and the end of `s` in at most about `max` bytes ("reference:no…run-3.json"): runs
// of one model differ at the end of their names.
std::string EllipsizeMiddle(const std::string& s, size_t max) {
  if (s.size() <= max || max < 8) return Ellipsize(s, max);
  const std::string head = Ellipsize(s, max / 2);
  size_t from = s.size() - (max - max / 2);
  while (from < s.size() && (static_cast<unsigned char>(s[from]) & 0xC0) == 0x80) ++from;
  return head.substr(0, head.size() - std::string("…").size()) + "…" + s.substr(from);
}

std::string Td(const std::string& text, const std::string& key) {
  return "<td data-key=\"" + MarkupEscape(key) + "\">" + text + "</td>";
}

std::string AccCell(const Json& c) {
  if (c.is_null()) return Td("–", "-1e300");
  return Td(Num(c["accuracy"]) + "<small>[" + Num(c["ci_low"]) + ", " + Num(c["ci_high"]) + "]</small>",
            Key(c["accuracy"]));
}

std::string GapCell(const Json& g) {
  if (g.is_null()) return Td("–", "-1e300");
  return Td(Num(g["delta"], "%+.3f") + "<small>[" + Num(g["ci_low"], "%+.3f") + ", " + Num(g["ci_high"], "%+.3f") +
                "]</small>",
            Key(g["delta"]));
}

// Grouped bars: for each run, accuracy on id / format / content with 95% whiskers, on a 0–1 axis.
std::string SplitChart(const Json& models) {
  const int left = 70, top = 16, plot_h = 220;
  const int n = std::max<int>(1, static_cast<int>(models.size()));
  const int group = std::clamp((1300 - left) / n, 72, 150), bar = std::min(26, (group - 12) / 3);
  const int width = std::max(left + n * group + 10, 760), height = top + plot_h + 80;
  Svg svg(width, height, "accuracy by split per run");
  const Scale y{0, 1, static_cast<double>(top + plot_h), static_cast<double>(top)};
  svg.YAxis(y, left, width - 10, NiceTicks(0, 1, 5), "%.1f", "accuracy");
  for (int i = 0; i < static_cast<int>(models.size()); ++i) {
    const Json& m = models[i];
    const std::string run = m["run"].get<std::string>();
    const double x0 = left + i * group + (group - 3 * bar) / 2.0;
    for (int s = 0; s < 3; ++s) {
      const Json& c = m[kSplits[s]];
      if (c.is_null()) continue;
      const double a = c["accuracy"].get<double>(), x = x0 + s * bar;
      // A zero accuracy still shows: a 3 px sliver on the axis.
      const double h = std::max(3.0, y(0) - y(a));
      svg.Rect(x, y(0) - h, bar - 2, h, SplitColor(kSplits[s]),
               run + " " + kSplitNames[s] + " " + Num(c["accuracy"]) + " [" + Num(c["ci_low"]) + ", " +
                   Num(c["ci_high"]) + "]",
               "bar");
      const double xm = x + (bar - 2) / 2.0;
      svg.Whisker(xm, y(c["ci_low"].get<double>()), xm, y(c["ci_high"].get<double>()), true);
    }
    svg.Text(x0 + 1.5 * bar, top + plot_h + 16, EllipsizeMiddle(run, group / 6), "middle", 11);
  }
  double lx = left;
  for (int s = 0; s < 3; ++s, lx += 140) {
    svg.Rect(lx, height - 30, 12, 12, SplitColor(kSplits[s]));
    svg.Text(lx + 16, height - 20, kSplitNames[s]);
  }
  svg.Text(lx + 10, height - 20, "whiskers: 95% Wilson intervals", "start", 11);
  return svg.Finish();
}

// Horizontal bars: the gap of each shift kind of one split, one bar (with its interval) per run,
// on a symmetric axis around zero.
std::string KindChart(const Json& board, const std::string& split) {
  const Json& models = board["models"];
  const Json& kinds = board["shift_kinds_by_split"][split];
  const int n = static_cast<int>(models.size());
  const int bar = 9, row = bar * n + 10, label = 230, plot_w = 760, top = 10;
  const int width = label + plot_w + 30, height = top + static_cast<int>(kinds.size()) * row + 90;
  double extent = 0.1;
  for (const auto& m : models) {
    for (const auto& k : kinds) {
      const Json& g = Member(m["shift_kinds"], k.get<std::string>().c_str());
      if (g.is_null()) continue;
      for (const char* f : {"delta", "ci_low", "ci_high"}) extent = std::max(extent, std::abs(g[f].get<double>()));
    }
  }
  extent = std::min(1.0, std::ceil(extent * 10 - 1e-9) / 10);
  Svg svg(width, height, split + " gap per shift kind");
  const Scale x{-extent, extent, static_cast<double>(label), static_cast<double>(label + plot_w)};
  const double plot_bottom = top + static_cast<double>(kinds.size()) * row;
  svg.XAxis(x, plot_bottom, NiceTicks(-extent, extent, 8), "%+.2f",
            "gap = in-distribution twin accuracy − shifted accuracy (positive: the shift hurts)", top);
  svg.Line(x(0), top, x(0), plot_bottom, "#999");
  for (size_t k = 0; k < kinds.size(); ++k) {
    const std::string kind = kinds[k].get<std::string>();
    const double y0 = top + static_cast<double>(k) * row;
    svg.Text(label - 8, y0 + row / 2.0 + 4, Ellipsize(kind, 36), "end", 11);
    for (int i = 0; i < n; ++i) {
      const Json& g = Member(models[i]["shift_kinds"], kind.c_str());
      if (g.is_null()) continue;
      const double d = std::clamp(g["delta"].get<double>(), -extent, extent);
      const double yb = y0 + 5 + i * bar;
      double x1 = std::min(x(0), x(d)), w = std::abs(x(d) - x(0));
      if (w < 4) x1 = x(0) - 2, w = 4;  // a zero gap is a visible sliver, not nothing
      svg.Rect(x1, yb, w, bar - 2, RunColor(i),
               models[i]["run"].get<std::string>() + " " + kind + " " + Num(g["delta"], "%+.3f") + " [" +
                   Num(g["ci_low"], "%+.3f") + ", " + Num(g["ci_high"], "%+.3f") + "]",
               "bar");
      const double lo = std::clamp(g["ci_low"].get<double>(), -extent, extent);
      const double hi = std::clamp(g["ci_high"].get<double>(), -extent, extent);
      svg.Whisker(x(lo), yb + (bar - 2) / 2.0, x(hi), yb + (bar - 2) / 2.0, false);
    }
  }
  double lx = label;
  for (int i = 0; i < n; ++i) {
    if (lx > width - 160) break;
    const std::string run = models[i]["run"].get<std::string>();
    svg.Rect(lx, height - 24, 12, 12, RunColor(i));
    svg.Text(lx + 16, height - 14, EllipsizeMiddle(run, 26));
    lx += 190;
  }
  return svg.Finish();
}

std::string BoardTable(const Json& board) {
  const bool grouped = board["groups"].size() > 1;
  std::string h = "<div class=\"scroll\"><table id=\"board\" class=\"sortable\"><thead><tr>";
  if (grouped) h += "<th data-col=\"group\">group</th>";
  h += R"(<th data-col="rank">rank</th><th data-col="model" class="name">run</th><th data-col="overall" title="mean of the split accuracies">overall<br><small>macro</small></th>
<th data-col="overall_micro" title="all scored episodes pooled">overall<br><small>micro</small></th>
<th data-col="id">in-<br>distribution</th><th data-col="format">format-<br>shifted</th><th data-col="content">content-<br>shifted</th>
<th data-col="gap_format">format<br>gap</th><th data-col="gap_content">content<br>gap</th>
<th data-col="format_validity">format<br>validity</th><th data-col="latency">latency<br>p50 ms</th>
</tr></thead><tbody>
)";
  for (const auto& m : board["models"]) {
    h += "<tr data-model=\"" + Esc(m["model"]) + "\" data-run=\"" + Esc(m["run"]) + "\">";
    if (grouped) h += Td(m["group"].dump(), m["group"].dump());
    h += Td(RankText(m), std::to_string(-m["rank_low"].get<int>()));  // sorting "descending" by this key puts rank 1 first
    h += "<td class=\"name\" data-key=\"" + Esc(m["run"]) + "\">" + Esc(m["run"]) + "</td>";
    h += AccCell(m["overall"]) + AccCell(m["overall_micro"]) + AccCell(m["id"]) + AccCell(m["format"]) +
         AccCell(m["content"]);
    h += GapCell(m["gap_format"]) + GapCell(m["gap_content"]);
    h += Td(Num(m["format_validity"]), Key(m["format_validity"]));
    h += Td(Num(m["latency_p50_ms"], "%.1f"), Key(m["latency_p50_ms"]));
    h += "</tr>\n";
  }
  return h + "</tbody></table></div>\n";
}

// How each run was made: whatever its report records.
std::string RunsTable(const Json& board) {
  std::string h = "<h2>Runs</h2>\n<div class=\"scroll\"><table id=\"runs\"><thead><tr><th class=\"name\">run</th><th class=\"name\">model</th><th>started (UTC)</th>"
                  "<th>toolshift</th><th>seed</th><th>episodes</th><th>suites</th><th>settings</th></tr></thead><tbody>\n";
  for (const auto& m : board["models"]) {
    const Json& meta = m["meta"];
    h += "<tr><td class=\"name\">" + Esc(m["run"]) + "<small>" + Esc(m["report"]) + "</small></td><td class=\"name\">" +
         Esc(m["model"]) + "</td>";
    h += "<td>" + Esc(Member(meta, "started_at").is_null() ? Json("–") : meta["started_at"]);
    if (meta.contains("wall_seconds")) h += "<small>" + Num(meta["wall_seconds"], "%.1f") + " s</small>";
    h += "</td><td>" + Esc(Member(meta, "toolshift_version").is_null() ? Json("–") : meta["toolshift_version"]) +
         "</td><td>" + (meta.contains("seed") ? Esc(meta["seed"]) : "–") + "</td>";
    h += "<td>" + Num(meta["episodes"], "%.0f") +
         (meta["backend_errors"].get<double>() > 0 ? "<small>" + Num(meta["backend_errors"], "%.0f") + " backend errors</small>"
                                                   : "") +
         "</td>";
    h += "<td class=\"wrap\"><details><summary>" + std::to_string(meta["suites"].size()) + " suites, group " +
         m["group"].dump() + "</summary>";
    for (const auto& s : meta["suites"]) {
      h += "<div>" + Esc(s["name"]) + " <small class=\"inline\">" + MarkupEscape(Ellipsize(s["hash"].get<std::string>(), 19)) +
           "</small></div>";
    }
    h += "</details></td><td class=\"wrap settings\">";
    for (auto it = meta["labels"].begin(); it != meta["labels"].end(); ++it) {
      h += "<span class=\"label\">" + MarkupEscape(it.key()) + "=" + Esc(*it) + "</span> ";
    }
    for (auto it = meta["settings"].begin(); it != meta["settings"].end(); ++it) {
      h += "<span>" + MarkupEscape(it.key()) + "=" + MarkupEscape(Ellipsize(it->is_string() ? it->get<std::string>() : DumpJson(*it), 120)) +
           "</span> ";
    }
    h += "</td></tr>\n";
  }
  return h + "</tbody></table></div>\n";
}

std::string StepsTable(const Json& board) {
  std::string h = "<h2>Single- vs multi-step</h2>\n<div class=\"scroll\"><table class=\"sortable\"><thead><tr><th class=\"name\">run</th>";
  for (int s = 0; s < 3; ++s) {
    h += std::string("<th>") + kSplitNames[s] + "<br><small>single-step</small></th><th>" + kSplitNames[s] +
         "<br><small>multi-step</small></th>";
  }
  h += "</tr></thead><tbody>\n";
  for (const auto& m : board["models"]) {
    h += "<tr><td class=\"name\" data-key=\"" + Esc(m["run"]) + "\">" + Esc(m["run"]) + "</td>";
    for (const char* s : kSplits) {
      const Json& steps = Member(m["steps"], s);
      h += AccCell(Member(steps, "single")) + AccCell(Member(steps, "multi"));
    }
    h += "</tr>\n";
  }
  return h + "</tbody></table></div>\n";
}

std::string KindSections(const Json& board) {
  const Json& models = board["models"];
  std::string h;
  for (const char* split : {"format", "content"}) {
    if (board["shift_kinds_by_split"][split].empty()) continue;
    h += std::string("<h2>Gap by ") + split + " shift kind</h2>\n<div class=\"chart\">" + KindChart(board, split) +
         "</div>\n";
  }
  if (board["shift_kinds"].empty()) return h;
  h += "<div class=\"scroll\"><table class=\"sortable\"><thead><tr><th>split</th><th>shift kind</th>";
  for (const auto& m : models) h += "<th class=\"name\">" + Esc(m["run"]) + "</th>";
  h += "</tr></thead><tbody>\n";
  for (const char* split : {"format", "content"}) {
    for (const auto& k : board["shift_kinds_by_split"][split]) {
      h += std::string("<tr><td>") + split + "</td><td class=\"name\" data-key=\"" + Esc(k) + "\">" + Esc(k) + "</td>";
      for (const auto& m : models) h += GapCell(Member(m["shift_kinds"], k.get<std::string>().c_str()));
      h += "</tr>\n";
    }
  }
  return h + "</tbody></table></div>\n";
}

std::string CategoryTable(const Json& board) {
  const Json& models = board["models"];
  if (board["categories"].empty()) return "";
  std::string h = "<h2>Accuracy by category</h2>\n<div class=\"scroll\"><table class=\"sortable\"><thead><tr><th>split</th><th>category</th>";
  for (const auto& m : models) h += "<th class=\"name\">" + Esc(m["run"]) + "</th>";
  h += "</tr></thead><tbody>\n";
  for (const char* split : kSplits) {
    for (const auto& c : board["categories"]) {
      const std::string cat = c.get<std::string>();
      bool any = false;
      for (const auto& m : models) any = any || !Member(Member(m["categories"], split), cat.c_str()).is_null();
      if (!any) continue;
      h += std::string("<tr><td>") + split + "</td><td class=\"name\" data-key=\"" + MarkupEscape(cat) + "\">" +
           MarkupEscape(cat) + "</td>";
      for (const auto& m : models) h += AccCell(Member(Member(m["categories"], split), cat.c_str()));
      h += "</tr>\n";
    }
  }
  return h + "</tbody></table></div>\n";
}

}  // namespace

const char* PageStyle() {
  return R"(<style>
body{font:14px/1.4 system-ui,sans-serif;margin:20px;color:#222;max-width:1360px}
table{border-collapse:collapse;margin:10px 0 26px}
th,td{padding:4px 8px;border-bottom:1px solid #e2e2e2;text-align:right;white-space:nowrap;vertical-align:top}
th{cursor:pointer;background:#f4f4f4;user-select:none;font-weight:600}
th.sorted-desc::after{content:" ▼"}th.sorted-asc::after{content:" ▲"}
td.name,th.name{text-align:left;max-width:280px;white-space:normal;overflow-wrap:anywhere}
td.wrap{white-space:normal;text-align:left;max-width:460px}
td.settings span{display:inline-block;margin-right:6px;font-size:12px;color:#444}
span.label{background:#eef;border-radius:3px;padding:0 3px}
small{color:#777;display:block;font-size:11px}small.inline{display:inline}
h2{margin-top:30px}
.chart,.scroll{max-width:100%;overflow-x:auto}
.warning{background:#fff3cd;border:1px solid #e0c36a;padding:8px 12px;margin:10px 0}
</style>)";
}

const char* PageScript() {
  return R"(<script>
(function(){
  function sortBy(table, index, desc){
    var body = table.tBodies[0], rows = Array.prototype.slice.call(body.rows);
    rows.sort(function(a, b){
      var x = a.cells[index].getAttribute('data-key') || a.cells[index].textContent;
      var y = b.cells[index].getAttribute('data-key') || b.cells[index].textContent;
      var nx = parseFloat(x), ny = parseFloat(y), c;
      if (!isNaN(nx) && !isNaN(ny) && String(nx) !== 'NaN') c = nx - ny; else c = x < y ? -1 : x > y ? 1 : 0;
      return desc ? -c : c;
    });
    rows.forEach(function(r){ body.appendChild(r); });
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function(th, i){
      th.classList.remove('sorted-asc', 'sorted-desc');
      if (i === index) th.classList.add(desc ? 'sorted-desc' : 'sorted-asc');
    });
  }
  Array.prototype.forEach.call(document.querySelectorAll('table.sortable'), function(table){
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function(th, i){
      th.addEventListener('click', function(){ sortBy(table, i, !th.classList.contains('sorted-desc')); });
    });
  });
  var m = /[#&]sort=([\w-]+)/.exec(location.hash);
  var board = document.getElementById('board');
  if (m && board) {
    Array.prototype.forEach.call(board.tHead.rows[0].cells, function(th, i){
      if (th.getAttribute('data-col') === m[1]) sortBy(board, i, true);
    });
  }
  // For the browser test: how wide the laid-out page is (it must fit a 1400 px window).
  document.body.setAttribute('data-scroll-width', String(document.documentElement.scrollWidth));
})();
</script>)";
}

std::string LeaderboardHtml(const Json& board) {
  const Json& models = board["models"];
  std::string h = std::string(R"(<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>toolshift leaderboard</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
)") + PageStyle() + R"(</head><body>
<h1>toolshift leaderboard</h1>
<p>Accuracy with 95% Wilson intervals (under each figure); gaps (in-distribution minus shifted, paired over each
shifted episode and its twin) with clustered bootstrap intervals. <b>Overall (macro)</b> is the mean of the split
accuracies a run has, so each split weighs the same; <b>overall (micro)</b> pools every scored episode, and is
dominated by whichever split has the most episodes. Ranks are ranges from the macro intervals: runs whose intervals
overlap share one. Click a column to sort.</p>
)";
  for (const auto& w : board["warnings"]) h += "<div class=\"warning\"><b>Not comparable:</b> " + Esc(w) + "</div>\n";
  h += BoardTable(board) + RunsTable(board);
  h += "<h2>Accuracy by split</h2>\n<div class=\"chart\">" + SplitChart(models) + "</div>\n";
  h += StepsTable(board) + KindSections(board) + CategoryTable(board);
  h += PageScript();
  h += "\n</body></html>\n";
  return h;
}

}  // namespace toolshift
