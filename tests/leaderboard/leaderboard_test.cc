// Leaderboard: rank ranges from intervals, every file written, hostile names escaped.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <set>

#include "src/core/input_error.h"
#include "src/leaderboard/leaderboard.h"
#include "tests/test_support.h"

namespace toolshift {
namespace {

LeaderboardInput Input(const std::string& model, double acc, double lo, double hi) {
  Json r = {{"schema_version", "1.0.0"},
            {"model", model},
            {"totals", {{"accuracy", acc}, {"ci_low", lo}, {"ci_high", hi}, {"scored", 100}, {"format_validity", 1.0}}},
            {"splits", {{"id", {{"accuracy", acc}, {"ci_low", lo}, {"ci_high", hi}, {"scored", 100},
                                {"categories", {{"simple", {{"accuracy", acc}}}}}}}}},
            {"gap", {{"format", {{"delta", 0.1}, {"ci_low", 0.0}, {"ci_high", 0.2},
                                 {"by_kind", {{"dialect:json", {{"delta", 0.1}, {"ci_low", 0.0}, {"ci_high", 0.2}}}}}}}}}};
  return {model + ".json", r};
}

}  // namespace

TEST_CASE("rank ranges respect the intervals", "[leaderboard]") {
  const Json board = BuildLeaderboard({Input("c", 0.70, 0.65, 0.75), Input("a", 0.90, 0.86, 0.94),
                                       Input("b", 0.88, 0.84, 0.92), Input("d", 0.40, 0.35, 0.45)});
  const Json& m = board["models"];
  REQUIRE(m.size() == 4);
  CHECK(m[0]["model"] == "a");  // sorted by accuracy
  CHECK(m[0]["rank_low"] == 1);
  CHECK(m[0]["rank_high"] == 2);  // overlaps b
  CHECK(m[1]["model"] == "b");
  CHECK(m[1]["rank_low"] == 1);
  CHECK(m[1]["rank_high"] == 2);
  CHECK(m[2]["rank_low"] == 3);
  CHECK(m[2]["rank_high"] == 3);
  CHECK(m[3]["rank_low"] == 4);
  CHECK(LeaderboardMarkdown(board).find("| 1–2 | a |") != std::string::npos);
  CHECK(LeaderboardCsv(board).find("1–2,a,0.900000") != std::string::npos);
}

TEST_CASE("model and suite strings are escaped in every format", "[leaderboard]") {
  const std::string evil = "<script>alert('x')</script>\"|,\n";
  Json board = BuildLeaderboard({Input(evil, 0.5, 0.4, 0.6), Input("ok", 0.6, 0.5, 0.7)});
  const std::string html = LeaderboardHtml(board);
  CHECK(html.find("<script>alert") == std::string::npos);
  CHECK(html.find("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&quot;") != std::string::npos);
  const std::string md = LeaderboardMarkdown(board);
  CHECK(md.find("<script>") == std::string::npos);
  CHECK(md.find("\\|") != std::string::npos);
  const std::string csv = LeaderboardCsv(board);
  CHECK(csv.find("\"<script>alert('x')</script>\"\"|,\n\"") != std::string::npos);  // one quoted field
  // The page fetches nothing: no src or href attributes, no CSS url().
  CHECK(html.find(" src=") == std::string::npos);
  CHECK(html.find(" href=") == std::string::npos);
  CHECK(html.find("url(") == std::string::npos);
}

TEST_CASE("one model twice is two runs, named apart", "[leaderboard]") {
  LeaderboardInput a = Input("m", 0.5, 0.4, 0.6), b = Input("m", 0.6, 0.5, 0.7), c = Input("m", 0.7, 0.6, 0.8);
  a.path = "runs/step-100.json";
  b.path = "runs/step-200.json";
  c.report["config"] = {{"labels", {{"step", "300"}}}};
  const Json board = BuildLeaderboard({a, b, c});
  REQUIRE(board["models"].size() == 3);
  std::set<std::string> runs;
  for (const auto& m : board["models"]) runs.insert(m["run"].get<std::string>());
  CHECK(runs == std::set<std::string>{"m (step-100.json)", "m (step-200.json)", "m [step=300]"});
  CHECK(board["warnings"].empty());
}

TEST_CASE("overall is the macro mean of the splits, the micro figure beside it", "[leaderboard]") {
  LeaderboardInput in = Input("m", 0.9, 0.8, 1.0);
  // 100 id episodes at 0.9 and 900 format episodes at 0.5: micro 0.54, macro 0.7.
  in.report["totals"] = {{"accuracy", 0.54}, {"ci_low", 0.51}, {"ci_high", 0.57}, {"scored", 1000}};
  in.report["splits"]["format"] = {{"accuracy", 0.5}, {"ci_low", 0.47}, {"ci_high", 0.53}, {"scored", 900}};
  const Json board = BuildLeaderboard({in});
  const Json& m = board["models"][0];
  CHECK(m["overall"]["accuracy"].get<double>() == Approx(0.7));
  CHECK(m["overall"]["ci_low"].get<double>() < 0.7);
  CHECK(m["overall"]["ci_high"].get<double>() > 0.7);
  CHECK(m["overall_micro"]["accuracy"].get<double>() == Approx(0.54));
  CHECK_THAT(LeaderboardMarkdown(board), Catch::Contains("overall (macro)"));
}

TEST_CASE("a limited run and a full run are not ranked together", "[leaderboard]") {
  LeaderboardInput full = Input("full", 0.8, 0.78, 0.82), limited = Input("limited", 0.95, 0.9, 0.99);
  full.report["suites"] = Json::array({{{"name", "single-id"}, {"hash", "sha256:aa"}, {"n", 1008}}});
  limited.report["suites"] = Json::array({{{"name", "single-id"}, {"hash", "sha256:aa"}, {"n", 100}}});
  limited.report["config"] = {{"limit", 100}};
  const Json board = BuildLeaderboard({full, limited});
  REQUIRE(board["groups"].size() == 2);
  REQUIRE(board["warnings"].size() == 1);
  CHECK_THAT(board["warnings"][0].get<std::string>(), Catch::Contains("not comparable"));
  CHECK_THAT(board["warnings"][0].get<std::string>(), Catch::Contains("--limit 100"));
  for (const auto& m : board["models"]) {
    CHECK(m["rank_low"] == 1);  // each first in its own group
    CHECK(m["rank_high"] == 1);
  }
  CHECK(board["models"][0]["model"] == "full");  // group 1 (first given) comes first
  CHECK_THAT(LeaderboardHtml(board), Catch::Contains("class=\"warning\""));
  CHECK_THAT(LeaderboardMarkdown(board), Catch::Contains("**Warning:**"));
  // Another toolshift version is another group too.
  LeaderboardInput newer = full;
  newer.report["toolshift_version"] = "9.9.9";
  newer.report["model"] = "newer";
  CHECK(BuildLeaderboard({full, newer})["groups"].size() == 2);
}

TEST_CASE("shift kinds are grouped by split, categories carry intervals", "[leaderboard]") {
  LeaderboardInput in = Input("m", 0.9, 0.8, 1.0);
  in.report["gap"]["content"] = {{"delta", 0.0}, {"by_kind", {{"heldout-domains", {{"delta", 0.0}, {"ci_low", -0.1}, {"ci_high", 0.1}}}}}};
  const Json board = BuildLeaderboard({in});
  CHECK(board["shift_kinds_by_split"]["format"] == Json::array({"dialect:json"}));
  CHECK(board["shift_kinds_by_split"]["content"] == Json::array({"heldout-domains"}));
  CHECK(board["models"][0]["categories"]["id"]["simple"]["accuracy"].get<double>() == Approx(0.9));
  const std::string html = LeaderboardHtml(board);
  CHECK_THAT(html, Catch::Contains("Gap by format shift kind"));
  CHECK_THAT(html, Catch::Contains("Gap by content shift kind"));
  CHECK_THAT(html, Catch::Contains("class=\"whisker\""));
  CHECK_THAT(html, Catch::Contains("class=\"axis x-axis\""));
  // A zero gap still draws a bar.
  CHECK_THAT(html, Catch::Contains("heldout-domains +0.000"));
}

TEST_CASE("a report with fields of the wrong type is refused or rendered, never crashes", "[leaderboard]") {
  LeaderboardInput in = Input("m", 0.9, 0.8, 1.0);
  in.report["splits"]["id"]["ci_low"] = "low";
  in.report["gap"] = "none";
  in.report["config"] = {{"labels", 3}, {"name", 7}};
  in.report["suites"] = Json::array({1, "x", {{"name", 2}}});
  const Json board = BuildLeaderboard({in});
  CHECK_NOTHROW(LeaderboardHtml(board));
  CHECK_NOTHROW(LeaderboardCsv(board));
  CHECK_NOTHROW(LeaderboardMarkdown(board));
}

TEST_CASE("leaderboard writes all four files from real reports and ranks the oracle first", "[leaderboard][cli]") {
  const std::string dir = testing::ScratchDir("leaderboard");
  std::vector<std::string> args = {"leaderboard"};
  for (const char* model : {"reference:overfit", "reference:noisy:0.3", "reference:oracle"}) {
    const std::string out = dir + "/" + std::string(model).substr(10) + ".json";
    REQUIRE(testing::RunToolshift({"run", "-q", "--model", model, "--suite", "single-id", "--suite",
                                   "single-fmt-dialect-xml", "--suite", "single-fmt-rename-params", "--out", out})
                .exit_code == 0);
    args.push_back(out);
  }
  args.insert(args.end(), {"--out", dir + "/board"});
  const auto r = testing::RunToolshift(args);
  REQUIRE(r.exit_code == 0);
  for (const char* f : {"leaderboard.json", "leaderboard.csv", "leaderboard.md", "index.html"}) {
    CHECK(testing::ReadText(dir + "/board/" + f).size() > 100);
  }
  const Json board = Json::parse(testing::ReadText(dir + "/board/leaderboard.json"));
  CHECK(board["models"][0]["model"] == "reference:oracle");
  CHECK(board["models"][0]["rank_low"] == 1);
  CHECK(board["models"][0]["rank_high"] == 1);
  CHECK(board["shift_kinds"].size() == 2);
  CHECK_THAT(r.out, Catch::Contains("| 1 | reference:oracle |"));
}

}  // namespace toolshift

