// BFCL interop against BFCL's own sample records (../shared/bfcl-sample): every record
// imports, the oracle scores 1.0, and each BFCL scoring rule is exercised by a passing and
// a failing output in BFCL's prompt format. Skips, saying so, when ../shared is missing.
#include <filesystem>
#include <fstream>
#include <map>

#include <catch2/catch.hpp>

#include "src/core/input_error.h"
#include "src/dialects/bfcl_decoder.h"
#include "src/interop/bfcl_import.h"
#include "src/scoring/episode_scorer.h"
#include "tests/test_support.h"

namespace toolshift {
namespace {

namespace fs = std::filesystem;

const std::string kSample = testing::SharedDir() + "/bfcl-sample";
const char* kCategories[] = {"simple_python", "multiple", "parallel", "parallel_multiple",
                             "live_simple", "live_multiple", "irrelevance"};

bool HaveSample() {
  if (fs::exists(kSample + "/BFCL_v4_simple_python.json")) return true;
  TOOLSHIFT_SKIP("skipped: BFCL sample records not found at " << kSample << " (they ship in ../shared beside the repository)");
  return false;
}

Suite Import(const std::string& category) {
  BfclImportOptions o;
  o.questions = kSample + "/BFCL_v4_" + category + ".json";
  if (category != "irrelevance") o.answers = kSample + "/possible_answer/BFCL_v4_" + category + ".json";
  return ImportBfcl(o).suite;
}

// Every sample suite, imported once.
const std::map<std::string, Suite>& Suites() {
  static const std::map<std::string, Suite> suites = [] {
    std::map<std::string, Suite> m;
    for (const char* c : kCategories) m.emplace(c, Import(c));
    return m;
  }();
  return suites;
}

const Episode& Find(const std::string& id) {
  for (const auto& [c, s] : Suites()) {
    for (const auto& e : s.episodes) {
      if (e.id == id) return e;
    }
  }
  throw std::runtime_error("no sample record " + id);
}

EpisodeVerdict Score(const std::string& id, const std::string& output) {
  const Episode& ep = Find(id);
  return ScoreReply(ep, *FindDialect(ep.dialect), Message{Role::kAssistant, output, {}});
}

struct Case {
  const char* rule;
  const char* id;
  const char* output;
  bool correct;
};

// docs/scoring.md lists these rules with the same records.
const Case kCases[] = {
    {"function name", "simple_python_1", "[math.factorial(number=5)]", true},
    {"function name", "simple_python_1", "[math_factorial(number=5)]", false},
    {"int accepted for float", "parallel_4", "[calculate_bmi(height=6, weight=80), calculate_bmi(height=5.6, weight=60)]", true},
    {"float not accepted for int", "parallel_4", "[calculate_bmi(height=6.0, weight=80.0), calculate_bmi(height=5.6, weight=60)]", false},
    {"tuple for a tuple parameter", "multiple_5", "[weather.get_by_coordinates_date(coordinates=(46.603354, 1.888334), date='2019-12-13')]", true},
    {"tuple as list", "multiple_5", "[weather.get_by_coordinates_date(coordinates=[46.603354, 1.888334], date='2019-12-13')]", true},
    {"tuple as list", "multiple_5", "[weather.get_by_coordinates_date(coordinates=(1.888334, 46.603354), date='2019-12-13')]", false},
    {"list items checked", "multiple_10", "[database.modify_columns(db_name='employees', table='personal_data', operation='delete', columns=['ssn', 'email'])]", true},
    {"list items checked", "multiple_10", "[database.modify_columns(db_name='employees', table='personal_data', operation='delete', columns=['email', 5])]", false},
    {"tuple where the schema says array", "multiple_10", "[database.modify_columns(db_name='employees', table='personal_data', operation='delete', columns=('ssn', 'email'))]", false},
    {"string standardisation", "live_simple_5-3-1", "[get_current_weather(location='DIVINÓPOLIS mg', unit='fahrenheit')]", true},
    {"string standardisation", "live_simple_5-3-1", "[get_current_weather(location='Divinopolis, MG', unit='fahrenheit')]", false},
    {"optional parameter", "live_multiple_5-3-0", "[get_current_weather(location='Shanghai, China')]", true},
    {"optional parameter", "live_multiple_5-3-0", "[get_current_weather(location='Shanghai, China', unit='imperial')]", false},
    {"answer parameter not optional", "multiple_7", "[wildlife_population.assess_growth(species='deer', location='Washington state', duration=10)]", true},
    {"answer parameter not optional", "multiple_7", "[wildlife_population.assess_growth(species='deer', location='Washington state')]", false},
    {"parallel in any order", "parallel_0", "[spotify.play(artist='Maroon 5', duration=15), spotify.play(artist='Taylor Swift', duration=20)]", true},
    {"parallel in any order", "parallel_0", "[spotify.play(artist='Maroon 5', duration=15)]", false},
    {"parallel multiple in any order", "parallel_multiple_2", "[circle.calculate_circumference(diameter=10), circle.calculate_area(radius=5)]", true},
    {"parallel multiple in any order", "parallel_multiple_2", "[circle.calculate_area(radius=5), circle.calculate_area(radius=10)]", false},
    {"multiple: the one right tool", "multiple_2", "[country_info.capital(country='Brazil')]", true},
    {"multiple: the one right tool", "multiple_2", "[country_info.largest_city(country='Brazil')]", false},
    {"dict parameter", "live_multiple_1-0-1", "[ChaDri.change_drink(drink_id='1234', new_preferences={'sweetness_level': 'none', 'temperature': 'hot'})]", true},
    {"dict parameter", "live_multiple_1-0-1", "[ChaDri.change_drink(drink_id='1234', new_preferences={'sweetness_level': 'none', 'temperature': 'hot', 'size': 'large'})]", false},
    {"irrelevance: no call", "irrelevance_0", "I cannot compute that with the functions I have.", true},
    {"irrelevance: no call", "irrelevance_0", "[]", true},
    {"irrelevance: undecodable counts as no call", "irrelevance_0", "[determine_body_mass_index(weight=70, height=", true},
    {"irrelevance: no call", "irrelevance_0", "[determine_body_mass_index(weight=70, height=1.8)]", false},
    {"decoder: code fence and missing brackets", "simple_python_1", "```\nmath.factorial(number=5)\n```", true},
    {"decoder: positional arguments dropped", "simple_python_1", "[math.factorial(5)]", false},
    {"decoder: arithmetic evaluated", "simple_python_1", "[math.factorial(number=2+3)]", true},
    {"decoder: unary + reads as - (BFCL)", "simple_python_3", "[algebra.quadratic_roots(a=1, b=+3, c=2)]", true},
    {"decoder: unary + reads as - (BFCL)", "simple_python_3", "[algebra.quadratic_roots(a=1, b=3, c=2)]", false},
    {"decoder: prose is not a call", "simple_python_1", "The factorial of 5 is 120.", false},
};

}  // namespace

TEST_CASE("every BFCL sample record imports and the oracle scores 1.0 on it", "[interop][bfcl]") {
  if (!HaveSample()) {
    SUCCEED("skipped: no BFCL sample");
    return;
  }
  size_t total = 0;
  for (const auto& [category, suite] : Suites()) {
    CHECK(suite.episodes.size() == 12);
    for (const auto& ep : suite.episodes) {
      CHECK(ep.scoring == ScoringRules::kBfcl);
      CHECK(ep.dialect == "pythonic");
      CHECK(BfclCategoryOfId(ep.id) == ep.domain);
      ++total;
    }
  }
  CHECK(total == 84);
  const std::string out = testing::ScratchDir("bfcl_oracle");
  std::vector<std::string> args = {"run", "-m", "reference:oracle", "-q", "-o", out + "/r.json"};
  for (const char* c : kCategories) {
    const Suite& s = Suites().at(c);
    WriteSuite(out + "/" + c, s.manifest, s.episodes);
    args.insert(args.end(), {"-s", out + "/" + c});
  }
  const auto r = testing::RunToolshift(args);
  REQUIRE(r.exit_code == 0);
  const Json report = Json::parse(testing::ReadText(out + "/r.json"));
  CHECK(report["totals"]["n"] == 84);
  CHECK(report["totals"]["correct"] == 84);
}

TEST_CASE("each BFCL scoring rule passes its right output and fails its wrong one", "[interop][bfcl]") {
  if (!HaveSample()) {
    SUCCEED("skipped: no BFCL sample");
    return;
  }
  for (const auto& c : kCases) {
    INFO(c.rule << " | " << c.id << " | " << c.output);
    const EpisodeVerdict v = Score(c.id, c.output);
    INFO("verdict: " << FailureName(v.failure) << " " << v.detail);
    CHECK(v.correct == c.correct);
  }
}

TEST_CASE("imported BFCL suites shift into paired twins that the oracle still solves", "[interop][bfcl]") {
  if (!HaveSample()) {
    SUCCEED("skipped: no BFCL sample");
    return;
  }
  const std::string dir = testing::ScratchDir("bfcl_shift");
  const std::string q = kSample + "/BFCL_v4_parallel_multiple.json";
  const std::string a = kSample + "/possible_answer/BFCL_v4_parallel_multiple.json";
  REQUIRE(testing::RunToolshift({"import", "bfcl", "--questions", q, "-a", a, "-o", dir + "/pm"}).exit_code == 0);
  const char* kinds[] = {"dialect:hermes", "rename-params", "rotbench:heavy", "distractors"};
  std::vector<std::string> run = {"run", "-q", "-o", dir + "/r.json", "-s", dir + "/pm"};
  for (const char* kind : kinds) {
    const std::string out = dir + "/pm-" + std::to_string(run.size());
    const auto r = testing::RunToolshift({"shift", "--suite", dir + "/pm", "--kind", kind, "--out", out});
    INFO(kind << ": " << r.err);
    REQUIRE(r.exit_code == 0);
    run.insert(run.end(), {"-s", out});
  }
  // A shifted imported suite keeps BFCL's ids as twins and BFCL's scoring rules.
  const Suite shifted = LoadSuite(dir + "/pm-12");
  REQUIRE(shifted.episodes.size() == 12);
  CHECK(shifted.episodes[0].base_id == "parallel_multiple_0");
  CHECK(shifted.episodes[0].scoring == ScoringRules::kBfcl);

  REQUIRE(testing::RunToolshift(run).exit_code == 0);
  Json report = Json::parse(testing::ReadText(dir + "/r.json"));
  CHECK(report["totals"]["correct"] == report["totals"]["n"]);
  CHECK(report["gap"]["format"]["pairs"] == 36);
  CHECK(report["gap"]["content"]["pairs"] == 12);
  // A model that knows only hermes shows the shift: right on the hermes twin, wrong on BFCL's own format.
  run[3] = dir + "/overfit.json";
  run.insert(run.end(), {"-m", "reference:overfit"});
  REQUIRE(testing::RunToolshift(run).exit_code == 0);
  report = Json::parse(testing::ReadText(dir + "/overfit.json"));
  CHECK(report["splits"]["id"]["accuracy"] == 0.0);
  CHECK(report["gap"]["format"]["by_kind"]["dialect:hermes"]["delta"] == -1.0);
}

TEST_CASE("BFCL categories map onto task shapes and unsupported ones are named", "[interop][bfcl]") {
  CHECK(BfclCategoryOfId("live_parallel_multiple_3-2-1") == "live_parallel_multiple");
  CHECK(BfclCategoryOfId("simple_python_0") == "simple_python");
  CHECK(BfclCategoryOfId("irrelevance_11") == "irrelevance");
  CHECK(BfclCategoryOfId("no digits") == "");
  CHECK(CategoryForBfcl("live_parallel_multiple") == Category::kParallelMultiple);
  CHECK(CategoryForBfcl("live_irrelevance") == Category::kIrrelevance);
  CHECK(CategoryForBfcl("simple") == Category::kSimple);
  CHECK(CategoryForBfcl("live_relevance") == Category::kRelevance);
  CHECK_FALSE(CategoryForBfcl("multi_turn_base").has_value());
  CHECK(CategoryForBfcl("simple_java") == Category::kSimple);
  CHECK(CategoryForBfcl("simple_javascript") == Category::kSimple);
  for (const char* c : {"multi_turn_base", "memory_kv", "web_search_base", "format_sensitivity"}) {
    INFO(c);
    CHECK_FALSE(UnsupportedBfclCategoryReason(c).empty());
  }
  CHECK(UnsupportedBfclCategoryReason("simple_python").empty());
  CHECK(UnsupportedBfclCategoryReason("simple_java").empty());
}

TEST_CASE("bad BFCL input is rejected with file, line, id and field", "[interop][bfcl]") {
  const std::string dir = testing::ScratchDir("bfcl_bad");
  const std::string tool =
      R"({"name": "f", "description": "", "parameters": {"type": "dict", "properties": {"x": {"type": "integer"}}, "required": ["x"]}})";
  testing::WriteText(dir + "/q.json", R"({"id": "simple_0", "question": [[{"role": "user", "content": "hi"}]], "function": [)" +
                                          tool + "]}\n" +
                                          R"({"id": "simple_1", "question": [[{"role": "user", "content": "hi"}]], "function": [)" +
                                          tool + "]}\n");
  testing::WriteText(dir + "/a.json", R"({"id": "simple_0", "ground_truth": [{"f": {"x": [1]}}]})" "\n");
  auto fails = [&](const BfclImportOptions& o) -> std::string {
    try {
      ImportBfcl(o);
    } catch (const InputError& e) {
      return e.what();
    }
    return "";
  };
  // A record that cannot be imported is reported and skipped; the others are imported.
  BfclImportOptions o{dir + "/q.json", dir + "/a.json", "", ""};
  const BfclImportResult partial = ImportBfcl(o);
  REQUIRE(partial.suite.episodes.size() == 1);
  CHECK(partial.suite.manifest.skipped_records == 1);
  REQUIRE(partial.skipped.size() == 1);
  CHECK_THAT(partial.skipped[0], Catch::Contains("q.json:2: id 'simple_1': ground_truth: no possible answer"));
  o.strict = true;  // --strict: the first such record is the error
  CHECK_THAT(fails(o), Catch::Contains("q.json:2: id 'simple_1': ground_truth: no possible answer"));
  testing::WriteText(dir + "/j.json", R"({"id": "multi_turn_base_0", "question": [[{"role": "user", "content": "hi"}]], "function": [)" + tool + "]}\n");
  CHECK_THAT(fails({dir + "/j.json", dir + "/a.json", "", ""}), Catch::Contains("j.json:1: id 'multi_turn_base_0': category 'multi_turn_base' is not supported"));
  testing::WriteText(dir + "/b.json", "{\"id\": \"simple_0\", \"question\": [[{\"role\": \"user\"\n");
  CHECK_THAT(fails({dir + "/b.json", dir + "/a.json", "", ""}), Catch::Contains("b.json:1: not valid JSON"));
  testing::WriteText(dir + "/t.json", R"({"id": "simple_0", "question": [[{"role": "user", "content": "hi"}]], "function": [{"name": "f", "parameters": {"type": "dict", "properties": {"x": {"type": "integer"}}, "required": ["y"]}}]})" "\n");
  CHECK_THAT(fails({dir + "/t.json", dir + "/a.json", "", ""}), Catch::Contains("t.json:1: id 'simple_0': tools[0].parameters.required"));
  // The CLI imports the rest, says what it skipped and lists it in skipped.jsonl; --strict
  // makes it exit 2 with the same message.
  auto r = testing::RunToolshift({"import", "bfcl", "--questions", dir + "/q.json", "-a", dir + "/a.json", "-o", dir + "/out"});
  CHECK(r.exit_code == 0);
  CHECK_THAT(r.err, Catch::Contains("skipped: ") && Catch::Contains("q.json:2: id 'simple_1'"));
  CHECK_THAT(r.out, Catch::Contains("1 record(s) not imported"));
  CHECK_THAT(testing::ReadText(dir + "/out/skipped.jsonl"), Catch::Contains("simple_1"));
  CHECK(Json::parse(testing::ReadText(dir + "/out/manifest.json"))["skipped_records"] == 1);
  r = testing::RunToolshift({"import", "bfcl", "--strict", "--questions", dir + "/q.json", "-a", dir + "/a.json", "-o", dir + "/out2"});
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Catch::Contains("q.json:2: id 'simple_1'"));
  // A file of ids, not records (BFCL's format_sensitivity list), says what it is.
  testing::WriteText(dir + "/fs.json", "{\n    \"simple_python\": [\"simple_python_58\", \"simple_python_94\"]\n}\n");
  CHECK_THAT(fails({dir + "/fs.json", "", "", ""}), Catch::Contains("lists record ids per category"));
}

