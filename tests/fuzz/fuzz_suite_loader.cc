// Fuzz target: the suite loader on an arbitrary episodes file (single- and multi-step
// episodes, every field validated) and on an arbitrary manifest.
#include <cstddef>
#include <cstdint>
#include <string>

#include "src/core/suite.h"
#include "tests/fuzz/fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace toolshift;
  const std::string text(reinterpret_cast<const char*>(data), size);
  fuzz::ExpectNoEscape([&] {
    SuiteManifest manifest;
    manifest.name = "fuzz";
    manifest.dialect = "hermes";
    (void)ParseEpisodes(text, "fuzz.jsonl", manifest);
  });
  fuzz::ExpectNoEscape([&] {
    const Json j = Json::parse(text, nullptr, false);
    if (!j.is_discarded()) (void)ParseManifest(j, "manifest.json");
  });
  return 0;
}
