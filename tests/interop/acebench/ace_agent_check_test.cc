// ACEBench's end-state and milestone checks of agent episodes (SPEC.md 6.4, 6.5), each case
// from one rule: expected keys only, Python equality, misspelt GT classes skipped, milestones in
// order with a miss consuming the rest, the best of alternative milestone lists.
#include <catch2/catch.hpp>

#include "src/interop/acebench/ace_agent_check.h"

namespace toolshift::acebench {
namespace {

const Json kGt = Json::parse(R"([
  {"BaseApi": {"wifi": true, "logged_in": true}},
  {"MessageApi": {"inbox": {"1": {"sender_id": "USR100", "message": "hi"}, "7": {"sender_id": "USR101", "message": "ok"}}}}
])");

Json Result(const std::string& message7, bool wifi = true, bool time_on_1 = false) {
  Json r = Json::array();
  r.push_back({{"BaseApi", {{"wifi", wifi}, {"logged_in", true}}}});
  Json first = {{"sender_id", "USR100"}, {"message", "hi"}};
  if (time_on_1) first["time"] = "2024-06-09";
  Json inbox = {{"1", first},
                {"7", {{"sender_id", "USR101"}, {"message", message7}}},
                {"8", {{"sender_id", "USR101"}, {"message", "an extra message"}}}};
  r.push_back({{"MessageApi", {{"inbox", inbox}}}});
  return r;
}

TEST_CASE("the end state is compared on the ground truth's keys only, with Python equality", "[acebench]") {
  CHECK(CheckEndState(Result("ok"), kGt).valid);  // the extra message 8 goes unnoticed
  CHECK_FALSE(CheckEndState(Result("ok", true, true), kGt).valid);  // below the GT's keys values compare whole
  const AceVerdict v = CheckEndState(Result("okay"), kGt);
  CHECK_FALSE(v.valid);
  CHECK(v.error_type == "class attributes wrong");
  CHECK(v.error.find("attributes(inbox.7) wrong") != std::string::npos);
  CHECK(CheckEndState(Result("ok", false), kGt).error.find("attributes(wifi) wrong") != std::string::npos);
  Json numbers = Json::parse(R"([{"FoodPlatform": {"users": {"Eve": {"balance": 412}}}}])");
  CHECK(CheckEndState(numbers, Json::parse(R"([{"FoodPlatform": {"users": {"Eve": {"balance": 412.0}}}}])")).valid);
}

TEST_CASE("the end state needs as many classes — a GT class no result has is skipped", "[acebench]") {
  Json one = Json::array({Result("ok")[0]});
  CHECK(CheckEndState(one, kGt).error_type == "wrong number of class");
  Json misspelt = Json::parse(R"([{"BaseApi": {"wifi": true, "logged_in": true}}, {"ReminderAPI": {"reminder_list": {}}}])");
  Json result = Json::parse(R"([{"BaseApi": {"wifi": true, "logged_in": true}}, {"ReminderApi": {"reminder_list": {"1": {}}}}])");
  CHECK(CheckEndState(result, misspelt).valid);
  Json extra_attr = Json::parse(R"([{"BaseApi": {"wifi": true, "logged_in": true, "mode": 1}}])");
  CHECK(CheckEndState(extra_attr, Json::parse(R"([{"BaseApi": {"wifi": true, "logged_in": true}}])")).error.find("missing in possible_answer") !=
        std::string::npos);
}

TEST_CASE("milestones are found in order — a miss consumes the rest of the process", "[acebench]") {
  const Json ms = Json::parse(R"(["[turn_on_wifi()]", "[login_device()]", "[send_message(a='x')]"])");
  CHECK(ProcessAccuracy({"[turn_on_wifi()]", " [login_device()] ", "[send_message(a='x')]"}, ms) == 1.0);
  CHECK(ProcessAccuracy({"[turn_on_wifi()]", "[send_message(a='x')]"}, ms) == 0.333);  // the missing login eats the rest
  CHECK(ProcessAccuracy({"[login_device()]", "[turn_on_wifi()]", "[send_message(a='x')]"}, ms) == 0.333);  // order matters
  CHECK(ProcessAccuracy({"[x()]", "[turn_on_wifi()]", "[login_device()]"}, ms) == 0.667);
  CHECK(ProcessAccuracy({"[turn_on_wifi()]", "[login_device()]", "[send_message(a=\"x\")]"}, ms) == 0.667);  // exact text
  CHECK(ProcessAccuracy({}, Json::array()) == 1.0);
  const Json alternatives = Json::parse(R"([["[a()]", "[b()]"], ["[c()]"]])");
  CHECK(ProcessAccuracy({"[c()]"}, alternatives) == 1.0);
  CHECK(ProcessAccuracy({"[a()]"}, alternatives) == 0.5);
}

}  // namespace
}  // namespace toolshift::acebench
