// BFCL's Java and JavaScript value conversions. In BFCL's simple_java and simple_javascript
// categories every argument is a string holding Java / JavaScript source ("5L",
// "new int[]{1, 2}", "[1, 2]"); its checker converts that string by the parameter's schema
// type before the usual type and value checks. These functions reproduce BFCL's converters
// (eval_checker/ast_eval/type_convertor) rule for rule, regexes and "default to string"
// fallbacks included: a value that does not look like its type comes back as the string
// itself, which the type check then rejects (or accepts as a variable name).
//
// Known approximations: Python's `\w`, `\s` and str.strip() are Unicode-aware, here ASCII;
// Python's `$` also matches before a final newline, which is honoured for the anchored
// scalar patterns only.
#ifndef TOOLSHIFT_SCORING_BFCL_TYPE_CONVERSION_H_
#define TOOLSHIFT_SCORING_BFCL_TYPE_CONVERSION_H_

#include <optional>
#include <stdexcept>
#include <string>

#include "src/core/json.h"

namespace toolshift {

// The Python type a converted value must have, as BFCL's JAVA_TYPE_CONVERSION /
// JS_TYPE_CONVERSION map schema types: "int", "float", "bool", "str", "list", "dict" or
// "set"; nullopt for a type the table does not hold (BFCL's checker stops with a KeyError).
std::optional<std::string> JavaPythonType(const std::string& schema_type);
std::optional<std::string> JsPythonType(const std::string& schema_type);

// Thrown where BFCL's converter raises (a type outside its table, or Set/Hashtable/Queue/
// Stack, which BFCL declares but does not implement).
struct BfclConversionError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// java_type_converter(value, type, nested) and js_type_converter(value, type, nested).
// `nested` is the items type of Array/ArrayList (Java) or array (JavaScript), "" if none.
Json ConvertJavaValue(const std::string& value, const std::string& type, const std::string& nested = "");
Json ConvertJsValue(const std::string& value, const std::string& type, const std::string& nested = "");

// The inverse, for the reference oracle: source text that the converter above turns back
// into `value` (a value BFCL's possible answers hold). A string value is returned as it is
// (BFCL's answers give variable names and Java strings unquoted) except where the converter
// strips quotes (JavaScript String, list elements, map values).
std::string JavaSourceOf(const Json& value, const std::string& type, const std::string& nested = "");
std::string JsSourceOf(const Json& value, const std::string& type, const std::string& nested = "");

}  // namespace toolshift

#endif  // TOOLSHIFT_SCORING_BFCL_TYPE_CONVERSION_H_
