// VehicleControlAPI (BFCL's FSC/vehicle_control.py), as BEHAVIOUR.md §8 specifies it: a car
// whose engine, doors, climate, brakes, cruise control and navigation the model drives. Every
// attribute is kept as the PyValue Python would hold (an int fuel level stays an int, a
// string temperature is stored before the arithmetic on it raises), so results print and
// states compare exactly as BFCL's do.
#include <cmath>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "src/interop/bfcl/apis/api.h"
#include "src/interop/bfcl/apis/long_context.h"
#include "src/interop/bfcl/apis/py_num.h"
#include "src/interop/bfcl/apis/py_ops.h"
#include "src/interop/bfcl/py/py_random.h"

namespace toolshift::bfcl {

namespace {

PyValue S(std::string s) { return PyValue::Str(std::move(s)); }
PyValue F(double d) { return PyValue::Float(d); }
PyValue I(int64_t i) { return PyValue::Int(PyInt(i)); }
PyValue B(bool b) { return PyValue::Bool(b); }
bool Is(const PyValue& v, std::string_view s) { return v.is_str() && v.as_str() == s; }

// Python's (a <= x <= b): chained, so a failing first comparison skips the second.
bool Between(const PyValue& a, const PyValue& x, const PyValue& b) {
  return PyCompare(a, PyCmp::kLe, x) && PyCompare(x, PyCmp::kLe, b);
}

// The long-context dict LONG_WEATHER_EXTENSION, shared process-wide (§8 ⚠): the model's and
// the ground truth's instances write "outsideTemperature" into the same dict.
struct VehicleShared {
  bool loaded = false;
  PyDict weather;
};
constexpr const char* kSharedSlot = "VehicleControlAPI.LONG_WEATHER_EXTENSION";

constexpr double kMaxFuelLevel = 50;  // an int in BFCL: only compared with
constexpr double kMilePerGallon = 20.0;

class VehicleControlApi : public ApiInstance {
 public:
  explicit VehicleControlApi(BfclProcess& process) : process_(process) {}

  std::string_view ClassName() const override { return "VehicleControlAPI"; }
  void LoadScenario(const PyDict& scenario, bool long_context) override;
  const std::vector<MethodSig>& Methods() const override;
  PyValue Invoke(std::string_view method, std::vector<PyValue> args) override;
  PyDict PublicState() const override;

 private:
  using Args = const std::vector<PyValue>&;
  using Handler = PyValue (VehicleControlApi::*)(Args);
  struct Method {
    MethodSig sig;
    Handler fn;
  };
  static const std::vector<Method>& Table();

  PyRandom& Rng();
  const PyValue& Constant(const char* name) const { return LongContextConstant(process_, name); }

  PyValue ActivateParkingBrake(Args a);
  PyValue AdjustClimateControl(Args a);
  PyValue CheckTirePressure(Args a);
  PyValue DisplayCarStatus(Args a);
  PyValue DisplayLog(Args a);
  PyValue EstimateDistance(Args a);
  PyValue EstimateDriveFeasibility(Args a);
  PyValue FillFuelTank(Args a);
  PyValue FindNearestTireShop(Args a);
  PyValue GallonToLiter(Args a);
  PyValue GetCurrentSpeed(Args a);
  PyValue GetOutsideTemperatureFromGoogle(Args a);
  PyValue GetOutsideTemperatureFromWeatherCom(Args a);
  PyValue GetZipcodeBasedOnCity(Args a);
  PyValue LiterToGallon(Args a);
  PyValue LockDoors(Args a);
  PyValue PressBrakePedal(Args a);
  PyValue ReleaseBrakePedal(Args a);
  PyValue SetCruiseControl(Args a);
  PyValue SetHeadlights(Args a);
  PyValue SetNavigation(Args a);
  PyValue StartEngine(Args a);

