// toolshift-test-server: the test model server as a program, for benchmarks and by hand.
//   toolshift-test-server [--suites-dir DIR] [--suite NAME]... [--latency-ms N]
//                         [--rate-5xx P] [--rate-429 P] [--retry-after S] [--rate-reset P]
//                         [--rate-truncate P] [--rate-hang P] [--hang-ms N] [--rate-400 P]
// Prints its base URL (http://127.0.0.1:PORT/v1) on stdout and serves until stdin closes.
#include <cstdio>
#include <iostream>
#include <string>

#include "src/core/build_info.h"
#include "src/core/suite_catalog.h"
#include "tests/server/test_model_server.h"

int main(int argc, char** argv) {
  using namespace toolshift;
  std::string suites_dir = toolshift::SourceDir() + "/suites";
  std::vector<std::string> names;
  testing::FaultKnobs knobs;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    auto next = [&]() -> std::string {
      if (i + 1 >= argc) {
        std::fprintf(stderr, "toolshift-test-server: %s needs a value\n", a.c_str());
        std::exit(2);
      }
      return argv[++i];
    };
    if (a == "--suites-dir") suites_dir = next();
    else if (a == "--suite") names.push_back(next());
    else if (a == "--latency-ms") knobs.latency_ms = std::stoi(next());
    else if (a == "--rate-5xx") knobs.rate_5xx = std::stod(next());
    else if (a == "--rate-429") knobs.rate_429 = std::stod(next());
    else if (a == "--rate-reset") knobs.rate_reset = std::stod(next());
    else if (a == "--rate-truncate") knobs.rate_truncate = std::stod(next());
    else if (a == "--rate-hang") knobs.rate_hang = std::stod(next());
    else if (a == "--hang-ms") knobs.hang_ms = std::stoi(next());
    else if (a == "--rate-400") knobs.rate_400 = std::stod(next());
    else if (a == "--retry-after") knobs.retry_after_s = std::stoi(next());
    else if (a == "--help" || a == "-h") {
      std::puts("usage: toolshift-test-server [--suites-dir DIR] [--suite NAME]... [--latency-ms N]\n"
                "       [--rate-5xx P] [--rate-429 P] [--retry-after S] [--rate-reset P] [--rate-truncate P]\n"
                "       [--rate-hang P] [--hang-ms N] [--rate-400 P]\n"
                "Serves the reference oracle on 127.0.0.1 (OpenAI, Anthropic and Ollama routes); prints the\n"
                "base URL and serves until stdin closes.");
      return 0;
    } else {
      std::fprintf(stderr, "toolshift-test-server: unknown flag %s (see --help)\n", a.c_str());
      return 2;
    }
  }
  if (names.empty()) names.push_back("all");
  try {
    SuiteCatalog catalog(suites_dir);
    const std::vector<Suite> suites = catalog.Resolve(names);
    testing::TestModelServer server(suites, knobs);
    std::printf("%s/v1\n", server.Start().c_str());
    std::fflush(stdout);
    std::string line;
    while (std::getline(std::cin, line)) {
    }
  } catch (const std::exception& e) {
    std::fprintf(stderr, "toolshift-test-server: %s\n", e.what());
    return 2;
  }
  return 0;
}
