// A corpus of collapsed and healthy replies, written the way real checkpoints write them, for
// every dialect and the common chat templates (ChatML/Qwen, Llama 3, Mistral, Gemma,
// DeepSeek), with the template's special tokens left in the text and stripped by the server.
// The rates the detectors must reach on it are the issue's: >= 95% of role leaks, bare tags
// and empty replies carry their signature, >= 98% of broken call attempts are malformed,
// and healthy replies raise role_leak, bare_call_tag or fake_observation on <= 1%.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "src/core/episode_json.h"
#include "src/scoring/episode_scorer.h"
#include "src/scoring/signatures.h"

namespace toolshift {
namespace {

Episode WeatherEpisode(const std::string& dialect, bool expects_call = true) {
  Json j = Json::parse(R"({
    "id": "w1", "domain": "weather", "category": "simple",
    "tools": [{"name": "get_weather", "description": "Weather now.",
               "parameters": {"type": "object", "properties": {"city": {"type": "string"}, "unit": {"type": "string"}},
                              "required": ["city"]}}],
    "messages": [{"role": "user", "content": "Weather in Paris?"}],
    "expected": [{"name": "get_weather", "args": {"city": ["Paris"], "unit": ["", "celsius"]}}]})");
  j["dialect"] = dialect;
  if (!expects_call) {
    j["category"] = "irrelevance";
    j["expected"] = Json::array();
  }
  return ParseEpisode(j, "hermes");
}

// A chat template as it shows in a reply: the end of the assistant's turn, and the header of
// a next turn by `role`, with special tokens kept (`raw`) or as a server leaves them when it
// strips special tokens (`stripped`: only what is ordinary text remains).
struct Template {
  const char* name;
  std::string end_raw, end_stripped;
  std::string (*header_raw)(const std::string& role);
  std::string (*header_stripped)(const std::string& role);
};

const std::vector<Template>& Templates() {
  static const std::vector<Template> t = {
      {"chatml", "<|im_end|>", "", [](const std::string& r) { return "\n<|im_start|>" + r + "\n"; },
       [](const std::string& r) { return "\n" + r + "\n"; }},
      {"llama3", "<|eot_id|>", "", [](const std::string& r) { return "<|start_header_id|>" + r + "<|end_header_id|>\n\n"; },
       [](const std::string& r) { return r + "\n\n"; }},
      {"mistral", "</s>", "", [](const std::string& r) { return std::string(r == "user" ? "[INST] " : "[TOOL_RESULTS] "); },
       [](const std::string& r) { return std::string(r == "user" ? "\n\nUser: " : "\n\nTool: "); }},
      {"gemma", "<end_of_turn>", "", [](const std::string& r) { return "\n<start_of_turn>" + r + "\n"; },
       [](const std::string& r) { return "\n" + r + "\n"; }},
      {"deepseek", "<｜end▁of▁sentence｜>", "",
       [](const std::string& r) { return std::string(r == "user" ? "<｜User｜>" : "<｜tool▁outputs▁begin｜>"); },
       [](const std::string& r) { return std::string(r == "user" ? "\nUser: " : "\nTool: "); }},
  };
  return t;
}

const char* const kDialects[] = {"hermes", "pythonic", "json", "xml", "react"};

std::string RightCall(const std::string& dialect) {
  return FindDialect(dialect)->Write({ToolCall{"get_weather", Json{{"city", "Paris"}}}}).content;
}

// What a model writes as the next turn once it has ended its own: a user's follow-up, a
// tool's result in the shapes templates give it, a call written as the user.
const std::vector<std::pair<std::string, std::string>>& NextTurns() {
  static const std::vector<std::pair<std::string, std::string>> t = {
      {"user", "Thanks! And what about Rome?"},
      {"user", "{\"name\": \"get_weather\", \"arguments\": {\"city\": \"Paris\"}}\n</tool_call>"},
      {"tool", "<tool_response>\n{\"temperature\": 18}\n</tool_response>"},
      {"tool", "{\"temperature\": 18, \"condition\": \"sunny\"}"},
      {"user", "<tool_response>[]\n</tool_response>"},
      {"assistant", "The weather in Paris is 18 degrees."},
  };
  return t;
}

struct Tally {
  size_t n = 0, hit = 0;
  std::vector<std::string> misses;
  void Add(bool ok, const std::string& what) {
    ++n;
    hit += ok;
    if (!ok && misses.size() < 40) misses.push_back(what);
  }
  double Rate() const { return n ? static_cast<double>(hit) / static_cast<double>(n) : 1.0; }
  std::string Misses() const {
    std::string s;
    for (const auto& m : misses) s += "\n  " + m;
    return s;
  }
};

EpisodeVerdict Score(const std::string& dialect, const std::string& text, bool expects_call = true) {
  return ScoreReply(WeatherEpisode(dialect, expects_call), *FindDialect(dialect), Message{Role::kAssistant, text, {}});
}

std::string Show(const std::string& dialect, const std::string& text) {
  std::string s = dialect + ": ";
  for (char c : text) s += c == '\n' ? std::string("\\n") : std::string(1, c);
  return s;
}

}  // namespace

