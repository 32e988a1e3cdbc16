// BfclExecutor: BFCL's execute_multi_turn_func_call, for one side (the model's or the ground
// truth's) of one entry: the instances of the involved classes, and call strings run on them
// exactly as BFCL's eval() runs them.
//
// A call string goes through BFCL's steps in order (BEHAVIOUR.md §0.3, §10):
//   1. the instance name is put in front of every `identifier(` naming a tool method, by a
//      plain scan over the whole string — string literals included (BFCL's regex quirk);
//   2. the names kill, exit, quit, remove, unlink, popen, Popen, run are refused;
//   3. the string is parsed as a Python call (py_call.h) and bound to the method's signature
//      (py_bind.h); an unknown name is Python's NameError;
//   4. the method runs; its value becomes BFCL's result text (ResultText), an exception
//      "Error during execution: <message>".
// Instances are created on first use, as BFCL creates them (this matters where classes share
// process-wide objects: BfclProcess).
#ifndef TOOLSHIFT_INTEROP_BFCL_MULTI_TURN_MT_EXECUTOR_H_
#define TOOLSHIFT_INTEROP_BFCL_MULTI_TURN_MT_EXECUTOR_H_

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "src/core/tool.h"
#include "src/interop/bfcl/apis/api.h"
#include "src/interop/bfcl/multi_turn/mt_entry.h"

namespace toolshift::bfcl {

// Makes an instance of a class (MakeApi, or a test's fake classes).
using ApiFactory = std::function<std::unique_ptr<ApiInstance>(std::string_view class_name, BfclProcess& process)>;

class BfclExecutor {
 public:
  // `side` names the instances as BFCL does: "<side>_<entry id>_<Class>_instance" with -./:
  // replaced by '_' (BFCL: "<model>_eval" for the model, "<model>_ground_truth_eval" for the
  // ground truth). Throws InputError for a class toolshift does not implement. `scenarios`, when
  // given, is the entry's initial_config already as Python values, one per involved class
  // (PreparedEntry::scenarios(), mt_prepared.h); it must outlive the executor.
  BfclExecutor(BfclProcess& process, const BfclEntry& entry, std::string side, ApiFactory factory = nullptr,
               const std::vector<PyDict>* scenarios = nullptr);

  // Runs one call string; never throws for anything the call string does.
  std::string Run(std::string_view call);
  std::vector<std::string> Run(const std::vector<std::string>& calls);

  // Creates the instances if no call has yet (BFCL creates them on the first execution).
  void Ensure();
  bool created() const { return !instances_.empty(); }
  // (class name, instance) in involved_classes order; empty before the first call.
  const std::vector<std::pair<std::string, std::unique_ptr<ApiInstance>>>& instances() const { return instances_; }

  // BFCL's regex step alone (exposed for tests): `call` with each method name prefixed.
  std::string Prefix(std::string_view call) const;

 private:
  std::string Execute(std::string_view processed);

  BfclProcess& process_;
  const BfclEntry& entry_;
  std::string side_;
  ApiFactory factory_;
  const std::vector<PyDict>* scenarios_ = nullptr;
  std::vector<std::pair<std::string, std::unique_ptr<ApiInstance>>> instances_;
  std::map<std::string, std::pair<size_t, const MethodSig*>, std::less<>> methods_;  // method -> (instance, signature)
  std::vector<std::string> instance_names_;
};

// The call string BFCL builds from a decoded call: "name(k=repr(v),...)" with the arguments
// as Python values (JSON objects become dicts, arrays lists).
std::string CallString(const ToolCall& call);

}  // namespace toolshift::bfcl

#endif  // TOOLSHIFT_INTEROP_BFCL_MULTI_TURN_MT_EXECUTOR_H_
