// VehicleControlAPI against BEHAVIOUR.md §8: every function's result text, every error, the
// state it leaves, its RNG draws (§9 vectors), the long-context variants and Python-typed
// corner cases.
#include <catch2/catch.hpp>

#include <filesystem>

#include "tests/test_support.h"
#include "src/interop/bfcl/apis/api.h"
#include "src/interop/bfcl/apis/long_context.h"
#include "tests/interop/bfcl/apis/call_support.h"

namespace toolshift::bfcl {
namespace {

using testing_calls::Exec;
using testing_calls::ScenarioFromJson;
using testing_calls::StateOf;

std::unique_ptr<ApiInstance> Vehicle(BfclProcess& process, std::string_view scenario_json = "{}",
                                     bool long_context = false) {
  auto api = MakeVehicleControlApi(process);
  api->LoadScenario(ScenarioFromJson(scenario_json), long_context);
  return api;
}

bool HaveLongContext() {
  if (std::filesystem::exists(DefaultLongContextPath())) return true;
  TOOLSHIFT_SKIP("skipped: " << DefaultLongContextPath() << " not found (it ships in ../shared beside the repository)");
  return false;
}

TEST_CASE("VehicleControlAPI: signatures in the doc file's order", "[bfcl][apis]") {
  BfclProcess process;
  auto api = Vehicle(process);
  CHECK(api->ClassName() == "VehicleControlAPI");
  std::vector<std::string> names;
  for (const MethodSig& m : api->Methods()) names.push_back(m.name);
  CHECK(names == std::vector<std::string>{"activateParkingBrake", "adjustClimateControl", "check_tire_pressure",
                                          "displayCarStatus", "display_log", "estimate_distance",
                                          "estimate_drive_feasibility_by_mileage", "fillFuelTank",
                                          "find_nearest_tire_shop", "gallon_to_liter", "get_current_speed",
                                          "get_outside_temperature_from_google",
                                          "get_outside_temperature_from_weather_com", "get_zipcode_based_on_city",
                                          "liter_to_gallon", "lockDoors", "pressBrakePedal", "releaseBrakePedal",
                                          "setCruiseControl", "setHeadlights", "set_navigation", "startEngine"});
  const MethodSig* climate = testing_calls::FindMethod(*api, "adjustClimateControl");
  REQUIRE(climate);
  REQUIRE(climate->params.size() == 4);
  CHECK(PyRepr(*climate->params[1].default_value) == "'celsius'");
  CHECK(PyRepr(*climate->params[2].default_value) == "50");
  CHECK(PyRepr(*climate->params[3].default_value) == "'auto'");
  CHECK(Exec(*api, "adjustClimateControl()") ==
        "Error during execution: VehicleControlAPI.adjustClimateControl() missing 1 required positional argument: "
        "'temperature'");
}

TEST_CASE("VehicleControlAPI: defaults and scenario loading", "[bfcl][apis]") {
  BfclProcess process;
  auto api = Vehicle(process);
  const PyDict state = api->PublicState();
  CHECK(PyJsonDumps(PyValue::Dict(state)) ==
        "{\"fuelLevel\": 0.0, \"batteryVoltage\": 12.6, \"engine_state\": \"stopped\", \"remainingUnlockedDoors\": 4, "
        "\"doorStatus\": {\"driver\": \"unlocked\", \"passenger\": \"unlocked\", \"rear_left\": \"unlocked\", "
        "\"rear_right\": \"unlocked\"}, \"acTemperature\": 25.0, \"fanSpeed\": 50, \"acMode\": \"auto\", "
        "\"humidityLevel\": 50.0, \"headLightStatus\": \"off\", \"parkingBrakeStatus\": \"released\", "
        "\"brakePedalStatus\": \"released\", \"distanceToNextVehicle\": 50.0, \"cruiseStatus\": \"inactive\", "
        "\"destination\": \"None\", \"frontLeftTirePressure\": 32.0, \"frontRightTirePressure\": 32.0, "
        "\"rearLeftTirePressure\": 30.0, \"rearRightTirePressure\": 30.0, \"long_context\": false}");

  // engineState, parkingBrakeForce, slopeAngle and brakePedalForce are renamed; the unlocked
  // door count is recomputed from doorStatus whatever the scenario says.
  auto loaded = Vehicle(process,
                        R"({"engineState": "running", "remainingUnlockedDoors": 0, "fuelLevel": 10,
                            "doorStatus": {"driver": "locked", "passenger": "unlocked", "rear_left": "locked",
                                           "rear_right": "locked"},
                            "parkingBrakeForce": 250.0, "slopeAngle": 5.0, "brakePedalForce": 1000.0,
                            "brakePedalStatus": "pressed", "unknownKey": 1})");
  CHECK(StateOf(*loaded, "engine_state") == "\"running\"");
  CHECK(StateOf(*loaded, "remainingUnlockedDoors") == "1");
  CHECK(StateOf(*loaded, "fuelLevel") == "10");
  CHECK(StateOf(*loaded, "unknownKey") == "(absent)");
  CHECK(StateOf(*loaded, "brakePedalForce") == "(absent)");  // private: _brakePedalForce
  CHECK(Exec(*loaded, "displayCarStatus(option='parkingBrake')") ==
        "{\"parkingBrakeStatus\": \"released\", \"parkingBrakeForce\": 250.0, \"slopeAngle\": 5.0}");
  CHECK(Exec(*loaded, "displayCarStatus('brakePedal')") ==
        "{\"brakePedalStatus\": \"pressed\", \"brakePedalForce\": 1000.0}");
}

TEST_CASE("VehicleControlAPI: startEngine checks in order", "[bfcl][apis]") {
  BfclProcess process;
  auto api = Vehicle(process);
  CHECK(Exec(*api, "startEngine(ignitionMode='START')") ==
        "{\"error\": \"All doors must be locked before starting the engine. Here are the unlocked doors: driver, "
        "passenger, rear_left, rear_right\"}");
  CHECK(Exec(*api, "lockDoors(unlock=False, door=['driver', 'passenger'])") ==
        "{\"lockStatus\": \"locked\", \"remainingUnlockedDoors\": 2}");
  CHECK(Exec(*api, "startEngine('START')") ==
        "{\"error\": \"All doors must be locked before starting the engine. Here are the unlocked doors: rear_left, "
        "rear_right\"}");
  // Doors already in the target state are skipped: the counter does not move for them.
  CHECK(Exec(*api, "lockDoors(False, ['driver', 'rear_left', 'rear_right'])") ==
        "{\"lockStatus\": \"locked\", \"remainingUnlockedDoors\": 0}");
  CHECK(Exec(*api, "startEngine('START')") ==
        "{\"error\": \"Brake pedal needs to be pressed when starting the engine.\"}");
  CHECK(Exec(*api, "pressBrakePedal(pedalPosition=0.5)") ==
        "{\"brakePedalStatus\": \"pressed\", \"brakePedalForce\": 500.0}");
  CHECK(Exec(*api, "startEngine('START')") ==
        "{\"error\": \"Must press the brake fully before starting the engine.\"}");
  CHECK(Exec(*api, "pressBrakePedal(1.0)") == "{\"brakePedalStatus\": \"pressed\", \"brakePedalForce\": 1000.0}");
  CHECK(Exec(*api, "startEngine('IGNITE')") == "{\"error\": \"Invalid ignition mode.\"}");
  CHECK(Exec(*api, "startEngine('START')") ==
        "{\"engineState\": \"running\", \"fuelLevel\": 0.0, \"batteryVoltage\": 12.6}");
  CHECK(StateOf(*api, "engine_state") == "\"running\"");
  // STOP stops the engine before the checks, then is refused as an ignition mode.
  CHECK(Exec(*api, "startEngine('STOP')") == "{\"error\": \"Invalid ignition mode.\"}");
  CHECK(StateOf(*api, "engine_state") == "\"stopped\"");
  CHECK(Exec(*api, "lockDoors(unlock=True, door=['driver'])") ==
        "{\"lockStatus\": \"unlocked\", \"remainingUnlockedDoors\": 1}");
  CHECK(Exec(*api, "startEngine('STOP')") ==
        "{\"error\": \"All doors must be locked before starting the engine. Here are the unlocked doors: driver\"}");

  auto empty = Vehicle(process,
                       R"({"fuelLevel": -1, "brakePedalStatus": "pressed", "brakePedalForce": 1000,
                           "doorStatus": {"driver": "locked", "passenger": "locked", "rear_left": "locked",
                                          "rear_right": "locked"}})");
  CHECK(Exec(*empty, "startEngine('START')") == "{\"error\": \"Fuel tank is empty.\"}");
}

