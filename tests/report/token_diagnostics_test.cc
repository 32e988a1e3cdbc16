// Token-level diagnostics (src/report/token_diagnostics.h): control-token mass at every
// position, the spikes it makes, and the report and episode-log fields a --logprobs run
// against the test server's synthetic logprobs fills.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <sstream>

#include "src/core/suite_catalog.h"
#include "src/report/token_diagnostics.h"
#include "tests/server/test_model_server.h"
#include "tests/test_support.h"

namespace toolshift {
namespace {

// Chosen tokens with probability 0.9 each; `extra` adds one alternative at a position.
std::vector<TokenPosition> Positions(const std::vector<std::string>& tokens, size_t at = SIZE_MAX,
                                     const std::string& alternative = "", double p = 0) {
  std::vector<TokenPosition> out;
  for (size_t i = 0; i < tokens.size(); ++i) {
    TokenPosition t{tokens[i], std::log(0.9), {{tokens[i], std::log(0.9)}}};
    if (i == at) t.top.emplace_back(alternative, std::log(p));
    out.push_back(std::move(t));
  }
  return out;
}

size_t Count(const TokenSeries& s, const std::string& kind) {
  size_t n = 0;
  for (const auto& sp : s.spikes) n += sp.kind == kind;
  return n;
}

const std::vector<std::string> kHermesCall = {"<tool_call>", "\n{\"name\": \"", "get_weather", "\", \"arguments\": {",
                                              "\"city\": \"", "Par", "is\"}}", "\n</tool_call>"};

}  // namespace

TEST_CASE("token diagnostics: end-of-turn mass inside a call is a spike - outside it is not", "[report][diagnostics][logprobs]") {
  const ControlTokens hermes = ControlTokensFor(*FindDialect("hermes"), "", "");
  CHECK(std::find(hermes.call_open.begin(), hermes.call_open.end(), "<tool_call>") != hermes.call_open.end());
  CHECK(std::find(hermes.end_of_turn.begin(), hermes.end_of_turn.end(), "<|im_end|>") != hermes.end_of_turn.end());

  const TokenSeries healthy = AnalyzeTokens(Positions(kHermesCall), hermes);
  CHECK(healthy.spikes.empty());
  CHECK(healthy.positions == kHermesCall.size());
  CHECK(healthy.call_open[0] == Approx(0.9));  // the chosen opening tag
  CHECK(healthy.max_end_in_call == Approx(0.0));

  // Half the mass on ending the turn mid-argument: the birth of a bare tag.
  const TokenSeries spiked = AnalyzeTokens(Positions(kHermesCall, 5, "<|im_end|>", 0.5), hermes);
  REQUIRE(Count(spiked, "end_in_call") == 1);
  CHECK(spiked.spikes[0].position == 5);
  CHECK(spiked.spikes[0].token == "Par");
  CHECK(spiked.spikes[0].p == Approx(0.5));
  CHECK(spiked.end_of_turn[5] == Approx(0.5));
  // A role header counts with the end of turn; after the call closed the same mass is no spike.
  CHECK(Count(AnalyzeTokens(Positions(kHermesCall, 3, "<|im_start|>", 0.3), hermes), "end_in_call") == 1);
  std::vector<std::string> after = kHermesCall;
  after.push_back("\n");
  CHECK(AnalyzeTokens(Positions(after, after.size() - 1, "<|im_end|>", 0.9), hermes).spikes.empty());
  // The chosen token itself ends the turn inside the call: a spike with its own probability.
  const TokenSeries bare = AnalyzeTokens(Positions({"<tool_call>", "<|im_end|>"}), hermes);
  REQUIRE(Count(bare, "end_in_call") == 1);
  CHECK(bare.spikes[0].p == Approx(0.9));
}

TEST_CASE("token diagnostics: a likely call-open where no call follows is a spike", "[report][diagnostics][logprobs]") {
  const ControlTokens hermes = ControlTokensFor(*FindDialect("hermes"), "", "");
  const std::vector<std::string> answer = {"I", " cannot", " check", " that", "."};
  CHECK(AnalyzeTokens(Positions(answer), hermes).spikes.empty());
  const TokenSeries s = AnalyzeTokens(Positions(answer, 0, "<tool_call>", 0.4), hermes);
  REQUIRE(Count(s, "open_no_call") == 1);
  CHECK(s.max_open_no_call == Approx(0.4));
  // Pieces of the tag count by their text (at least 3 bytes), whatever the tokenizer.
  CHECK(Count(AnalyzeTokens(Positions(answer, 2, "<tool", 0.3), hermes), "open_no_call") == 1);
  CHECK(AnalyzeTokens(Positions(answer, 2, "<", 0.3), hermes).spikes.empty());
  // Before a call that does follow, call-open mass is expected, not a spike.
  std::vector<std::string> lead = {"Sure", ".\n"};
  lead.insert(lead.end(), kHermesCall.begin(), kHermesCall.end());
  CHECK(AnalyzeTokens(Positions(lead, 1, "<tool_call>", 0.6), hermes).spikes.empty());
  // Pythonic: the opening is "[", an unclosed call is inside its brackets.
  const ControlTokens py = ControlTokensFor(*FindDialect("pythonic"), "", "");
  const std::vector<std::string> call = {"[get", "_weather(", "city='", "Paris", "')]"};
  CHECK(Count(AnalyzeTokens(Positions(call, 3, "<|eot_id|>", 0.25), py), "end_in_call") == 1);
}

TEST_CASE("token diagnostics read both logprob shapes and write the episode-log series", "[report][diagnostics][logprobs]") {
  const Json chat = {{"content", {{{"token", "<tool_call>"}, {"logprob", -0.1}, {"top_logprobs", {{{"token", "<|im_end|>"}, {"logprob", std::log(0.3)}}}}}}}};
  auto p = ReadTokenPositions(chat);
  REQUIRE(p.size() == 1);
  CHECK(p[0].top.size() == 1);
  const Json completions = {{"tokens", {"a", "b"}}, {"token_logprobs", {-0.1, -0.2}}, {"top_logprobs", {{{"a", -0.1}}, {{"<|im_end|>", -1.0}}}}};
  p = ReadTokenPositions(completions);
  REQUIRE(p.size() == 2);
  CHECK(p[1].top[0].first == "<|im_end|>");
  CHECK(ReadTokenPositions(Json{{"tokens", {"a"}}}).empty());  // unreadable: says nothing
  CHECK(ReadTokenPositions(Json()).empty());
  const Json j = TokenSeriesToJson(AnalyzeTokens(Positions(kHermesCall, 5, "<|im_end|>", 0.5), ControlTokensFor(*FindDialect("hermes"), "", "")));
  CHECK(j["positions"] == kHermesCall.size());
  CHECK(j["series"]["end_of_turn"][5] == 0.5);
  CHECK(j["spikes"][0]["kind"] == "end_in_call");
}

TEST_CASE("a --logprobs run reports token spikes per split and shift kind - with examples and per-reply series", "[report][diagnostics][logprobs][cli]") {
  const std::string dir = testing::ScratchDir("token_spikes");
  const std::vector<Suite> suites = SuiteCatalog(testing::SuitesRoot()).Resolve({"single-id", "single-fmt-dialect-pythonic", "single-content-irrelevance"});
  for (double mass : {0.0, 0.5}) {
    DYNAMIC_SECTION("control mass " << mass) {
      testing::FaultKnobs knobs;
      knobs.control_mass = mass;
      testing::TestModelServer server(suites, knobs);
      const std::string out = dir + "/run" + std::to_string(static_cast<int>(mass * 10)) + ".json";
      auto r = testing::RunToolshift({"run", "-q", "--model", "openai:oracle@" + server.Start() + "/v1", "--suite", "single-id",
                                      "--suite", "single-fmt-dialect-pythonic", "--suite", "single-content-irrelevance", "--limit", "40", "--logprobs",
                                      "--top-logprobs", "3", "--no-cache", "--out", out});
      REQUIRE(r.exit_code == 0);
      const Json report = Json::parse(testing::ReadText(out));
      const Json& id = report["diagnostics"]["id"]["token_spikes"];
      REQUIRE(id.is_object());
      CHECK(id["replies"] == 40);
      CHECK(id["threshold"] == kSpikeThreshold);
      const Json& format = report["diagnostics"]["format"]["token_spikes"];
      REQUIRE(format["by_shift_kind"].size() == 1);
      std::istringstream log(testing::ReadText(out.substr(0, out.size() - 5) + ".episodes.jsonl"));
      size_t with_series = 0;
      for (std::string line; std::getline(log, line);) with_series += Json::parse(line).contains("token_diagnostics");
      CHECK(with_series == 120);
      const Json& irrelevance = report["diagnostics"]["content"]["token_spikes"];
      if (mass == 0) {
        CHECK(id["end_in_call"]["count"] == 0);
        CHECK(id["open_no_call"]["count"] == 0);
        CHECK(irrelevance["open_no_call"]["count"] == 0);
        CHECK(id["end_in_call"]["example"].is_null());
      } else {
        // A quarter of every position's mass on <|im_end|>: every call reply spikes inside
        // its call; a quarter on <tool_call>: every answer with no call spikes too.
        CHECK(id["end_in_call"]["count"].get<int>() > 20);
        CHECK(irrelevance["open_no_call"]["count"] == 40);  // answers where a call tag was likely
        CHECK(id["end_in_call"]["example"]["excerpt"].get<std::string>().find('[') != std::string::npos);
        CHECK(format["end_in_call"]["rate"].get<double>() > 0.5);
        CHECK(format["by_shift_kind"].begin().value()["end_in_call"]["count"].get<int>() > 0);
        CHECK(id["end_in_call"]["max_mass"]["p50"].get<double>() == Approx(0.25).epsilon(0.01));
      }
    }
  }
}

}  // namespace toolshift