namespace toolshift {
namespace {

// RFC 4180 fields of a CSV text, row by row (quoted fields may hold commas, quotes, line breaks).
std::vector<std::vector<std::string>> ParseCsv(const std::string& csv) {
  std::vector<std::vector<std::string>> rows(1);
  std::string cell;
  bool quoted = false;
  for (size_t i = 0; i < csv.size(); ++i) {
    const char c = csv[i];
    if (quoted) {
      if (c == '"' && i + 1 < csv.size() && csv[i + 1] == '"') cell += '"', ++i;
      else if (c == '"') quoted = false;
      else cell += c;
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      rows.back().push_back(cell), cell.clear();
    } else if (c == '\n') {
      rows.back().push_back(cell), cell.clear();
      rows.emplace_back();
    } else {
      cell += c;
    }
  }
  if (rows.back().empty()) rows.pop_back();
  return rows;
}

}  // namespace

TEST_CASE("no leaderboard.csv cell starts a spreadsheet formula", "[leaderboard][escape]") {
  std::vector<LeaderboardInput> inputs;
  const std::vector<std::string> names = {"=HYPERLINK(\"http://evil\",\"click\")", "+cmd|' /C calc'!A0", "-2+3",
                                          "@SUM(1+1)*cmd", "\t=1", "\r=1", " =1", "ok-model"};
  for (size_t i = 0; i < names.size(); ++i) inputs.push_back(Input(names[i], 0.5 + 0.01 * i, 0.4, 0.6));
  const std::string csv = LeaderboardCsv(BuildLeaderboard(inputs));
  const auto rows = ParseCsv(csv);
  REQUIRE(rows.size() == names.size() + 1);
  size_t model_cells = 0;
  for (const auto& row : rows) {
    REQUIRE(row.size() == rows[0].size());
    for (const auto& cell : row) {
      // A number (a negative gap "-0.100000" is one) is what a spreadsheet would read anyway.
      char* end = nullptr;
      if (!cell.empty()) std::strtod(cell.c_str(), &end);
      const bool number = !cell.empty() && end == cell.c_str() + cell.size();
      const size_t first = cell.find_first_not_of(' ');
      INFO(cell);
      CHECK((number || first == std::string::npos || std::string("=+-@\t\r").find(cell[first]) == std::string::npos));
    }
    model_cells += row[1].find("=1") != std::string::npos || row[1].find("HYPERLINK") != std::string::npos;
  }
  CHECK(model_cells == 4);  // still there, only neutralised: "'=HYPERLINK(...)"
  CHECK(csv.find("\"'=HYPERLINK(\"\"http://evil\"\",\"\"click\"\")\"") != std::string::npos);
  // The Markdown and HTML pages stay inert for the same names.
  const std::string html = LeaderboardHtml(BuildLeaderboard(inputs));
  CHECK(html.find("\"http://evil\"") == std::string::npos);
  CHECK(html.find("&quot;http://evil&quot;") != std::string::npos);
}

}  // namespace toolshift