TEST_CASE("VehicleControlAPI: brake pedal positions and forces", "[bfcl][apis]") {
  BfclProcess process;
  auto api = Vehicle(process, R"({"doorStatus": {"driver": "locked", "passenger": "locked", "rear_left": "locked",
                                                 "rear_right": "locked"}})");
  CHECK(Exec(*api, "pressBrakePedal(1.5)") == "{\"error\": \"Pedal position must be between 0 and 1.\"}");
  CHECK(Exec(*api, "pressBrakePedal(-0.1)") == "{\"error\": \"Pedal position must be between 0 and 1.\"}");
  CHECK(Exec(*api, "pressBrakePedal('1')") ==
        "Error during execution: '<=' not supported between instances of 'int' and 'str'");
  // An int position keeps an int force (1000), which equals 1000.0 for startEngine.
  CHECK(Exec(*api, "pressBrakePedal(1)") == "{\"brakePedalStatus\": \"pressed\", \"brakePedalForce\": 1000.0}");
  CHECK(Exec(*api, "displayCarStatus('brakePedal')") ==
        "{\"brakePedalStatus\": \"pressed\", \"brakePedalForce\": 1000}");
  CHECK(Exec(*api, "startEngine('START')") ==
        "{\"engineState\": \"running\", \"fuelLevel\": 0.0, \"batteryVoltage\": 12.6}");
  CHECK(Exec(*api, "pressBrakePedal(0)") == "{\"brakePedalStatus\": \"released\", \"brakePedalForce\": 0.0}");
  CHECK(StateOf(*api, "brakePedalStatus") == "\"released\"");
  CHECK(Exec(*api, "pressBrakePedal(0.3)") ==
        "{\"brakePedalStatus\": \"pressed\", \"brakePedalForce\": 300.0}");
  CHECK(Exec(*api, "releaseBrakePedal()") == "{\"brakePedalStatus\": \"released\", \"brakePedalForce\": 0.0}");
  CHECK(Exec(*api, "displayCarStatus('brakePedal')") ==
        "{\"brakePedalStatus\": \"released\", \"brakePedalForce\": 0.0}");
}

