// The BFCL decoder's two shortcuts give exactly what the full reader gives: the fast path for
// plain keyword calls (python::ReadCallsBfcl against ReadCallsBfclFullReader) and the prose
// pre-check (DecodeBfclPrompting against the decoder written out with the full reader only),
// on generated call lists, their near misses and broken variants, and prose.
#include <catch2/catch.hpp>

#include <random>
#include <string>
#include <vector>

#include "src/dialects/bfcl_decoder.h"
#include "src/dialects/python_literal.h"

namespace toolshift {
namespace {

// Call lists in the shapes models write, plus the shapes only the full reader takes.
class CallTextGenerator {
 public:
  explicit CallTextGenerator(uint32_t seed) : rng_(seed) {}

  std::string CallList() {
    std::string out = Pick({"[", "[", "[", " [", "(", ""});
    const int n = Int(0, 3);
    for (int i = 0; i < n; ++i) {
      if (i) out += Pick({", ", ",", " , ", ",\n"});
      out += Call(0);
    }
    if (n && Int(0, 9) == 0) out += ",";
    return out + Pick({"]", "]", "]", "] ", ")", "", "][0]", "] + 1"});
  }

  // The text with up to three characters replaced, inserted or deleted.
  std::string Mutate(std::string s) {
    static const std::string kChars = "()[]{},=:'\"\\ \n-+*.0a_xTé";
    const int edits = Int(1, 3);
    for (int e = 0; e < edits && !s.empty(); ++e) {
      const size_t at = static_cast<size_t>(Int(0, static_cast<int>(s.size()) - 1));
      const char c = kChars[static_cast<size_t>(Int(0, static_cast<int>(kChars.size()) - 1))];
      switch (Int(0, 2)) {
        case 0: s[at] = c; break;
        case 1: s.insert(s.begin() + static_cast<std::ptrdiff_t>(at), c); break;
        default: s.erase(at, 1);
      }
    }
    return s;
  }

  int Int(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng_); }

 private:
  std::string Pick(std::initializer_list<const char*> options) {
    auto it = options.begin();
    std::advance(it, Int(0, static_cast<int>(options.size()) - 1));
    return *it;
  }

  std::string Call(int depth) {
    std::string out = Pick({"f", "get_weather", "math.factorial", "a.b.c", "True", "None", "año_fn", "g . h", "x1"});
    out += Pick({"(", "(", " ("});
    const int n = Int(0, 4);
    for (int i = 0; i < n; ++i) {
      if (i) out += Pick({", ", ",", " ,  "});
      if (Int(0, 12) == 0) {
        out += Value(depth + 1);  // positional
      } else {
        out += Pick({"a", "b", "city", "unit", "a", "x_y", "größe"});
        out += Pick({"=", "=", " = ", "==", "= "});
        out += Value(depth + 1);
      }
    }
    if (n && Int(0, 12) == 0) out += ",";
    return out + ")";
  }

  std::string Value(int depth) {
    const int kind = Int(0, depth > 3 ? 9 : 14);
    switch (kind) {
      case 0: return Pick({"'x'", "\"San Francisco, CA\"", "''", "\"it's\"", "'say \"hi\"'", "\"é ü\""});
      case 1: return Pick({"'a\\'b'", "\"a\\nb\"", "'''t'''", "\"a\" \"b\"", "r'x\\d'", "u'x'", "'x'[0]", "'x'.upper()"});
      case 2: return Pick({"0", "1", "42", "007", "9223372036854775807", "9223372036854775808", "-3", "- 3"});
      case 3: return Pick({"1.5", "2.", "1e3", "1E-2", "3.0e+5", "1e", ".5", "-0.0", "-2.5e1"});
      case 4: return Pick({"True", "False", "None", "Truex", "none"});
      case 5: return Pick({"+5", "~1", "-True", "1+2", "2*3", "2**3", "-2**2", "7//2", "1/0", "'a'*3"});
      case 6: return Pick({"fahrenheit", "x.y", "f(1)", "g(a=1)", "...", "(1)", "(1, 2)", "(1,)", "{1, 2}"});
      case 7: case 8: case 9: return Pick({"'celsius'", "10", "3.14", "True", "None", "-7"});
      case 10: case 11: {
        std::string out = "[";
        const int n = Int(0, 3);
        for (int i = 0; i < n; ++i) out += (i ? ", " : "") + Value(depth + 1);
        return out + (Int(0, 6) == 0 ? ",]" : "]");
      }
      default: {
        std::string out = "{";
        const int n = Int(0, 3);
        for (int i = 0; i < n; ++i) {
          out += i ? ", " : "";
          out += Pick({"'k'", "\"key\"", "'k'", "1", "None"});
          out += Pick({": ", ":", " : "});
          out += Value(depth + 1);
        }
        return out + "}";
      }
    }
  }

