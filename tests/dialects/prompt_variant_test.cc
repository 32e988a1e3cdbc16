// Prompt variants (Presentation::prompt): the system turn exactly as the model's own source
// renders it — Qwen2.5's chat template for hermes, BFCL's default system prompt for pythonic.
// The expected texts are written from the templates' definitions (Qwen2.5's
// tokenizer_config.json chat_template with tools; BFCL's formulate_system_prompt with its
// default format ret_fmt=python&tool_call_tag=False&func_doc_fmt=json&prompt_fmt=plaintext&style=classic).
#include <catch2/catch.hpp>

#include <limits>

#include "src/core/bfcl_prompt_config.h"
#include "src/core/input_error.h"
#include "src/core/suite.h"
#include "src/dialects/bfcl_prompt_render.h"
#include "src/dialects/dialect.h"
#include "src/dialects/observation.h"
#include "src/dialects/prompt_builder.h"
#include "src/dialects/py_json_text.h"

namespace toolshift {
namespace {

Episode TwoTools(const std::string& dialect, const std::string& prompt) {
  Episode e;
  e.id = "e1";
  e.dialect = dialect;
  e.presentation.prompt = prompt;
  e.tools.push_back(Tool{"get_weather", "Weather for a city \u2014 \u00fcn\u00efcode",
                         Json::parse(R"({"type": "dict", "properties": {"city": {"type": "string", "description": "City"},
                                        "days": {"type": "integer", "default": 1}}, "required": ["city"]})")});
  e.tools.push_back(Tool{"ls", "List.", Json::parse(R"({"type": "dict", "properties": {}})")});
  e.messages.push_back(Message{Role::kUser, "Weather in Paris?", {}});
  return e;
}

// Qwen2.5's template with tools, after the system text: "\n\n# Tools ..." up to its <|im_end|>.
const std::string kQwenTools =
    "# Tools\n\nYou may call one or more functions to assist with the user query.\n\n"
    "You are provided with function signatures within <tools></tools> XML tags:\n<tools>\n"
    R"({"type": "function", "function": {"name": "get_weather", "description": "Weather for a city )"
    "\u2014 \u00fcn\u00efcode"
    R"(", "parameters": {"type": "dict", "properties": {"city": {"type": "string", "description": "City"}, )"
    R"("days": {"type": "integer", "default": 1}}, "required": ["city"]}}})"
    "\n"
    R"({"type": "function", "function": {"name": "ls", "description": "List.", "parameters": {"type": "dict", "properties": {}}}})"
    "\n</tools>\n\n"
    "For each function call, return a json object with function name and arguments within <tool_call></tool_call> "
    "XML tags:\n<tool_call>\n{\"name\": <function-name>, \"arguments\": <args-json-object>}\n</tool_call>";

TEST_CASE("prompt qwen2.5: the system turn as Qwen2.5's chat template renders it", "[dialects][prompt]") {
  Episode e = TwoTools("hermes", "qwen2.5");
  auto dialect = MakeDialect("hermes", e.presentation);
  std::vector<Message> prompt = BuildPrompt(e, *dialect);
  REQUIRE(prompt.size() == 2);
  CHECK(prompt[0].role == Role::kSystem);
  // No system message: the template's default one opens the turn.
  CHECK(prompt[0].content == "You are Qwen, created by Alibaba Cloud. You are a helpful assistant.\n\n" + kQwenTools);
  CHECK(prompt[1].content == "Weather in Paris?");
  // The episode's own system message replaces the default one.
  e.messages.insert(e.messages.begin(), Message{Role::kSystem, "Be brief.", {}});
  prompt = BuildPrompt(e, *dialect);
  REQUIRE(prompt.size() == 2);
  CHECK(prompt[0].content == "Be brief.\n\n" + kQwenTools);
  // Without the variant, toolshift's own hermes prompt.
  e.presentation.prompt.clear();
  CHECK(BuildPrompt(e, *MakeDialect("hermes", e.presentation))[0].content.find("# Tools") == std::string::npos);
}

TEST_CASE("prompt qwen2.5: tool results as the template shows tool messages", "[dialects][prompt]") {
  Presentation p;
  p.prompt = "qwen2.5";
  auto dialect = MakeDialect("hermes", p);
  const std::vector<ToolCall> calls = {{"get_weather", Json{{"city", "Paris"}}, "c0"}, {"ls", Json::object(), "c1"}};
  const std::vector<Message> out = RenderObservations(*dialect, calls, {Json{{"temp", 20}}, Json::array({"a.txt"})});
  REQUIRE(out.size() == 1);
  CHECK(out[0].role == Role::kUser);
  CHECK(out[0].content == "<tool_response>\n{\"temp\":20}\n</tool_response>\n<tool_response>\n[\"a.txt\"]\n</tool_response>");
  // The results read back (the episode log and collapse diagnostics read observations).
  CHECK(ReadObservation(out[0]) == std::vector<Json>{Json{{"temp", 20}}, Json::array({"a.txt"})});
}

const std::string kBfclFunctions = R"([
    {
        "name": "get_weather",
        "description": "Weather for a city \u2014 \u00fcn\u00efcode",
        "parameters": {
            "type": "dict",
            "properties": {
                "city": {
                    "type": "string",
                    "description": "City"
                },
                "days": {
                    "type": "integer",
                    "default": 1
                }
            },
            "required": [
                "city"
            ]
        }
    },
    {
        "name": "ls",
        "description": "List.",
        "parameters": {
            "type": "dict",
            "properties": {}
        }
    }
])";

