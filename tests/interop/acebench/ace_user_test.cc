// ACEBench's simulated user (SPEC.md section 8): the brief per scene and the scripted stand-in.
#include <catch2/catch.hpp>

#include "src/core/input_error.h"
#include "src/engine/scripted_user.h"
#include "src/interop/acebench/ace_user.h"

namespace toolshift {

TEST_CASE("ACEBench's user: SPEC 8's brief per scene and a stand-in from the instruction", "[acebench][users]") {
  using namespace acebench;
  const std::string instruction =
      "You are Eve. Your user id is USR100 and your password is pass123. Send a message to Frank saying \"See you at 5\".";
  CHECK(SceneOf("[\"MessageApi\", \"BaseApi\"]") == AceScene::kPhone);
  CHECK(SceneOf("[\"Travel\"]") == AceScene::kTravel);
  const std::string phone = AceUserBrief(AceScene::kPhone, instruction);
  CHECK(phone.rfind("You are a user interacting with an agent.\nInstruction: " + instruction, 0) == 0);
  CHECK(phone.find("full names") != std::string::npos);
  CHECK(AceUserBrief(AceScene::kTravel, instruction).find("round-trip") != std::string::npos);
  const SimulatedUser u = AceUser(AceScene::kPhone, instruction);
  CHECK(u.opening == "Is there anything you need help with today?");
  CHECK(u.max_messages == 40);
  MultiStepTask task;
  task.turns = {UserTurn{}};
  task.user = u;
  std::vector<Message> chat = {{Role::kSystem, u.brief, {}}, {Role::kUser, u.opening, {}}};
  CHECK(ScriptedUserReply(task, chat) == instruction);
  chat.push_back({Role::kAssistant, instruction, {}});
  chat.push_back({Role::kUser, "What is your user id?", {}});
  CHECK(ScriptedUserReply(task, chat) == "My user id is USR100.");
  chat.back().content = "And the password?";
  CHECK(ScriptedUserReply(task, chat) == "My password is pass123.");
  chat.back().content = "The message has been sent.";
  CHECK(ScriptedUserReply(task, chat) == "finish conversation");
  // The whole user survives the suite's JSON.
  CHECK(ParseSimulatedUser(ToJson(u), "multi_step.user").script.rules.size() == u.script.rules.size());
}

}  // namespace toolshift
