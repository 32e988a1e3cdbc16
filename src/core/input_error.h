// InputError: bad user input (a suite file, a flag, a model spec), carrying where it
// was found. The CLI maps it to exit code 2 and prints what() unchanged, so the message
// must already name the file, line and field: "suites/x/episodes.jsonl:12: expected[0].name: missing".
// Both classes cap what they carry (src/core/echo.h): a message that quotes a 10 MB tool name keeps
// its location and a bounded piece of the value, whichever builder made it.
#ifndef TOOLSHIFT_CORE_INPUT_ERROR_H_
#define TOOLSHIFT_CORE_INPUT_ERROR_H_

#include <stdexcept>
#include <string>

#include "src/core/echo.h"

namespace toolshift {

class InputError : public std::runtime_error {
 public:
  explicit InputError(const std::string& what) : std::runtime_error(CapMessage(what)) {}
  explicit InputError(const char* what) : InputError(std::string(what)) {}
};

// A problem with one field of a JSON value, before the file and line are known.
// `field` is a path such as "tools[2].parameters".
class FieldError : public std::runtime_error {
 public:
  FieldError(std::string field, const std::string& what)
      : std::runtime_error(Echo(field) + ": " + CapMessage(what)), field_(Echo(field)) {}
  const std::string& field() const { return field_; }

 private:
  std::string field_;
};

}  // namespace toolshift

#endif  // TOOLSHIFT_CORE_INPUT_ERROR_H_
