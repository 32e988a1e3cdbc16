// Suite loading: valid files load; every bad input names file:line: field.
#include <catch2/catch.hpp>

#include <set>

#include "src/core/input_error.h"
#include "src/core/suite.h"
#include "tests/test_support.h"

namespace toolshift {
namespace {

const char* kGoodEpisode =
    R"({"id": "w-1", "domain": "weather", "category": "simple", "tools": [{"name": "get_weather", "description": "d", )"
    R"("parameters": {"type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"]}}], )"
    R"("messages": [{"role": "user", "content": "Weather in Paris?"}], )"
    R"("expected": [{"name": "get_weather", "args": {"city": ["Paris"]}}]})";

std::string WithReplaced(std::string s, const std::string& from, const std::string& to) {
  const size_t p = s.find(from);
  REQUIRE(p != std::string::npos);
  return s.replace(p, from.size(), to);
}

// Writes a bare .jsonl suite whose second line is `bad`, and returns the load error.
std::string LoadError(const std::string& name, const std::string& bad) {
  const std::string dir = testing::ScratchDir("suite-" + name);
  const std::string path = dir + "/" + name + ".jsonl";
  testing::WriteText(path, std::string(kGoodEpisode) + "\n" + bad + "\n");
  try {
    LoadSuite(path);
  } catch (const InputError& e) {
    return e.what();
  }
  FAIL("expected an InputError for " << name);
  return "";
}

}  // namespace

TEST_CASE("a bare .jsonl file is an in-distribution suite named after the file", "[core][suite]") {
  const std::string dir = testing::ScratchDir("suite-bare");
  testing::WriteText(dir + "/mini.jsonl", std::string(kGoodEpisode) + "\n\n");
  Suite s = LoadSuite(dir + "/mini.jsonl");
  CHECK(s.manifest.name == "mini");
  CHECK(s.manifest.split == Split::kId);
  REQUIRE(s.episodes.size() == 1);
  CHECK(s.episodes[0].dialect == "hermes");
  CHECK(s.episodes[0].expected[0].args["city"][0] == "Paris");
  CHECK(s.hash.rfind("sha256:", 0) == 0);
  CHECK(s.hash.size() == 7 + 64);
}

TEST_CASE("a load limit parses only the first episodes, counts the rest and hashes the whole file", "[core][suite]") {
  const std::string dir = testing::ScratchDir("suite-limit");
  std::string text;
  for (int i = 1; i <= 5; ++i) text += WithReplaced(kGoodEpisode, "\"w-1\"", "\"w-" + std::to_string(i) + "\"") + "\n\n";
  text += "{not json: past the limit, so not read}\n";
  testing::WriteText(dir + "/five.jsonl", text);
  const Suite limited = LoadSuite(dir + "/five.jsonl", 2);
  REQUIRE(limited.episodes.size() == 2);
  CHECK(limited.episodes[1].id == "w-2");
  CHECK(limited.unloaded == 4);  // three episodes and the broken line; blank lines are not counted
  CHECK(limited.EpisodeCount() == 6);
  CHECK_THROWS_WITH(LoadSuite(dir + "/five.jsonl"), Catch::Matchers::Contains("five.jsonl:11: invalid JSON"));
  testing::WriteText(dir + "/whole.jsonl", text.substr(0, text.find("{not")));
  const Suite whole = LoadSuite(dir + "/whole.jsonl");
  CHECK(whole.unloaded == 0);
  CHECK(whole.EpisodeCount() == 5);
  CHECK(LoadSuite(dir + "/whole.jsonl", 3).hash == whole.hash);
  CHECK(LoadSuite(dir + "/whole.jsonl", 9).episodes.size() == 5);
}

TEST_CASE("an episode filter parses only the episodes it keeps, by id, and counts the rest", "[core][suite]") {
  const std::string dir = testing::ScratchDir("suite-filter");
  // Line 1 canonical ({"id":"... first, read without parsing); line 2 with spaces (parsed to find
  // its id); line 3 broken but canonical, so it is skipped unread; line 4 with an escaped id.
  const std::string canonical = WithReplaced(kGoodEpisode, "{\"id\": \"w-1\"", "{\"id\":\"w-1\"");
  const std::string text = canonical + "\n" + WithReplaced(kGoodEpisode, "\"w-1\"", "\"w-2\"") + "\n" +
                           "{\"id\":\"w-3\", not json}\n" + WithReplaced(kGoodEpisode, "\"w-1\"", "\"w-\\u0034\"") + "\n";
  testing::WriteText(dir + "/four.jsonl", text);
  auto only = [](std::set<std::string> ids) { return [ids](std::string_view id) { return ids.count(std::string(id)) > 0; }; };
  const Suite second = LoadSuite(dir + "/four.jsonl", 0, only({"w-2"}));
  REQUIRE(second.episodes.size() == 1);
  CHECK(second.episodes[0].id == "w-2");
  CHECK(second.unloaded == 3);
  CHECK(second.EpisodeCount() == 4);
  const Suite both = LoadSuite(dir + "/four.jsonl", 0, only({"w-1", "w-4"}));
  REQUIRE(both.episodes.size() == 2);
  CHECK(both.episodes[0].id == "w-1");
  CHECK(both.episodes[1].id == "w-4");
  CHECK(both.hash == second.hash);
  // None kept is not an empty suite error (a score whose outputs name none of its episodes).
  CHECK(LoadSuite(dir + "/four.jsonl", 0, only({})).episodes.empty());
  // A kept line that is broken is still an error naming its line.
  CHECK_THROWS_WITH(LoadSuite(dir + "/four.jsonl", 0, only({"w-3"})), Catch::Matchers::Contains("four.jsonl:3: invalid JSON"));
}

TEST_CASE("bad episode lines are located by path:line: field", "[core][suite]") {
  using Catch::Matchers::Contains;
  const std::string good = kGoodEpisode;
  CHECK_THAT(LoadError("badjson", "{\"id\": \"x\", "), Contains("badjson.jsonl:2: invalid JSON"));
  CHECK_THAT(LoadError("notobj", "[1, 2]"), Contains(":2: (episode): expected a JSON object"));
  CHECK_THAT(LoadError("dupid", good), Contains(":2: id: duplicate id 'w-1' (first on line 1)"));
  const std::string other = WithReplaced(good, "\"w-1\"", "\"w-2\"");
  CHECK_THAT(LoadError("notools", WithReplaced(other, "\"tools\"", "\"toolz\"")), Contains(":2: toolz: unknown field"));
  CHECK_THAT(LoadError("unknowntool", WithReplaced(other, "{\"name\": \"get_weather\", \"args\"", "{\"name\": \"get_wether\", \"args\"")),
             Contains(":2: expected[0].name: 'get_wether' is not one of the episode's tools"));
  CHECK_THAT(LoadError("badparam", WithReplaced(other, "\"args\": {\"city\"", "\"args\": {\"town\"")),
             Contains(":2: expected[0].args.town: tool 'get_weather' has no parameter 'town'"));
  CHECK_THAT(LoadError("emptyaccept", WithReplaced(other, "[\"Paris\"]", "[]")),
             Contains(":2: expected[0].args.city: expected a non-empty array"));
  CHECK_THAT(LoadError("category", WithReplaced(other, "\"simple\"", "\"irrelevance\"")),
             Contains(":2: expected: an irrelevance episode expects no call"));
  CHECK_THAT(LoadError("badcat", WithReplaced(other, "\"simple\"", "\"simpel\"")), Contains(":2: category: unknown category 'simpel'"));
  CHECK_THAT(LoadError("badrole", WithReplaced(other, "\"role\": \"user\"", "\"role\": \"robot\"")),
             Contains(":2: messages[0].role: expected \"system\", \"assistant\" or \"user\""));
  CHECK_THAT(LoadError("dialect", WithReplaced(other, "\"domain\"", "\"dialect\": \"yaml\", \"domain\"")),
             Contains(":2: dialect: unknown dialect 'yaml'"));
  CHECK_THAT(LoadError("required", WithReplaced(other, "\"required\": [\"city\"]", "\"required\": [\"town\"]")),
             Contains(":2: tools[0].parameters.required: names \"town\", which is not a property"));
  CHECK_THAT(LoadError("idtype", WithReplaced(other, "\"w-2\"", "7")), Contains(":2: id: expected a string, got an integer"));
  CHECK_THAT(LoadError("toolname", WithReplaced(other, "\"name\": \"get_weather\", \"description\"", "\"name\": \"get weather\", \"description\"")),
             Contains(":2: tools[0].name: 'get weather' is not a valid tool name"));
}
namespace {
// The error loading `lines` gives, without the file's path (or "" when it loads).
std::string ErrorAfterPath(const std::string& name, const std::string& lines) {
  const std::string path = testing::ScratchDir("suite-" + name) + "/s.jsonl";
  testing::WriteText(path, lines);
  try {
    LoadSuite(path);
  } catch (const InputError& e) {
    const std::string what = e.what();
    return what.substr(what.find(path) == 0 ? path.size() : 0);
  }
  return "";
}
}  // namespace

TEST_CASE("a line repeating an earlier line's tool list shares its parsed list and is checked like any other", "[core][suite]") {
  const std::string good = kGoodEpisode;
  const std::string second = WithReplaced(good, "\"w-1\"", "\"w-2\"");
  const std::string path = testing::ScratchDir("suite-seen-tools") + "/s.jsonl";
  testing::WriteText(path, good + "\n" + second + "\n" + WithReplaced(second, "\"w-2\"", "\"w-3\"") + "\n");
  const Suite s = LoadSuite(path);
  REQUIRE(s.episodes.size() == 3);
  CHECK(s.episodes[1].tools.SharesWith(s.episodes[0].tools));
  CHECK(s.episodes[2].tools.SharesWith(s.episodes[0].tools));
  CHECK(s.episodes[2].tools[0].name == "get_weather");
  CHECK(s.episodes[2].expected[0].args == s.episodes[0].expected[0].args);

  // Each bad line gives the very error it gives after a line with other tools (whose list is
  // parsed anew): same field, same JSON error position.
  const std::string other_tools = WithReplaced(good, "\"description\": \"d\"", "\"description\": \"e\"");
  const std::vector<std::string> bad = {
      WithReplaced(second, "\"messages\": [", "\"messages\": [,"),
      WithReplaced(second, "\"messages\"", "\"messages\\u0020\""),
      second + " x",
      WithReplaced(second, "\"Paris\"]", "1e999]"),
      WithReplaced(second, "[\"Paris\"]", std::string(600, '[') + std::string(600, ']')),
      WithReplaced(second, "get_weather\", \"args", "get_wether\", \"args"),
  };
  for (const std::string& line : bad) {
    const std::string after_same = ErrorAfterPath("seen-tools-same", good + "\n" + line + "\n");
    CHECK(after_same == ErrorAfterPath("seen-tools-other", other_tools + "\n" + line + "\n"));
    INFO(line.substr(0, 200) << " => " << after_same);
    CHECK(after_same.rfind(":2: ", 0) == 0);
  }
  // A repeated "tools" key means what the JSON parser makes of it, on either path.
  const std::string twice = WithReplaced(second, "\"w-2\", ", "\"w-2\", \"tools\": [], ");
  CHECK(ErrorAfterPath("seen-tools-twice", good + "\n" + twice + "\n") ==
        ErrorAfterPath("seen-tools-twice-other", other_tools + "\n" + twice + "\n"));
  // An empty list is fine for an irrelevance episode and not for a multi-step one, seen or not.
  const std::string irrelevant = R"({"id": "i-1", "domain": "d", "category": "irrelevance", "tools": [], )"
                                 R"("messages": [{"role": "user", "content": "hi"}], "expected": []})";
  const std::string multi = R"({"id": "m-1", "domain": "d", "category": "multi_step", "tools": [], )"
                            R"("messages": [{"role": "user", "content": "hi"}], "expected": []})";
  const std::string after_empty = ErrorAfterPath("seen-tools-empty", irrelevant + "\n" + multi + "\n");
  CHECK(after_empty == ":2: tools: expected a non-empty array");
  CHECK(after_empty == ErrorAfterPath("seen-tools-empty-other", good + "\n" + multi + "\n"));
}

TEST_CASE("suite folders: manifest validation and provenance", "[core][suite]") {
  using Catch::Matchers::Contains;
  const std::string dir = testing::ScratchDir("suite-folder");
  testing::WriteText(dir + "/episodes.jsonl", std::string(kGoodEpisode) + "\n");
  auto error_for = [&](const std::string& manifest) -> std::string {
    testing::WriteText(dir + "/manifest.json", manifest);
    try {
      LoadSuite(dir);
    } catch (const InputError& e) {
      return e.what();
    }
    return "";
  };
  CHECK(error_for(R"({"name": "ok", "split": "id"})").empty());
  CHECK_THAT(error_for(R"({"name": "x", "split": "sideways"})"), Contains("manifest.json: split: expected id, format or content"));
  CHECK_THAT(error_for("{\n\"name\": \"x\",\n\"split\": }"), Contains("manifest.json:3: invalid JSON"));
  CHECK_THAT(error_for(R"({"name": "x", "split": "format"})"), Contains("provenance: missing"));
  CHECK_THAT(error_for(R"({"name": "x", "split": "format", "provenance": {"base_suite": "b", "shift": "s", "seed": -1}})"),
             Contains("provenance.seed: expected a non-negative integer"));
  // A shifted suite's episodes must each name their twin.
  CHECK_THAT(error_for(R"({"name": "x", "split": "format", "provenance": {"base_suite": "b", "shift": "s", "seed": 1}})"),
             Contains("episodes.jsonl:1: base_id: missing"));
  CHECK_THAT(error_for(R"({"name": "x", "split": "id", "episodes": "../../etc/passwd"})"),
             Contains("episodes: must be a file name inside the suite folder"));
  CHECK_THAT(error_for(R"({"name": "x", "split": "id", "colour": "red"})"), Contains("colour: unknown field"));
}

TEST_CASE("suite hashes follow content", "[core][suite]") {
  const std::string dir = testing::ScratchDir("suite-hash");
  testing::WriteText(dir + "/a.jsonl", std::string(kGoodEpisode) + "\n");
  const std::string h1 = LoadSuite(dir + "/a.jsonl").hash;
  CHECK(LoadSuite(dir + "/a.jsonl").hash == h1);
  testing::WriteText(dir + "/a.jsonl", WithReplaced(kGoodEpisode, "Paris?", "Rome?") + "\n");
  CHECK(LoadSuite(dir + "/a.jsonl").hash != h1);
}

TEST_CASE("missing files are reported by path", "[core][suite]") {
  using Catch::Matchers::Contains;
  CHECK_THROWS_WITH(LoadSuite("/nonexistent/suite"), Contains("/nonexistent/suite: no such suite file or folder"));
}

}  // namespace toolshift
