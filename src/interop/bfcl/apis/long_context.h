// The constants of BFCL's long_context.py (file lists, text padding, extension lists and dicts
// that the API classes add to their state or results in the long_context category), read from
// ../shared/bfcl-multi-turn/long_context.json (one JSON object: constant name -> value; the
// one Python Ellipsis is {"$python": "Ellipsis"}, which FromJson turns back into Ellipsis).
//
// Each BfclProcess uses one file, fixed at its first use; the file is parsed once per program
// and its immutable values shared by every process that names it (BFCL's checker creates a
// process per entry). A class that must alias one of these objects process-wide (BFCL's
// shared dicts, BEHAVIOUR.md §0.4) keeps its own mutable copy in its own BfclProcess slot;
// what this file hands out is read-only.
//
//   SetLongContextPath(process, "/data/long_context.json");  // optional, before first use
//   const PyValue& names = LongContextConstant(process, "POPULATE_FILE_EXTENSION");
#ifndef TOOLSHIFT_INTEROP_BFCL_APIS_LONG_CONTEXT_H_
#define TOOLSHIFT_INTEROP_BFCL_APIS_LONG_CONTEXT_H_

#include <string>
#include <string_view>

#include "src/interop/bfcl/apis/api.h"
#include "src/interop/bfcl/py/py_value.h"

namespace toolshift::bfcl {

// The BfclProcess slot these constants are kept under. They are never written once read, so
// instances that share it cannot see each other through it (the checker relies on that).
inline constexpr std::string_view kLongContextSlot = "long_context";

// SourceDir() + "/../shared/bfcl-multi-turn/long_context.json": the shared data beside the
// checkout this binary was built from.
std::string DefaultLongContextPath();

// The file `process` reads the constants from. Throws std::logic_error once the data has
// been read (a process has one set of constants).
void SetLongContextPath(BfclProcess& process, std::string path);

// All constants, name -> value, in the file's order. Reads the file on the program's first use
// of it; throws std::runtime_error naming the file when it cannot be read or is not a JSON
// object (and tries again on the next call).
const PyDict& LongContextData(BfclProcess& process);

// One constant; std::runtime_error naming the file and the constant when it is absent.
const PyValue& LongContextConstant(BfclProcess& process, std::string_view name);

}  // namespace toolshift::bfcl

#endif  // TOOLSHIFT_INTEROP_BFCL_APIS_LONG_CONTEXT_H_
