// The registry of BFCL's eight multi-turn API classes behind ApiClasses(), FindApiClass() and
// MakeApi() (api.h), in BFCL's order (MULTI_TURN_FUNC_DOC_FILE_MAPPING). A class whose
// implementation is not linked in yet has no factory: it imports (its doc file is known) but
// cannot be run.
#include "src/interop/bfcl/apis/api.h"

namespace toolshift::bfcl {

const std::vector<ApiClassInfo>& ApiClasses() {
  static const std::vector<ApiClassInfo> kClasses = {
      {"GorillaFileSystem", "gorilla_file_system", MakeGorillaFileSystem},
      {"MathAPI", "math_api", MakeMathApi},
      {"MessageAPI", "message_api", MakeMessageApi},
      {"TwitterAPI", "posting_api", MakeTwitterApi},
      {"TicketAPI", "ticket_api", MakeTicketApi},
      {"TradingBot", "trading_bot", MakeTradingBot},
      {"TravelAPI", "travel_booking", MakeTravelApi},
      {"VehicleControlAPI", "vehicle_control", MakeVehicleControlApi},
  };
  return kClasses;
}

const ApiClassInfo* FindApiClass(std::string_view name) {
  for (const auto& c : ApiClasses()) {
    if (c.name == name) return &c;
  }
  return nullptr;
}

std::unique_ptr<ApiInstance> MakeApi(std::string_view name, BfclProcess& process) {
  const ApiClassInfo* c = FindApiClass(name);
  return c && c->make ? c->make(process) : nullptr;
}

}  // namespace toolshift::bfcl
