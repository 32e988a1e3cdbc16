#include "src/interop/acebench/ace_user.h"

#include <re2/re2.h>

namespace toolshift::acebench {
namespace {

constexpr const char* kPhoneRules =
    "Rules:\n"
    "- Write one line per message.\n"
    "- Do not give everything at once: say only what the current step needs, but say that completely "
    "(for a reminder: its title, description and time).\n"
    "- Do not make up anything the instruction does not say (for example what is in a takeout order).\n"
    "- When the agent asks whether you need more help, check that every task of the instruction is done; "
    "if one is not, give it next.\n"
    "- Use people's full names.\n"
    "- When asked which message to delete, answer as the instruction says.\n"
    "- Do not offer the agent help.\n"
    "- When every task is done, write the separate line: finish conversation";

constexpr const char* kTravelRules =
    "Rules:\n"
    "- Write one line per message.\n"
    "- Reveal the instruction's information gradually, as the agent needs it.\n"
    "- If the agent asks for something the instruction does not contain (for example an order id), say you "
    "do not remember it.\n"
    "- Confirm, or decline, as the instruction says.\n"
    "- Do not repeat the instruction word for word: use your own words, and keep the personality it describes.\n"
    "- If the instruction asks for a round-trip flight, say \"Book a round-trip flight\" first.\n"
    "- When the goal is reached, write the separate line: finish conversation";

// The first capture of `pattern` in `text`, or "".
std::string Find(const std::string& text, const char* pattern) {
  std::string out;
  RE2::PartialMatch(text, RE2(pattern), &out);
  return out;
}

}  // namespace

AceScene SceneOf(std::string_view involved_classes) {
  return involved_classes.find("Travel") != std::string_view::npos ? AceScene::kTravel : AceScene::kPhone;
}

std::string AceUserBrief(AceScene scene, const std::string& instruction) {
  return "You are a user interacting with an agent.\nInstruction: " + instruction + "\n" +
         (scene == AceScene::kPhone ? kPhoneRules : kTravelRules);
}

SimulatedUser AceUser(AceScene scene, const std::string& instruction) {
  SimulatedUser u;
  u.brief = AceUserBrief(scene, instruction);
  u.opening = std::string(kAceUserOpening);
  u.finish_phrase = std::string(kAceFinishPhrase);
  u.max_messages = kAceMaxMessages;
  UserScript& s = u.script;
  // The opening is answered with the instruction itself (SPEC 8's suggestion).
  s.rules.push_back({R"(anything you need help with)", instruction});
  // Facts the instruction states, given when the agent asks for them.
  if (std::string id = Find(instruction, R"((?i)user ?id (?:is )?["']?([A-Za-z0-9_-]+))"); !id.empty()) {
    s.rules.push_back({R"(user ?id)", "My user id is " + id + "."});
  }
  if (std::string pw = Find(instruction, R"((?i)password (?:is )?["']?([^\s"',.]+))"); !pw.empty()) {
    s.rules.push_back({R"(password)", "My password is " + pw + "."});
  }
  if (std::string quoted = Find(instruction, R"([\"“]([^\"”]+)[\"”])"); !quoted.empty()) {
    s.rules.push_back({R"(\b(content|say|text|message)\b)", quoted});
  }
  if (std::string cabin = Find(instruction, R"((?i)\b(economy|business|first)(?: class)?\b)"); !cabin.empty()) {
    s.rules.push_back({R"(\b(cabin|class)\b)", cabin + " class."});
  }
  if (instruction.find("oldest") != std::string::npos) {
    s.rules.push_back({R"(\b(which|delete)\b.*\bmessage)", "Delete the oldest message."});
  }
  // Confirmation questions: yes, unless the instruction says not to confirm.
  if (!RE2::PartialMatch(instruction, R"((?i)\b(do not|don't|not) confirm)")) {
    s.rules.push_back({R"(\b(confirm|proceed|shall I|should I|would you like|do you want)\b)", "Yes."});
  }
  s.finish_if = R"(\b(anything else|something else|successfully|has been (sent|placed|booked|deleted|added|cancelled|modified)))";
  return u;
}

}  // namespace toolshift::acebench