TEST_CASE("the BFCL decoder reads BFCL's prompt format as BFCL does", "[interop][bfcl]") {
  auto calls = [](const std::string& text) {
    ParseResult r = DecodeBfclPrompting(text);
    REQUIRE(r.status == ParseResult::Status::kCalls);
    return r.calls;
  };
  // Bare names are strings, keyword-less calls and subscripts stay source text, keyword
  // calls nest as {name: {args}}, tuples are lists.
  auto c = calls("[f(a=x, b=g(1, 'y'), c=h(k=2), d=m[0], e=(1, 2.5), f=-4, g=2**3, h=7//2, i='a' 'b')]");
  REQUIRE(c.size() == 1);
  CHECK(c[0].arguments["a"] == "x");
  CHECK(c[0].arguments["b"] == "g(1, 'y')");
  CHECK(c[0].arguments["c"] == Json::parse(R"({"h": {"k": 2}})"));
  CHECK(c[0].arguments["d"] == "m[0]");
  CHECK(c[0].arguments["e"] == Json::parse("[1, 2.5]"));
  CHECK(c[0].arguments["f"] == -4);
  CHECK(c[0].arguments["g"] == 8);
  CHECK(c[0].arguments["h"] == 3);
  CHECK(c[0].arguments["i"] == "ab");
  CHECK(calls("[a.b.c(x=1)]")[0].name == "a.b.c");
  // BFCL adds the brackets before stripping quotes, so a quoted list does not decode.
  CHECK(DecodeBfclPrompting("'[f(x=1)]'").status == ParseResult::Status::kMalformed);
  CHECK(calls("f(x=1), g(y=2)").size() == 2);
  CHECK(calls("[f(a=1)").size() == 1);  // BFCL adds the missing bracket
  CHECK(DecodeBfclPrompting("[]").status == ParseResult::Status::kNoCall);
  CHECK(DecodeBfclPrompting("").status == ParseResult::Status::kNoCall);
  CHECK(DecodeBfclPrompting("Sorry, no function fits.").status == ParseResult::Status::kNoCall);
  // Python's parser accepts a repeated keyword and BFCL keeps the last value, in the first's
  // place; identifiers may be non-ASCII (BFCL's schemas name parameters `año_vehiculo`), and a
  // bare non-ASCII name is a string like any bare name.
  c = calls("[f(a=1, b=2, a=3)]");
  CHECK(c[0].arguments == Json::parse(R"({"a": 3, "b": 2})"));
  CHECK(c[0].arguments.begin().key() == "a");
  c = calls("[obtener(año_vehiculo=2024, artista=Käärijä)]");
  CHECK(c[0].arguments["año_vehiculo"] == 2024);
  CHECK(c[0].arguments["artista"] == "Käärijä");
  for (const char* bad : {"[f(a=1, 2)]", "[f(a=1]", "[f(a=x.y)]", "[f(a=-x)]", "[f(a=1/0)]", "[1, f(a=1)]"}) {
    INFO(bad);
    CHECK(DecodeBfclPrompting(bad).status == ParseResult::Status::kMalformed);
  }
}

}  // namespace toolshift

