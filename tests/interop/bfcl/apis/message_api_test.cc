// MessageAPI against BEHAVIOUR.md §3: results and error texts, CPython's random ids, the
// list.remove quirk of delete_message, add_contact's counter, Python-typed arguments, the
// compared state, and every ground-truth call of the four data files.
#include <catch2/catch.hpp>

#include "tests/test_support.h"
#include "src/interop/bfcl/apis/api.h"
#include "tests/interop/bfcl/apis/call_support.h"

namespace toolshift::bfcl {
namespace {

using testing_calls::Exec;
using testing_calls::ScenarioFromJson;
using testing_calls::StateOf;

std::unique_ptr<ApiInstance> Messages(BfclProcess& process, const char* scenario = "{}") {
  auto api = MakeMessageApi(process);
  api->LoadScenario(ScenarioFromJson(scenario), false);
  return api;
}

TEST_CASE("MessageAPI: signatures in the doc file's order", "[bfcl][apis]") {
  BfclProcess process;
  auto api = MakeMessageApi(process);
  std::vector<std::string> names;
  for (const MethodSig& m : api->Methods()) names.push_back(m.name);
  CHECK(names == std::vector<std::string>{"add_contact", "delete_message", "get_message_stats", "get_user_id",
                                          "list_users", "message_get_login_status", "message_login",
                                          "search_messages", "send_message", "view_messages_sent"});
  CHECK(Exec(*api, "send_message('USR002')") ==
        "Error during execution: MessageAPI.send_message() missing 1 required positional argument: 'message'");
}

TEST_CASE("MessageAPI: users and login", "[bfcl][apis]") {
  BfclProcess process;
  auto api = Messages(process);
  CHECK(Exec(*api, "list_users()") == R"({"user_list": ["Alice", "Bob", "Catherine", "Daniel"]})");
  CHECK(Exec(*api, "get_user_id(user='Bob')") == R"({"user_id": "USR002"})");
  CHECK(Exec(*api, "get_user_id('Zed')") == R"({"error": "User 'Zed' not found in the workspace."})");
  CHECK(Exec(*api, "message_get_login_status()") == R"({"login_status": false})");
  CHECK(Exec(*api, "message_login('USR999')") == R"({"login_status": false, "message": "User ID 'USR999' not found."})");
  CHECK(Exec(*api, "message_login('USR001')") ==
        R"({"login_status": true, "message": "User 'USR001' logged in successfully."})");
  CHECK(Exec(*api, "message_get_login_status()") == R"({"login_status": true})");
  CHECK(StateOf(*api, "current_user") == R"("USR001")");
}

TEST_CASE("MessageAPI: nothing but login works logged out", "[bfcl][apis]") {
  BfclProcess process;
  auto api = Messages(process);
  const std::string kOut = R"({"error": "No user is currently logged in."})";
  CHECK(Exec(*api, "send_message('USR002', 'hi')") == kOut);
  CHECK(Exec(*api, "delete_message('USR002')") == kOut);
  CHECK(Exec(*api, "view_messages_sent()") == kOut);
  CHECK(Exec(*api, "search_messages('file')") == kOut);
  CHECK(Exec(*api, "get_message_stats()") == kOut);
  CHECK(StateOf(*api, "message_count") == "3");
}

TEST_CASE("MessageAPI: sending draws CPython's ids — viewing, searching, stats", "[bfcl][apis]") {
  BfclProcess process;
  auto api = Messages(process);
  REQUIRE(Exec(*api, "message_login('USR001')").find("true") != std::string::npos);
  CHECK(Exec(*api, "send_message('USR005', 'hi')") == R"({"error": "Receiver ID 'USR005' not found."})");
  CHECK(Exec(*api, "send_message(receiver_id='USR002', message='hi')") ==
        R"({"sent_status": true, "message_id": {"new_id": 67410}, "message": "Message sent to 'USR002' successfully."})");
  CHECK(Exec(*api, "send_message('USR003', 'Upload done')") ==
        R"({"sent_status": true, "message_id": {"new_id": 41772}, "message": "Message sent to 'USR003' successfully."})");
  CHECK(StateOf(*api, "message_count") == "5");
  CHECK(StateOf(*api, "generated_ids") == "(not JSON: {41772, 67410})");
  CHECK(Exec(*api, "view_messages_sent()") ==
        R"({"messages": {"USR002": ["My name is Alice. I want to connect.", "hi"], )"
        R"("USR003": ["Could you upload the file?", "Upload done"], "USR004": ["Could you upload the file?"]}})");
  CHECK(Exec(*api, "search_messages('UPLOAD')") ==
        R"({"results": [{"receiver_id": "USR003", "message": "Could you upload the file?"}, )"
        R"({"receiver_id": "USR004", "message": "Could you upload the file?"}, )"
        R"({"receiver_id": "USR003", "message": "Upload done"}]})");
  CHECK(Exec(*api, "search_messages(5)") == "Error during execution: 'int' object has no attribute 'lower'");
  CHECK(Exec(*api, "get_message_stats()") == R"({"stats": {"received_count": 5, "total_contacts": 3}})");
}

TEST_CASE("MessageAPI: delete_message removes the first equal entry", "[bfcl][apis]") {
  BfclProcess process;
  auto api = Messages(process, R"({"current_user": "USR001", "message_count": 3,
      "inbox": [{"USR002": "x"}, {"USR003": "y"}, {"USR002": "x"}, {"USR002": "z"}, {"USR004": "w"}]})");
  CHECK(Exec(*api, "delete_message('USR002')") ==
        R"({"deleted_status": true, "receiver_id": "USR002", "message": "Receiver USR002's latest message deleted successfully."})");
  CHECK(Exec(*api, "delete_message('USR002')") ==
        R"({"deleted_status": true, "receiver_id": "USR002", "message": "Receiver USR002's latest message deleted successfully."})");
  // The latest USR002 entry is {"USR002": "x"}, but list.remove takes the first equal one.
  CHECK(StateOf(*api, "inbox") == R"([{"USR003": "y"}, {"USR002": "x"}, {"USR004": "w"}])");
  CHECK(Exec(*api, "delete_message('USR009')") == R"({"error": "Receiver ID USR009 not found."})");
  CHECK(StateOf(*api, "message_count") == "3");
}

TEST_CASE("MessageAPI: add_contact counts before its id check", "[bfcl][apis]") {
  BfclProcess process;
  auto api = Messages(process);
  CHECK(Exec(*api, "add_contact('Alice')") == R"({"error": "User name 'Alice' already exists."})");
  CHECK(Exec(*api, "add_contact(user_name='Eve')") ==
        R"({"added_status": true, "user_id": "USR005", "message": "Contact 'Eve' added successfully."})");
  CHECK(StateOf(*api, "user_count") == "5");
  auto taken = Messages(process, R"({"user_count": 5, "user_map": {"Ann": "USR006"}})");
  CHECK(Exec(*taken, "add_contact('Bo')") == R"({"error": "User ID 'USR006' already exists."})");
  CHECK(StateOf(*taken, "user_count") == "6");
  CHECK(Exec(*taken, "add_contact('Bo')") ==
        R"({"added_status": true, "user_id": "USR007", "message": "Contact 'Bo' added successfully."})");
  CHECK(StateOf(*taken, "user_map") == R"({"Ann": "USR006", "Bo": "USR007"})");
  CHECK(Exec(*taken, "add_contact(['x'])") == "Error during execution: unhashable type: 'list'");
}

TEST_CASE("MessageAPI: compared state", "[bfcl][apis]") {
  BfclProcess process;
  auto a = Messages(process);
  auto b = Messages(process);
  CHECK(PyEquals(PyValue::Dict(a->PublicState()), PyValue::Dict(b->PublicState())));
  std::vector<std::string> keys;
  const PyDict state = a->PublicState();
  for (const auto& [k, v] : state.items()) keys.push_back(k.as_str());
  CHECK(keys == std::vector<std::string>{"generated_ids", "user_count", "user_map", "inbox", "message_count",
                                         "current_user"});
  for (auto* api : {a.get(), b.get()}) {
    Exec(*api, "message_login('USR001')");
    Exec(*api, "send_message('USR002', 'hi')");
  }
  CHECK(PyEquals(PyValue::Dict(a->PublicState()), PyValue::Dict(b->PublicState())));
  Exec(*a, "send_message('USR002', 'again')");
  CHECK_FALSE(PyEquals(PyValue::Dict(a->PublicState()), PyValue::Dict(b->PublicState())));
}

TEST_CASE("MessageAPI: every ground-truth call runs without an exception", "[bfcl][apis]") {
  if (!testing_calls::HaveBfclData()) {
    TOOLSHIFT_SKIP("skipped: " + testing_calls::BfclDataDir() + " is absent");
    return;
  }
  testing_calls::ReplayStats stats = testing_calls::ReplayGroundTruth("MessageAPI", MakeMessageApi);
  INFO((stats.failures.empty() ? std::string() : stats.failures.front()));
  CHECK(stats.entries > 100);
  CHECK(stats.calls == 252);
  CHECK(stats.failures.empty());
}

}  // namespace
}  // namespace toolshift::bfcl
