// ParsePyCall / ParsePyLiteral against values CPython 3.11's eval gives (hard-coded), every
// ground-truth call string of the multi-turn data, and hostile input.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

#include "src/interop/bfcl/py/py_call.h"
#include "tests/test_support.h"

namespace toolshift::bfcl {
namespace {

std::string Args(const std::string& text) {
  const PyCall c = ParsePyCall(text);
  std::string out = c.name + "|" + PyRepr(PyValue::List(c.args)) + "|";
  for (const auto& [k, v] : c.kwargs) out += k + "=" + PyRepr(v) + ";";
  return out;
}

std::string ErrorType(const std::string& text) {
  try {
    ParsePyCall(text);
  } catch (const PyException& e) {
    return e.type();
  }
  return "(parsed)";
}

TEST_CASE("string literals in every prefix and quote style", "[bfcl][py]") {
  CHECK(Args(R"(f('it\'s', "say \"hi\"", r'a\nb', R"c:\temp", u'x', b'ab\x00\xff', rb'\d'))") ==
        R"(f|["it's", 'say "hi"', 'a\\nb', 'c:\\temp', 'x', b'ab\x00\xff', b'\\d']|)");
  CHECK(Args(R"(f('''tri'ple''', """dq"q""", 'a' 'b' "c", 'tab\there', '\x41\u00e9\U0001F600\101\0', '\q'))") ==
        "f|[\"tri'ple\", 'dq\"q', 'abc', 'tab\\there', 'A\u00e9\U0001F600A\\x00', '\\\\q']|");
  CHECK(Args("f('a\\\nb', '''x\ny''')") == "f|['ab', 'x\\ny']|");
  CHECK(Args("f(f'plain {{x}}')") == "f|['plain {x}']|");
  CHECK(ErrorType("f(f'{x}')") == "SyntaxError");
  CHECK(ErrorType("f('a' b'b')") == "SyntaxError");
  CHECK(ErrorType("f('unterminated)") == "SyntaxError");
  CHECK(ErrorType("f('\\x4')") == "SyntaxError");
}

TEST_CASE("numbers, constants and the expressions literals form", "[bfcl][py]") {
  CHECK(Args("f(1_000, 0x_ff, 0o17, 0b1010, 0XFF, 1e5, 1.5E-3, .5, 5., 1_0.2_5, 00, 0.0)") ==
        "f|[1000, 255, 15, 10, 255, 100000.0, 0.0015, 0.5, 5.0, 10.25, 0, 0.0]|");
  CHECK(Args("f(-1, +2, --3, -+-4.5, ~5, -True, 1+2, 3-5, 2*3, 7/2, 1.5*2, 'a'+'b', [1]+[2], (1,)+(2,))") ==
        "f|[-1, 2, 3, 4.5, -6, -1, 3, -2, 6, 3.5, 3.0, 'ab', [1, 2], (1, 2)]|");
  CHECK(Args("f(0.1+0.2, 1/3, 2j, 1.5j, 1e-7, 12345678901234567.0, -1e400)") ==
        "f|[0.30000000000000004, 0.3333333333333333, 2j, 1.5j, 1e-07, 1.2345678901234568e+16, -inf]|");
  CHECK(Args("f(v=123456789012345678901234567890, w=0xffffffffffffffffffff)") ==
        "f|[]|v=123456789012345678901234567890;w=1208925819614629174706175;");
  CHECK(Args("f(7.5//2, -7.5%2, 7.5%-2, -0.0//1, 'ab'*3, [1]*2, 3*'x', 2*-1.5, 10**-2, 2.0**0.5, (-2.0)**3, 'a'*-1, "
             "1e308*10, -2**2, 2**3**2, 2**-1, 7//2, -7//2, 7%-3, True*2, (1,)*2)") ==
        "f|[3.0, 0.5, -0.5, -0.0, 'ababab', [1, 1], 'xxx', -3.0, 0.01, 1.4142135623730951, -8.0, '', inf, -4, 512, "
        "0.5, 3, -4, -2, 2, (1, 1)]|");
  CHECK(ErrorType("f(1 % 0)") == "ZeroDivisionError");
  CHECK(ErrorType("f(1.0 // 0)") == "ZeroDivisionError");
  CHECK(ErrorType("f(0 ** -1)") == "ZeroDivisionError");
  CHECK(ErrorType("f('a' * 1.5)") == "TypeError");
  CHECK(ErrorType("f(1e308 ** 2)") == "OverflowError");
  CHECK(ErrorType("f(01)") == "SyntaxError");
  CHECK(ErrorType("f(1__0)") == "SyntaxError");
  CHECK(ErrorType("f(1_)") == "SyntaxError");
  CHECK(ErrorType("f(1 / 0)") == "ZeroDivisionError");
  CHECK(ErrorType("f(-'a')") == "TypeError");
  CHECK(ErrorType("f(" + std::string(4301, '7') + ")") == "SyntaxError");
}

TEST_CASE("containers, keywords and call shapes", "[bfcl][py]") {
  CHECK(Args("f([], (), {}, (1,), (1), [1, 2,], {'a': 1, 'a': 2, 1: 'x', 1.0: 'y', True: 'z'}, {1, 2, 1}, ...)") ==
        "f|[[], (), {}, (1,), 1, [1, 2], {'a': 2, 1: 'z'}, {1, 2}, Ellipsis]|");
  CHECK(Args("f(x=None, y=True, z=False, w=[{'k': (1, [2])}])") ==
        "f|[]|x=None;y=True;z=False;w=[{'k': (1, [2])}];");
  CHECK(Args("  fs.ls(  a = 1 ,  b = [ 1 ,\n 2 ] # comment\n)  ") == "fs.ls|[]|a=1;b=[1, 2];");
  CHECK(Args("cd('docs')") == "cd|['docs']|");
  CHECK(Args("pwd()") == "pwd|[]|");
  const PyCall twice = ParsePyCall("f(a=1, a=2)");
  CHECK(twice.kwargs.size() == 2);
  CHECK(ErrorType("f(a, 1)") == "NameError");
  CHECK(ErrorType("f(1, a=2, 3)") == "SyntaxError");
  CHECK(ErrorType("f(1))") == "SyntaxError");
  CHECK(ErrorType("f([1, 2)") == "SyntaxError");
  CHECK(ErrorType("f(x=1, **y)") == "SyntaxError");
  CHECK(ErrorType("f(1 2)") == "SyntaxError");
  CHECK(ErrorType("f(g(1))") == "SyntaxError");
  CHECK(ErrorType("f({[1]: 2})") == "TypeError");
  CHECK(ErrorType("") == "SyntaxError");
  CHECK(ErrorType("f(") == "SyntaxError");
  CHECK(PyRepr(ParsePyLiteral(" [1, 'a'] ")) == "[1, 'a']");
}

TEST_CASE("hostile nesting is refused, not a crash", "[bfcl][py]") {
  CHECK(ErrorType("f(" + std::string(100000, '[') + std::string(100000, ']') + ")") == "SyntaxError");
  CHECK(ErrorType("f(" + std::string(100000, '(') + ")") == "SyntaxError");
  CHECK(ErrorType("f(" + std::string(100000, '{') + ")") == "SyntaxError");
  CHECK(Args("f(" + std::string(100001, '-') + "1)") == "f|[-1]|");
  std::string tower = "f(";
  for (int i = 0; i < 100000; ++i) tower += "2**";
  CHECK(ErrorType(tower + "1)") == "SyntaxError");
  CHECK(Args("f(" + std::string(199, '[') + std::string(199, ']') + ")").size() > 0);
}

TEST_CASE("WritePyCall prints what ParsePyCall reads back", "[bfcl][py]") {
  PyKwargs kwargs = {{"source", PyValue::Str("a'b.pdf")}, {"n", PyValue::Float(1e16)},
                     {"l", PyValue::List({PyValue::None(), PyValue::Tuple({PyValue::Int(1)})})}};
  const std::string text = WritePyCall("mv", kwargs);
  CHECK(text == "mv(source=\"a'b.pdf\", n=1e+16, l=[None, (1,)])");
  const PyCall back = ParsePyCall(text);
  REQUIRE(back.kwargs.size() == 3);
  for (size_t i = 0; i < 3; ++i) CHECK(PyEquals(back.kwargs[i].second, kwargs[i].second));
}

TEST_CASE("every multi-turn ground-truth call string parses", "[bfcl][py]") {
  const std::string dir = testing::SharedDir() + "/bfcl-multi-turn/possible_answer";
  if (!std::filesystem::exists(dir)) {
    TOOLSHIFT_SKIP("skipped: multi-turn ground truth not found at " << dir << " (it ships in ../shared)");
    return;
  }
  size_t calls = 0;
  for (const char* category : {"base", "miss_func", "miss_param", "long_context"}) {
    std::ifstream in(dir + "/BFCL_v4_multi_turn_" + std::string(category) + ".json");
    REQUIRE(in);
    std::string line;
    while (std::getline(in, line)) {
      const Json record = Json::parse(line);
      for (const auto& turn : record.at("ground_truth")) {
        for (const auto& call : turn) {
          INFO(call.get<std::string>());
          const PyCall c = ParsePyCall(call.get<std::string>());
          CHECK_FALSE(c.name.empty());
          // Printing the keywords and reading them back gives equal values.
          if (c.args.empty()) {
            const PyCall again = ParsePyCall(WritePyCall(c.name, c.kwargs));
            REQUIRE(again.kwargs.size() == c.kwargs.size());
            for (size_t i = 0; i < c.kwargs.size(); ++i) CHECK(PyEquals(again.kwargs[i].second, c.kwargs[i].second));
          }
          ++calls;
        }
      }
    }
  }
  CHECK(calls == 4625);
}

}  // namespace
}  // namespace toolshift::bfcl