  BfclProcess& process_;
  std::optional<PyRandom> random_;
  // Public attributes, in the order _load_scenario assigns them.
  PyValue fuel_level_, battery_voltage_, engine_state_, remaining_unlocked_doors_, door_status_;
  PyValue ac_temperature_, fan_speed_, ac_mode_, humidity_level_, head_light_status_;
  PyValue parking_brake_status_, brake_pedal_status_, distance_to_next_vehicle_, cruise_status_;
  PyValue destination_, front_left_tire_, front_right_tire_, rear_left_tire_, rear_right_tire_;
  PyValue long_context_ = PyValue::Bool(false);
  // Private attributes (never compared).
  PyValue parking_brake_force_, slope_angle_, brake_pedal_force_;
};

const std::vector<VehicleControlApi::Method>& VehicleControlApi::Table() {
  using V = VehicleControlApi;
  auto req = [](const char* n) { return Param{n, std::nullopt}; };
  static const std::vector<Method> table = {
      {{"activateParkingBrake", {req("mode")}}, &V::ActivateParkingBrake},
      {{"adjustClimateControl",
        {req("temperature"), Param{"unit", S("celsius")}, Param{"fanSpeed", I(50)}, Param{"mode", S("auto")}}},
       &V::AdjustClimateControl},
      {{"check_tire_pressure", {}}, &V::CheckTirePressure},
      {{"displayCarStatus", {req("option")}}, &V::DisplayCarStatus},
      {{"display_log", {req("messages")}}, &V::DisplayLog},
      {{"estimate_distance", {req("cityA"), req("cityB")}}, &V::EstimateDistance},
      {{"estimate_drive_feasibility_by_mileage", {req("distance")}}, &V::EstimateDriveFeasibility},
      {{"fillFuelTank", {req("fuelAmount")}}, &V::FillFuelTank},
      {{"find_nearest_tire_shop", {}}, &V::FindNearestTireShop},
      {{"gallon_to_liter", {req("gallon")}}, &V::GallonToLiter},
      {{"get_current_speed", {}}, &V::GetCurrentSpeed},
      {{"get_outside_temperature_from_google", {}}, &V::GetOutsideTemperatureFromGoogle},
      {{"get_outside_temperature_from_weather_com", {}}, &V::GetOutsideTemperatureFromWeatherCom},
      {{"get_zipcode_based_on_city", {req("city")}}, &V::GetZipcodeBasedOnCity},
      {{"liter_to_gallon", {req("liter")}}, &V::LiterToGallon},
      {{"lockDoors", {req("unlock"), req("door")}}, &V::LockDoors},
      {{"pressBrakePedal", {req("pedalPosition")}}, &V::PressBrakePedal},
      {{"releaseBrakePedal", {}}, &V::ReleaseBrakePedal},
      {{"setCruiseControl", {req("speed"), req("activate"), req("distanceToNextVehicle")}}, &V::SetCruiseControl},
      {{"setHeadlights", {req("mode")}}, &V::SetHeadlights},
      {{"set_navigation", {req("destination")}}, &V::SetNavigation},
      {{"startEngine", {req("ignitionMode")}}, &V::StartEngine},
  };
  return table;
}

const std::vector<MethodSig>& VehicleControlApi::Methods() const {
  static const std::vector<MethodSig> sigs = [] {
    std::vector<MethodSig> out;
    for (const Method& m : Table()) out.push_back(m.sig);
    return out;
  }();
  return sigs;
}

PyValue VehicleControlApi::Invoke(std::string_view method, std::vector<PyValue> args) {
  for (const Method& m : Table()) {
    if (m.sig.name != method) continue;
    if (args.size() != m.sig.params.size())
      throw std::invalid_argument("VehicleControlAPI." + m.sig.name + ": " + std::to_string(args.size()) +
                                  " arguments bound to " + std::to_string(m.sig.params.size()) + " parameters");
    return (this->*m.fn)(args);
  }
  throw PyException("AttributeError", "'VehicleControlAPI' object has no attribute '" + std::string(method) + "'");
}

PyRandom& VehicleControlApi::Rng() {
  // Python would fail on the missing attribute before _load_scenario; BFCL always loads first.
  if (!random_) throw PyException("AttributeError", "'VehicleControlAPI' object has no attribute '_random'");
  return *random_;
}

void VehicleControlApi::LoadScenario(const PyDict& scenario, bool long_context) {
  auto get = [&](std::string_view key, PyValue fallback) {
    const PyValue* v = scenario.Find(key);
    return v ? *v : std::move(fallback);
  };
  PyValue seed = get("random_seed", I(141053));
  if (!seed.is_int()) throw std::invalid_argument("VehicleControlAPI: random_seed must be an int, got " + PyRepr(seed));
  random_.emplace(seed.as_int());
  fuel_level_ = get("fuelLevel", F(0.0));
  battery_voltage_ = get("batteryVoltage", F(12.6));
  engine_state_ = get("engineState", S("stopped"));
  PyDict doors;
  for (const char* d : {"driver", "passenger", "rear_left", "rear_right"}) doors.Set(d, S("unlocked"));
  door_status_ = get("doorStatus", PyValue::Dict(doors));
  // Recomputed whatever the scenario says: 4 minus the locked doors.
  int64_t locked = 0;
  for (const PyValue& door : PyIterate(door_status_))
    if (Is(PySubscript(door_status_, door), "locked")) ++locked;
  remaining_unlocked_doors_ = I(4 - locked);
  ac_temperature_ = get("acTemperature", F(25.0));
  fan_speed_ = get("fanSpeed", I(50));
  ac_mode_ = get("acMode", S("auto"));
  humidity_level_ = get("humidityLevel", F(50.0));
  head_light_status_ = get("headLightStatus", S("off"));
  parking_brake_status_ = get("parkingBrakeStatus", S("released"));
  parking_brake_force_ = get("parkingBrakeForce", F(0.0));
  slope_angle_ = get("slopeAngle", F(0.0));
  brake_pedal_status_ = get("brakePedalStatus", S("released"));
  brake_pedal_force_ = get("brakePedalForce", F(0.0));
  distance_to_next_vehicle_ = get("distanceToNextVehicle", F(50.0));
  cruise_status_ = get("cruiseStatus", S("inactive"));
  destination_ = get("destination", S("None"));
  front_left_tire_ = get("frontLeftTirePressure", F(32.0));
  front_right_tire_ = get("frontRightTirePressure", F(32.0));
  rear_left_tire_ = get("rearLeftTirePressure", F(30.0));
  rear_right_tire_ = get("rearRightTirePressure", F(30.0));
  long_context_ = B(long_context);
}

PyDict VehicleControlApi::PublicState() const {
  PyDict s;
  s.Set("fuelLevel", fuel_level_);
  s.Set("batteryVoltage", battery_voltage_);
  s.Set("engine_state", engine_state_);
  s.Set("remainingUnlockedDoors", remaining_unlocked_doors_);
  s.Set("doorStatus", door_status_);
  s.Set("acTemperature", ac_temperature_);
  s.Set("fanSpeed", fan_speed_);
  s.Set("acMode", ac_mode_);
  s.Set("humidityLevel", humidity_level_);
  s.Set("headLightStatus", head_light_status_);
  s.Set("parkingBrakeStatus", parking_brake_status_);
  s.Set("brakePedalStatus", brake_pedal_status_);
  s.Set("distanceToNextVehicle", distance_to_next_vehicle_);
  s.Set("cruiseStatus", cruise_status_);
  s.Set("destination", destination_);
  s.Set("frontLeftTirePressure", front_left_tire_);
  s.Set("frontRightTirePressure", front_right_tire_);
  s.Set("rearLeftTirePressure", rear_left_tire_);
  s.Set("rearRightTirePressure", rear_right_tire_);
  s.Set("long_context", long_context_);
  return s;
}

PyValue VehicleControlApi::StartEngine(Args a) {
  const PyValue& mode = a[0];
  if (Is(mode, "STOP")) engine_state_ = S("stopped");  // before any check, as BFCL does
  if (PyCompare(remaining_unlocked_doors_, PyCmp::kGt, I(0))) {
    std::string unlocked;
    size_t joined = 0;
    for (const PyValue& door : PyIterate(door_status_)) {
      if (!Is(PySubscript(door_status_, door), "unlocked")) continue;
      if (!door.is_str())  // ", ".join() of a non-str
        throw PyException("TypeError", "sequence item " + std::to_string(joined) + ": expected str instance, " +
                                           door.TypeName() + " found");
      if (joined++ > 0) unlocked += ", ";
      unlocked += door.as_str();
    }
    return PyValue::Dict(
        {{S("error"), S("All doors must be locked before starting the engine. Here are the unlocked doors: " + unlocked)}});
  }
  if (!Is(brake_pedal_status_, "pressed"))
    return PyValue::Dict({{S("error"), S("Brake pedal needs to be pressed when starting the engine.")}});
  if (!PyEquals(brake_pedal_force_, F(1000.0)))
    return PyValue::Dict({{S("error"), S("Must press the brake fully before starting the engine.")}});
  if (PyCompare(fuel_level_, PyCmp::kLt, F(0.0))) return PyValue::Dict({{S("error"), S("Fuel tank is empty.")}});
  if (!Is(mode, "START")) return PyValue::Dict({{S("error"), S("Invalid ignition mode.")}});
  engine_state_ = S("running");
  return PyValue::Dict({{S("engineState"), engine_state_}, {S("fuelLevel"), fuel_level_}, {S("batteryVoltage"), battery_voltage_}});
}

PyValue VehicleControlApi::FillFuelTank(Args a) {
  const PyValue& amount = a[0];
  if (PyCompare(amount, PyCmp::kLt, I(0))) return PyValue::Dict({{S("error"), S("Fuel amount cannot be negative.")}});
  if (PyCompare(PyAdd(fuel_level_, amount), PyCmp::kGt, I(static_cast<int64_t>(kMaxFuelLevel))))
    return PyValue::Dict({{S("error"), S("Cannot fill gas above the tank capacity.")}});
  if (PyCompare(PyAdd(fuel_level_, amount), PyCmp::kLt, F(0.0)))
    return PyValue::Dict({{S("error"), S("Fuel tank is empty. Min fuel level is 0 gallons.")}});
  fuel_level_ = PyAdd(fuel_level_, amount, /*augmented=*/true);
  return PyValue::Dict({{S("fuelLevel"), fuel_level_}});
}

PyValue VehicleControlApi::LockDoors(Args a) {
  const bool unlock = a[0].Truthy();
  const char* target = unlock ? "unlocked" : "locked";
  for (const PyValue& d : PyIterate(a[1])) {
    if (Is(PySubscript(door_status_, d), target)) continue;  // KeyError for an unknown door
    door_status_.as_dict().Set(d, S(target));
    remaining_unlocked_doors_ = unlock ? PyAdd(remaining_unlocked_doors_, I(1), true)
                                       : PySub(remaining_unlocked_doors_, I(1), true);
  }
  return PyValue::Dict({{S("lockStatus"), S(target)}, {S("remainingUnlockedDoors"), remaining_unlocked_doors_}});
}

PyValue VehicleControlApi::AdjustClimateControl(Args a) {
  const PyValue& temperature = a[0];
  const PyValue& unit = a[1];
  const PyValue& fan_speed = a[2];
  const PyValue& mode = a[3];
  if (!Between(I(0), fan_speed, I(100)))
    return PyValue::Dict({{S("error"), S("Fan speed must be between 0 and 100.")}});
  ac_temperature_ = temperature;  // stored before the conversion, which may raise
  if (Is(unit, "fahrenheit")) ac_temperature_ = pynum::TrueDiv(PyMul(PySub(temperature, I(32)), I(5)), I(9));
  fan_speed_ = fan_speed;
  ac_mode_ = mode;
  return PyValue::Dict(
      {{S("currentACTemperature"), temperature}, {S("climateMode"), mode}, {S("humidityLevel"), humidity_level_}});
}

PyValue VehicleControlApi::GetOutsideTemperatureFromGoogle(Args) {
  if (long_context_.as_bool()) {
    auto& shared = process_.Slot<VehicleShared>(kSharedSlot);
    if (!shared.loaded) {
      shared.weather = Constant("LONG_WEATHER_EXTENSION").as_dict();
      shared.loaded = true;
    }
    shared.weather.Set("outsideTemperature", F(Rng().Uniform(-10.0, 40.0)));
    return PyValue::Dict(shared.weather);
  }
  return PyValue::Dict({{S("outsideTemperature"), F(Rng().Uniform(-10.0, 40.0))}});
}

PyValue VehicleControlApi::GetOutsideTemperatureFromWeatherCom(Args) {
  return PyValue::Dict({{S("error"), I(404)}});
}

PyValue VehicleControlApi::SetHeadlights(Args a) {
  const PyValue& mode = a[0];
  if (!Is(mode, "on") && !Is(mode, "off") && !Is(mode, "auto"))
    return PyValue::Dict({{S("error"), S("Invalid headlight mode.")}});
  head_light_status_ = S(Is(mode, "on") ? "on" : "off");
  return PyValue::Dict({{S("headlightStatus"), head_light_status_}});
}

PyValue VehicleControlApi::DisplayCarStatus(Args a) {
  const PyValue& option = a[0];
  PyDict status;
  if (long_context_.as_bool()) status.Set("metadata", Constant("CAR_STATUS_METADATA_EXTENSION"));
  if (Is(option, "fuel")) {
    status.Set("fuelLevel", fuel_level_);
  } else if (Is(option, "battery")) {
    status.Set("batteryVoltage", battery_voltage_);
  } else if (Is(option, "doors")) {
    status.Set("doorStatus", door_status_);
  } else if (Is(option, "climate")) {
    status.Set("currentACTemperature", ac_temperature_);
    status.Set("fanSpeed", fan_speed_);
    status.Set("climateMode", ac_mode_);
    status.Set("humidityLevel", humidity_level_);
  } else if (Is(option, "headlights")) {
    status.Set("headlightStatus", head_light_status_);
  } else if (Is(option, "parkingBrake")) {
    status.Set("parkingBrakeStatus", parking_brake_status_);
    status.Set("parkingBrakeForce", parking_brake_force_);
    status.Set("slopeAngle", slope_angle_);
  } else if (Is(option, "brakePedal")) {
    status.Set("brakePedalStatus", brake_pedal_status_);
    status.Set("brakePedalForce", brake_pedal_force_);
  } else if (Is(option, "engine")) {
    status.Set("engineState", engine_state_);
  } else {
    status.Set("error", S("Invalid option"));
  }
  return PyValue::Dict(std::move(status));
}

PyValue VehicleControlApi::ActivateParkingBrake(Args a) {
  const PyValue& mode = a[0];
  if (!Is(mode, "engage") && !Is(mode, "release")) return PyValue::Dict({{S("error"), S("Invalid mode")}});
  const bool engage = Is(mode, "engage");
  parking_brake_status_ = S(engage ? "engaged" : "released");
  parking_brake_force_ = F(engage ? 500.0 : 0.0);
  slope_angle_ = F(10.0);  // 10.0 on release too
  PyDict out;
  if (long_context_.as_bool()) out.Set("parkingBrakeInstruction", Constant("PARKING_BRAKE_INSTRUCTION"));
  out.Set("parkingBrakeStatus", parking_brake_status_);
  out.Set("_parkingBrakeForce", parking_brake_force_);
  out.Set("_slopeAngle", slope_angle_);
  return PyValue::Dict(std::move(out));
}

PyValue VehicleControlApi::PressBrakePedal(Args a) {
  const PyValue& position = a[0];
  if (!Between(I(0), position, I(1)))
    return PyValue::Dict({{S("error"), S("Pedal position must be between 0 and 1.")}});
  if (PyEquals(position, I(0))) {
    brake_pedal_status_ = S("released");
    brake_pedal_force_ = F(0.0);
    return PyValue::Dict({{S("brakePedalStatus"), S("released")}, {S("brakePedalForce"), F(0.0)}});
  }
  PyValue force = PyMul(position, I(1000));  // kept as computed: an int position gives an int
  brake_pedal_status_ = S("pressed");
  brake_pedal_force_ = force;
  return PyValue::Dict({{S("brakePedalStatus"), S("pressed")}, {S("brakePedalForce"), F(PyToFloat(force))}});
}

PyValue VehicleControlApi::ReleaseBrakePedal(Args) {
  brake_pedal_status_ = S("released");
  brake_pedal_force_ = F(0.0);
  return PyValue::Dict({{S("brakePedalStatus"), S("released")}, {S("brakePedalForce"), F(0.0)}});
}

PyValue VehicleControlApi::SetCruiseControl(Args a) {
  const double distance = PyToFloat(a[2]);  // distance first, then speed, as BFCL converts them
  const double speed = PyToFloat(a[0]);
  if (Is(engine_state_, "stopped"))
    return PyValue::Dict({{S("error"), S("Start the engine before activating the cruise control.")}});
  if (a[1].Truthy()) {
    distance_to_next_vehicle_ = F(distance);  // changed even when the speed is then refused
    // speed % 5 != 0 on a float in [0, 120] (the range is checked first): fmod agrees with
    // Python's % there; NaN fails every comparison but makes the remainder NaN, so it is refused.
    if (speed < 0 || speed > 120 || std::fmod(speed, 5.0) != 0) return PyValue::Dict({{S("error"), S("Invalid speed")}});
    cruise_status_ = S("active");
  } else {
    cruise_status_ = S("inactive");
    distance_to_next_vehicle_ = F(distance);
  }
  return PyValue::Dict(
      {{S("cruiseStatus"), cruise_status_}, {S("currentSpeed"), F(speed)}, {S("distanceToNextVehicle"), F(distance)}});
}

PyValue VehicleControlApi::GetCurrentSpeed(Args) {
  return PyValue::Dict({{S("currentSpeed"), F(Rng().Uniform(0.0, 120.0))}});
}

PyValue VehicleControlApi::DisplayLog(Args a) { return PyValue::Dict({{S("log"), a[0]}}); }

PyValue VehicleControlApi::EstimateDriveFeasibility(Args a) {
  const bool cannot = PyCompare(PyMul(fuel_level_, F(kMilePerGallon)), PyCmp::kLt, a[0]);
  return PyValue::Dict({{S("canDrive"), B(!cannot)}});
}

PyValue VehicleControlApi::LiterToGallon(Args a) { return PyValue::Dict({{S("gallon"), PyMul(a[0], F(0.264172))}}); }

PyValue VehicleControlApi::GallonToLiter(Args a) { return PyValue::Dict({{S("liter"), PyMul(a[0], F(3.78541))}}); }

PyValue VehicleControlApi::EstimateDistance(Args a) {
  struct Pair {
    const char* a;
    const char* b;
    double distance;
  };
  static const Pair kPairs[] = {
      {"83214", "74532", 750.0},  {"56108", "62947", 320.0},  {"71354", "83462", 450.0},
      {"47329", "52013", 290.0},  {"69238", "51479", 630.0},  {"94016", "83214", 980.0},
      {"94016", "94704", 600.0},  {"94704", "08540", 2550.0}, {"94016", "08540", 1950.0},
      {"62947", "47329", 1053.0}, {"94016", "62947", 780.0},  {"74532", "94016", 880.0},
  };
  PyDict out;
  for (const Pair& p : kPairs) {
    if ((Is(a[0], p.a) && Is(a[1], p.b)) || (Is(a[0], p.b) && Is(a[1], p.a))) {
      out.Set("distance", F(p.distance));
      break;
    }
  }
  if (out.empty()) out.Set("error", S("distance not found in database."));
  if (long_context_.as_bool()) out.Set("intermediaryCities", Constant("INTERMEDIARY_CITIES"));
  return PyValue::Dict(std::move(out));
}

PyValue VehicleControlApi::GetZipcodeBasedOnCity(Args a) {
  static const std::pair<const char*, const char*> kZips[] = {
      {"Rivermist", "83214"},   {"Stonebrook", "74532"},    {"Maplecrest", "56108"},  {"Silverpine", "62947"},
      {"Shadowridge", "71354"}, {"Sunset Valley", "83462"}, {"Oakendale", "47329"},   {"Willowbend", "52013"},
      {"Crescent Hollow", "69238"}, {"Autumnville", "51479"}, {"San Francisco", "94016"},
  };
  for (const auto& [city, zip] : kZips)
    if (Is(a[0], city)) return PyValue::Dict({{S("zipcode"), S(zip)}});
  return PyValue::Dict({{S("zipcode"), S("00000")}});
}

PyValue VehicleControlApi::SetNavigation(Args a) {
  destination_ = a[0];  // stored before the concatenation, which raises for a non-str
  return PyValue::Dict({{S("status"), PyAdd(S("Navigating to "), a[0])}});
}

PyValue VehicleControlApi::CheckTirePressure(Args) {
  PyValue sum = PyAdd(PyAdd(PyAdd(front_left_tire_, front_right_tire_), rear_left_tire_), rear_right_tire_);
  const bool healthy = Between(I(30), pynum::TrueDiv(sum, I(4)), I(35));
  PyDict out;
  out.Set("frontLeftTirePressure", front_left_tire_);
  out.Set("frontRightTirePressure", front_right_tire_);
  out.Set("rearLeftTirePressure", rear_left_tire_);
  out.Set("rearRightTirePressure", rear_right_tire_);
  out.Set("healthy_tire_pressure", B(healthy));
  out.Set("car_info", long_context_.as_bool() ? Constant("CAR_STATUS_METADATA_EXTENSION") : PyValue::Dict());
  return PyValue::Dict(std::move(out));
}

PyValue VehicleControlApi::FindNearestTireShop(Args) {
  return PyValue::Dict({{S("shopLocation"), S("456 Oakwood Avenue, Rivermist, 83214")}});
}

}  // namespace

std::unique_ptr<ApiInstance> MakeVehicleControlApi(BfclProcess& process) {
  return std::make_unique<VehicleControlApi>(process);
}

}  // namespace toolshift::bfcl
