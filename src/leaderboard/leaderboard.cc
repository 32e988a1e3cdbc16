#include "src/leaderboard/leaderboard.h"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <map>
#include <set>

#include "src/core/input_error.h"
#include "src/leaderboard/report_fields.h"
#include "src/report/markup_escape.h"

namespace toolshift {
namespace {

constexpr const char* kLeaderboardVersion = "2.0.0";  // 2: overall is the macro average; categories are cells

std::string Num(const Json& v, const char* fmt = "%.3f") { return FormatNumber(v, fmt); }

std::string Signed(const Json& v) { return Num(v, "%+.3f"); }

const char* kSplits[] = {"id", "format", "content"};

}  // namespace

std::string FormatNumber(const Json& v, const char* fmt) {
  if (!v.is_number()) return "";
  char buf[32];
  std::snprintf(buf, sizeof buf, fmt, v.get<double>());
  return buf;
}

std::string RankText(const Json& m) {
  const int lo = m["rank_low"].get<int>(), hi = m["rank_high"].get<int>();
  return lo == hi ? std::to_string(lo) : std::to_string(lo) + "–" + std::to_string(hi);
}

namespace {

// One report's row of the board (ranks and groups are filled in later).
Json ModelRow(const LeaderboardInput& in, std::set<std::string>& kinds, std::set<std::string>& categories,
              Json& kind_split) {
  const Json& r = in.report;
  const std::string model = StringOr(r, "model");
  if (model.empty()) throw InputError(in.path + ": model: missing");
  Json m = {{"model", model}, {"run", RunName(r)}, {"report", in.path}};
  m["overall_micro"] = AccuracyCell(Member(r, "totals"));
  if (m["overall_micro"].is_null()) throw InputError(in.path + ": totals.accuracy: missing (nothing was scored?)");
  const Json& splits = Member(r, "splits");
  std::vector<Json> split_cells;
  m["steps"] = Json::object();
  for (const char* s : kSplits) {
    m[s] = AccuracyCell(Member(splits, s));
    split_cells.push_back(m[s]);
    if (!m[s].is_null()) m["steps"][s] = StepCells(Member(splits, s));
  }
  m["overall"] = MacroCell(split_cells);
  if (m["overall"].is_null()) m["overall"] = m["overall_micro"];  // a report without splits: its totals
  const Json& gap = Member(r, "gap");
  m["gap_format"] = GapCell(Member(gap, "format"));
  m["gap_content"] = GapCell(Member(gap, "content"));
  m["format_validity"] = Member(Member(r, "totals"), "format_validity");
  const Json& latency = Member(r, "latency_ms");
  m["latency_p50_ms"] = Member(latency, "p50");
  m["latency_p90_ms"] = Member(latency, "p90");
  m["categories"] = Json::object();
  if (splits.is_object()) {
    for (auto s = splits.begin(); s != splits.end(); ++s) {
      const Json& cats = Member(*s, "categories");
      if (!cats.is_object()) continue;
      for (auto c = cats.begin(); c != cats.end(); ++c) {
        Json cell = AccuracyCell(*c);
        if (cell.is_null()) continue;
        m["categories"][s.key()][c.key()] = std::move(cell);
        categories.insert(c.key());
      }
    }
  }
  m["shift_kinds"] = Json::object();
  for (const char* split : {"format", "content"}) {
    const Json& by_kind = Member(Member(gap, split), "by_kind");
    if (!by_kind.is_object()) continue;
    for (auto k = by_kind.begin(); k != by_kind.end(); ++k) {
      Json cell = GapCell(*k);
      if (cell.is_null()) continue;
      m["shift_kinds"][k.key()] = std::move(cell);
      kinds.insert(k.key());
      kind_split[k.key()] = split;
    }
  }
  m["meta"] = RunMetadata(r);
  return m;
}

// Rank ranges from the overall intervals, among the rows of one group.
void Rank(std::vector<Json*>& rows) {
  const int n = static_cast<int>(rows.size());
  for (Json* m : rows) {
    const double lo = (*m)["overall"]["ci_low"].get<double>(), hi = (*m)["overall"]["ci_high"].get<double>();
    int above = 0, below = 0;
    for (const Json* o : rows) {
      if ((*o)["overall"]["ci_low"].get<double>() > hi) ++above;
      if ((*o)["overall"]["ci_high"].get<double>() < lo) ++below;
    }
    (*m)["rank_low"] = 1 + above;
    (*m)["rank_high"] = n - below;
  }
}

// Rows named alike (one model run twice, no --name) get their report's file name, then a number.
void DisambiguateRuns(Json& models) {
  for (int pass = 0; pass < 2; ++pass) {
    std::map<std::string, int> seen;
    for (const auto& m : models) ++seen[m["run"].get<std::string>()];
    std::map<std::string, int> count;
    for (auto& m : models) {
      const std::string run = m["run"].get<std::string>();
      if (seen[run] < 2) continue;
      if (pass == 0) {
        m["run"] = run + " (" + std::filesystem::path(m["report"].get<std::string>()).filename().string() + ")";
      } else {
        m["run"] = run + " #" + std::to_string(++count[run]);
      }
    }
  }
}

}  // namespace

Json BuildLeaderboard(const std::vector<LeaderboardInput>& inputs) {
  Json models = Json::array();
  std::set<std::string> kinds, categories;
  Json kind_split = Json::object();
  std::vector<std::string> keys;  // fingerprint of each group, in order of first appearance
  Json groups = Json::array();
  for (const auto& in : inputs) {
    Json m;
    try {
      m = ModelRow(in, kinds, categories, kind_split);
    } catch (const Json::exception& e) {  // a field of a type no report has
      throw InputError(in.path + ": " + e.what());
    }
    const Json fp = Fingerprint(in.report);
    const std::string key = DumpJson(fp);
    auto it = std::find(keys.begin(), keys.end(), key);
    if (it == keys.end()) {
      keys.push_back(key);
      groups.push_back({{"group", keys.size()}, {"fingerprint", fp}, {"description", FingerprintText(fp)},
                        {"runs", Json::array()}});
      it = keys.end() - 1;
    }
    const size_t g = static_cast<size_t>(it - keys.begin());
    m["group"] = g + 1;
    groups[g]["runs"].push_back(in.path);
    models.push_back(std::move(m));
  }
  DisambiguateRuns(models);
  for (size_t g = 0; g < keys.size(); ++g) {
    std::vector<Json*> rows;
    for (auto& m : models) {
      if (m["group"] == g + 1) rows.push_back(&m);
    }
    Rank(rows);
  }
  std::vector<Json> sorted(models.begin(), models.end());
  std::stable_sort(sorted.begin(), sorted.end(), [](const Json& a, const Json& b) {
    if (a["group"] != b["group"]) return a["group"].get<int>() < b["group"].get<int>();
    const double x = a["overall"]["accuracy"].get<double>(), y = b["overall"]["accuracy"].get<double>();
    if (x != y) return x > y;
    return a["run"].get<std::string>() < b["run"].get<std::string>();
  });
  Json warnings = Json::array();
  if (groups.size() > 1) {
    std::string text = std::to_string(groups.size()) +
                       " groups of reports are not comparable (different suites, suite contents, episode counts, "
                       "--limit, epochs or toolshift versions); each group is ranked on its own:";
    for (const auto& g : groups) {
      text += " group " + g["group"].dump() + ": " + g["description"].get<std::string>() + " (" +
              std::to_string(g["runs"].size()) + " report" + (g["runs"].size() == 1 ? "" : "s") + ");";
    }
    text.back() = '.';
    warnings.push_back(text);
  }
  Json by_split = {{"format", Json::array()}, {"content", Json::array()}};
  for (const auto& k : kinds) by_split[kind_split[k].get<std::string>()].push_back(k);
  return {{"schema_version", kLeaderboardVersion},
          {"overall", "macro: the mean of the split accuracies (id, format, content) a run has; "
                      "overall_micro: all scored episodes pooled"},
          {"models", sorted},
          {"groups", groups},
          {"warnings", warnings},
          {"shift_kinds", std::vector<std::string>(kinds.begin(), kinds.end())},
          {"shift_kinds_by_split", by_split},
          {"categories", std::vector<std::string>(categories.begin(), categories.end())}};
}

std::string LeaderboardCsv(const Json& board) {
  std::string csv =
      "rank,model,overall,overall_ci_low,overall_ci_high,id,format,content,gap_format,gap_format_ci_low,"
      "gap_format_ci_high,gap_content,format_validity,latency_p50_ms,latency_p90_ms,group,run,overall_micro,"
      "overall_micro_ci_low,overall_micro_ci_high,started_at,toolshift_version,episodes\n";
  for (const auto& m : board["models"]) {
    auto acc = [&](const char* k) { return m[k].is_null() ? std::string() : Num(m[k]["accuracy"], "%.6f"); };
    auto gap = [&](const char* k, const char* f) { return m[k].is_null() ? std::string() : Num(m[k][f], "%.6f"); };
    csv += CsvText(RankText(m)) + "," + CsvText(m["model"].get<std::string>()) + "," + acc("overall") + "," +
           Num(m["overall"]["ci_low"], "%.6f") + "," + Num(m["overall"]["ci_high"], "%.6f") + "," + acc("id") + "," +
           acc("format") + "," + acc("content") + "," + gap("gap_format", "delta") + "," + gap("gap_format", "ci_low") +
           "," + gap("gap_format", "ci_high") + "," + gap("gap_content", "delta") + "," +
           Num(m["format_validity"], "%.6f") + "," + Num(m["latency_p50_ms"], "%.3f") + "," +
           Num(m["latency_p90_ms"], "%.3f") + "," + m["group"].dump() + "," + CsvText(m["run"].get<std::string>()) + "," +
           acc("overall_micro") + "," + Num(m["overall_micro"]["ci_low"], "%.6f") + "," +
           Num(m["overall_micro"]["ci_high"], "%.6f") + "," + CsvText(StringOr(m["meta"], "started_at")) + "," +
           CsvText(StringOr(m["meta"], "toolshift_version")) + "," + Num(m["meta"]["episodes"], "%.0f") + "\n";
  }
  return csv;
}

std::string LeaderboardMarkdown(const Json& board) {
  auto acc = [](const Json& c) {
    return c.is_null() ? std::string("–") : Num(c["accuracy"]) + " [" + Num(c["ci_low"]) + ", " + Num(c["ci_high"]) + "]";
  };
  auto gap = [](const Json& g) {
    return g.is_null() ? std::string("–") : Signed(g["delta"]) + " [" + Signed(g["ci_low"]) + ", " + Signed(g["ci_high"]) + "]";
  };
  std::string md = "# toolshift leaderboard\n\n";
  for (const auto& w : board["warnings"]) md += "**Warning:** " + MarkdownText(w.get<std::string>()) + "\n\n";
  const bool grouped = board["groups"].size() > 1;
  md += grouped ? "| group " : "";
  md += "| rank | model | overall (macro) | overall (micro) | in-distribution | format-shifted | content-shifted | format gap | content gap | format validity | latency p50 ms |\n";
  md += grouped ? "|---" : "";
  md += "|---|---|---|---|---|---|---|---|---|---|---|\n";
  for (const auto& m : board["models"]) {
    md += grouped ? "| " + m["group"].dump() + " " : "";
    md += "| " + RankText(m) + " | " + MarkdownText(m["run"].get<std::string>()) + " | " + acc(m["overall"]) + " | " +
          acc(m["overall_micro"]) + " | " +
          acc(m["id"]) + " | " + acc(m["format"]) + " | " + acc(m["content"]) + " | " + gap(m["gap_format"]) + " | " +
          gap(m["gap_content"]) + " | " + Num(m["format_validity"]) + " | " + Num(m["latency_p50_ms"], "%.1f") + " |\n";
  }
  md += "\nOverall (macro) is the mean of the split accuracies; overall (micro) pools all scored episodes. Ranks are "
        "ranges: runs whose macro 95% intervals overlap share one.\n";
  if (!board["shift_kinds"].empty()) {
    md += "\n## Gap by shift kind\n\n| split | shift kind |";
    for (const auto& m : board["models"]) md += " " + MarkdownText(m["run"].get<std::string>()) + " |";
    md += "\n|---|---|";
    for (size_t i = 0; i < board["models"].size(); ++i) md += "---|";
    md += "\n";
    for (const char* split : {"format", "content"}) {
      for (const auto& k : board["shift_kinds_by_split"][split]) {
        md += std::string("| ") + split + " | " + MarkdownText(k.get<std::string>()) + " |";
        for (const auto& m : board["models"]) {
          const Json g = m["shift_kinds"].value(k.get<std::string>(), Json());
          md += " " + (g.is_null() ? std::string("–") : Signed(g["delta"])) + " |";
        }
        md += "\n";
      }
    }
  }
  return md;
}

}  // namespace toolshift