TEST_CASE("VehicleControlAPI: fuel", "[bfcl][apis]") {
  BfclProcess process;
  auto api = Vehicle(process, R"({"fuelLevel": 10})");
  CHECK(Exec(*api, "fillFuelTank(fuelAmount=5)") == "{\"fuelLevel\": 15}");  // int + int stays an int
  CHECK(Exec(*api, "fillFuelTank(2.5)") == "{\"fuelLevel\": 17.5}");
  CHECK(Exec(*api, "fillFuelTank(-1)") == "{\"error\": \"Fuel amount cannot be negative.\"}");
  CHECK(Exec(*api, "fillFuelTank(33)") == "{\"error\": \"Cannot fill gas above the tank capacity.\"}");
  CHECK(Exec(*api, "fillFuelTank(32.5)") == "{\"fuelLevel\": 50.0}");
  CHECK(Exec(*api, "fillFuelTank('5')") ==
        "Error during execution: '<' not supported between instances of 'str' and 'int'");
  CHECK(StateOf(*api, "fuelLevel") == "50.0");
  CHECK(Exec(*api, "displayCarStatus('fuel')") == "{\"fuelLevel\": 50.0}");

  auto negative = Vehicle(process, R"({"fuelLevel": -5.0})");
  CHECK(Exec(*negative, "fillFuelTank(2.0)") == "{\"error\": \"Fuel tank is empty. Min fuel level is 0 gallons.\"}");

  auto ten = Vehicle(process, R"({"fuelLevel": 10.0})");
  CHECK(Exec(*ten, "estimate_drive_feasibility_by_mileage(distance=200)") == "{\"canDrive\": true}");
  CHECK(Exec(*ten, "estimate_drive_feasibility_by_mileage(200.5)") == "{\"canDrive\": false}");
  CHECK(Exec(*ten, "liter_to_gallon(liter=10)") == "{\"gallon\": 2.6417200000000003}");
  CHECK(Exec(*ten, "gallon_to_liter(gallon=2.5)") == "{\"liter\": 9.463525}");
  CHECK(Exec(*ten, "gallon_to_liter(10)") == "{\"liter\": 37.8541}");
  CHECK(Exec(*ten, "liter_to_gallon('10')") ==
        "Error during execution: can't multiply sequence by non-int of type 'float'");
}

