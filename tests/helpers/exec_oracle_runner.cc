// exec_oracle_runner: a model runner for the exec: adapter's tests, speaking the JSON-lines
// protocol of docs/exec-protocol.md and answering as the reference oracle (looked up by
// conversation, like the test server).
//   exec_oracle_runner --suites-dir DIR [--suite NAME]... [--die-after N]
// --die-after N exits after N replies, to test that toolshift restarts a dead runner.
// --echo-env NAME appends "env NAME=VALUE" (or "env NAME unset") to every reply, to test
// what environment toolshift gives its runners.
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <string>

#include "src/core/build_info.h"
#include "src/core/suite_catalog.h"
#include "tests/server/conversation_oracle.h"

int main(int argc, char** argv) {
  using namespace toolshift;
  std::string suites_dir = toolshift::SourceDir() + "/suites";
  std::vector<std::string> names;
  long die_after = -1;
  std::string echo_env;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string a = argv[i];
    if (a == "--suites-dir") suites_dir = argv[i + 1];
    else if (a == "--suite") names.push_back(argv[i + 1]);
    else if (a == "--die-after") die_after = std::stol(argv[i + 1]);
    else if (a == "--echo-env") echo_env = argv[i + 1];
  }
  if (names.empty()) names.push_back("all");
  const std::vector<Suite> suites = SuiteCatalog(suites_dir).Resolve(names);
  const testing::ConversationOracle oracle(suites);
  std::string line;
  long answered = 0;
  while (std::getline(std::cin, line)) {
    const Json req = Json::parse(line, nullptr, false);
    Json reply;
    if (req.is_discarded() || !req.contains("id")) {
      reply = {{"id", nullptr}, {"error", "request is not a JSON object with an id"}};
    } else {
      std::vector<testing::Turn> turns;
      for (const auto& m : req.value("messages", Json::array())) {
        turns.push_back({m.value("role", ""), m.value("content", "")});
      }
      std::vector<std::string> tools;
      for (const auto& t : req.value("tools", Json::array())) tools.push_back(t.value("name", ""));
      const Message m = oracle.Reply(turns, tools);
      std::string content = m.content;
      if (!echo_env.empty()) {
        const char* v = std::getenv(echo_env.c_str());
        content += "\nenv " + echo_env + (v ? std::string("=") + v : std::string(" unset"));
      }
      reply = {{"id", req["id"]}, {"content", content}, {"tool_calls", Json::array()}};
      for (const auto& c : m.tool_calls) reply["tool_calls"].push_back({{"name", c.name}, {"arguments", c.arguments}});
      reply["usage"] = {{"prompt_tokens", line.size() / 4}, {"completion_tokens", m.content.size() / 4 + 1}};
    }
    std::cout << reply.dump() << '\n' << std::flush;
    if (die_after >= 0 && ++answered >= die_after) return 0;
  }
  return 0;
}
