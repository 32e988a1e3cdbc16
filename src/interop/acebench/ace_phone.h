// PhoneScene: ACEBench's English phone-platform scene (SPEC.md 7.1-7.5) — BaseApi, MessageApi,
// ReminderApi and FoodPlatform with their default state, messages and error texts — and its
// executor: one object per involved class, each loaded with its initial_config entry and then
// BaseApi's; a call runs on every involved object that has the method (keeping their copies of
// wifi/logged_in in sync) and reports the last one's result; an unknown function reports the
// previous result of the same message (or Python's unbound-local error for the first); bad
// arguments give "Error during execution: " + Python's TypeError text; results are rendered as
// ACEBench renders them (strings as they are unless they are JSON, dicts through JSON, other
// values as their str(), then JSON when that parses).
//
// Not yet here: the Travel scene, the Chinese scenes, and the episode loop that plays them
// (docs/acebench.md, "Not done yet").
#ifndef TOOLSHIFT_INTEROP_ACEBENCH_ACE_PHONE_H_
#define TOOLSHIFT_INTEROP_ACEBENCH_ACE_PHONE_H_

#include <memory>
#include <string>
#include <vector>

#include "src/core/json.h"
#include "src/interop/acebench/ace_decode.h"

namespace toolshift::acebench {

class PhoneObject;

class PhoneScene {
 public:
  // `involved` in the record's order (unknown class names are ignored, as a misspelt config is).
  PhoneScene(const std::vector<std::string>& involved, const Json& initial_config);
  ~PhoneScene();
  PhoneScene(const PhoneScene&) = delete;
  PhoneScene& operator=(const PhoneScene&) = delete;

  // Runs one agent message's calls; returns the execution message (one rendered result per call).
  Json Execute(const std::vector<AceCall>& calls);

  // The end state as ACEBench saves it: [{Class: {saved attributes}}] in involved order, after
  // a JSON round trip (integer keys become strings).
  Json Result() const;

 private:
  std::vector<std::unique_ptr<PhoneObject>> objects_;
};

}  // namespace toolshift::acebench

#endif  // TOOLSHIFT_INTEROP_ACEBENCH_ACE_PHONE_H_
