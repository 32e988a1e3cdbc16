// BFCL's prompt configurations (dialect bfcl): the 26 configurations of BFCL's format-sensitivity
// study, BFCL's system prompt text, its decoders for the four return formats (with and without
// the <TOOLCALL> tag) and the writer the oracle uses, and BFCL's spread figures.
#include <catch2/catch.hpp>

#include <set>

#include "src/core/bfcl_prompt_config.h"
#include "src/dialects/bfcl_prompt_dialect.h"
#include "src/dialects/bfcl_prompt_render.h"
#include "src/dialects/bfcl_return_format.h"
#include "src/report/bfcl_format_sensitivity.h"

namespace toolshift {
namespace {

BfclPromptConfig Config(const std::string& text) {
  auto c = ParseBfclPromptConfig(text);
  REQUIRE(c);
  return *c;
}

BfclPromptConfig Ret(const std::string& ret, bool tag) {
  BfclPromptConfig c;
  c.return_format = ret;
  c.tool_call_tag = tag;
  return c;
}

Tool WeatherTool() {
  Tool t;
  t.name = "weather.get";
  t.description = "Get the weather.";
  t.parameters = Json::parse(R"({"type": "dict", "properties": {
      "city": {"type": "string", "description": "The city."},
      "unit": {"type": "string", "description": "Unit.", "enum": ["celsius", "fahrenheit"], "default": "celsius"},
      "days": {"type": "array", "items": {"type": "integer"}, "description": "Days, ahead."}},
      "required": ["city"]})");
  return t;
}

}  // namespace

TEST_CASE("BFCL's 26 format-sensitivity configurations, in BFCL's order and spelling", "[bfcl][dialects]") {
  const auto configs = BfclFormatSensitivityConfigs();
  REQUIRE(configs.size() == 26);
  std::set<std::string> names;
  for (const auto& c : configs) {
    names.insert(c.ToString());
    CHECK(ParseBfclPromptConfig(c.ToString()) == c);
  }
  CHECK(names.size() == 26);
  CHECK(configs.front().ToString() == "ret_fmt=python&tool_call_tag=True&func_doc_fmt=python&prompt_fmt=plaintext&style=classic");
  CHECK(configs[23].ToString() == "ret_fmt=concise_xml&tool_call_tag=False&func_doc_fmt=json&prompt_fmt=plaintext&style=classic");
  CHECK(configs[24].ToString() == "ret_fmt=python&tool_call_tag=False&func_doc_fmt=json&prompt_fmt=markdown&style=classic");
  CHECK(configs[25].ToString() == "ret_fmt=python&tool_call_tag=False&func_doc_fmt=json&prompt_fmt=plaintext&style=experimental");
  CHECK(names.count(std::string(kBfclDefaultPromptConfig)) == 1);
  CHECK_FALSE(ParseBfclPromptConfig("ret_fmt=yaml&tool_call_tag=False&func_doc_fmt=json&prompt_fmt=plaintext&style=classic"));
  CHECK_FALSE(ParseBfclPromptConfig("tool_call_tag=False&ret_fmt=python&func_doc_fmt=json&prompt_fmt=plaintext&style=classic"));
  CHECK_FALSE(ParseBfclPromptConfig(std::string(kBfclDefaultPromptConfig) + "&extra=1"));
  CHECK_FALSE(ParseBfclPromptConfig("ret_fmt=python&tool_call_tag=true&func_doc_fmt=json&prompt_fmt=plaintext&style=classic"));
}

