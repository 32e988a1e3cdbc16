// ACEBench's English phone-platform scene (SPEC.md 7.1-7.5): state loading, dispatch to every
// involved object, ACEBench's texts, Python's error texts, result rendering and the saved end state.
#include <catch2/catch.hpp>

#include "src/interop/acebench/ace_agent_check.h"
#include "src/interop/acebench/ace_decode.h"
#include "src/interop/acebench/ace_phone.h"

namespace toolshift::acebench {
namespace {

Json Run(PhoneScene& scene, std::string_view message) {
  const DecodeResult d = DecodeAgentMessage(message, false);
  REQUIRE(d.ok);
  return scene.Execute(d.calls);
}

std::string Message(const Json& results, size_t i = 0) {
  const Json& r = results.at(i);
  return r.is_object() ? r.value("message", r.dump()) : (r.is_string() ? r.get<std::string>() : r.dump());
}

TEST_CASE("the phone scene loads its config, keeps wifi in sync and answers with ACEBench's texts", "[acebench]") {
  PhoneScene scene({"BaseApi", "MessageApi"}, Json::parse(R"({"BaseApi": {"wifi": false, "logged_in": true}})"));
  CHECK(Message(Run(scene, "[send_message(sender_name='Eve', receiver_name='Frank', message='hi')]")) ==
        "Wi-Fi is turned off, cannot send messages at this time");
  CHECK(Message(Run(scene, "[turn_on_wifi()]")) == "Wi-Fi has been turned on");  // runs on both objects
  CHECK(Message(Run(scene, "[send_message(sender_name='Eve', receiver_name='Frank', message='hi')]")) ==
        "Inbox capacity is full. You need to ask the user which message to delete.");
  CHECK(Message(Run(scene, "[get_latest_message_id()]")) == "The latest message ID is 4");
  CHECK(Message(Run(scene, "[get_earliest_message_id()]")) == "The earliest message ID is 3");
  CHECK(Message(Run(scene, "[delete_message(message_id=4.0)]")) == "Message ID 4.0 has been successfully deleted.");
  CHECK(Message(Run(scene, "[delete_message(message_id='3')]")) == "Message ID does not exist");
  CHECK(Message(Run(scene, "[send_message(sender_name='Eve', receiver_name='Zed', message='hi')]")) == "Sender or receiver does not exist");
  CHECK(Message(Run(scene, "[send_message(sender_name='Eve', receiver_name='Frank', message='See you')]")) ==
        "Message successfully sent to Frank.");
  // The sent message has no time: ACEBench's lookup of the latest message raises KeyError 'time'.
  CHECK(Message(Run(scene, "[get_latest_message_id()]")) == "Error during execution: 'time'");
  const Json result = scene.Result();
  REQUIRE(result.size() == 2);
  CHECK(result[0]["BaseApi"]["wifi"] == true);
  CHECK(result[1]["MessageApi"]["inbox"]["7"]["message"] == "See you");  // JSON round trip: string keys
  CHECK_FALSE(result[1]["MessageApi"]["inbox"].contains("4"));
  const Json gt = Json::parse(R"([{"BaseApi": {"wifi": true, "logged_in": true}},
                                  {"MessageApi": {"inbox": {"7": {"sender_id": "USR100", "receiver_id": "USR101", "message": "See you"}}}}])");
  CHECK(CheckEndState(result, gt).valid);
}

TEST_CASE("bad arguments give Python's error texts — unknown functions report a stale result", "[acebench]") {
  PhoneScene scene({"BaseApi", "MessageApi"}, Json::object());
  CHECK(Message(Run(scene, "[search_reminders(keyword='x')]")) ==
        "Error during execution: cannot access local variable 'func_call_result' where it is not associated with a value");
  const Json two = Run(scene, "[turn_on_wifi(), search_reminders(keyword='x')]");
  CHECK(two[1] == two[0]);
  CHECK(Message(Run(scene, "[send_message(sender_name='Eve')]")) ==
        "Error during execution: MessageApi.send_message() missing 2 required positional arguments: 'receiver_name' and 'message'");
  CHECK(Message(Run(scene, "[login_device(user='Eve')]")) ==
        "Error during execution: BaseApi.login_device() got an unexpected keyword argument 'user'");
}

TEST_CASE("the food platform needs its own login and renders results as ACEBench does", "[acebench]") {
  PhoneScene scene({"BaseApi", "FoodPlatform"}, Json::parse(R"({"BaseApi": {"wifi": true, "logged_in": true}})"));
  CHECK(Message(Run(scene, "[add_food_delivery_order(username='Eve', merchant_name=\"Domino's\", items=[{'product': 'Margherita Pizza'}])]")) ==
        "User Eve is not logged in to the food platform");
  CHECK(Message(Run(scene, "[login_food_platform(username='Eve', password='wrong')]")) == "Incorrect password");
  CHECK(Message(Run(scene, "[login_food_platform(username='Eve', password='password123')]")) == "User Eve has successfully logged in!");
  CHECK(Message(Run(scene, "[add_food_delivery_order(username='Eve', merchant_name=\"Domino's\", items=[{'product': 'Pizza'}])]")) ==
        "Product Pizza does not exist in Domino's's menu");
  CHECK(Message(Run(scene, "[add_food_delivery_order(username='Eve', merchant_name=\"Domino's\", items=[{'product': 'Margherita Pizza', 'quantity': 0}])]")) ==
        "Invalid quantity 0 for product Margherita Pizza");
  CHECK(Message(Run(scene, "[add_food_delivery_order(username='Eve', merchant_name=\"Domino's\", items=[{'product': 'Super Supreme Pizza', 'quantity': 2}])]")) ==
        "Food delivery order successfully placed with Domino's. Total amount: 176.0 yuan");
  CHECK(Run(scene, "[check_balance(user_name='Eve')]")[0] == 324.0);   // a float's str() read back as JSON
  CHECK(Run(scene, "[get_products(merchant_name='Heytea')]")[0].is_string());  // a list stays its Python repr
  const Json result = scene.Result();
  CHECK(result[1]["FoodPlatform"]["users"]["Eve"]["balance"] == 324.0);
  CHECK(result[1]["FoodPlatform"]["orders"][0]["total_price"] == 176.0);
  CHECK(result[1]["FoodPlatform"]["logged_in_users"] == Json::array({"Eve"}));
}

}  // namespace
}  // namespace toolshift::acebench
