// PhoneScene: an ACEBench agent scene and its executor (SPEC.md 7.1-7.6, 7.8): the phone
// platform (BaseApi, MessageApi, ReminderApi, FoodPlatform with their default state, messages
// and error texts) and Travel (ace_travel.h), in English or Chinese (scenariosen/scenarioszh:
// the same numbers, Chinese texts, merchants and cities; the Chinese ReminderApi also has
// mark_as_notified and search_reminders, its FoodPlatform refuses an order equal to the balance).
// One object per involved class, each loaded with its initial_config entry and then BaseApi's;
// a call runs on every involved object that has the method (keeping their copies of
// wifi/logged_in in sync) and reports the last one's result; an unknown function reports the
// previous result of the same message (or Python's unbound-local error for the first); bad
// arguments give "Error during execution: " + Python's exception text; results are rendered as
// ACEBench renders them (strings as they are unless they are JSON, dicts through JSON, other
// values as their str(), then JSON when that parses).
//
// agent_multi_turn's executor differs (SPEC.md 6.2): ExecuteMultiTurn stops at the first call
// that raises (an unknown first function included) and reports ACEBench's character list.
#ifndef TOOLSHIFT_INTEROP_ACEBENCH_ACE_PHONE_H_
#define TOOLSHIFT_INTEROP_ACEBENCH_ACE_PHONE_H_

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "src/core/json.h"
#include "src/interop/acebench/ace_decode.h"

namespace toolshift::acebench {

class SceneObject;

class PhoneScene {
 public:
  // `involved` in the record's order (unknown class names are ignored, as a misspelt config is).
  PhoneScene(const std::vector<std::string>& involved, const Json& initial_config, bool chinese = false);
  ~PhoneScene();
  PhoneScene(const PhoneScene&) = delete;
  PhoneScene& operator=(const PhoneScene&) = delete;

  // Runs one agent message's calls; returns the execution message (one rendered result per call).
  Json Execute(const std::vector<AceCall>& calls);

  // agent_multi_turn's execution (SPEC.md 6.2): the calls run until one raises; then the
  // message is ACEBench's un-interpolated error text split into single characters, and
  // `raised` (if given) is set.
  Json ExecuteMultiTurn(const std::vector<AceCall>& calls, bool* raised = nullptr);

  // The end state as ACEBench saves it: [{Class: {saved attributes}}] in involved order, after
  // a JSON round trip (integer keys become strings).
  Json Result() const;

 private:
  // One call on every object that has its method, as ACEBench's executors loop: the last
  // object's rendered result, nullopt when none has it; a PyException propagates.
  std::optional<Json> RunCall(const AceCall& call);

  std::vector<std::unique_ptr<SceneObject>> objects_;
};

}  // namespace toolshift::acebench

#endif  // TOOLSHIFT_INTEROP_ACEBENCH_ACE_PHONE_H_
