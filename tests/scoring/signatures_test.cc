// Reply signatures (src/scoring/signatures.h) on outputs written by hand in every dialect and
// for every common chat template, and the failure categories they refine.
#include <catch2/catch.hpp>

#include <string>

#include "src/core/episode_json.h"
#include "src/scoring/episode_scorer.h"
#include "src/scoring/signatures.h"
#include "tests/test_support.h"

namespace toolshift {
namespace {

// One tool, one expected call get_weather(city="Paris"), asked in `dialect`.
Episode WeatherEpisode(const std::string& dialect, bool expects_call = true) {
  Json j = Json::parse(R"({
    "id": "w1", "domain": "weather", "category": "simple",
    "tools": [{"name": "get_weather", "description": "Weather now.",
               "parameters": {"type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"]}}],
    "messages": [{"role": "user", "content": "Weather in Paris?"}],
    "expected": [{"name": "get_weather", "args": {"city": ["Paris"]}}]})");
  j["dialect"] = dialect;
  if (!expects_call) {
    j["category"] = "irrelevance";
    j["expected"] = Json::array();
  }
  return ParseEpisode(j, "hermes");
}

EpisodeVerdict Score(const Episode& ep, const std::string& text, std::string_view finish_reason = {}) {
  return ScoreReply(ep, *FindDialect(ep.dialect), Message{Role::kAssistant, text, {}}, {}, finish_reason);
}

std::string Names(const EpisodeVerdict& v) {
  std::string s;
  for (const auto& sig : v.signatures) s += (s.empty() ? "" : ",") + sig.name;
  return s;
}

bool Has(const EpisodeVerdict& v, std::string_view name) { return HasSignature(v.signatures, name); }

constexpr const char* kDialects[] = {"hermes", "pythonic", "json", "xml", "react"};

}  // namespace

TEST_CASE("right replies in every dialect carry no signature", "[scoring][signatures]") {
  for (const char* name : kDialects) {
    INFO(name);
    const Episode ep = WeatherEpisode(name);
    const Message reply = FindDialect(name)->Write({ToolCall{"get_weather", Json{{"city", "Paris"}}}});
    const EpisodeVerdict v = ScoreReply(ep, *FindDialect(name), reply);
    CHECK(v.correct);
    CHECK(Names(v).empty());
    const Episode irr = WeatherEpisode(name, false);
    const EpisodeVerdict a = ScoreReply(irr, *FindDialect(name), FindDialect(name)->WriteAnswer(std::string(kNoToolAnswer)));
    CHECK(a.correct);
    CHECK(Names(a).empty());
  }
  // Prose that merely mentions roles or tools is not a leak or a call attempt.
  const EpisodeVerdict p = Score(WeatherEpisode("hermes", false),
                                 "The user asked about the assistant's tools; none of them fit.\nAsk the system admin.");
  CHECK(p.correct);
  CHECK(Names(p).empty());
}

TEST_CASE("empty replies fail as empty_reply", "[scoring][signatures]") {
  for (const char* name : kDialects) {
    INFO(name);
    for (const char* text : {"", "  \n\t"}) {
      const EpisodeVerdict v = Score(WeatherEpisode(name), text);
      CHECK(v.failure == FailureCategory::kEmptyReply);
      CHECK(Names(v) == "empty_reply");
    }
  }
  // No call was asked for: still right, but the signature says what the model did.
  const EpisodeVerdict irr = Score(WeatherEpisode("hermes", false), "");
  CHECK(irr.correct);
  CHECK(Names(irr) == "empty_reply");
  CHECK(ParseFailure("empty_reply") == FailureCategory::kEmptyReply);
}

