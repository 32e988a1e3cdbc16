// BFCL's multi-turn executor and checker on a fake API class, so every rule is pinned without
// the eight real classes: the dispatch quirk, refusals, Python errors, and each error type.
#include <catch2/catch.hpp>

#include "src/interop/bfcl/multi_turn/mt_checker.h"
#include "src/interop/bfcl/multi_turn/mt_executor.h"
#include "src/interop/bfcl/py/py_value.h"

namespace toolshift::bfcl {
namespace {

// Counter: add(n, by=1) adds n*by, get() returns {"count": n}, echo(text) returns text.
class Counter : public ApiInstance {
 public:
  std::string_view ClassName() const override { return "Counter"; }
  void LoadScenario(const PyDict& s, bool) override {
    if (const PyValue* c = s.Find("count")) count_ = c->as_int().as_int64();
  }
  const std::vector<MethodSig>& Methods() const override {
    static const std::vector<MethodSig> kMethods = {
        {"add", {{"n", std::nullopt}, {"by", PyValue::Int(1)}}}, {"get", {}}, {"echo", {{"text", std::nullopt}}}, {"ls", {}}};
    return kMethods;
  }
  PyValue Invoke(std::string_view method, std::vector<PyValue> args) override {
    if (method == "add") {
      if (!args[0].is_int()) throw PyException("TypeError", "unsupported operand type(s) for +=: 'int' and '" + args[0].TypeName() + "'");
      count_ += args[0].as_int().as_int64() * args[1].as_int().as_int64();
      return PyValue::None();
    }
    if (method == "get") return PyValue::Dict(PyDict{{PyValue::Str("count"), PyValue::Int(count_)}});
    if (method == "echo") return args[0];
    return PyValue::List({PyValue::Str("a.txt")});
  }
  PyDict PublicState() const override { return PyDict{{PyValue::Str("count"), PyValue::Int(count_)}}; }