TEST_CASE("VehicleControlAPI: doors", "[bfcl][apis]") {
  BfclProcess process;
  auto api = Vehicle(process);
  // An unknown door raises KeyError after the doors before it changed.
  CHECK(Exec(*api, "lockDoors(unlock=False, door=['rear_left', 'trunk', 'driver'])") ==
        "Error during execution: 'trunk'");
  CHECK(StateOf(*api, "doorStatus") ==
        "{\"driver\": \"unlocked\", \"passenger\": \"unlocked\", \"rear_left\": \"locked\", \"rear_right\": "
        "\"unlocked\"}");
  CHECK(StateOf(*api, "remainingUnlockedDoors") == "3");
  // A str is iterated character by character.
  CHECK(Exec(*api, "lockDoors(False, 'driver')") == "Error during execution: 'd'");
  CHECK(Exec(*api, "lockDoors(0, [])") == "{\"lockStatus\": \"locked\", \"remainingUnlockedDoors\": 3}");
  CHECK(Exec(*api, "lockDoors(True, ['rear_left', 'rear_left'])") ==
        "{\"lockStatus\": \"unlocked\", \"remainingUnlockedDoors\": 4}");
  CHECK(Exec(*api, "lockDoors(True, 5)") == "Error during execution: 'int' object is not iterable");
  CHECK(Exec(*api, "displayCarStatus('doors')") ==
        "{\"doorStatus\": {\"driver\": \"unlocked\", \"passenger\": \"unlocked\", \"rear_left\": \"unlocked\", "
        "\"rear_right\": \"unlocked\"}}");
}

TEST_CASE("VehicleControlAPI: climate control", "[bfcl][apis]") {
  BfclProcess process;
  auto api = Vehicle(process);
  CHECK(Exec(*api, "adjustClimateControl(temperature=68, unit='fahrenheit', fanSpeed=30, mode='cool')") ==
        "{\"currentACTemperature\": 68, \"climateMode\": \"cool\", \"humidityLevel\": 50.0}");
  CHECK(StateOf(*api, "acTemperature") == "20.0");
  CHECK(StateOf(*api, "fanSpeed") == "30");
  CHECK(Exec(*api, "adjustClimateControl(70.5, 'fahrenheit')") ==
        "{\"currentACTemperature\": 70.5, \"climateMode\": \"auto\", \"humidityLevel\": 50.0}");
  CHECK(StateOf(*api, "acTemperature") == "21.38888888888889");
  CHECK(StateOf(*api, "fanSpeed") == "50");  // the default is applied
  CHECK(Exec(*api, "adjustClimateControl(22, fanSpeed=101)") == "{\"error\": \"Fan speed must be between 0 and 100.\"}");
  CHECK(Exec(*api, "adjustClimateControl(22, fanSpeed=-1)") == "{\"error\": \"Fan speed must be between 0 and 100.\"}");
  CHECK(StateOf(*api, "acTemperature") == "21.38888888888889");  // nothing changed
  // Neither unit nor mode is checked.
  CHECK(Exec(*api, "adjustClimateControl(25, unit='kelvin', mode='turbo')") ==
        "{\"currentACTemperature\": 25, \"climateMode\": \"turbo\", \"humidityLevel\": 50.0}");
  CHECK(StateOf(*api, "acTemperature") == "25");
  // The temperature is stored before the conversion raises.
  CHECK(Exec(*api, "adjustClimateControl('hot', 'fahrenheit')") ==
        "Error during execution: unsupported operand type(s) for -: 'str' and 'int'");
  CHECK(StateOf(*api, "acTemperature") == "\"hot\"");
  CHECK(Exec(*api, "displayCarStatus(option='climate')") ==
        "{\"currentACTemperature\": \"hot\", \"fanSpeed\": 50, \"climateMode\": \"turbo\", \"humidityLevel\": 50.0}");
}