TEST_CASE("a bare call tag and unequal tags", "[scoring][signatures]") {
  const EpisodeVerdict bare = Score(WeatherEpisode("hermes"), "<tool_call>");
  CHECK(bare.failure == FailureCategory::kMalformed);
  CHECK(Has(bare, "bare_call_tag"));
  CHECK(Has(bare, "tag_imbalance"));
  CHECK(Score(WeatherEpisode("hermes"), "Let me check.\n<tool_call>\n").signatures.front().name == "bare_call_tag");
  CHECK(Has(Score(WeatherEpisode("xml"), "<function_calls>"), "bare_call_tag"));

  const EpisodeVerdict two = Score(WeatherEpisode("hermes"),
                                   "<tool_call>\n{\"name\": \"get_weather\", \"arguments\": {\"city\": \"Paris\"}}\n"
                                   "<tool_call>\n{\"name\": \"get_weather\", \"arguments\": {\"city\": \"Paris\"}}\n</tool_call>");
  CHECK(Has(two, "tag_imbalance"));
  CHECK_FALSE(Has(two, "bare_call_tag"));
  const EpisodeVerdict invoke = Score(WeatherEpisode("xml"),
                                      "<function_calls>\n<invoke name=\"get_weather\">\n<parameter name=\"city\">Paris</parameter>\n</function_calls>");
  CHECK(Has(invoke, "tag_imbalance"));
}

TEST_CASE("role leaks: template tokens, their remnants, and role lines", "[scoring][signatures]") {
  const std::string call = "<tool_call>\n{\"name\": \"get_weather\", \"arguments\": {\"city\": \"Paris\"}}\n</tool_call>";
  const char* leaks[] = {
      // ChatML / Qwen, tokens kept and tokens stripped.
      "<|im_end|>\n<|im_start|>user\nThanks!",
      "\nuser\n{\"name\": \"get_weather\", \"arguments\": {\"city\": \"Paris\"}}\n</tool_call>",
      "user\n<tool_response>[]\n</tool_response>",
      "Sure.\nassistant\n",
      "im_start user",
      // Llama 3
      "<|eot_id|><|start_header_id|>user<|end_header_id|>\n\nAnd Rome?",
      // Mistral
      "[INST] And Rome? [/INST]",
      // Gemma
      "<end_of_turn>\n<start_of_turn>user\nAnd Rome?",
      // DeepSeek (full-width bars)
      "<｜User｜>And Rome?<｜Assistant｜>",
  };
  for (const char* leak : leaks) {
    INFO(leak);
    CHECK(Has(Score(WeatherEpisode("hermes"), leak), "role_leak"));
    CHECK(Has(Score(WeatherEpisode("pythonic"), std::string("[get_weather(city='Paris')]\n") + leak), "role_leak"));
  }
  // A right call followed by a leak stays right: the signature is a diagnostic.
  const EpisodeVerdict after = Score(WeatherEpisode("hermes"), call + "<|im_end|>\n<|im_start|>user\nThanks");
  CHECK(after.correct);
  CHECK(Names(after) == "role_leak");
  // A trailing end-of-turn token alone is how a server that keeps special tokens ends every
  // reply: no leak.
  const EpisodeVerdict ended = Score(WeatherEpisode("hermes"), call + "\n<|im_end|><|endoftext|>");
  CHECK(ended.correct);
  CHECK(Names(ended).empty());
}

TEST_CASE("model-written observations", "[scoring][signatures]") {
  CHECK(Has(Score(WeatherEpisode("hermes"), "user\n<tool_response>[]\n</tool_response>"), "fake_observation"));
  const EpisodeVerdict react = Score(WeatherEpisode("react"),
                                     "Thought: look it up.\nAction: get_weather\nAction Input: {\"city\": \"Paris\"}\n"
                                     "Observation: 18C and sunny");
  CHECK(Has(react, "fake_observation"));
  CHECK(Has(Score(WeatherEpisode("xml"), "<function_results>sunny</function_results>"), "fake_observation"));
  CHECK_FALSE(Has(Score(WeatherEpisode("react"), "Thought: none fits.\nFinal Answer: no."), "fake_observation"));
}