namespace toolshift {

TEST_CASE("BFCL records with no tools, assistant turns or any-call relevance import and score", "[interop][bfcl]") {
  const std::string dir = testing::ScratchDir("bfcl_shapes");
  testing::WriteText(dir + "/irr.json",
                     R"({"id": "live_irrelevance_1-0-0", "question": [[{"role": "user", "content": "hi"}, {"role": "assistant", "content": "Hello!"}, {"role": "user", "content": "book me a flight"}]], "function": []})" "\n");
  Suite irr = ImportBfcl({dir + "/irr.json", "", "", ""}).suite;
  REQUIRE(irr.episodes.size() == 1);
  const Episode& e = irr.episodes[0];
  CHECK(e.tools.empty());
  REQUIRE(e.messages.size() == 3);
  CHECK(e.messages[1].role == Role::kAssistant);
  const Dialect& py = *FindDialect("pythonic");
  CHECK(ScoreReply(e, py, Message{Role::kAssistant, "I cannot book flights.", {}}).correct);
  CHECK_FALSE(ScoreReply(e, py, Message{Role::kAssistant, "[book(x=1)]", {}}).correct);

  testing::WriteText(dir + "/rel.json",
                     R"({"id": "live_relevance_0-0-0", "question": [[{"role": "user", "content": "paint me"}]], "function": [{"name": "image.gen", "description": "", "parameters": {"type": "dict", "properties": {"prompt": {"type": "string"}}, "required": ["prompt"]}}]})" "\n");
  Suite rel = ImportBfcl({dir + "/rel.json", "", "", ""}).suite;
  REQUIRE(rel.episodes.size() == 1);
  const Episode& r = rel.episodes[0];
  CHECK(r.category == Category::kRelevance);
  CHECK_FALSE(r.ExpectsNoCall());
  CHECK(ScoreReply(r, py, Message{Role::kAssistant, "[image.gen(prompt='a masked woman')]", {}}).correct);
  const EpisodeVerdict none = ScoreReply(r, py, Message{Role::kAssistant, "Sure, here is a description.", {}});
  CHECK_FALSE(none.correct);
  CHECK(none.failure == FailureCategory::kNoCall);
  // The suite round-trips through its files and the oracle passes both.
  WriteSuite(dir + "/suite", rel.manifest, rel.episodes);
  const auto run = testing::RunToolshift({"run", "-q", "-m", "reference:oracle", "--suite", dir + "/suite", "--out", dir + "/r.json"});
  REQUIRE(run.exit_code == 0);
  CHECK(Json::parse(testing::ReadText(dir + "/r.json"))["splits"]["id"]["accuracy"] == 1.0);
}

}  // namespace toolshift