TEST_CASE("BFCL's default system prompt, text for text", "[bfcl][dialects]") {
  Tool t;
  t.name = "f";
  t.description = "Does f.";
  t.parameters = Json::parse(R"({"type": "dict", "properties": {"a": {"type": "integer", "description": "A."}}, "required": ["a"]})");
  const std::string prompt = BfclSystemPrompt(Config(std::string(kBfclDefaultPromptConfig)), {t});
  const std::string expected =
      "You are an expert in composing functions.You are given a question and a set of possible functions. Based on "
      "the question, you will need to make one or more function/tool calls to achieve the purpose. If none of the "
      "functions can be used, point it out. If the given question lacks the parameters required by the function, "
      "also point it out.\n\nYou should only return the function calls in your response.\n\nIf you decide to invoke "
      "any of the function(s), you MUST put it in the format of [func_name1(params_name1=params_value1, "
      "params_name2=params_value2...), func_name2(params)].  You SHOULD NOT include any other text in the response."
      "\n\nAt each turn, you should try your best to complete the tasks requested by the user within the current "
      "turn. Continue to output functions to call until you have fulfilled the user's request to the best of your "
      "ability. Once you have no more functions to call, the system will consider the current turn complete and "
      "proceed to the next turn or task.\n\nHere is a list of functions in json format that you can invoke.\n"
      "[\n    {\n        \"name\": \"f\",\n        \"description\": \"Does f.\",\n        \"parameters\": {\n"
      "            \"type\": \"dict\",\n            \"properties\": {\n                \"a\": {\n"
      "                    \"type\": \"integer\",\n                    \"description\": \"A.\"\n                }\n"
      "            },\n            \"required\": [\n                \"a\"\n            ]\n        }\n    }\n]\n";
  CHECK(prompt == expected);
}

