// ApiInstance: one instance of one of BFCL's eight multi-turn API classes (GorillaFileSystem,
// MathAPI, MessageAPI, TwitterAPI, TicketAPI, TradingBot, TravelAPI, VehicleControlAPI),
// reimplemented in C++ from ../shared/bfcl-multi-turn/BEHAVIOUR.md so that every call
// returns what BFCL's Python returns and leaves the same state.
//
// BFCL creates, per entry, one instance of each involved class for the model and a separate
// one for the ground truth, loads both from the entry's initial_config, runs calls on them
// turn by turn and compares their public attributes after each turn. This interface is
// exactly what that needs:
//
//   auto fs = MakeApi("GorillaFileSystem", process);   // the class called with no arguments
//   fs->LoadScenario(config, /*long_context=*/false);   // _load_scenario(deepcopy(config), ...)
//   PyValue r = fs->Invoke("cd", {PyValue::Str("docs")}); // arguments bound by position (py_bind.h)
//   PyDict s = fs->PublicState();                        // compared with PyEquals
//
// Contract for implementations:
//  - Invoke() gets one argument per parameter of the method's signature, in signature order,
//    defaults already filled in (BindCall in py_bind.h does it, with Python's TypeError texts).
//  - It returns the Python return value (a dict, None, a list...). A Python exception BFCL's
//    code does not catch is thrown as PyException (py_value.h) with Python's message; state
//    changed before it stays changed. Errors BFCL's code returns ({"error": ...}) are returns.
//  - Nothing here is type-checked unless BFCL's code checks it: a wrong type behaves as Python
//    does (comparing str with int raises TypeError, + joins strings, ...).
//  - PublicState() holds every attribute whose name does not start with '_', as values that
//    compare with Python == the way BFCL's objects do (a File/Directory as BEHAVIOUR.md §1
//    defines their equality).
//  - Objects BFCL shares process-wide (BEHAVIOUR.md §0.4: TwitterAPI's default lists, the
//    long-context dicts, mpmath/decimal precision) live in the BfclProcess passed at creation,
//    so the model's and the ground truth's instances of one scoring process alias them as
//    Python's do.
#ifndef TOOLSHIFT_INTEROP_BFCL_APIS_API_H_
#define TOOLSHIFT_INTEROP_BFCL_APIS_API_H_

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "src/interop/bfcl/py/py_value.h"

namespace toolshift::bfcl {

// One parameter of a method: its name and, when it has one, its default value.
struct Param {
  std::string name;
  std::optional<PyValue> default_value;
};

// A public method's Python signature (self excluded).
struct MethodSig {
  std::string name;
  std::vector<Param> params;
};

// Process-wide Python objects that BFCL's classes share between instances (BEHAVIOUR.md
// §0.4). One BfclProcess stands for one Python process: scoring an entry's model and
// ground-truth instances from the same BfclProcess reproduces BFCL's aliasing. Each API class
// keeps what it needs here under its own key (a class's .cc owns the layout of its slot).
class BfclProcess {
 public:
  BfclProcess() = default;
  BfclProcess(const BfclProcess&) = delete;
  BfclProcess& operator=(const BfclProcess&) = delete;
  // The slot `key` (created empty on first use): an arbitrary object a class keeps here.
  template <typename T>
  T& Slot(const std::string& key) {
    for (auto& [k, p] : slots_)
      if (k == key) return *static_cast<T*>(p.get());
    auto holder = std::shared_ptr<void>(new T(), [](void* v) { delete static_cast<T*>(v); });
    slots_.emplace_back(key, holder);
    return *static_cast<T*>(holder.get());
  }
  // Whether any slot but `except` was ever asked for: when none was, no instance of this
  // process read or wrote a shared object, so its instances could not have seen each other.
  bool HasSlotOtherThan(std::string_view except) const {
    for (const auto& slot : slots_)
      if (slot.first != except) return true;
    return false;
  }

 private:
  std::vector<std::pair<std::string, std::shared_ptr<void>>> slots_;
};

class ApiInstance {
 public:
  virtual ~ApiInstance() = default;

  // BFCL's class name, e.g. "GorillaFileSystem".
  virtual std::string_view ClassName() const = 0;

  // `_load_scenario(scenario, long_context)`: `scenario` is a deep copy of
  // initial_config.get(ClassName, {}). Never called for MathAPI (BFCL does not call it).
  virtual void LoadScenario(const PyDict& scenario, bool long_context) = 0;

  // The public methods, in the order of BFCL's function-doc file.
  virtual const std::vector<MethodSig>& Methods() const = 0;

  // Runs `method` (one of Methods()) with `args` bound to its signature (see above).
  virtual PyValue Invoke(std::string_view method, std::vector<PyValue> args) = 0;

  // Every public attribute, name -> value, for the state check and a readable diff.
  virtual PyDict PublicState() const = 0;
};

struct ApiClassInfo {
  std::string name;      // "GorillaFileSystem"
  std::string doc_file;  // BFCL's function-doc file stem: "gorilla_file_system"
  std::function<std::unique_ptr<ApiInstance>(BfclProcess&)> make;
};

// The eight classes, in BFCL's order (MULTI_TURN_FUNC_DOC_FILE_MAPPING).
const std::vector<ApiClassInfo>& ApiClasses();
// The class named `name`, or nullptr.
const ApiClassInfo* FindApiClass(std::string_view name);
// A new instance of `name` (as BFCL's class called with no arguments); nullptr if unknown.
std::unique_ptr<ApiInstance> MakeApi(std::string_view name, BfclProcess& process);

// Factories, one per class file (apis/<doc_file>.cc).
std::unique_ptr<ApiInstance> MakeGorillaFileSystem(BfclProcess& process);
std::unique_ptr<ApiInstance> MakeMathApi(BfclProcess& process);
std::unique_ptr<ApiInstance> MakeMessageApi(BfclProcess& process);
std::unique_ptr<ApiInstance> MakeTwitterApi(BfclProcess& process);
std::unique_ptr<ApiInstance> MakeTicketApi(BfclProcess& process);
std::unique_ptr<ApiInstance> MakeTradingBot(BfclProcess& process);
std::unique_ptr<ApiInstance> MakeTravelApi(BfclProcess& process);
std::unique_ptr<ApiInstance> MakeVehicleControlApi(BfclProcess& process);

}  // namespace toolshift::bfcl

#endif  // TOOLSHIFT_INTEROP_BFCL_APIS_API_H_
