// Near misses on BFCL's hard decoder rules, generated from the ground truth of every record of every
// BFCL v4 Python category with answers: each variant of the oracle's answer gets the verdict BFCL's
// prompt-mode decoder (default_decode_ast_prompting, ast_parse, resolve_ast_by_type) and checker give
// it, as read from BFCL's code:
//   ```\n[ANS]\n```              backticks and newlines are stripped: as ANS
//   ```python\n[ANS]\n```        "[python\n[ANS]]" parses as a subscript, not a call: wrong
//   Sure! [ANS]                  not one Python expression: wrong
//   <TOOLCALL>[ANS]</TOOLCALL>   the tag is not stripped in BFCL's default prompt: wrong
//   f(0, a=...)                  positional arguments are dropped: as ANS
//   f(p=WRONG, p=v)              a repeated keyword keeps the last value: as ANS
//   f(p=v, p=WRONG)              ... so the wrong last value decides: wrong
//   p=+v (an int v > 0)          any unary operator negates the constant: wrong unless -v is acceptable
//   p=(x, y) (schema array)      a tuple is not a list to BFCL's type check: wrong
//   p=name (a string value)      a bare identifier reads as its name: as ANS
// Skips, saying so, when ../shared is missing.
#include <cctype>
#include <filesystem>
#include <fstream>
#include <map>

#include <catch2/catch.hpp>

#include "src/core/json.h"
#include "src/core/tool.h"
#include "src/dialects/python_literal.h"
#include "tests/test_support.h"

namespace toolshift {
namespace {

namespace fs = std::filesystem;

const std::string kData = testing::SharedDir() + "/bfcl-v4";
const char* kCategories[] = {"simple_python", "multiple", "parallel", "parallel_multiple", "live_simple",
                             "live_multiple", "live_parallel", "live_parallel_multiple"};

struct Variant {
  std::string rule;
  std::string text;
  bool same_as_answer;  // else: BFCL's verdict is wrong
};

bool IsIdentifier(const std::string& s) {
  if (s.empty() || !(std::isalpha(static_cast<unsigned char>(s[0])) || s[0] == '_')) return false;
  for (char c : s) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_') return false;
  }
  static const char* kKeywords[] = {"True", "False", "None", "and", "or", "not", "in", "is", "if", "else", "for", "lambda",
                                    "def", "class", "return", "import", "from", "as", "with", "while", "try", "except",
                                    "finally", "raise", "pass", "break", "continue", "global", "nonlocal", "del",
                                    "assert", "yield", "await", "async", "elif"};
  for (const char* k : kKeywords) {
    if (s == k) return false;
  }
  return true;
}

std::string List(const std::vector<ToolCall>& calls) {
  std::string out = "[";
  for (size_t i = 0; i < calls.size(); ++i) out += (i ? ", " : "") + python::WriteCall(calls[i]);
  return out + "]";
}

// `call` written with `param`'s value as `value_text` (Python source).
std::string WithValue(const std::vector<ToolCall>& calls, size_t which, const std::string& param, const std::string& value_text) {
  std::string out = "[";
  for (size_t i = 0; i < calls.size(); ++i) {
    if (i) out += ", ";
    if (i != which) {
      out += python::WriteCall(calls[i]);
      continue;
    }
    out += calls[i].name + "(";
    bool first = true;
    for (auto it = calls[i].arguments.begin(); it != calls[i].arguments.end(); ++it) {
      out += (first ? "" : ", ") + it.key() + "=" + (it.key() == param ? value_text : python::WriteValue(*it));
      first = false;
    }
    out += ")";
  }
  return out + "]";
}

std::vector<Variant> Variants(const std::vector<ToolCall>& calls, const Json& tools, const Json& expected) {
  const std::string ans = List(calls);
  std::vector<Variant> v = {{"fence", "```\n" + ans + "\n```", true},
                            {"fence-python", "```python\n" + ans + "\n```", false},
                            {"prose", "Sure! " + ans, false},
                            {"toolcall-tag", "<TOOLCALL>" + ans + "</TOOLCALL>", false}};
  if (calls.empty()) return v;
  const ToolCall& c = calls[0];
  std::string positional = List(calls);
  positional.insert(positional.find('(') + 1, c.arguments.empty() ? "0" : "0, ");
  v.push_back({"positional", positional, true});
  const Json* schema = nullptr;
  for (const auto& t : tools) {
    if (t["name"] == c.name && t["parameters"].contains("properties")) schema = &t["parameters"]["properties"];
  }
  const Json* acceptable = nullptr;
  for (const auto& e : expected) {
    if (e["name"] == c.name) acceptable = &e["args"];
  }
  if (c.arguments.empty() || !schema || !acceptable) return v;
  const std::string p = c.arguments.begin().key();
  const Json& value = c.arguments.begin().value();
  const std::string wrong = python::WriteValue(value.is_string() ? Json(value.get<std::string>() + "zq") : Json("zq-wrong"));
  v.push_back({"repeated-wrong-first", WithValue(calls, 0, p, wrong + ", " + p + "=" + python::WriteValue(value)), true});
  v.push_back({"repeated-wrong-last", WithValue(calls, 0, p, python::WriteValue(value) + ", " + p + "=" + wrong), false});
  for (auto it = c.arguments.begin(); it != c.arguments.end(); ++it) {
    const std::string type = schema->contains(it.key()) ? (*schema)[it.key()].value("type", "") : "";
    const Json& ok = acceptable->contains(it.key()) ? (*acceptable)[it.key()] : Json::array();
    if (it->is_number_integer() && it->get<int64_t>() > 0 && type == "integer") {
      bool negative_ok = false;
      for (const auto& a : ok) negative_ok = negative_ok || a == -it->get<int64_t>();
      v.push_back({"unary-plus", WithValue(calls, 0, it.key(), "+" + it->dump()), negative_ok});
    }
    if (it->is_array() && !it->empty() && type == "array") {
      std::string tuple = "(";
      for (size_t k = 0; k < it->size(); ++k) tuple += (k ? ", " : "") + python::WriteValue((*it)[k]);
      v.push_back({"tuple-for-array", WithValue(calls, 0, it.key(), tuple + (it->size() == 1 ? ",)" : ")")), false});
    }
    if (it->is_string() && IsIdentifier(it->get<std::string>())) {
      v.push_back({"bare-name", WithValue(calls, 0, it.key(), it->get<std::string>()), true});
    }
  }
  return v;
}

}  // namespace