TEST_CASE("calls without the asked tags keep their own verdict", "[scoring][signatures]") {
  const EpisodeVerdict json = Score(WeatherEpisode("hermes"), "{\"name\": \"get_weather\", \"arguments\": {\"city\": \"Paris\"}}");
  CHECK_FALSE(json.correct);
  CHECK(json.other_dialect == "json");
  CHECK(json.other_dialect_correct == true);
  CHECK(Has(json, "untagged_call"));
  CHECK_FALSE(Has(json, "call_like_prose"));

  const EpisodeVerdict py = Score(WeatherEpisode("xml"), "[get_weather(city=\"Rome\")]");
  CHECK(py.other_dialect == "pythonic");
  CHECK(py.other_dialect_correct == false);  // parses, but the wrong city
  CHECK(Has(py, "untagged_call"));

  // Untagged dialects asked: another syntax is wrong_dialect, not untagged_call.
  const EpisodeVerdict tagged = Score(WeatherEpisode("json"), "[get_weather(city=\"Paris\")]");
  CHECK(tagged.other_dialect == "pythonic");
  CHECK_FALSE(Has(tagged, "untagged_call"));

  // Respelled hermes tags: the model's default tags are another syntax too.
  Episode respelled = WeatherEpisode("hermes");
  respelled.presentation.call_open = "<call>";
  respelled.presentation.call_close = "</call>";
  const EpisodeVerdict r = ScoreReply(respelled, *MakeDialect("hermes", respelled.presentation),
                                      Message{Role::kAssistant,
                                              "<tool_call>\n{\"name\": \"get_weather\", \"arguments\": {\"city\": \"Paris\"}}\n</tool_call>", {}});
  CHECK(r.other_dialect == "hermes");
  CHECK(r.other_dialect_correct == true);
  CHECK_FALSE(Has(r, "call_like_prose"));
}

TEST_CASE("broken call attempts are malformed", "[scoring][signatures]") {
  for (const char* text : {"[\"get_weather\", \"city\": \"Paris\"]", "['get_weather', city='Paris']", "get_weather(city='Paris'",
                           "{\"name\": \"get_weather\", \"arguments\": {\"city\": \"Paris\"}", "Action: get_weather\nAction Input: {city: Paris}"}) {
    for (const char* name : {"hermes", "xml", "json"}) {
      INFO(text << " asked " << name);
      const EpisodeVerdict v = Score(WeatherEpisode(name), text);
      CHECK(v.failure == FailureCategory::kMalformed);
      CHECK(Has(v, "call_like_prose"));
    }
  }
  // Where no call was expected the verdict is unchanged; the signature still shows.
  const EpisodeVerdict irr = Score(WeatherEpisode("hermes", false), "['get_weather', city='Paris']");
  CHECK(Has(irr, "call_like_prose"));
}

TEST_CASE("a keyword given twice in one call", "[scoring][signatures]") {
  {  // the text parses as a call: under toolshift's own rules a content error, not a format one
    const EpisodeVerdict v = Score(WeatherEpisode("pythonic"), "[get_weather(city='Paris', city='Rome')]");
    INFO(FailureName(v.failure));
    CHECK(v.parse.status == ParseResult::Status::kCalls);
    CHECK(v.failure == FailureCategory::kWrongValue);  // Rome is kept, Paris expected
    // Even when the value kept is the expected one, the duplicate is a content error.
    const EpisodeVerdict w = Score(WeatherEpisode("pythonic"), "[get_weather(city='Rome', city='Paris')]");
    CHECK(w.parse.status == ParseResult::Status::kCalls);
    CHECK_FALSE(w.correct);
    CHECK(w.failure == FailureCategory::kWrongValue);
    CHECK_THAT(w.detail, Catch::Matchers::Contains("given twice"));
    const EpisodeVerdict x = Score(WeatherEpisode("xml"),
                                   "<function_calls>\n<invoke name=\"get_weather\">\n<parameter name=\"city\">Rome</parameter>\n"
                                   "<parameter name=\"city\">Paris</parameter>\n</invoke>\n</function_calls>");
    INFO(x.detail);
    CHECK(x.parse.status == ParseResult::Status::kCalls);
    CHECK_FALSE(x.correct);
  }
  CHECK(Has(Score(WeatherEpisode("pythonic"), "[get_weather(city='Paris', city='Rome')]"), "duplicate_argument"));
  CHECK(Has(Score(WeatherEpisode("hermes"),
                  "<tool_call>\n{\"name\": \"get_weather\", \"arguments\": {\"city\": \"Paris\", \"city\": \"Rome\"}}\n</tool_call>"),
            "duplicate_argument"));
  // The same keyword in two calls, or in a string, or a comparison, is not a duplicate.
  CHECK_FALSE(Has(Score(WeatherEpisode("pythonic"), "[get_weather(city='Paris'), get_weather(city='Rome')]"),
                  "duplicate_argument"));
  CHECK_FALSE(Has(Score(WeatherEpisode("pythonic"), "[get_weather(city='a=1, a=2')]"), "duplicate_argument"));
  CHECK_FALSE(Has(Score(WeatherEpisode("pythonic"), "[get_weather(city=x == y, c=x == y)]"), "duplicate_argument"));
}