TEST_CASE("corpus: role leaks carry role_leak stripped or not in every template and dialect", "[scoring][signatures][corpus]") {
  Tally t;
  for (const auto& tmpl : Templates()) {
    for (bool raw : {true, false}) {
      for (const char* d : kDialects) {
        for (const auto& [role, turn] : NextTurns()) {
          for (const std::string& before : {RightCall(d), std::string("Let me check the weather for you.")}) {
            const std::string text = before + (raw ? tmpl.end_raw + tmpl.header_raw(role) : tmpl.end_stripped + tmpl.header_stripped(role)) + turn;
            t.Add(HasSignature(Score(d, text).signatures, "role_leak"), Show(d, text));
          }
        }
      }
    }
  }
  INFO(t.hit << "/" << t.n << " misses:" << t.Misses());
  CHECK(t.Rate() >= 0.95);
}

TEST_CASE("corpus: bare call tags and empty replies carry their signatures", "[scoring][signatures][corpus]") {
  Tally bare, empty;
  for (const auto& tmpl : Templates()) {
    for (const std::string& end : {tmpl.end_raw, tmpl.end_stripped, tmpl.end_raw + "\n"}) {
      for (const char* d : kDialects) {
        for (const char* tag : {"<tool_call>", "<tool_call>\n", "\n<tool_call>\n", "I'll look it up.\n<tool_call>",
                                       "<tool_call>\n\n</tool_call>", "<tool_call></tool_call>"}) {
          bare.Add(HasSignature(Score(d, tag + end).signatures, "bare_call_tag"), Show(d, tag + end));
        }
        for (const char* blank : {"", "\n", " \n\n", "\t"}) {
          for (bool expects_call : {true, false}) {
            const EpisodeVerdict v = Score(d, blank + end, expects_call);
            empty.Add(HasSignature(v.signatures, "empty_reply") &&
                          (!expects_call || v.failure == FailureCategory::kEmptyReply),
                      Show(d, blank + end));
          }
        }
      }
    }
  }
  INFO("bare " << bare.hit << "/" << bare.n << bare.Misses());
  INFO("empty " << empty.hit << "/" << empty.n << empty.Misses());
  CHECK(bare.Rate() >= 0.95);
  CHECK(empty.Rate() >= 0.95);
}

