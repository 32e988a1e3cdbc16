// Hostile files and values: the depth limit, streamed reading with a line cap, refusal of
// anything that is not a regular file, and located errors for suite fields that used to reach
// an internal error.
#include <catch2/catch.hpp>

#include <sys/stat.h>
#include <unistd.h>

#include <fstream>

#include "src/core/input_error.h"
#include "src/core/input_file.h"
#include "src/core/json_limits.h"
#include "src/core/sha256.h"
#include "src/core/suite.h"
#include "tests/test_support.h"

namespace toolshift {
namespace {

std::string Nested(size_t depth) { return std::string(depth, '[') + std::string(depth, ']'); }

// The first episode of the built-in multi-step suite, as JSON, for mutation.
Json MultiStepEpisode() {
  std::ifstream in(testing::SuitesRoot() + "/id/multi-id/episodes.jsonl");
  std::string line;
  std::getline(in, line);
  return Json::parse(line);
}

std::string LoadError(const std::string& dir, const Json& episode) {
  const std::string path = dir + "/s.jsonl";
  testing::WriteText(path, DumpJson(episode) + "\n");
  try {
    LoadSuite(path);
  } catch (const InputError& e) {
    return e.what();
  }
  return "";
}

}  // namespace

TEST_CASE("the depth limit: a lexical scan, an iterative walk and a parse that drops what is too deep", "[core][limits]") {
  CHECK_FALSE(JsonTextNestsDeeper(Nested(kMaxJsonDepth)));
  CHECK(JsonTextNestsDeeper(Nested(kMaxJsonDepth + 1)));
  CHECK_FALSE(JsonTextNestsDeeper("\"" + std::string(10000, '[') + "\""));  // brackets in a string
  CHECK_FALSE(JsonTextNestsDeeper(R"(["\"[[[[", 1])", 2));

  bool too_deep = true;
  Json shallow = ParseJsonBounded(Nested(kMaxJsonDepth), &too_deep);
  CHECK_FALSE(too_deep);
  CHECK_FALSE(JsonNestsDeeper(shallow));
  CHECK(JsonNestsDeeper(shallow, kMaxJsonDepth - 1));

  // 1,000,000 levels: parsed without recursion, the deep part dropped, the rest kept.
  const std::string text = "{\"id\": \"x\", \"deep\": " + Nested(1000000) + ", \"after\": 1}";
  Json j = ParseJsonBounded(text, &too_deep);
  CHECK(too_deep);
  CHECK(j["id"] == "x");
  CHECK(j["after"] == 1);
  CHECK_FALSE(JsonNestsDeeper(j));
  CHECK(TryParseJsonBounded("[[[", &too_deep, 2).is_discarded());
  CHECK_THROWS_AS(ParseJsonBounded("{", &too_deep), Json::exception);
}

TEST_CASE("lines are streamed in blocks, capped and hashed as the whole file", "[core][limits]") {
  const std::string dir = testing::ScratchDir("line-reader");
  std::string text;
  for (int i = 0; i < 200000; ++i) text += "line " + std::to_string(i) + (i % 7 ? "\n" : "\r\n");
  text += "last without newline";
  testing::WriteText(dir + "/f", text);
  LineReader reader(dir + "/f");
  Sha256 h;
  reader.HashInto(&h);
  std::string_view line;
  size_t n = 0;
  std::string joined;
  while (reader.Next(&line)) {
    joined.append(line);
    joined += '\n';
    ++n;
  }
  CHECK(n == 200001);
  CHECK(joined.substr(0, joined.size() - 1) == text);
  CHECK(h.Hex() == Sha256Hex(text));

  testing::WriteText(dir + "/long", "short\n" + std::string(3 << 20, 'x') + "\nafter\n");
  LineReader capped(dir + "/long", 1 << 20);
  REQUIRE(capped.Next(&line));
  try {
    capped.Next(&line);
    FAIL("a line over the cap was returned");
  } catch (const InputError& e) {
    CHECK_THAT(e.what(), Catch::StartsWith(dir + "/long:2: line longer than 1 MiB"));
  }
}

TEST_CASE("devices, FIFOs and directories are refused — a pipe named /dev/fd/N is read", "[core][limits]") {
  const std::string dir = testing::ScratchDir("not-regular");
  CHECK_THROWS_WITH(LineReader("/dev/zero"), Catch::Contains("/dev/zero: is a character device"));
  CHECK_THROWS_WITH(ReadInputFile("/dev/zero"), Catch::Contains("character device"));
  CHECK_THROWS_WITH(LineReader(dir), Catch::Contains("is a directory"));
  const std::string fifo = dir + "/fifo";
  REQUIRE(mkfifo(fifo.c_str(), 0600) == 0);
  CHECK_THROWS_WITH(LineReader(fifo), Catch::Contains("is a FIFO"));  // refused, not opened (which would block)
  CHECK_THROWS_WITH(LineReader(dir + "/absent"), Catch::Contains("no such file"));

  int fds[2];
  REQUIRE(pipe(fds) == 0);
  REQUIRE(write(fds[1], "a\nb\n", 4) == 4);
  close(fds[1]);
  LineReader piped("/dev/fd/" + std::to_string(fds[0]));
  std::string_view line;
  REQUIRE(piped.Next(&line));
  CHECK(line == "a");
  REQUIRE(piped.Next(&line));
  CHECK(line == "b");
  CHECK_FALSE(piped.Next(&line));
  close(fds[0]);
}

TEST_CASE("a suite nesting 40,000 deep is a located input error", "[core][limits]") {
  const std::string dir = testing::ScratchDir("deep-suite");
  Json ep = MultiStepEpisode();
  std::string text = DumpJson(ep);
  // A tool schema 40,000 levels deep, spliced in as text (building it as a Json would recurse on dump).
  const std::string deep = std::string(40000, '[') + std::string(40000, ']');
  const std::string marker = "\"description\":\"Customer name, e.g. Dana Reyes\"";
  REQUIRE(text.find(marker) != std::string::npos);
  text.replace(text.find(marker), marker.size(), marker + ",\"items\":" + deep);
  testing::WriteText(dir + "/deep.jsonl", text + "\n");
  CHECK_THROWS_WITH(LoadSuite(dir + "/deep.jsonl"),
                    Catch::StartsWith(dir + "/deep.jsonl:1: the episode nests deeper than 512 levels"));
}

TEST_CASE("suite fields that reached an internal error are located input errors", "[core][limits]") {
  const std::string dir = testing::ScratchDir("suite-fields");
  Json ep = MultiStepEpisode();
  Json& plan = ep["multi_step"]["turns"][0]["plan"];
  REQUIRE(plan[1][0]["args"]["from_account"].contains("$from"));

  SECTION("a type list is valid JSON Schema and loads") {
    ep["tools"][0]["parameters"]["properties"]["owner"]["type"] = {"string", "null"};
    CHECK(LoadError(dir, ep).empty());
  }
  SECTION("a type that is neither a name nor a list of names") {
    ep["tools"][0]["parameters"]["properties"]["owner"]["type"] = 7;
    CHECK_THAT(LoadError(dir, ep), Catch::Contains(":1: tools[0].parameters.properties.owner.type: expected a type name"));
  }
  SECTION("$from a step that does not exist") {
    plan[1][0]["args"]["from_account"]["$from"] = "5.0/accounts/1/account_id";
    CHECK_THAT(LoadError(dir, ep), Catch::Contains("multi_step.turns[0].plan[1][0].args.from_account.$from: refers to step 5"));
  }
  SECTION("$from the referencing step itself") {
    plan[1][0]["args"]["from_account"]["$from"] = "1.0/x";
    CHECK_THAT(LoadError(dir, ep), Catch::Contains("not an earlier step"));
  }
  SECTION("$from a call that does not exist") {
    plan[1][0]["args"]["from_account"]["$from"] = "0.3/accounts";
    CHECK_THAT(LoadError(dir, ep), Catch::Contains("refers to call 3 of step 0, which has 1 call(s)"));
  }
  SECTION("$from something that is not a reference") {
    plan[1][0]["args"]["from_account"]["$from"] = "first result";
    CHECK_THAT(LoadError(dir, ep), Catch::Contains("$from: expected \"STEP.CALL/POINTER\""));
  }
  SECTION("$from with a pointer that is not a JSON pointer") {
    plan[1][0]["args"]["from_account"]["$from"] = "0.0accounts";
    CHECK_THAT(LoadError(dir, ep), Catch::Contains("$from"));
  }
}

}  // namespace toolshift