  std::mt19937 rng_;
};

std::string Describe(bool ok, const std::vector<ToolCall>& calls, const std::string& error) {
  if (!ok) return "error: " + error;
  std::string out = "calls:";
  for (const auto& c : calls) {
    out += " " + c.name + DumpJson(c.arguments) + " tuples:";
    for (const auto& t : c.tuple_arguments) out += t + ",";
  }
  return out;
}

std::string_view StripChars(std::string_view s, std::string_view chars) {
  const size_t b = s.find_first_not_of(chars);
  if (b == std::string_view::npos) return {};
  return s.substr(b, s.find_last_not_of(chars) - b + 1);
}

// DecodeBfclPrompting as it reads with the full reader alone (bfcl_decoder.cc without its
// prose pre-check).
std::string ReferenceDecode(std::string_view text) {
  std::string cleaned(StripChars(text, "`\n "));
  if (cleaned.empty() || cleaned.front() != '[') cleaned.insert(cleaned.begin(), '[');
  if (cleaned.back() != ']') cleaned.push_back(']');
  const std::string_view body = StripChars(StripChars(cleaned, " \t\n\r\v\f"), "'");
  std::vector<ToolCall> calls;
  std::string error;
  if (python::ReadCallsBfclFullReader(body, &calls, &error)) {
    return calls.empty() ? "no call" : Describe(true, calls, "");
  }
  const ParseResult strict = FindDialect("pythonic")->Parse(Message{Role::kAssistant, std::string(text), {}}, {});
  if (strict.status == ParseResult::Status::kNoCall) return "no call";
  return "malformed: BFCL decoder: " + error;
}

std::string Decode(std::string_view text) {
  const ParseResult p = DecodeBfclPrompting(text);
  if (p.status == ParseResult::Status::kNoCall) return "no call";
  if (p.status == ParseResult::Status::kMalformed) return "malformed: " + p.error;
  return Describe(true, p.calls, "");
}

}  // namespace

TEST_CASE("the BFCL reader's fast path reads every text as the full reader does", "[dialects][bfcl]") {
  CallTextGenerator gen(20261202);
  size_t read_as_calls = 0;
  for (int i = 0; i < 20000; ++i) {
    std::string text = gen.CallList();
    if (gen.Int(0, 2) == 0) text = gen.Mutate(text);
    std::vector<ToolCall> fast, full;
    std::string fast_error, full_error;
    const bool fast_ok = python::ReadCallsBfcl(text, &fast, &fast_error);
    const bool full_ok = python::ReadCallsBfclFullReader(text, &full, &full_error);
    INFO(text);
    REQUIRE(Describe(fast_ok, fast, fast_error) == Describe(full_ok, full, full_error));
    read_as_calls += full_ok && !full.empty() ? 1 : 0;
  }
  // Both outcomes are exercised in bulk, or the comparison above proves little.
  CHECK(read_as_calls > 1000);
  CHECK(read_as_calls < 19000);
}

TEST_CASE("the BFCL decoder's prose pre-check changes no decode", "[dialects][bfcl]") {
  CallTextGenerator gen(7);
  std::vector<std::string> texts = {
      "I can't do that with these tools.", "Sorry, I need the city first.", "The answer is 42 degrees",
      "get_weather(city='Paris') is what I would call", "I would call [get_weather(city='Paris')]",
      "Let me check: f(a=1)", "x = 1\ny = 2", "a b", "1 a", "a 1", "a\tb", "`f(a=1)`", "' f(a=1) '",
      "[f(a='x y')] done", "f(a=\"it's\") and more", "[f(a=1), g(b=2)]", "['a b']", "Truex y(a=1)"};
  for (int i = 0; i < 5000; ++i) texts.push_back(gen.Mutate(gen.CallList() + " " + gen.CallList()));
  for (const auto& text : texts) {
    INFO(text);
    REQUIRE(Decode(text) == ReferenceDecode(text));
  }
}

}  // namespace toolshift
