// Fuzz target: the exec: protocol reader on an arbitrary reply line from a runner, and the
// recorded-outputs reader (replay:, score) on an arbitrary line.
#include <cstddef>
#include <cstdint>
#include <string>

#include "adapters/exec/exec_adapter.h"
#include "adapters/replay/recorded_outputs.h"
#include "tests/fuzz/fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace toolshift;
  const std::string text(reinterpret_cast<const char*>(data), size);
  fuzz::ExpectNoEscape([&] {
    bool broken = false;
    (void)ParseExecReply(text, "suite/1", &broken);
  });
  fuzz::ExpectNoEscape([&] { (void)ParseRecordedOutput(text, "fuzz.jsonl:1"); });
  return 0;
}