TEST_CASE("VehicleControlAPI: random draws follow CPython's Random(141053)", "[bfcl][apis]") {
  BfclProcess process;
  auto api = Vehicle(process);
  CHECK(Exec(*api, "get_current_speed()") == "{\"currentSpeed\": 111.92365689097284}");
  CHECK(Exec(*api, "get_current_speed()") == "{\"currentSpeed\": 99.11925428879405}");
  auto weather = Vehicle(process);
  CHECK(Exec(*weather, "get_outside_temperature_from_google()") == "{\"outsideTemperature\": 36.63485703790535}");
  // One RNG for both functions: the second draw is the same random() whichever asks.
  CHECK(Exec(*weather, "get_current_speed()") == "{\"currentSpeed\": 99.11925428879405}");
  auto third = Vehicle(process);
  CHECK(Exec(*third, "get_current_speed()") == "{\"currentSpeed\": 111.92365689097284}");
  CHECK(Exec(*third, "get_outside_temperature_from_google()") == "{\"outsideTemperature\": 31.29968928699752}");
  CHECK(Exec(*third, "get_outside_temperature_from_weather_com()") == "{\"error\": 404}");
}

TEST_CASE("VehicleControlAPI: lights, parking brake, status", "[bfcl][apis]") {
  BfclProcess process;
  auto api = Vehicle(process);
  CHECK(Exec(*api, "setHeadlights(mode='on')") == "{\"headlightStatus\": \"on\"}");
  CHECK(StateOf(*api, "headLightStatus") == "\"on\"");
  CHECK(Exec(*api, "setHeadlights('auto')") == "{\"headlightStatus\": \"off\"}");
  CHECK(StateOf(*api, "headLightStatus") == "\"off\"");
  CHECK(Exec(*api, "setHeadlights('blink')") == "{\"error\": \"Invalid headlight mode.\"}");
  CHECK(Exec(*api, "displayCarStatus('headlights')") == "{\"headlightStatus\": \"off\"}");

  CHECK(Exec(*api, "activateParkingBrake(mode='engage')") ==
        "{\"parkingBrakeStatus\": \"engaged\", \"_parkingBrakeForce\": 500.0, \"_slopeAngle\": 10.0}");
  CHECK(StateOf(*api, "parkingBrakeStatus") == "\"engaged\"");
  CHECK(Exec(*api, "activateParkingBrake('release')") ==
        "{\"parkingBrakeStatus\": \"released\", \"_parkingBrakeForce\": 0.0, \"_slopeAngle\": 10.0}");
  CHECK(Exec(*api, "displayCarStatus('parkingBrake')") ==
        "{\"parkingBrakeStatus\": \"released\", \"parkingBrakeForce\": 0.0, \"slopeAngle\": 10.0}");
  CHECK(Exec(*api, "activateParkingBrake('hold')") == "{\"error\": \"Invalid mode\"}");

  CHECK(Exec(*api, "displayCarStatus('battery')") == "{\"batteryVoltage\": 12.6}");
  CHECK(Exec(*api, "displayCarStatus('engine')") == "{\"engineState\": \"stopped\"}");
  CHECK(Exec(*api, "displayCarStatus('brakePadle')") == "{\"error\": \"Invalid option\"}");
  CHECK(Exec(*api, "display_log(messages=['a', 'b'])") == "{\"log\": [\"a\", \"b\"]}");
  CHECK(Exec(*api, "find_nearest_tire_shop()") == "{\"shopLocation\": \"456 Oakwood Avenue, Rivermist, 83214\"}");
}