TEST_CASE("BFCL's prompt layouts, styles, tags and function-doc formats", "[bfcl][dialects]") {
  const Tool t = WeatherTool();
  const std::string md =
      BfclSystemPrompt(Config("ret_fmt=python&tool_call_tag=False&func_doc_fmt=json&prompt_fmt=markdown&style=classic"), {t});
  CHECK(md.rfind("You are an expert in composing functions.\n\n## Task\nYou are given", 0) == 0);
  CHECK(md.find("\n\n## Tool Call Format\n") != std::string::npos);
  CHECK(md.find("\n\n## Available Tools\nHere is a list of functions in json format") != std::string::npos);
  const std::string exp =
      BfclSystemPrompt(Config("ret_fmt=verbose_xml&tool_call_tag=True&func_doc_fmt=xml&prompt_fmt=plaintext&style=experimental"), {t});
  CHECK(exp.rfind("You are an expert in generating structured function calls.You are given a user query", 0) == 0);
  CHECK(exp.find("You MUST format it exactly as <TOOLCALL><functions><function name=\"func_name1\"><params>") != std::string::npos);
  CHECK(exp.find("</functions></TOOLCALL>. The type fields of the parameters in your function calls must be one of: "
                 "string, integer, float, boolean, array, dict, or tuple. Do NOT include any other text.") != std::string::npos);
  CHECK(exp.find("Below is a list of callable functions in the xml style:\n<function name=\"weather.get\">") != std::string::npos);

  const std::string xml = BfclFunctionDoc({t}, "xml");
  CHECK(xml.find("<function name=\"weather.get\">\n  <desc>Get the weather.</desc>\n  <params>\n") == 0);
  CHECK(xml.find("    <param name=\"city\" type=\"string\" required=\"true\">\n      <desc>The city.</desc>\n    </param>\n") != std::string::npos);
  // BFCL removes every comma from the opening tag, the enum note keeps Python's list repr.
  CHECK(xml.find("    <param name=\"unit\" type=\"string\" required=\"false\" default=\"'celsius'\">\n"
                 "      <desc>Unit. Enum values: ['celsius', 'fahrenheit'].</desc>") != std::string::npos);
  CHECK(xml.find("<param name=\"days\" type=\"array[integer]\" required=\"false\">\n      <desc>Days, ahead.</desc>") != std::string::npos);

  const std::string py = BfclFunctionDoc({t, t}, "python");
  CHECK(py.rfind("# Function: weather.get\n    \"\"\"\n    Get the weather.\n\n    Args:\n"
                 "        city (str): The city.\n"
                 "        unit (str, default='celsius'): Unit. Enum values: ['celsius', 'fahrenheit'].\n"
                 "        days (list[int]): Days, ahead.\n    \"\"\"\n\n\n\n\n\n# Function: weather.get", 0) == 0);
  CHECK(PythonRepr(Json::parse(R"({"a": [1, 2.5, true, null, "it's"]})")) == R"({'a': [1, 2.5, True, None, "it's"]})");
}

TEST_CASE("BFCL's decoders, format by format", "[bfcl][dialects]") {
  using S = ParseResult::Status;
  SECTION("python, with and without <TOOLCALL>") {
    auto p = DecodeBfclReturn("[f(a=1)]", Ret("python", false));
    REQUIRE(p.status == S::kCalls);
    CHECK(p.calls[0].arguments["a"] == 1);
    CHECK(DecodeBfclReturn("<TOOLCALL>[f(a=1)]</TOOLCALL>", Ret("python", true)).status == S::kCalls);
    CHECK(DecodeBfclReturn("Sure. <TOOLCALL>f(a=1)</TOOLCALL> Done.", Ret("python", true)).status == S::kCalls);
    CHECK(DecodeBfclReturn("[f(a=1)]", Ret("python", true)).status == S::kMalformed);  // the tag was asked for
    CHECK(DecodeBfclReturn("<TOOLCALL>[f(a=1)]</TOOLCALL>", Ret("python", false)).status != S::kCalls);
    CHECK(DecodeBfclReturn("I cannot help with that.", Ret("python", true)).status == S::kNoCall);
  }
  SECTION("json: widest brackets, then the first list of objects; bad JSON is no call") {
    auto p = DecodeBfclReturn("```json\n[{\"function\":\"f\",\"parameters\":{\"a\":1,\"b\":{\"c\":[2.0]}}}]\n```",
                              Ret("json", false));
    REQUIRE(p.status == S::kCalls);
    CHECK(p.calls[0].name == "f");
    CHECK(p.calls[0].arguments["a"].is_number_integer());
    CHECK(p.calls[0].arguments["b"]["c"][0].is_number_float());
    // One object without a list: BFCL's added brackets make it one.
    CHECK(DecodeBfclReturn("{\"function\":\"f\",\"parameters\":{}}", Ret("json", false)).status == S::kCalls);
    CHECK(DecodeBfclReturn("[{\"function\":\"f\",\"parameters\":{\"a\":1},}]", Ret("json", false)).status == S::kNoCall);
    CHECK(DecodeBfclReturn("[{\"function\":\"f\"}]", Ret("json", false)).status == S::kMalformed);
    CHECK(DecodeBfclReturn("[{\"name\":\"f\",\"arguments\":{}}]", Ret("json", false)).status == S::kMalformed);
    CHECK(DecodeBfclReturn("<TOOLCALL>[{\"function\":\"f\",\"parameters\":{}}, {\"function\":\"g\",\"parameters\":{}}]</TOOLCALL>",
                           Ret("json", true)).calls.size() == 2);
  }
  SECTION("verbose_xml: values in attributes, typed by the type attribute") {
    const std::string x = "<functions><function name=\"f\"><params><param name=\"a\" value=\"3\" type=\"integer\"/>"
                          "<param name=\"b\" value=\"3\" type=\"float\"/><param name=\"c\" value=\"TRUE\" type=\"boolean\"/>"
                          "<param name=\"d\" value=\"[1, 'x']\" type=\"array\"/><param name=\"e\" value=\"5\" type=\"int\"/>"
                          "<param name=\"g\" value=\"a &amp; &lt;b&gt;\"/><param name=\"h\" value=\"(1, 2)\" type=\"tuple\"/>"
                          "</params></function></functions>";
    auto p = DecodeBfclReturn("Here you go:\n" + x, Ret("verbose_xml", false));
    REQUIRE(p.status == S::kCalls);
    const Json& a = p.calls[0].arguments;
    CHECK(a["a"].is_number_integer());
    CHECK(a["b"].is_number_float());
    CHECK(a["c"] == true);
    CHECK(a["d"] == Json::parse(R"([1, "x"])"));
    CHECK(a["e"] == "5");  // an unknown type name keeps the string
    CHECK(a["g"] == "a & <b>");
    CHECK(p.calls[0].tuple_arguments == std::vector<std::string>{"h"});
    // Params directly inside the function (no <params>) are read too.
    CHECK(DecodeBfclReturn("<functions><function name=\"f\"><param name=\"a\" value=\"1\" type=\"integer\"/></function></functions>",
                           Ret("verbose_xml", false)).calls[0].arguments["a"] == 1);
    CHECK(DecodeBfclReturn("<functions><function name=\"f\"><params><param name=\"a\" value=\"1.5\" type=\"integer\"/></params>"
                           "</function></functions>", Ret("verbose_xml", false)).status == S::kMalformed);
    CHECK(DecodeBfclReturn("<functions><function name=\"f\"><params></function></functions>", Ret("verbose_xml", false)).status ==
          S::kMalformed);
    CHECK(DecodeBfclReturn("<function name=\"f\"></function>", Ret("verbose_xml", false)).status == S::kMalformed);
  }
  SECTION("concise_xml: values as element text, stripped") {
    auto p = DecodeBfclReturn("<TOOLCALL><functions><function name=\"f\"><param name=\"a\" type=\"string\"> Paris </param>"
                              "<param name=\"b\" type=\"dict\">{'k': None}</param><param name=\"c\" type=\"null\">x</param>"
                              "<param name=\"d\" type=\"boolean\">yes</param></function><function name=\"g\"/></functions></TOOLCALL>",
                              Ret("concise_xml", true));
    REQUIRE(p.status == S::kCalls);
    REQUIRE(p.calls.size() == 2);
    CHECK(p.calls[0].arguments["a"] == "Paris");
    CHECK(p.calls[0].arguments["b"] == Json::parse(R"({"k": null})"));
    CHECK(p.calls[0].arguments["c"].is_null());
    CHECK(p.calls[0].arguments["d"] == false);
    CHECK(p.calls[1].arguments.empty());
    CHECK(DecodeBfclReturn("<functions><function name=\"f\"><param type=\"string\">x</param></function></functions>",
                           Ret("concise_xml", false)).status == S::kMalformed);  // KeyError: 'name'
    CHECK(DecodeBfclReturn("<functions><function name=\"f\"><param name=\"a\" type=\"array\">[1,</param></function></functions>",
                           Ret("concise_xml", false)).status == S::kMalformed);
  }
}

TEST_CASE("what the bfcl dialect writes, it decodes back, in every configuration", "[bfcl][dialects]") {
  std::vector<ToolCall> calls = {
      {"math.f", Json::parse(R"({"s": "it's \"quoted\" & <tagged>\nnewline", "i": -3, "x": 2.5, "w": 3.0, "b": false,
                                 "n": null, "l": [1, "two", [3.5]], "d": {"k": [true]}})")},
      {"g", Json::object()}};
  for (const auto& c : BfclFormatSensitivityConfigs()) {
    INFO(c.ToString());
    Presentation p;
    p.bfcl_prompt = c.ToString();
    const BfclPromptDialect d(p);
    const Message m = d.Write(calls);
    const ParseResult r = d.Parse(m, {});
    REQUIRE(r.status == ParseResult::Status::kCalls);
    REQUIRE(r.calls.size() == 2);
    CHECK(r.calls[0].name == "math.f");
    CHECK(r.calls[0].arguments == calls[0].arguments);
    CHECK(r.calls[0].arguments["w"].is_number_float());
    CHECK(r.calls[1].arguments.empty());
    CHECK(d.Parse(d.Write({}), {}).status == ParseResult::Status::kNoCall);
    CHECK(d.Render({WeatherTool()}).find("weather.get") != std::string::npos);
  }
}

TEST_CASE("BFCL's max delta and standard deviation across configurations", "[bfcl][report]") {
  const Json f = BfclSpreadFigures({0.5, 0.7, 0.9});
  CHECK(f["max_delta"].get<double>() == Approx(40.0));
  CHECK(f["std"].get<double>() == Approx(20.0));  // the sample standard deviation, as statistics.stdev
  CHECK(f["variance"].get<double>() == Approx(400.0));
  const Json g = BfclSpreadFigures({0.123456, 0.2});
  CHECK(g["max_delta"].get<double>() == Approx(7.65));  // rounded to two decimals, as BFCL rounds
  CHECK(BfclSpreadFigures({0.5})["std"].get<double>() == 0.0);
}

}  // namespace toolshift
