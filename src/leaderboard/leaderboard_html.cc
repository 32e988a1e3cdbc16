// The leaderboard's HTML page: one self-contained file (inline CSS, SVG and script; no
// fetches), every model- or suite-provided string escaped.
#include <algorithm>
#include <cmath>
#include <cstdio>

#include "src/leaderboard/leaderboard.h"
#include "src/report/markup_escape.h"

namespace toolshift {
namespace {

std::string Num(const Json& v, const char* fmt = "%.3f") { return FormatNumber(v, fmt); }

// A number as a sort key (empty cells sort last).
std::string Key(const Json& v) { return v.is_number() ? Num(v, "%.9f") : "-1e300"; }

const char* kColors[] = {"#3b6fb6", "#d9822b", "#2e9e6a", "#b63b6f", "#7a5cc4", "#8c8c2e", "#2e8c8c", "#c43b3b"};

std::string Color(size_t i) { return kColors[i % (sizeof kColors / sizeof kColors[0])]; }

std::string Td(const std::string& text, const std::string& key) {
  return "<td data-key=\"" + MarkupEscape(key) + "\">" + text + "</td>";
}

std::string AccCell(const Json& c) {
  if (c.is_null()) return Td("–", "-1e300");
  return Td(Num(c["accuracy"]) + "<small> [" + Num(c["ci_low"]) + ", " + Num(c["ci_high"]) + "]</small>",
            Key(c["accuracy"]));
}

std::string GapCell(const Json& g) {
  if (g.is_null()) return Td("–", "-1e300");
  return Td(Num(g["delta"], "%+.3f") + "<small> [" + Num(g["ci_low"], "%+.3f") + ", " + Num(g["ci_high"], "%+.3f") +
                "]</small>",
            Key(g["delta"]));
}

// Grouped bars: for each model, accuracy on id / format / content with 95% whiskers.
std::string SplitChart(const Json& models) {
  const char* splits[] = {"id", "format", "content"};
  const char* split_colors[] = {"#3b6fb6", "#d9822b", "#2e9e6a"};
  const int bar = 20, top = 20, height = 200, left = 40;
  const int group = 140;  // room for a model name under its three bars
  const int gap = group - 3 * bar;
  const int width = std::max(left + static_cast<int>(models.size()) * group + 20, left + 350);
  std::string svg = "<svg role=\"img\" aria-label=\"accuracy by split per model\" width=\"" + std::to_string(width) +
                    "\" height=\"" + std::to_string(height + top + 60) + "\" xmlns=\"http://www.w3.org/2000/svg\">";
  for (int t = 0; t <= 4; ++t) {
    const int y = top + height - t * height / 4;
    svg += "<line x1=\"" + std::to_string(left) + "\" x2=\"" + std::to_string(width) + "\" y1=\"" + std::to_string(y) +
           "\" y2=\"" + std::to_string(y) + "\" stroke=\"#ddd\"/><text x=\"" + std::to_string(left - 6) + "\" y=\"" +
           std::to_string(y + 4) + "\" text-anchor=\"end\" font-size=\"11\">" + Num(Json(t / 4.0), "%.2f") + "</text>";
  }
  for (size_t i = 0; i < models.size(); ++i) {
    const Json& m = models[i];
    const int x0 = left + static_cast<int>(i) * group + gap / 2;
    for (int s = 0; s < 3; ++s) {
      const Json& c = m[splits[s]];
      if (c.is_null()) continue;
      const double a = c["accuracy"].get<double>();
      const int h = static_cast<int>(a * height + 0.5);
      const int x = x0 + s * bar;
      svg += "<rect class=\"bar\" x=\"" + std::to_string(x) + "\" y=\"" + std::to_string(top + height - h) + "\" width=\"" +
             std::to_string(bar - 2) + "\" height=\"" + std::to_string(h) + "\" fill=\"" + split_colors[s] + "\"><title>" +
             MarkupEscape(m["model"].get<std::string>()) + " " + splits[s] + " " + Num(c["accuracy"]) + "</title></rect>";
      const int ylo = top + height - static_cast<int>(c["ci_low"].get<double>() * height + 0.5);
      const int yhi = top + height - static_cast<int>(c["ci_high"].get<double>() * height + 0.5);
      const int xm = x + (bar - 2) / 2;
      svg += "<line x1=\"" + std::to_string(xm) + "\" x2=\"" + std::to_string(xm) + "\" y1=\"" + std::to_string(ylo) +
             "\" y2=\"" + std::to_string(yhi) + "\" stroke=\"#222\"/>";
    }
    svg += "<text x=\"" + std::to_string(x0 + 3 * bar / 2) + "\" y=\"" + std::to_string(top + height + 16) +
           "\" text-anchor=\"middle\" font-size=\"11\">" + MarkupEscape(m["model"].get<std::string>()) + "</text>";
  }
  int lx = left;
  for (int s = 0; s < 3; ++s, lx += 110) {
    svg += "<rect x=\"" + std::to_string(lx) + "\" y=\"" + std::to_string(top + height + 34) +
           "\" width=\"12\" height=\"12\" fill=\"" + split_colors[s] + "\"/><text x=\"" + std::to_string(lx + 16) +
           "\" y=\"" + std::to_string(top + height + 44) + "\" font-size=\"11\">" +
           (s == 0 ? "in-distribution" : s == 1 ? "format-shifted" : "content-shifted") + "</text>";
  }
  return svg + "</svg>";
}

// Horizontal bars: the gap of each shift kind, one bar per model, zero line in the middle.
std::string KindChart(const Json& board) {
  const Json& models = board["models"];
  const Json& kinds = board["shift_kinds"];
  const int row = 8 * static_cast<int>(models.size()) + 8, label = 210, half = 220, top = 10;
  const int width = label + 2 * half + 20;
  const int height = top + static_cast<int>(kinds.size()) * row + 40;
  std::string svg = "<svg role=\"img\" aria-label=\"gap per shift kind\" width=\"" + std::to_string(width) +
                    "\" height=\"" + std::to_string(height) + "\" xmlns=\"http://www.w3.org/2000/svg\">";
  const int zero = label + half;
  svg += "<line x1=\"" + std::to_string(zero) + "\" x2=\"" + std::to_string(zero) + "\" y1=\"0\" y2=\"" +
         std::to_string(height - 30) + "\" stroke=\"#888\"/>";
  for (size_t k = 0; k < kinds.size(); ++k) {
    const std::string kind = kinds[k].get<std::string>();
    const int y0 = top + static_cast<int>(k) * row;
    svg += "<text x=\"" + std::to_string(label - 6) + "\" y=\"" + std::to_string(y0 + row / 2 + 3) +
           "\" text-anchor=\"end\" font-size=\"11\">" + MarkupEscape(kind) + "</text>";
    for (size_t i = 0; i < models.size(); ++i) {
      const Json g = models[i]["shift_kinds"].value(kind, Json());
      if (g.is_null()) continue;
      const double d = std::max(-1.0, std::min(1.0, g["delta"].get<double>()));
      const int w = static_cast<int>(std::abs(d) * half + 0.5);
      const int x = d >= 0 ? zero : zero - w;
      svg += "<rect class=\"bar\" x=\"" + std::to_string(x) + "\" y=\"" + std::to_string(y0 + 4 + static_cast<int>(i) * 8) +
             "\" width=\"" + std::to_string(std::max(w, 1)) + "\" height=\"7\" fill=\"" + Color(i) + "\"><title>" +
             MarkupEscape(models[i]["model"].get<std::string>() + " " + kind + " ") + Num(g["delta"], "%+.3f") +
             "</title></rect>";
    }
  }
  int lx = label;
  for (size_t i = 0; i < models.size(); ++i, lx += 150) {
    svg += "<rect x=\"" + std::to_string(lx) + "\" y=\"" + std::to_string(height - 22) + "\" width=\"12\" height=\"12\" fill=\"" +
           Color(i) + "\"/><text x=\"" + std::to_string(lx + 16) + "\" y=\"" + std::to_string(height - 12) +
           "\" font-size=\"11\">" + MarkupEscape(models[i]["model"].get<std::string>()) + "</text>";
  }
  return svg + "</svg>";
}

}  // namespace

std::string LeaderboardHtml(const Json& board) {
  const Json& models = board["models"];
  std::string h = R"(<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>toolshift leaderboard</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>
body{font:14px/1.4 system-ui,sans-serif;margin:24px;color:#222}
table{border-collapse:collapse;margin:12px 0 28px}
th,td{padding:5px 9px;border-bottom:1px solid #e2e2e2;text-align:right;white-space:nowrap}
th{cursor:pointer;background:#f4f4f4;user-select:none}
th.sorted-desc::after{content:" ▼"}th.sorted-asc::after{content:" ▲"}
td:nth-child(2),th:nth-child(2){text-align:left}
small{color:#777}
h2{margin-top:32px}
</style></head><body>
<h1>toolshift leaderboard</h1>
<p>Accuracy with 95% Wilson intervals; gaps (in-distribution minus shifted, paired over each shifted episode and its
twin) with paired bootstrap intervals. Ranks are ranges: models whose overall intervals overlap share one. Click a
column to sort.</p>
<table id="board" class="sortable"><thead><tr>
<th data-col="rank">rank</th><th data-col="model">model</th><th data-col="overall">overall</th>
<th data-col="id">in-distribution</th><th data-col="format">format-shifted</th><th data-col="content">content-shifted</th>
<th data-col="gap_format">format gap</th><th data-col="gap_content">content gap</th>
<th data-col="format_validity">format validity</th><th data-col="latency">latency p50 ms</th>
</tr></thead><tbody>
)";
  for (const auto& m : models) {
    h += "<tr data-model=\"" + MarkupEscape(m["model"].get<std::string>()) + "\">";
    h += Td(RankText(m), std::to_string(-m["rank_low"].get<int>()));  // sorting "descending" by this key puts rank 1 first
    h += "<td data-key=\"" + MarkupEscape(m["model"].get<std::string>()) + "\">" + MarkupEscape(m["model"].get<std::string>()) +
         "</td>";
    h += AccCell(m["overall"]) + AccCell(m["id"]) + AccCell(m["format"]) + AccCell(m["content"]);
    h += GapCell(m["gap_format"]) + GapCell(m["gap_content"]);
    h += Td(Num(m["format_validity"]), Key(m["format_validity"]));
    h += Td(Num(m["latency_p50_ms"], "%.1f"), Key(m["latency_p50_ms"]));
    h += "</tr>\n";
  }
  h += "</tbody></table>\n<h2>Accuracy by split</h2>\n" + SplitChart(models) + "\n";
  if (!board["shift_kinds"].empty()) {
    h += "<h2>Gap by shift kind</h2>\n" + KindChart(board) + "\n<table class=\"sortable\"><thead><tr><th>shift kind</th>";
    for (const auto& m : models) h += "<th>" + MarkupEscape(m["model"].get<std::string>()) + "</th>";
    h += "</tr></thead><tbody>\n";
    for (const auto& k : board["shift_kinds"]) {
      h += "<tr><td data-key=\"" + MarkupEscape(k.get<std::string>()) + "\">" + MarkupEscape(k.get<std::string>()) + "</td>";
      for (const auto& m : models) h += GapCell(m["shift_kinds"].value(k.get<std::string>(), Json()));
      h += "</tr>\n";
    }
    h += "</tbody></table>\n";
  }
  if (!board["categories"].empty()) {
    h += "<h2>Accuracy by category</h2>\n<table class=\"sortable\"><thead><tr><th>split</th><th>category</th>";
    for (const auto& m : models) h += "<th>" + MarkupEscape(m["model"].get<std::string>()) + "</th>";
    h += "</tr></thead><tbody>\n";
    for (const char* split : {"id", "format", "content"}) {
      for (const auto& c : board["categories"]) {
        const std::string cat = c.get<std::string>();
        bool any = false;
        for (const auto& m : models) any = any || (m["categories"].contains(split) && m["categories"][split].contains(cat));
        if (!any) continue;
        h += std::string("<tr><td>") + split + "</td><td data-key=\"" + MarkupEscape(cat) + "\">" + MarkupEscape(cat) + "</td>";
        for (const auto& m : models) {
          const Json v = m["categories"].contains(split) ? m["categories"][split].value(cat, Json()) : Json();
          h += Td(Num(v), Key(v));
        }
        h += "</tr>\n";
      }
    }
    h += "</tbody></table>\n";
  }
  h += R"(<script>
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
  if (m) {
    var board = document.getElementById('board');
    Array.prototype.forEach.call(board.tHead.rows[0].cells, function(th, i){
      if (th.getAttribute('data-col') === m[1]) sortBy(board, i, true);
    });
  }
})();
</script>
</body></html>
)";
  return h;
}

}  // namespace toolshift