const std::string kBfclPrompt =
    "You are an expert in composing functions.You are given a question and a set of possible functions. Based on the "
    "question, you will need to make one or more function/tool calls to achieve the purpose. If none of the functions "
    "can be used, point it out. If the given question lacks the parameters required by the function, also point it "
    "out.\n\nYou should only return the function calls in your response.\n\nIf you decide to invoke any of the "
    "function(s), you MUST put it in the format of [func_name1(params_name1=params_value1, "
    "params_name2=params_value2...), func_name2(params)].  You SHOULD NOT include any other text in the response.\n\n"
    "At each turn, you should try your best to complete the tasks requested by the user within the current turn. "
    "Continue to output functions to call until you have fulfilled the user's request to the best of your ability. "
    "Once you have no more functions to call, the system will consider the current turn complete and proceed to the "
    "next turn or task.\n\nHere is a list of functions in json format that you can invoke.\n" +
    kBfclFunctions + "\n";

TEST_CASE("prompt bfcl: BFCL's default system prompt for the Python list", "[dialects][prompt]") {
  Episode e = TwoTools("pythonic", "bfcl");
  auto dialect = MakeDialect("pythonic", e.presentation);
  std::vector<Message> prompt = BuildPrompt(e, *dialect);
  REQUIRE(prompt.size() == 2);
  CHECK(prompt[0].content == kBfclPrompt);
  // BFCL puts its prompt before the entry's own system text.
  e.messages.insert(e.messages.begin(), Message{Role::kSystem, "Be brief.", {}});
  prompt = BuildPrompt(e, *dialect);
  CHECK(prompt[0].content == kBfclPrompt + "\n\nBe brief.");
}

TEST_CASE("PythonJsonText writes floats as json.dumps does, not as nlohmann does", "[dialects][prompt]") {
  // Python: json.dumps([1e15, 1e16, 1e-05, 0.0001, 2.0, 1.5e300, -0.0]) (nlohmann writes "1e+15").
  const Json v = Json::array({1e15, 1e16, 1e-05, 0.0001, 2.0, 1.5e300, -0.0});
  CHECK(PythonJsonText(v, true) == "[1000000000000000.0, 1e+16, 1e-05, 0.0001, 2.0, 1.5e+300, -0.0]");
  CHECK(PythonJsonText(Json(std::numeric_limits<double>::quiet_NaN()), true) == "NaN");
  CHECK(PythonJsonText(Json(-std::numeric_limits<double>::infinity()), true) == "-Infinity");
}

TEST_CASE("one rendering of BFCL's default prompt: the bfcl variant is BFCL's default configuration", "[dialects][prompt][bfcl]") {
  Episode e = TwoTools("pythonic", "bfcl");
  e.tools[0].parameters["properties"]["days"]["default"] = 1e15;  // where nlohmann's float text differs
  auto dialect = MakeDialect("pythonic", e.presentation);
  const std::string variant = BuildPrompt(e, *dialect)[0].content;
  CHECK(variant == BfclSystemPrompt(*ParseBfclPromptConfig(kBfclDefaultPromptConfig), e.tools));
  CHECK(variant.find("\"default\": 1000000000000000.0") != std::string::npos);
  CHECK(BfclFunctionDoc(e.tools, "python").find("default=1000000000000000.0") != std::string::npos);  // repr()
}

TEST_CASE("PythonJsonText writes json.dumps's text", "[dialects][prompt]") {
  const Json v = Json::parse(R"({"a": [1, 2.5, true, null, "x\"y\n"], "b": {}, "c": [], "d": "\u00e9\ud83d\ude00"})");
  CHECK(PythonJsonText(v, false) == "{\"a\": [1, 2.5, true, null, \"x\\\"y\\n\"], \"b\": {}, \"c\": [], \"d\": \"\u00e9\U0001F600\"}");
  CHECK(PythonJsonText(v, true) ==
        "{\"a\": [1, 2.5, true, null, \"x\\\"y\\n\"], \"b\": {}, \"c\": [], \"d\": \"\\u00e9\\ud83d\\ude00\"}");
  CHECK(PythonJsonText(Json::parse(R"({"k": [1, {"z": 2}]})"), true, 2) == "{\n  \"k\": [\n    1,\n    {\n      \"z\": 2\n    }\n  ]\n}");
}

TEST_CASE("prompt variants follow the dialect and are checked against it", "[dialects][prompt]") {
  CHECK(PromptVariantFor("qwen2.5", "pythonic") == "bfcl");
  CHECK(PromptVariantFor("bfcl", "hermes") == "qwen2.5");
  CHECK(PromptVariantFor("qwen2.5", "json").empty());
  CHECK(PromptVariantFor("", "hermes").empty());
  Suite s;
  s.manifest.name = "s";
  s.episodes.push_back(TwoTools("hermes", ""));
  OverridePrompt(s, "qwen2.5");
  CHECK(s.episodes[0].presentation.prompt == "qwen2.5");
  OverrideDialect(s, "pythonic");  // the pythonic twin asks with BFCL's prompt
  CHECK(s.episodes[0].presentation.prompt == "bfcl");
  OverridePrompt(s, "qwen2.5");  // a pythonic episode (the other half of a --dialect pair) gets BFCL's
  CHECK(s.episodes[0].presentation.prompt == "bfcl");
  OverrideDialect(s, "json");  // no variant is written for json
  CHECK_THROWS_AS(OverridePrompt(s, "qwen2.5"), InputError);
  CHECK_THROWS_AS(OverridePrompt(s, "llama"), InputError);
}

}  // namespace
}  // namespace toolshift
