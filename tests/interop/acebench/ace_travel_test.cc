// ACEBench's Travel scene (ace_travel.h, SPEC.md 7.6 and 7.8) and the Chinese phone scene: results,
// error texts, Python exceptions and the state changes the end-state check reads.
#include <catch2/catch.hpp>

#include "src/interop/acebench/ace_decode.h"
#include "src/interop/acebench/ace_phone.h"

namespace toolshift::acebench {
namespace {

Json Run(PhoneScene& scene, std::string_view message) { return scene.Execute(DecodeAgentMessage(message, false).calls); }

const Json& User(const Json& state, const char* id) { return state[0]["Travel"]["users"][id]; }
const Json& Reservations(const Json& state) { return state[0]["Travel"]["reservations"]; }

TEST_CASE("ACEBench Travel: booking as ACEBench books", "[acebench][agent][travel]") {
  PhoneScene scene({"Travel"}, Json::object());
  CHECK(Run(scene, "[reserve_flight(user_id='user2', password='password456', flight_no='CA1234', cabin='Economy Class', "
                   "payment_method='bank', baggage_count=1)]")[0] ==
        "Booking successful. Reservation ID: res_5. Total cost: 1200 yuan (including baggage fees).");
  Json state = scene.Result();
  CHECK(User(state, "user2")["bank_balance"] == 6800.0);
  REQUIRE(Reservations(state).size() == 5);
  // The new reservation has no origin or destination.
  CHECK(Reservations(state)[4] == Json{{"reservation_id", "res_5"}, {"user_id", "user2"}, {"flight_no", "CA1234"},
                                       {"payment_method", "bank"}, {"cabin", "Economy Class"}, {"baggage", 1}});
  // Extra bags: gold economy has 3 free; 4 bags cost 50 more.
  CHECK(Run(scene, "[reserve_flight(user_id='user3', password='password789', flight_no='MU3561', cabin='Economy Class', "
                   "payment_method='bank', baggage_count=4)]")[0] ==
        "Booking successful. Reservation ID: res_6. Total cost: 1550 yuan (including baggage fees).");
  CHECK(User(scene.Result(), "user3")["bank_balance"] == 3450.0);
  // A wrong password is an error dict, which is truthy: the booking fails on the membership level.
  CHECK(Run(scene, "[reserve_flight(user_id='user2', password='x', flight_no='CA1234', cabin='Economy Class', "
                   "payment_method='bank', baggage_count=1)]")[0] == "Error during execution: 'membership_level'");
  CHECK(Run(scene, "[reserve_flight(user_id='user2', password='password456', flight_no='XX1', cabin='Economy Class', "
                   "payment_method='bank', baggage_count=1)]")[0] ==
        "Error during execution: 'NoneType' object is not subscriptable");
  CHECK(Run(scene, "[reserve_flight(user_id='user2', password='password456', flight_no='CA1234', cabin='Economy', "
                   "payment_method='bank', baggage_count=1)]")[0] == "Error during execution: 'Economy'");
  // The schema's required "payment_methods" is not the method's parameter.
  CHECK(Run(scene, "[reserve_flight(user_id='user2', password='password456', flight_no='CA1234', cabin='Economy Class', "
                   "payment_methods='bank', baggage_count=1)]")[0] ==
        "Error during execution: Travel.reserve_flight() got an unexpected keyword argument 'payment_methods'");
  CHECK(Run(scene, "[reserve_flight(user_id='user2', password='password456', flight_no='CA1234', cabin='Economy Class', "
                   "payment_method='card', baggage_count=1)]")[0] == "Invalid payment method");
  CHECK(Run(scene, "[reserve_flight(user_id='user3', password='password789', flight_no='CA1234', cabin='Business Class', "
                   "payment_method='cash', baggage_count=1)]")[0] ==
        "Your cash balance is insufficient. Please consider using another payment method.");
  CHECK(Reservations(scene.Result()).size() == 6);
}

TEST_CASE("ACEBench Travel: changes, cancellations and lookups", "[acebench][agent][travel]") {
  PhoneScene scene({"Travel"}, Json::object());
  // A new flight and cabin: the fare difference is taken on the original flight (3000 -> 1900).
  CHECK(Run(scene, "[modify_flight(user_id='user1', reservation_id='res_2', new_flight_no='CZ4352', new_cabin='Economy Class')]")[0] ==
        "Flight number has been changed. Cabin change successful. Price difference refunded: 1100.");
  CHECK(User(scene.Result(), "user1")["bank_balance"] == 51100.0);
  CHECK(Run(scene, "[modify_flight(user_id='user1', reservation_id='res_1', add_baggage=2)]")[0] ==
        "Baggage has been added. Additional fee to be paid: 100.");
  CHECK(Reservations(scene.Result())[0]["baggage"] == 3);
  CHECK(Run(scene, "[modify_flight(user_id='user1', reservation_id='res_1', new_flight_no='MU3561')]")[0] ==
        "Flight change failed: Invalid new flight number or destination does not match.");
  CHECK(Run(scene, "[modify_flight(user_id='user2', reservation_id='res_4', new_cabin='Economy Class')]")[0] ==
        "Flight information not found.");  // res_4's MU2616 does not exist
  CHECK(Run(scene, "[modify_flight(user_id='user2', reservation_id='res_1')]")[0] ==
        "Reservation not found or user ID does not match.");
  CHECK(Run(scene, "[modify_flight(user_id='user2', reservation_id='res_3')]")[0] == "Modification completed with no additional fees.");
  // Cancelling: refunds go to cash, the reservation stays.
  CHECK(Run(scene, "[cancel_reservation(user_id='user2', reservation_id='res_3', reason='Change of plans')]")[0] ==
        "More than 24 hours before departure. Free cancellation successful, 2500 yuan has been refunded.");
  const Json state = scene.Result();
  CHECK(User(state, "user2")["cash_balance"] == 10500.0);
  CHECK(Reservations(state).size() == 4);
  CHECK(Run(scene, "[get_flight_details(origin='Beijing', destination='Shenzhen')]")[0] ==
        "There are no direct flights that meet the criteria.");
  const Json transfers = Run(scene, "[find_transfer_flights(origin_city='Beijing', transfer_city='Nanjing', destination_city='Shenzhen')]")[0];
  REQUIRE(transfers.is_string());  // a list renders as its Python repr
  CHECK(transfers.get<std::string>().rfind("[{'first_leg': {'flight_no': 'MU3561'", 0) == 0);
  CHECK(transfers.get<std::string>().find("'depart_time': '2024-07-18 12:30:00'") != std::string::npos);
  CHECK(transfers.get<std::string>().find("2024-07-17 20:30:00") == std::string::npos);  // departs before MU3561 lands
  CHECK(Run(scene, "[get_user_details(user_id='user1', password='password123')]")[0] ==
        Json{{"user_name", "Eve"}, {"cash_balance", 2000.0}, {"bank_balance", 51000.0}, {"membership_level", "regular"}});
  CHECK(Run(scene, "[get_reservation_details()]")[0] ==
        Json{{"status", "error"}, {"message", "Please provide a valid reservation ID or user ID"}});
  CHECK(Run(scene, "[get_baggage_allowance(membership_level='silver', cabin_class='Business Class')]")[0] == 3);
}

TEST_CASE("ACEBench Travel in Chinese: cities, cabins and texts", "[acebench][agent][travel]") {
  PhoneScene scene({"Travel"}, Json::object(), /*chinese=*/true);
  CHECK(Run(scene, "[reserve_flight(user_id='user2', password='password456', flight_no='CZ4352', cabin='经济舱', "
                   "payment_method='bank', baggage_count=1)]")[0] == "预订成功，预订号：res_5，总费用：1600元（包含行李费用）。");
  CHECK(User(scene.Result(), "user2")["bank_balance"] == 6400.0);
  CHECK(Reservations(scene.Result())[0]["cabin"] == "经济舱");
  CHECK(Run(scene, "[get_flight_details(origin='北京', destination='深圳')]")[0] == "没有符合条件的直达航班");
  // The English cabin name is unknown to the Chinese class.
  CHECK(Run(scene, "[reserve_flight(user_id='user2', password='password456', flight_no='CZ4352', cabin='Economy Class', "
                   "payment_method='bank', baggage_count=1)]")[0] == "Error during execution: 'Economy Class'");
}

TEST_CASE("ACEBench phone scene in Chinese: data, texts and the Chinese class's differences", "[acebench][agent]") {
  const Json config = Json::parse(R"({"BaseApi": {"wifi": true, "logged_in": true}})");
  PhoneScene zh({"BaseApi", "FoodPlatform", "ReminderApi"}, config, /*chinese=*/true);
  CHECK(Run(zh, "[login_food_platform(username='Grace', password='password789')]")[0] ==
        Json{{"status", true}, {"message", "用户Grace登陆成功！"}});
  // An order equal to the balance is refused in Chinese (>=), accepted in English (>).
  CHECK(Run(zh, "[add_food_delivery_order(username='Grace', merchant_name='喜茶', items=[{'product': '芝士奶茶', 'quantity': 6}])]")[0] ==
        Json{{"status", false}, {"message", "余额不足，无法下单"}});
  CHECK(Run(zh, "[add_food_delivery_order(username='Grace', merchant_name='喜茶', items=[{'product': '四季春奶茶', 'quantity': 2}])]")[0] ==
        Json{{"status", true}, {"message", "外卖订单成功下单给 喜茶，总金额为 44.0 元"}});
  CHECK(Run(zh, "[add_food_delivery_order(username='Grace', merchant_name='Heytea', items=[])]")[0] ==
        Json{{"status", false}, {"message", "商家不存在"}});
  // The Chinese ReminderApi has search_reminders, which fails on a match (string times).
  CHECK(Run(zh, "[search_reminders(keyword='Meeting')]")[0] == "Error during execution: 'str' object has no attribute 'strftime'");
  CHECK(Run(zh, "[search_reminders(keyword='nothing')]")[0] == Json{{"status", false}, {"message", "没有找到包含该关键词的提醒"}});
  CHECK(zh.Result()[2]["ReminderApi"]["reminder_list"]["3"]["description"].get<std::string>().rfind("首先帮Frank在", 0) == 0);

  PhoneScene en({"BaseApi", "FoodPlatform", "ReminderApi"}, config);
  Run(en, "[login_food_platform(username='Grace', password='password789')]");
  CHECK(Run(en, "[add_food_delivery_order(username='Grace', merchant_name='Heytea', items=[{'product': 'Cheese Milk Tea', 'quantity': 6}])]")[0] ==
        Json{{"status", true}, {"message", "Food delivery order successfully placed with Heytea. Total amount: 150.0 yuan"}});
  // English has no search_reminders: the first unknown call reports Python's unbound-local error.
  CHECK(Run(en, "[search_reminders(keyword='Meeting')]")[0].get<std::string>().find("func_call_result") != std::string::npos);

  PhoneScene messages({"BaseApi", "MessageApi"}, config, /*chinese=*/true);
  CHECK(Run(messages, "[send_message(sender_name='Eve', receiver_name='Frank', message='你好')]")[0] ==
        Json{{"status", false}, {"message", "内存容量不够了，你需要询问user删除哪一条短信。"}});
  CHECK(Run(messages, "[get_latest_message_id()]")[0]["message"] == "最新的短信ID是 4");
}

TEST_CASE("ACEBench multi_turn executor: the first raising call ends the message as a list of characters", "[acebench][agent]") {
  PhoneScene scene({"BaseApi", "MessageApi"}, Json::parse(R"({"BaseApi": {"wifi": false, "logged_in": true}})"));
  bool raised = false;
  const Json out = scene.ExecuteMultiTurn(DecodeAgentMessage("[turn_on_wifi(), delete_message(id=4), delete_message(message_id=5)]", false).calls,
                                          &raised);
  CHECK(raised);
  REQUIRE(out.size() == std::string("Error during execution: {str(e)}").size());
  CHECK(out[0] == "E");
  CHECK(out.back() == "}");
  // Wi-Fi came on before the failing call; message 5, after it, was not deleted.
  const Json state = scene.Result();
  CHECK(state[0]["BaseApi"]["wifi"] == true);
  CHECK(state[1]["MessageApi"]["inbox"].contains("5"));
  // An unknown first function is an exception here too; a later one repeats the previous result.
  CHECK(scene.ExecuteMultiTurn(DecodeAgentMessage("[no_such_api()]", false).calls, &raised).size() == out.size());
  CHECK(raised);
  const Json stale = scene.ExecuteMultiTurn(DecodeAgentMessage("[login_device(), no_such_api()]", false).calls, &raised);
  CHECK_FALSE(raised);
  REQUIRE(stale.size() == 2);
  CHECK(stale[1] == stale[0]);
}

}  // namespace
}  // namespace toolshift::acebench
