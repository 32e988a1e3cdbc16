// Environment: a simulated, stateful tool set for multi-step episodes.
//
// An environment is behaviour without state: its state is a JSON value the caller owns
// (the episode's initial state, copied per run), so one immutable instance serves every
// thread. Execute() validates a call against the tool's schema the way a strict API would
// (unknown or missing arguments, wrong types), applies it, and returns the observation the
// model is shown: the result object, or {"error": "..."} with a message a real service
// would give ("insufficient funds in ACC-1001: balance 20.00, asked 50.00"). It is
// deterministic: the same calls on the same state give the same results and state.
//
// The state is also what success is judged on (src/scoring/trajectory_scorer.h).
#ifndef TOOLSHIFT_ENVS_ENVIRONMENT_H_
#define TOOLSHIFT_ENVS_ENVIRONMENT_H_

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "src/core/json.h"
#include "src/core/tool.h"

namespace toolshift {

class Environment {
 public:
  // A tool's behaviour: reads the validated arguments, may change the state, returns the
  // result or throws ToolError for a call the service refuses.
  using Handler = std::function<Json(const Json& args, Json& state)>;
  struct EnvTool {
    Tool tool;
    bool mutates = false;  // changes the state (a plan's mutating calls are required calls)
    Handler handler;
  };

  Environment(std::string name, std::string description, std::vector<EnvTool> tools);

  const std::string& name() const { return name_; }
  const std::string& description() const { return description_; }
  const std::vector<EnvTool>& tools() const { return tools_; }
  const EnvTool* Find(std::string_view tool) const;

  // Runs one call (environment names) against `state`; never throws for a bad call. Throws
  // StateError when `state` has a shape the tool cannot read (a suite error).
  Json Execute(const ToolCall& call, Json& state) const;

 private:
  std::string name_;
  std::string description_;
  std::vector<EnvTool> tools_;
};

// Thrown by handlers: the service refuses the call; the message becomes {"error": message}.
class ToolError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Thrown by Execute for a state of the wrong shape: the suite's fault, never the model's.
class StateError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// The refusal a strict API gives for arguments that do not fit `tool`'s schema (unknown or
// missing arguments, wrong types, values outside an enum); empty if they fit.
std::string SchemaViolation(const Tool& tool, const Json& args);

// True for {"error": ...} observations.
bool IsErrorObservation(const Json& observation);

// The environment registered under `name`, or nullptr. Immutable shared instances.
const Environment* FindEnvironment(std::string_view name);
// Every environment name, in-distribution and held-out.
std::vector<std::string> EnvironmentNames();

// Builders of the environments (one file each), used by the registry.
Environment MakeFilesEnvironment();
Environment MakeBankEnvironment();
Environment MakeCalendarEnvironment();
Environment MakeShopEnvironment();
Environment MakeMessagingEnvironment();
Environment MakeTravelEnvironment();
Environment MakeLibraryEnvironment();   // held out of in-distribution suites
Environment MakeHelpdeskEnvironment();  // held out of in-distribution suites

// Helpers for environment definitions.
namespace env {
// A JSON-Schema object of `properties` with `required` names.
Json Params(Json properties, std::vector<std::string> required);
Json Str(std::string description);
Json Num(std::string description);
Json Int(std::string description);
Json Enum(std::string description, std::vector<std::string> values);
// The entity `id` of collection `key` in `state`, or ToolError "unknown <what> '<id>'".
Json& Entity(Json& state, const char* key, const std::string& id, const char* what);
// "<prefix>-<n>" from the counter state[counter], which it increments.
std::string NextId(Json& state, const char* counter, const char* prefix);
// ASCII lower case, for the case-insensitive searches services offer.
std::string Lower(std::string text);
// Money as shown to users: two decimals.
std::string Money(double amount);
}  // namespace env

}  // namespace toolshift

#endif  // TOOLSHIFT_ENVS_ENVIRONMENT_H_
