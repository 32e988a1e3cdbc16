// JSON Lines files of records (a benchmark's questions and answers), read whole into memory:
// one JSON object per non-blank line, each parsed within toolshift's limits.
//
// Every error is an InputError naming the file and line: a line that is not JSON, not an
// object, nests deeper than kMaxJsonDepth (the value is never built, so a hostile file cannot
// overflow the stack when it is later copied or written), or, when asked, has no string id.
// The file is read as a stream (src/core/input_file.h): devices and FIFOs are refused and a
// line past kMaxLineBytes is an error, not a read without end.
#ifndef TOOLSHIFT_CORE_JSON_LINES_H_
#define TOOLSHIFT_CORE_JSON_LINES_H_

#include <cstddef>
#include <string>
#include <vector>

#include "src/core/json.h"

namespace toolshift {

struct JsonLine {
  Json json;          // an object
  size_t number = 0;  // 1-based line number in the file
};

// The records of `path`, in file order (a file with none is an error). With `need_id`, each
// must have a non-empty string "id".
std::vector<JsonLine> ReadJsonObjectLines(const std::string& path, bool need_id);

}  // namespace toolshift

#endif  // TOOLSHIFT_CORE_JSON_LINES_H_
