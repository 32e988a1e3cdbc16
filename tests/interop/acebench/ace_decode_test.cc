// ACEBench's reply decoders (SPEC.md section 3): each case follows from one rule of the
// python-list decoder, the <tool_call> decoder or the agent-side decoder.
#include <catch2/catch.hpp>

#include "src/interop/acebench/ace_decode.h"
#include "src/interop/bfcl/py/py_value.h"

namespace toolshift::acebench {
namespace {

using bfcl::PyRepr;

// The decoded calls as Python source, "name(k=repr, ...)" joined by "; ", or "FAIL".
std::string Calls(const DecodeResult& d) {
  if (!d.ok) return "FAIL";
  std::string out;
  for (const auto& c : d.calls) out += (out.empty() ? "" : "; ") + RenderCall(c);
  return out;
}

std::string Single(std::string_view reply) { return Calls(DecodePythonList(reply, false)); }
std::string Multi(std::string_view reply) { return Calls(DecodePythonList(reply, true)); }

TEST_CASE("the single-turn decoder reads the first outermost bracket span, blind to quotes", "[acebench]") {
  CHECK(Single("Sure, here you go:\n```\n[Api(k='v', n=5)]\n```") == "Api(k='v', n=5)");
  CHECK(Single("[A(x=1)] and then [B(y=2)]") == "A(x=1)");            // only the first list counts
  CHECK(Single("[A(x='a]b')]") == "FAIL");                              // a ] inside a string cuts the span
  CHECK(Single("] [A(x=1)]") == "FAIL");                                // a stray ] before the list
  CHECK(Single("no list here") == "FAIL");
  CHECK(Single("[A(x=1), 'text']") == "FAIL");                          // every element must be a call
  CHECK(Single("[]") == "");
}

TEST_CASE("the decoder keeps keyword arguments only, the last of a repeated keyword", "[acebench]") {
  CHECK(Single("[f('pos', k=1)]") == "f(k=1)");
  CHECK(Single("[f(k=1, k=2)]") == "f(k=2)");
  CHECK(Single("[a.b.f(x=1)]") == "a.b.f(x=1)");
}

TEST_CASE("argument values follow ACEBench's rules, not Python's", "[acebench]") {
  CHECK(Single("[f(a=-5)]") == "f(a=-5)");
  CHECK(Single("[f(a=+5)]") == "f(a=-5)");  // any unary operator negates its literal
  CHECK(Single("[f(a=not True)]") == "f(a=-1)");
  CHECK(Single("[f(a=-2.5)]") == "f(a=-2.5)");
  CHECK(Single("[f(a=true, b=null, c=abc)]") == "f(a='true', b='null', c='abc')");  // names are their text
  CHECK(Single("[f(a='a' + 'b', b=2 * 3, c=-1 + 3)]") == "f(a='ab', b=6, c=2)");   // binary operations evaluated
  CHECK(Single("[f(a=g(2, x=1))]") == "f(a={'g': {'x': 1}})");                      // nested call: {name: {kwargs}}
  CHECK(Single("[f(a=x[0])]") == "f(a='x[0]')");                                    // subscript: its source text
  CHECK(Single("[f(a=...)]") == "f(a='...')");
  CHECK(Single("[f(a=(1, 2), b=[1, 2], c={'k': None})]") == "f(a=(1, 2), b=[1, 2], c={'k': None})");
  CHECK(Single("[f(a=x.y)]") == "FAIL");       // attribute access
  CHECK(Single("[f(a=1 < 2)]") == "FAIL");     // comparison
  CHECK(Single("[f(a={1, 2})]") == "FAIL");    // set
  CHECK(Single("[f(a=f'{x}')]") == "FAIL");    // f-string
  CHECK(Single("[f(a=-x)]") == "FAIL");        // unary operator on a non-literal
  CHECK(Single("[f(a='x' 'y')]") == "f(a='xy')");
}

TEST_CASE("the multi-turn categories delete every whitespace character and extract no span", "[acebench]") {
  CHECK(Multi("[f(city='New York')]") == "f(city='NewYork')");
  CHECK(Multi("[f(a=1)]\n") == "f(a=1)");
  CHECK(Multi("Here: [f(a=1)]") == "FAIL");            // prose around the list
  CHECK(Multi("f(a=1), g(b=2)") == "f(a=1); g(b=2)");  // a bare tuple of calls decodes
  CHECK(Multi("f(a=1)") == "FAIL");                    // a single bare call does not
  CHECK(Multi("[f(a='x\xe3\x80\x80y')]") == "f(a='xy')");  // U+3000 is whitespace to Python
}

TEST_CASE("the <tool_call> decoder reads every block as a JSON object with a name", "[acebench]") {
  CHECK(Calls(DecodeToolCalls("<tool_call>\n{\"name\": \"f\", \"arguments\": {\"a\": 1}}\n</tool_call>\n"
                              "<tool_call>{\"name\": \"g\"}</tool_call>",
                              false)) == "f(a=1); g()");
  CHECK(Calls(DecodeToolCalls("no blocks at all", false)).empty());
  CHECK(Calls(DecodeToolCalls("<tool_call>{\"name\": \"f\", \"parameters\": {\"a\": 1}}</tool_call>", false)) == "f()");
  CHECK(Calls(DecodeToolCalls("<tool_call>[f(a=1)]</tool_call>", false)) == "FAIL");
  CHECK(Calls(DecodeToolCalls("<tool_call>```json\n{\"name\": \"f\"}\n```</tool_call>", false)) == "FAIL");
  CHECK(Calls(DecodeToolCalls("<tool_call>{\"arguments\": {}}</tool_call>", false)) == "FAIL");
  CHECK(Calls(DecodeToolCalls("<tool_call>{\"name\": \"f\", \"arguments\": {\"city\": \"New York\"}}</tool_call>", true)) ==
        "f(city='NewYork')");
}

TEST_CASE("the agent-side decoder strips brackets and quotes and accepts bare words", "[acebench]") {
  CHECK(Calls(DecodeAgentMessage("[turn_on_wifi()]", false)) == "turn_on_wifi()");
  CHECK(Calls(DecodeAgentMessage(" login_device()", false)) == "login_device()");
  CHECK(Calls(DecodeAgentMessage("[a(x=1), b(y='z')]", false)) == "a(x=1); b(y='z')");
  CHECK(Calls(DecodeAgentMessage("Done", false)).empty());            // an expression that is no call: zero calls
  CHECK(Calls(DecodeAgentMessage("[turn_on_wifi()] ", false)) == "FAIL");  // a trailing space breaks it
  CHECK(Calls(DecodeAgentMessage("[a(x=1), 5]", false)) == "FAIL");
  CHECK(Calls(DecodeAgentMessage("[a(x=1), 5]", true)) == "a(x=1)");
  CHECK(Calls(DecodeAgentMessage("[f(a=g())]", false)) == "f(a='g()')");  // a nested call without kwargs: its text
}

TEST_CASE("hostile nesting fails to decode instead of exhausting the stack", "[acebench]") {
  for (const std::string& open : {"[", "(", "-", "not ", "{'k': ", "2**", "g(b="}) {
    std::string deep = "[f(a=";
    for (int i = 0; i < 100000; ++i) deep += open;
    CHECK(Single(deep + "1") == "FAIL");
  }
  std::string chain = "[f(a=1";
  for (int i = 0; i < 100000; ++i) chain += "+1";
  CHECK(Single(chain + ")]") == "FAIL");
  std::string trailers = "[f(a=x";
  for (int i = 0; i < 100000; ++i) trailers += "()";
  CHECK(Single(trailers + ")]") == "FAIL");
  CHECK(Single("[f(a=" + std::string(150, '(') + "1" + std::string(150, ')') + ")]") == "f(a=1)");  // within the limit
  CHECK(Calls(DecodeAgentMessage(std::string(100000, '(') + "f()", false)) == "FAIL");
  std::string mixed = "[f(a=";  // chains inside nested brackets count toward one limit
  for (int i = 0; i < 1000; ++i) mixed += "(x" + std::string(150, '+') ;
  CHECK(Single(mixed + "1") == "FAIL");
}

}  // namespace
}  // namespace toolshift::acebench