namespace toolshift {

TEST_CASE("BFCL FC-mode result files are scored as the calls they hold, dotted names mapped back", "[interop][bfcl]") {
  const std::string dir = testing::ScratchDir("bfcl_fc");
  testing::WriteText(dir + "/q.json",
                     R"({"id": "simple_python_1", "question": [[{"role": "user", "content": "5!"}]], "function": [{"name": "math.factorial", "description": "", "parameters": {"type": "dict", "properties": {"number": {"type": "integer"}}, "required": ["number"]}}]})" "\n"
                     R"({"id": "simple_python_2", "question": [[{"role": "user", "content": "6!"}]], "function": [{"name": "math.factorial", "description": "", "parameters": {"type": "dict", "properties": {"number": {"type": "integer"}}, "required": ["number"]}}]})" "\n");
  testing::WriteText(dir + "/a.json", R"({"id": "simple_python_1", "ground_truth": [{"math.factorial": {"number": [5]}}]})" "\n"
                                      R"({"id": "simple_python_2", "ground_truth": [{"math.factorial": {"number": [6]}}]})" "\n");
  REQUIRE(testing::RunToolshift({"import", "bfcl", "--questions", dir + "/q.json", "-a", dir + "/a.json", "-o", dir + "/s"}).exit_code == 0);
  // One FC-style line with the underscored name an OpenAI-style API must use, one with the
  // dotted name and a wrong value; no --dialect flag.
  testing::WriteText(dir + "/result.json", R"({"id": "simple_python_1", "result": [{"math_factorial": "{\"number\": 5}"}]})" "\n"
                                           R"({"id": "simple_python_2", "result": [{"math.factorial": {"number": 7}}]})" "\n");
  const auto r = testing::RunToolshift({"score", "--suite", dir + "/s", "--outputs", dir + "/result.json", "--out", dir + "/r.json"});
  REQUIRE(r.exit_code == 0);
  std::map<std::string, Json> verdicts;
  std::ifstream in(dir + "/r.verdicts.jsonl");
  for (std::string line; std::getline(in, line);) {
    const Json v = Json::parse(line);
    verdicts[v["id"].get<std::string>()] = v;
  }
  REQUIRE(verdicts.size() == 2);
  CHECK(verdicts["simple_python_1"]["correct"] == true);
  CHECK(verdicts["simple_python_2"]["correct"] == false);
  CHECK(verdicts["simple_python_2"]["failure"] == "wrong_value");
}

}  // namespace toolshift