 private:
  int64_t count_ = 0;
};

ApiFactory Fakes() {
  return [](std::string_view, BfclProcess&) -> std::unique_ptr<ApiInstance> { return std::make_unique<Counter>(); };
}

struct Fixture {
  Json config = Json::parse(R"({"Counter": {"count": 2}})");
  BfclEntry entry;
  Fixture() {
    entry.id = "multi_turn_base_7";
    entry.category = "multi_turn_base";
    entry.involved_classes = {"Counter"};
    entry.initial_config = &config;
  }
};

TEST_CASE("BFCL executor: calls run as BFCL's eval runs them", "[bfcl][multi_turn]") {
  Fixture f;
  BfclProcess process;
  BfclExecutor ex(process, f.entry, "m", Fakes());
  CHECK(ex.Run("get()") == R"({"count": 2})");
  CHECK(ex.Run("add(3)") == "None");  // positional, default filled in
  CHECK(ex.Run("add(n=1, by=2)") == "None");
  CHECK(ex.Run("get()") == R"({"count": 7})");
  CHECK(ex.Run("ls()") == "['a.txt']");
  // Python's own errors, as BFCL records them.
  CHECK(ex.Run("add()") == "Error during execution: Counter.add() missing 1 required positional argument: 'n'");
  CHECK(ex.Run("add(n='x')").rfind("Error during execution: unsupported operand", 0) == 0);
  CHECK(ex.Run("frobnicate(x=1)") == "Error during execution: name 'frobnicate' is not defined");
  // BFCL refuses these names before evaluating anything.
  CHECK(ex.Run("kill(pid=1)") == "Error during execution: Function call kill is not allowed.");
  CHECK(ex.Run("exit()") == "Error during execution: Function call exit is not allowed.");
}

TEST_CASE("BFCL executor: the instance prefix reaches into string literals (BEHAVIOUR.md §10)", "[bfcl][multi_turn]") {
  Fixture f;
  BfclProcess process;
  BfclExecutor ex(process, f.entry, "toolshift_eval", Fakes());
  ex.Ensure();
  const std::string inst = "toolshift_eval_multi_turn_base_7_Counter_instance";
  CHECK(ex.Prefix("echo(text='run ls(x) then get (y)')") == inst + ".echo(text='run " + inst + ".ls(x) then " + inst + ".get (y)')");
  CHECK(ex.Prefix("echo(text='xls(1) _get(2) ls')") == inst + ".echo(text='xls(1) _get(2) ls')");
  // The altered string is what the method receives.
  CHECK(ex.Run("echo(text='ls()')") == inst + ".ls()");
}

TEST_CASE("BFCL checker: valid when the model reaches the ground truth's state and results", "[bfcl][multi_turn]") {
  Fixture f;
  f.entry.ground_truth = {{"add(n=1)"}, {"get()"}};
  const BfclVerdict v = CheckMultiTurn(f.entry, {{{"add(1)"}}, {{"get()"}}}, 2, Fakes());
  CHECK(v.valid);
  CHECK(v.error_type.empty());
  REQUIRE(v.turns.size() == 2);
  CHECK(v.turns[1].verdict == "ok");
  // Extra read-only calls and calls split over steps do not hurt.
  CHECK(CheckMultiTurn(f.entry, {{{"get()"}, {"add(n=1)"}}, {{"get()", "get()"}}}, 2, Fakes()).valid);
  // A result the model got in an earlier turn counts for a later one (results of all turns so far).
  f.entry.ground_truth = {{"add(n=1)"}, {"get()"}};
  CHECK(CheckMultiTurn(f.entry, {{{"add(n=1)"}, {"get()"}}, {{"echo(text='hi')"}}}, 2, Fakes()).valid);  // {"count": 3} seen in turn 0
}

TEST_CASE("BFCL checker: each error type, first failing turn decides", "[bfcl][multi_turn]") {
  Fixture f;
  f.entry.ground_truth = {{"add(n=1)"}, {"get()"}};
  SECTION("turn count") {
    const BfclVerdict v = CheckMultiTurn(f.entry, {{{"add(n=1)"}}}, 1, Fakes());
    CHECK(v.error_type == "multi_turn:force_terminated");
    CHECK(v.error_message.find("(1) does not match the length of the ground truth turns (2)") != std::string::npos);
  }
  SECTION("empty turn") {
    const BfclVerdict v = CheckMultiTurn(f.entry, {{}, {{"get()"}}}, 2, Fakes());
    CHECK(v.error_type == "multi_turn:empty_turn_model_response");
    CHECK(v.error_message == "Model response list is empty for turn 0");
    CHECK(v.failed_turn == 0);
  }
  SECTION("state") {
    const BfclVerdict v = CheckMultiTurn(f.entry, {{{"add(n=2)"}}, {{"get()"}}}, 2, Fakes());
    CHECK(v.error_type == "multi_turn:instance_state_mismatch");
    REQUIRE(!v.state_diff.empty());
    CHECK(v.state_diff.front() == "Counter.count: model 4, ground truth 3");
    CHECK(v.turns[0].verdict == "multi_turn:instance_state_mismatch");
    CHECK(v.turns[1].verdict == "not_reached");
  }
  SECTION("response") {
    // The state matches but the ground truth's get() result is not among the model's.
    const BfclVerdict v = CheckMultiTurn(f.entry, {{{"add(n=1)"}}, {{"echo(text='x')"}}}, 2, Fakes());
    CHECK(v.error_type == "multi_turn:execution_response_mismatch");
    REQUIRE(v.missing.size() == 1);
    CHECK(v.missing[0] == R"({"count": 3})");
    CHECK(v.failed_turn == 1);
  }
  SECTION("a turn with empty ground truth is not checked, but the model's calls there still run") {
    f.entry.ground_truth = {{"add(n=1)"}, {}, {"get()"}};
    CHECK(CheckMultiTurn(f.entry, {{{"add(n=1)"}}, {}, {{"get()"}}}, 3, Fakes()).valid);
    const BfclVerdict v = CheckMultiTurn(f.entry, {{{"add(n=1)"}}, {{"add(n=5)"}}, {{"get()"}}}, 3, Fakes());
    CHECK(v.turns[1].verdict == "unchecked");
    CHECK(v.error_type == "multi_turn:instance_state_mismatch");
    CHECK(v.failed_turn == 2);
  }
}

}  // namespace
}  // namespace toolshift::bfcl