TEST_CASE("VehicleControlAPI: cruise control", "[bfcl][apis]") {
  BfclProcess process;
  auto stopped = Vehicle(process);
  CHECK(Exec(*stopped, "setCruiseControl(speed=65, activate=True, distanceToNextVehicle=100)") ==
        "{\"error\": \"Start the engine before activating the cruise control.\"}");
  // float() of both arguments comes first, the distance's before the speed's.
  CHECK(Exec(*stopped, "setCruiseControl('fast', True, 'near')") ==
        "Error during execution: could not convert string to float: 'near'");
  CHECK(Exec(*stopped, "setCruiseControl('fast', True, 100)") ==
        "Error during execution: could not convert string to float: 'fast'");

  auto api = Vehicle(process, R"({"engineState": "running"})");
  CHECK(Exec(*api, "setCruiseControl(speed=65, activate=True, distanceToNextVehicle=100)") ==
        "{\"cruiseStatus\": \"active\", \"currentSpeed\": 65.0, \"distanceToNextVehicle\": 100.0}");
  CHECK(StateOf(*api, "cruiseStatus") == "\"active\"");
  CHECK(StateOf(*api, "distanceToNextVehicle") == "100.0");
  // A refused speed leaves the distance already changed.
  CHECK(Exec(*api, "setCruiseControl(63, True, 80.5)") == "{\"error\": \"Invalid speed\"}");
  CHECK(StateOf(*api, "distanceToNextVehicle") == "80.5");
  CHECK(Exec(*api, "setCruiseControl(125, True, 80)") == "{\"error\": \"Invalid speed\"}");
  CHECK(Exec(*api, "setCruiseControl(-5, True, 80)") == "{\"error\": \"Invalid speed\"}");
  CHECK(Exec(*api, "setCruiseControl('120', 1, '60')") ==
        "{\"cruiseStatus\": \"active\", \"currentSpeed\": 120.0, \"distanceToNextVehicle\": 60.0}");
  // Deactivating checks no speed.
  CHECK(Exec(*api, "setCruiseControl(63, False, 40)") ==
        "{\"cruiseStatus\": \"inactive\", \"currentSpeed\": 63.0, \"distanceToNextVehicle\": 40.0}");
  CHECK(StateOf(*api, "cruiseStatus") == "\"inactive\"");
  CHECK(StateOf(*api, "distanceToNextVehicle") == "40.0");
}

TEST_CASE("VehicleControlAPI: navigation, distances, tyres", "[bfcl][apis]") {
  BfclProcess process;
  auto api = Vehicle(process);
  CHECK(Exec(*api, "get_zipcode_based_on_city(city='Rivermist')") == "{\"zipcode\": \"83214\"}");
  CHECK(Exec(*api, "get_zipcode_based_on_city('San Francisco')") == "{\"zipcode\": \"94016\"}");
  CHECK(Exec(*api, "get_zipcode_based_on_city('Atlantis')") == "{\"zipcode\": \"00000\"}");
  CHECK(Exec(*api, "estimate_distance(cityA='83214', cityB='74532')") == "{\"distance\": 750.0}");
  CHECK(Exec(*api, "estimate_distance('74532', '83214')") == "{\"distance\": 750.0}");
  CHECK(Exec(*api, "estimate_distance('08540', '94704')") == "{\"distance\": 2550.0}");
  CHECK(Exec(*api, "estimate_distance('62947', '47329')") == "{\"distance\": 1053.0}");
  CHECK(Exec(*api, "estimate_distance('83214', 74532)") == "{\"error\": \"distance not found in database.\"}");

  CHECK(Exec(*api, "set_navigation(destination='123 Main St, Rivermist, CA')") ==
        "{\"status\": \"Navigating to 123 Main St, Rivermist, CA\"}");
  CHECK(StateOf(*api, "destination") == "\"123 Main St, Rivermist, CA\"");
  // Stored, then the concatenation raises.
  CHECK(Exec(*api, "set_navigation(5)") ==
        "Error during execution: can only concatenate str (not \"int\") to str");
  CHECK(StateOf(*api, "destination") == "5");

  CHECK(Exec(*api, "check_tire_pressure()") ==
        "{\"frontLeftTirePressure\": 32.0, \"frontRightTirePressure\": 32.0, \"rearLeftTirePressure\": 30.0, "
        "\"rearRightTirePressure\": 30.0, \"healthy_tire_pressure\": true, \"car_info\": {}}");
  auto low = Vehicle(process, R"({"frontLeftTirePressure": 28, "frontRightTirePressure": 28,
                                  "rearLeftTirePressure": 31.5, "rearRightTirePressure": 32})");
  CHECK(Exec(*low, "check_tire_pressure()") ==
        "{\"frontLeftTirePressure\": 28, \"frontRightTirePressure\": 28, \"rearLeftTirePressure\": 31.5, "
        "\"rearRightTirePressure\": 32, \"healthy_tire_pressure\": false, \"car_info\": {}}");
  auto exact = Vehicle(process, R"({"frontLeftTirePressure": 35, "frontRightTirePressure": 35,
                                    "rearLeftTirePressure": 35, "rearRightTirePressure": 35})");
  CHECK(Exec(*exact, "check_tire_pressure()").find("\"healthy_tire_pressure\": true") != std::string::npos);
}

