// Collapse diagnostics: malformed and wrong-dialect rates, control tokens, and the
// probability of opening a call read from real-shaped logprobs.
#include <catch2/catch.hpp>

#include <cmath>

#include "src/report/collapse_diagnostics.h"
#include "tests/server/test_model_server.h"
#include "src/core/suite_catalog.h"
#include "tests/test_support.h"

namespace toolshift {

TEST_CASE("the probability of opening a call is read from both logprob shapes", "[report][diagnostics]") {
  const Json chat = {{"content",
                      {{{"token", "\n"}, {"logprob", -0.1}, {"top_logprobs", Json::array()}},
                       {{"token", "<tool"},
                        {"logprob", std::log(0.6)},
                        {"top_logprobs",
                         {{{"token", "<tool"}, {"logprob", std::log(0.6)}},
                          {{"token", "<"}, {"logprob", std::log(0.1)}},
                          {{"token", "Sure"}, {"logprob", std::log(0.3)}}}}}}}};
  CHECK(*FirstTokenOpenProbability(chat, "<tool_call>") == Approx(0.7));
  CHECK(*FirstTokenOpenProbability(chat, "[") == Approx(0.0));
  const Json completions = {{"tokens", {" ", "Sure", ","}},
                            {"token_logprobs", {-0.1, std::log(0.8), -0.2}},
                            {"top_logprobs", {{{" ", -0.1}}, {{"Sure", std::log(0.8)}, {"[", std::log(0.15)}}, {{",", -0.2}}}}};
  CHECK(*FirstTokenOpenProbability(completions, "[") == Approx(0.15));
  CHECK_FALSE(FirstTokenOpenProbability(Json{{"tokens", "nope"}}, "[").has_value());
  CHECK_FALSE(FirstTokenOpenProbability(Json(), "[").has_value());
  CHECK_FALSE(FirstTokenOpenProbability(chat, "").has_value());  // native: no text opening
}

TEST_CASE("diagnostics show the overfit policy's collapse and the logprobs of a real run", "[report][diagnostics][cli]") {
  const std::string dir = testing::ScratchDir("diagnostics");
  auto r = testing::RunToolshift({"run", "-q", "--model", "reference:overfit", "--suite", "single-id", "--suite",
                                  "single-fmt-dialect-xml", "--out", dir + "/overfit.json"});
  REQUIRE(r.exit_code == 0);
  Json report = Json::parse(testing::ReadText(dir + "/overfit.json"));
  const Json& d = report["diagnostics"];
  CHECK(d["id"]["malformed_rate"] == 0.0);
  CHECK(d["format"]["malformed_rate"].get<double>() > 0.2);
  CHECK(d["format"]["wrong_dialect_rate"].get<double>() > 0.2);
  CHECK(d["format"]["control_token_rate"] == 0.0);
  CHECK_FALSE(d["format"].contains("call_open_probability"));  // no logprobs asked

  const std::vector<Suite> suites = SuiteCatalog(testing::SuitesRoot()).Resolve({"single-id"});
  testing::TestModelServer server(suites);
  r = testing::RunToolshift({"run", "-q", "--model", "openai:oracle@" + server.Start() + "/v1", "--suite", "single-id",
                             "--limit", "120", "--logprobs", "--top-logprobs", "3", "--no-cache", "--out",
                             dir + "/logprobs.json"});
  REQUIRE(r.exit_code == 0);
  report = Json::parse(testing::ReadText(dir + "/logprobs.json"));
  const Json& p = report["diagnostics"]["id"]["call_open_probability"];
  // The test server gives each emitted token probability 0.99: calls open with it where they
  // belong, and prose (irrelevance) puts nothing on an opening tag.
  REQUIRE(p["where_expected"].is_object());
  CHECK(p["where_expected"]["mean"].get<double>() == Approx(std::exp(-0.01)));
  REQUIRE(p["where_not_expected"].is_object());
  CHECK(p["where_not_expected"]["n"].get<int>() > 0);
  CHECK(p["where_not_expected"]["mean"] == 0.0);
}

}  // namespace toolshift
