// The episode viewer: compact embedding, inert hostile text, located errors, the CLI.
#include <catch2/catch.hpp>

#include "src/core/input_error.h"
#include "src/view/episode_viewer.h"
#include "tests/test_support.h"

namespace toolshift {
namespace {

Json Episode(const std::string& id, const std::string& system, const std::string& reply) {
  return {{"suite", "s"}, {"split", "id"}, {"id", id}, {"category", "simple"},
          {"prompt", Json::array({{{"role", "system"}, {"content", system}}, {{"role", "user"}, {"content", "hi"}}})},
          {"output", {{"role", "assistant"}, {"content", reply}}}, {"correct", false}, {"failure", "no_call"}};
}

size_t Count(const std::string& hay, const std::string& needle) {
  size_t n = 0;
  for (size_t at = hay.find(needle); at != std::string::npos; at = hay.find(needle, at + 1)) ++n;
  return n;
}

}  // namespace

TEST_CASE("the viewer stores each long message text once", "[view]") {
  const std::string system(500, 'S');
  const Json data = CompactEpisodes({Episode("a", system, "short"), Episode("b", system, std::string(60, 'r'))});
  REQUIRE(data["texts"].size() == 2);  // the shared system prompt and the long reply
  CHECK(data["texts"][0] == system);
  CHECK(data["episodes"][0]["prompt"][0]["content"] == Json{{"t", 0}});
  CHECK(data["episodes"][1]["prompt"][0]["content"] == Json{{"t", 0}});
  CHECK(data["episodes"][0]["prompt"][1]["content"] == "hi");  // short texts stay inline
  CHECK(data["episodes"][0]["output"]["content"] == "short");
  CHECK(data["episodes"][1]["output"]["content"] == Json{{"t", 1}});
  // Multi-step observations are stored once too, under a field of their own.
  Json result = {{"accounts", Json::array({"ACC-1001", "ACC-1002", "ACC-1003", "ACC-1004"})}};
  Json stepped = Episode("m", "s", "r");
  stepped["steps"] = Json::array({{{"calls", Json::array({{{"name", "list"}, {"result", result}}})}}});
  const Json multi = CompactEpisodes({stepped, stepped});
  REQUIRE(multi["values"].size() == 1);
  CHECK(multi["values"][0] == result);
  CHECK(multi["episodes"][1]["steps"][0]["calls"][0]["result_ref"] == 0);
  CHECK(!multi["episodes"][1]["steps"][0]["calls"][0].contains("result"));
  Json seeded = Episode("c", "s", "r");
  seeded["seed"] = 18446744073709551615ULL;
  CHECK(CompactEpisodes({seeded})["episodes"][0]["seed"] == "18446744073709551615");
}

TEST_CASE("hostile episode text cannot close the viewer's script or fetch anything", "[view][escape]") {
  const std::string evil = "</script><script>alert(1)</script><!-- <img src=x onerror=alert(2)> &amp; \xff\xfe";
  Json e = Episode(evil, evil, evil);
  e["suite"] = evil;
  const std::string html = EpisodeViewerHtml(Json{{"model", evil}}, {e}, evil);
  CHECK(html.find("alert(1)</script>") == std::string::npos);
  CHECK(html.find("<img") == std::string::npos);
  CHECK(Count(html, "<script") == 2);  // the data element and the viewer's own script
  CHECK(Count(html, "</script>") == 2);
  CHECK(html.find("\\u003c/script\\u003e") != std::string::npos);  // the text is still there, escaped
  // Outside the inert data element the page loads nothing: no src or href attributes, no CSS url().
  const size_t data = html.find("<script type=\"application/json\"");
  REQUIRE(data != std::string::npos);
  const std::string page = html.substr(0, data) + html.substr(html.find("</script>", data));
  CHECK(page.find(" src=") == std::string::npos);
  CHECK(page.find(" href=") == std::string::npos);
  CHECK(page.find("url(") == std::string::npos);
}

TEST_CASE("a malformed episode log line is refused with its path and line", "[view]") {
  const std::string dir = testing::ScratchDir("view_bad");
  testing::WriteText(dir + "/x.episodes.jsonl", DumpJson(Episode("a", "s", "r")) + "\n\n{\"suite\": 1}\n");
  try {
    ReadEpisodeLog(dir + "/x.episodes.jsonl");
    FAIL("no error");
  } catch (const InputError& e) {
    CHECK_THAT(e.what(), Catch::Contains("x.episodes.jsonl:3: suite"));
  }
  testing::WriteText(dir + "/y.episodes.jsonl", "{not json\n");
  CHECK_THROWS_WITH(ReadEpisodeLog(dir + "/y.episodes.jsonl"), Catch::Contains("y.episodes.jsonl:1: invalid JSON"));
  const auto r = testing::RunToolshift({"view", dir + "/y.episodes.jsonl"});
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Catch::Contains("y.episodes.jsonl:1"));
  CHECK(testing::RunToolshift({"view", dir + "/missing.json"}).exit_code == 2);
}

TEST_CASE("toolshift view writes one page beside the report holding every episode", "[view][cli]") {
  const std::string dir = testing::ScratchDir("view_cli");
  REQUIRE(testing::RunToolshift({"run", "-q", "--model", "reference:noisy:0.3", "--suite", "single-id", "--suite",
                                 "single-fmt-dialect-json", "--out", dir + "/r.json"})
              .exit_code == 0);
  const auto r = testing::RunToolshift({"view", dir + "/r.json"});
  REQUIRE(r.exit_code == 0);
  CHECK_THAT(r.out, Catch::Contains("r.view.html"));
  const std::string html = testing::ReadText(dir + "/r.view.html");
  const std::string log = testing::ReadText(dir + "/r.episodes.jsonl");
  CHECK(Count(html, "\"suite\":") == Count(log, "\"suite\":"));
  CHECK(html.size() < log.size());  // the shared prompts are stored once
  CHECK_THAT(html, Catch::Contains("\"model\":\"reference:noisy:0.3\""));
  // The log itself is accepted too, and an output may not replace an input.
  CHECK(testing::RunToolshift({"view", dir + "/r.episodes.jsonl", "-o", dir + "/v.html"}).exit_code == 0);
  CHECK(testing::RunToolshift({"view", dir + "/r.json", "-o", dir + "/r.episodes.jsonl"}).exit_code == 2);
  CHECK(testing::ReadText(dir + "/r.episodes.jsonl") == log);
  const auto help = testing::RunToolshift({"view", "--help"});
  CHECK(help.exit_code == 0);
  CHECK_THAT(help.out, Catch::Contains("Examples") && Catch::Contains("Exit codes"));
}

}  // namespace toolshift
