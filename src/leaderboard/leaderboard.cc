#include "src/leaderboard/leaderboard.h"

#include <algorithm>
#include <cstdio>
#include <set>

#include "src/core/input_error.h"
#include "src/report/markup_escape.h"

namespace toolshift {
namespace {

constexpr const char* kLeaderboardVersion = "1.0.0";

Json Cell(const Json& tally) {
  if (!tally.is_object() || !tally.contains("accuracy") || !tally["accuracy"].is_number()) return nullptr;
  return {{"accuracy", tally["accuracy"]}, {"ci_low", tally.value("ci_low", 0.0)},
          {"ci_high", tally.value("ci_high", 1.0)}, {"n", tally.value("scored", tally.value("n", 0))}};
}

Json Gap(const Json& gap) {
  if (!gap.is_object() || !gap.contains("delta") || !gap["delta"].is_number()) return nullptr;
  return {{"delta", gap["delta"]}, {"ci_low", gap.value("ci_low", 0.0)}, {"ci_high", gap.value("ci_high", 0.0)}};
}

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

Json BuildLeaderboard(const std::vector<LeaderboardInput>& inputs) {
  Json models = Json::array();
  std::set<std::string> names, kinds, categories;
  for (const auto& in : inputs) {
    const Json& r = in.report;
    const std::string model = r.value("model", "");
    if (model.empty()) throw InputError(in.path + ": model: missing");
    if (!names.insert(model).second) throw InputError(in.path + ": model: " + model + " appears in two reports");
    Json m = {{"model", model}, {"report", in.path}};
    m["overall"] = Cell(r.value("totals", Json()));
    if (m["overall"].is_null()) throw InputError(in.path + ": totals.accuracy: missing (nothing was scored?)");
    const Json splits = r.value("splits", Json::object());
    for (const char* s : kSplits) m[s] = Cell(splits.value(s, Json()));
    const Json gap = r.value("gap", Json::object());
    m["gap_format"] = Gap(gap.value("format", Json()));
    m["gap_content"] = Gap(gap.value("content", Json()));
    m["format_validity"] = r["totals"].value("format_validity", Json());
    const Json latency = r.value("latency_ms", Json::object());
    m["latency_p50_ms"] = latency.value("p50", Json());
    m["latency_p90_ms"] = latency.value("p90", Json());
    m["categories"] = Json::object();
    for (auto s = splits.begin(); s != splits.end(); ++s) {
      if (!s->is_object() || !s->contains("categories")) continue;
      for (auto c = (*s)["categories"].begin(); c != (*s)["categories"].end(); ++c) {
        if (!c->contains("accuracy")) continue;
        m["categories"][s.key()][c.key()] = (*c)["accuracy"];
        categories.insert(c.key());
      }
    }
    m["shift_kinds"] = Json::object();
    for (const char* split : {"format", "content"}) {
      const Json by_kind = gap.value(split, Json::object()).value("by_kind", Json::object());
      for (auto k = by_kind.begin(); k != by_kind.end(); ++k) {
        m["shift_kinds"][k.key()] = Gap(*k);
        kinds.insert(k.key());
      }
    }
    models.push_back(std::move(m));
  }
  // Rank ranges from the overall intervals.
  const size_t n = models.size();
  for (auto& m : models) {
    const double lo = m["overall"]["ci_low"].get<double>(), hi = m["overall"]["ci_high"].get<double>();
    int above = 0, below = 0;
    for (const auto& o : models) {
      if (o["overall"]["ci_low"].get<double>() > hi) ++above;
      if (o["overall"]["ci_high"].get<double>() < lo) ++below;
    }
    m["rank_low"] = 1 + above;
    m["rank_high"] = static_cast<int>(n) - below;
  }
  std::vector<Json> sorted(models.begin(), models.end());
  std::stable_sort(sorted.begin(), sorted.end(), [](const Json& a, const Json& b) {
    const double x = a["overall"]["accuracy"].get<double>(), y = b["overall"]["accuracy"].get<double>();
    if (x != y) return x > y;
    return a["model"].get<std::string>() < b["model"].get<std::string>();
  });
  return {{"schema_version", kLeaderboardVersion}, {"models", sorted},
          {"shift_kinds", std::vector<std::string>(kinds.begin(), kinds.end())},
          {"categories", std::vector<std::string>(categories.begin(), categories.end())}};
}

std::string LeaderboardCsv(const Json& board) {
  std::string csv =
      "rank,model,overall,overall_ci_low,overall_ci_high,id,format,content,gap_format,gap_format_ci_low,"
      "gap_format_ci_high,gap_content,format_validity,latency_p50_ms,latency_p90_ms\n";
  for (const auto& m : board["models"]) {
    auto acc = [&](const char* k) { return m[k].is_null() ? std::string() : Num(m[k]["accuracy"], "%.6f"); };
    auto gap = [&](const char* k, const char* f) { return m[k].is_null() ? std::string() : Num(m[k][f], "%.6f"); };
    csv += CsvText(RankText(m)) + "," + CsvText(m["model"].get<std::string>()) + "," + acc("overall") + "," +
           Num(m["overall"]["ci_low"], "%.6f") + "," + Num(m["overall"]["ci_high"], "%.6f") + "," + acc("id") + "," +
           acc("format") + "," + acc("content") + "," + gap("gap_format", "delta") + "," + gap("gap_format", "ci_low") +
           "," + gap("gap_format", "ci_high") + "," + gap("gap_content", "delta") + "," +
           Num(m["format_validity"], "%.6f") + "," + Num(m["latency_p50_ms"], "%.3f") + "," +
           Num(m["latency_p90_ms"], "%.3f") + "\n";
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
  md += "| rank | model | overall | in-distribution | format-shifted | content-shifted | format gap | content gap | format validity | latency p50 ms |\n";
  md += "|---|---|---|---|---|---|---|---|---|---|\n";
  for (const auto& m : board["models"]) {
    md += "| " + RankText(m) + " | " + MarkdownText(m["model"].get<std::string>()) + " | " + acc(m["overall"]) + " | " +
          acc(m["id"]) + " | " + acc(m["format"]) + " | " + acc(m["content"]) + " | " + gap(m["gap_format"]) + " | " +
          gap(m["gap_content"]) + " | " + Num(m["format_validity"]) + " | " + Num(m["latency_p50_ms"], "%.1f") + " |\n";
  }
  md += "\nRanks are ranges: models whose 95% intervals overlap share one.\n";
  if (!board["shift_kinds"].empty()) {
    md += "\n## Gap by shift kind\n\n| shift kind |";
    for (const auto& m : board["models"]) md += " " + MarkdownText(m["model"].get<std::string>()) + " |";
    md += "\n|---|";
    for (size_t i = 0; i < board["models"].size(); ++i) md += "---|";
    md += "\n";
    for (const auto& k : board["shift_kinds"]) {
      md += "| " + MarkdownText(k.get<std::string>()) + " |";
      for (const auto& m : board["models"]) {
        const Json g = m["shift_kinds"].value(k.get<std::string>(), Json());
        md += " " + (g.is_null() ? std::string("–") : Signed(g["delta"])) + " |";
      }
      md += "\n";
    }
  }
  return md;
}

}  // namespace toolshift