TEST_CASE("corpus: broken call attempts are malformed in every dialect asked", "[scoring][signatures][corpus]") {
  const std::vector<std::string> broken = {
      R"(["get_weather", "city": "Paris"])",
      R"(['get_weather', city='Paris'])",
      "[get_weather(city='Paris'",
      "[get_weather(city=\"Paris\"",
      "get_weather(city=\"Paris\"",
      "[get_weather(city=\"Paris\", unit=\"celsius\"]",
      "get_weather(city='Paris', unit='celsius'",
      R"({"name": "get_weather", "arguments": {"city": "Paris"})",
      R"({"name": "get_weather", "arguments": {"city": "Paris"}}})",
      R"({"name": "get_weather", "arguments": {"city": Paris}})",
      R"({'name': 'get_weather', 'arguments': {'city': 'Paris'})",
      R"([{"name": "get_weather", "arguments": {"city": "Paris"}},)",
      "<tool_call>\n{\"name\": \"get_weather\", \"arguments\": {\"city\": \"Paris\"}\n</tool_call>",
      "<tool_call>\n{\"name\": \"get_weather\", \"arguments\": {\"city\": \"Paris\"}}",
      "<tool_call>\n{\"name\": \"get_weather\", \"arguments\": {\"city\": \"Paris\"}",
      "<tool_call>{\"name\": \"get_weather\", \"arguments\": {\"city\": \"Paris\"}}<tool_call>",
      "<tool_call>\nget_weather(city=\"Paris\"\n</tool_call>",
      "<invoke name=\"get_weather\"><parameter name=\"city\">Paris</parameter>",
      "<invoke name=\"get_weather\">\n<parameter name=\"city\">Paris\n</invoke>",
      "Action: get_weather\nAction Input: {\"city\": \"Paris\"",
      "Action: get_weather",
      "Action: get_weather\nAction Input: city=Paris",
      "I will call the tool now.\n[get_weather(city='Paris'",
      "Sure.\n{\"name\": \"get_weather\", \"arguments\": {\"city\": \"Paris\"",
      "[get_weather(city='Paris', city='Rome'",
      R"(["get_weather", {"city": "Paris"})",
  };
  Tally t;
  for (const char* d : kDialects) {
    for (const auto& text : broken) {
      const EpisodeVerdict v = Score(d, text);
      // A reply that does parse as calls in some dialect is not a broken attempt there.
      if (v.parse.status == ParseResult::Status::kCalls || !v.other_dialect.empty()) continue;
      t.Add(v.failure == FailureCategory::kMalformed, Show(d, text) + " -> " + std::string(FailureName(v.failure)));
    }
  }
  INFO(t.hit << "/" << t.n << " misses:" << t.Misses());
  CHECK(t.n > 100);
  CHECK(t.Rate() >= 0.98);
}

TEST_CASE("corpus: healthy replies raise no role_leak nor bare_call_tag nor fake_observation", "[scoring][signatures][corpus]") {
  const std::vector<std::string> answers = {
      "I can't check the weather, but I can help with something else.",
      "The user asked about Paris; I don't have a tool for that.",
      "Sure! Here is how the tool works:\n- user: the person asking\n- tool: the function\nLet me know.",
      "You could call get_weather yourself with the city name.",
      "Here is the JSON you asked for:\n```json\n{\"user\": \"ana\", \"role\": \"assistant\"}\n```",
      "Observations so far: it is sunny in Paris.",
      "Step 1: ask the user.\nStep 2: call the tool.\nStep 3: answer.",
      "The function returns a tool_response object with the temperature.",
      "As an assistant, I cannot browse the web.",
      "Roles in this system:\nUser accounts are managed by admins.\nAssistant tools are listed below.",
      "The weather in Paris is 18 degrees and sunny.\n\nIs there anything else?",
      "Final Answer: it is 18 degrees in Paris.",
  };
  Tally t;
  auto check = [&](const std::string& d, const std::string& text, bool expects_call) {
    const EpisodeVerdict v = Score(d, text, expects_call);
    const bool clean = !HasSignature(v.signatures, "role_leak") && !HasSignature(v.signatures, "bare_call_tag") &&
                       !HasSignature(v.signatures, "fake_observation");
    t.Add(clean, Show(d, text));
  };
  for (const auto& tmpl : Templates()) {
    for (const std::string& end : {tmpl.end_raw, tmpl.end_stripped, tmpl.end_raw + "\n", tmpl.end_raw + "<|endoftext|>"}) {
      for (const char* d : kDialects) {
        check(d, RightCall(d) + end, true);
        check(d, "Let me check.\n" + RightCall(d) + end, true);
        check(d, RightCall(d) + "\n" + end, true);
        for (const auto& a : answers) check(d, a + end, false);
      }
    }
  }
  INFO(t.hit << "/" << t.n << " misses:" << t.Misses());
  CHECK(t.n > 500);
  CHECK(1.0 - t.Rate() <= 0.01);
}

}  // namespace toolshift