TEST_CASE("VehicleControlAPI: long-context variants", "[bfcl][apis]") {
  if (!HaveLongContext()) return;
  BfclProcess process;
  auto api = Vehicle(process, "{}", /*long_context=*/true);
  CHECK(StateOf(*api, "long_context") == "true");
  const std::string metadata = PyJsonDumps(LongContextConstant(process, "CAR_STATUS_METADATA_EXTENSION")).value();
  const std::string instruction = PyJsonDumps(LongContextConstant(process, "PARKING_BRAKE_INSTRUCTION")).value();
  const std::string cities = PyJsonDumps(LongContextConstant(process, "INTERMEDIARY_CITIES")).value();

  CHECK(Exec(*api, "displayCarStatus('fuel')") == "{\"metadata\": " + metadata + ", \"fuelLevel\": 0.0}");
  CHECK(Exec(*api, "displayCarStatus('wipers')") == "{\"metadata\": " + metadata + ", \"error\": \"Invalid option\"}");
  CHECK(Exec(*api, "activateParkingBrake('engage')") ==
        "{\"parkingBrakeInstruction\": " + instruction +
            ", \"parkingBrakeStatus\": \"engaged\", \"_parkingBrakeForce\": 500.0, \"_slopeAngle\": 10.0}");
  CHECK(Exec(*api, "activateParkingBrake('bad')") == "{\"error\": \"Invalid mode\"}");
  CHECK(Exec(*api, "estimate_distance('83214', '74532')") ==
        "{\"distance\": 750.0, \"intermediaryCities\": " + cities + "}");
  CHECK(Exec(*api, "estimate_distance('1', '2')") ==
        "{\"error\": \"distance not found in database.\", \"intermediaryCities\": " + cities + "}");
  CHECK(Exec(*api, "check_tire_pressure()").ends_with("\"car_info\": " + metadata + "}"));

  // The weather: the whole shared dict with the draw under "outsideTemperature", added last.
  PyValue weather = LongContextConstant(process, "LONG_WEATHER_EXTENSION");
  REQUIRE(weather.is_dict());
  CHECK_FALSE(weather.as_dict().Contains(PyValue::Str("outsideTemperature")));
  weather.as_dict().Set("outsideTemperature", PyValue::Float(36.63485703790535));
  CHECK(Exec(*api, "get_outside_temperature_from_google()") == PyJsonDumps(weather).value());
  // A second instance of the same process writes into the same dict: the key keeps its place.
  auto other = Vehicle(process, "{}", true);
  CHECK(Exec(*other, "get_current_speed()") == "{\"currentSpeed\": 111.92365689097284}");
  weather.as_dict().Set("outsideTemperature", PyValue::Float(31.29968928699752));
  CHECK(Exec(*other, "get_outside_temperature_from_google()") == PyJsonDumps(weather).value());
}

}  // namespace
}  // namespace toolshift::bfcl