TEST_CASE("a length finish reason is truncated", "[scoring][signatures]") {
  const EpisodeVerdict v = Score(WeatherEpisode("hermes"), "<tool_call>\n{\"name\": \"get_weather\", \"argu", "length");
  CHECK(Has(v, "truncated"));
  CHECK_FALSE(Has(Score(WeatherEpisode("hermes"), "<tool_call>\n{\"name\": \"get_weather\", \"argu", "stop"), "truncated"));
  CHECK(Names(Score(WeatherEpisode("hermes"), "", "length")) == "empty_reply,truncated");
}

TEST_CASE("the episode log and score's verdict lines carry signatures", "[scoring][signatures][cli]") {
  const std::string dir = testing::ScratchDir("signatures-e2e");
  testing::WriteText(dir + "/outputs.jsonl",
                     "{\"id\": \"banking-simple-001\", \"output\": \"<tool_call>\"}\n"
                     "{\"id\": \"banking-simple-002\", \"output\": \"\"}\n");
  auto r = testing::RunToolshift({"score", "--suite", "single-id", "--outputs", dir + "/outputs.jsonl", "--out", dir + "/s.json"});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  const std::string verdicts = testing::ReadText(dir + "/s.verdicts.jsonl");
  const Json first = Json::parse(verdicts.substr(0, verdicts.find('\n')));
  REQUIRE(first.contains("signatures"));
  CHECK(first["signatures"][0]["name"] == "bare_call_tag");
  const size_t second_start = verdicts.find('\n') + 1;
  const Json second = Json::parse(verdicts.substr(second_start, verdicts.find('\n', second_start) - second_start));
  CHECK(second["failure"] == "empty_reply");
  CHECK(second["signatures"][0]["name"] == "empty_reply");

  r = testing::RunToolshift({"run", "-q", "--model", "reference:overfit", "--suite", "single-fmt-dialect-xml", "--limit", "20",
                             "--out", dir + "/overfit.json"});
  REQUIRE(r.exit_code == 0);
  const std::string log = testing::ReadText(dir + "/overfit.episodes.jsonl");
  size_t lines = 0, with_signature = 0;
  for (size_t start = 0; start < log.size();) {
    const size_t end = log.find('\n', start);
    const Json line = Json::parse(log.substr(start, end - start));
    CHECK(line.contains("signatures"));
    with_signature += !line["signatures"].empty();
    ++lines;
    start = end + 1;
  }
  CHECK(lines == 20);
  CHECK(with_signature > 0);  // the overfit policy's collapse shows

  // The report counts them per split.
  const Json report = Json::parse(testing::ReadText(dir + "/overfit.json"));
  CHECK(report["schema_version"] == "1.2.0");
  const Json& rates = report["splits"]["format"]["signatures"];
  REQUIRE(rates.is_object());
  CHECK(rates.size() == std::size(kSignatureNames));
  uint64_t raised = 0;
  for (const auto& [name, rate] : rates.items()) {
    raised += rate["count"].get<uint64_t>();
    CHECK(rate["ci_low"].get<double>() <= rate["ci_high"].get<double>());
  }
  CHECK(raised >= with_signature);
  CHECK(rates["empty_reply"]["rate"] == 0.0);
}

}  // namespace toolshift