TEST_CASE("near misses on BFCL's hard decoder rules get BFCL's verdicts on every record", "[interop][bfcl][library]") {
  if (!fs::exists(kData + "/BFCL_v4_simple_python.json")) {
    TOOLSHIFT_SKIP("skipped: BFCL v4 data not found at " << kData << " (it ships in ../shared beside the repository)");
    return;
  }
  const std::string dir = testing::ScratchDir("bfcl_near_miss");
  std::vector<std::string> run = {"run", "-q", "-m", "reference:oracle", "--out", dir + "/oracle.json"};
  for (const char* c : kCategories) {
    const auto r = testing::RunToolshift({"import", "bfcl", "--questions", kData + "/BFCL_v4_" + std::string(c) + ".json", "-a",
                                          kData + "/possible_answer/BFCL_v4_" + std::string(c) + ".json", "-o", dir + "/" + c});
    REQUIRE(r.exit_code == 0);
    run.insert(run.end(), {"--suite", dir + "/" + c});
  }
  REQUIRE(testing::RunToolshift(run).exit_code == 0);
  // The oracle's answers (its parsed calls) and verdicts, by suite and id.
  std::map<std::string, std::map<std::string, std::pair<std::vector<ToolCall>, bool>>> answers;
  std::ifstream log(dir + "/oracle.episodes.jsonl");
  for (std::string line; std::getline(log, line);) {
    const Json e = Json::parse(line);
    std::vector<ToolCall> calls;
    for (const auto& c : e["parse"]["calls"]) calls.push_back(ToolCall{c["name"].get<std::string>(), c["arguments"]});
    answers[e["suite"].get<std::string>()][e["id"].get<std::string>()] = {calls, e["correct"].get<bool>()};
  }
  std::map<std::string, std::pair<int, int>> by_rule;  // rule -> agree, total
  std::vector<std::string> disagreements;
  for (const char* c : kCategories) {
    std::ifstream episodes(dir + "/" + c + "/episodes.jsonl");
    std::vector<std::pair<std::string, bool>> expectations;  // per output line: rule, expected correct
    std::ofstream outputs(dir + "/" + c + ".outputs.jsonl");
    const std::string suite_name = Json::parse(testing::ReadText(dir + "/" + c + "/manifest.json"))["name"].get<std::string>();
    for (std::string line; std::getline(episodes, line);) {
      const Json ep = Json::parse(line);
      const auto& [calls, correct] = answers[suite_name][ep["id"].get<std::string>()];
      for (const auto& v : Variants(calls, ep["tools"], ep["expected"])) {
        outputs << Json{{"id", ep["id"]}, {"output", v.text}}.dump() << "\n";
        expectations.push_back({v.rule, v.same_as_answer && correct});
      }
    }
    outputs.close();
    const auto r = testing::RunToolshift({"score", "--suite", dir + "/" + c, "--outputs", dir + "/" + c + ".outputs.jsonl",
                                          "--out", dir + "/" + c + ".scored.json"});
    REQUIRE(r.exit_code == 0);
    std::ifstream verdicts(dir + "/" + c + ".scored.verdicts.jsonl");
    size_t n = 0;
    for (std::string line; std::getline(verdicts, line); ++n) {
      const Json v = Json::parse(line);
      const size_t at = v["line"].get<size_t>() - 1;
      REQUIRE(at < expectations.size());
      const auto& [rule, expected] = expectations[at];
      auto& [agree, total] = by_rule[rule];
      ++total;
      if (v["correct"].get<bool>() == expected) {
        ++agree;
      } else if (disagreements.size() < 20) {
        disagreements.push_back(std::string(c) + " " + v["id"].get<std::string>() + " " + rule + ": toolshift " +
                                (v["correct"].get<bool>() ? "right" : "wrong") + ", BFCL " + (expected ? "right" : "wrong") +
                                " (" + v.value("detail", "") + ")");
      }
    }
    CHECK(n == expectations.size());
  }
  int agree = 0, total = 0;
  for (const auto& [rule, at] : by_rule) {
    INFO(rule << ": " << at.first << "/" << at.second);
    CHECK(at.second > 0);
    agree += at.first;
    total += at.second;
  }
  for (const auto& d : disagreements) UNSCOPED_INFO(d);
  INFO("agreement " << agree << "/" << total);
  CHECK(agree == total);
}

}  // namespace toolshift
