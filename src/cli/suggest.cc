#include "src/cli/suggest.h"

#include <algorithm>
#include <cctype>

#include "src/core/echo.h"

namespace toolshift {
namespace {

char Fold(char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); }

// Every flag spelling `cmd` and the commands above it accept ("--jobs", "-j").
std::vector<std::string> FlagNames(CLI::App* cmd) {
  std::vector<std::string> names;
  for (CLI::App* a = cmd; a != nullptr; a = a->get_parent()) {
    for (const CLI::Option* opt : a->get_options()) {
      for (const auto& l : opt->get_lnames()) names.push_back("--" + l);
      for (const auto& s : opt->get_snames()) names.push_back("-" + s);
    }
  }
  return names;
}

const CLI::Option* FindFlag(CLI::App* cmd, const std::string& name) {
  for (CLI::App* a = cmd; a != nullptr; a = a->get_parent()) {
    if (const CLI::Option* opt = a->get_option_no_throw(name)) return opt;
  }
  return nullptr;
}

std::string Quoted(const std::string& s) { return "'" + Echo(s, 80) + "'"; }

}  // namespace

size_t EditDistance(std::string_view a, std::string_view b) {
  const size_t n = a.size(), m = b.size();
  // Three rows suffice for optimal string alignment.
  std::vector<size_t> prev2(m + 1), prev(m + 1), cur(m + 1);
  for (size_t j = 0; j <= m; ++j) prev[j] = j;
  for (size_t i = 1; i <= n; ++i) {
    cur[0] = i;
    for (size_t j = 1; j <= m; ++j) {
      const size_t cost = Fold(a[i - 1]) == Fold(b[j - 1]) ? 0 : 1;
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost});
      if (i > 1 && j > 1 && Fold(a[i - 1]) == Fold(b[j - 2]) && Fold(a[i - 2]) == Fold(b[j - 1])) {
        cur[j] = std::min(cur[j], prev2[j - 2] + 1);
      }
    }
    std::swap(prev2, prev);
    std::swap(prev, cur);
  }
  return prev[m];
}

std::string Nearest(std::string_view typed, const std::vector<std::string>& candidates) {
  if (typed.empty() || typed.size() > 100) return "";
  // A unique prefix ("--max-out" for "--max-output-bytes") is the surest guess.
  std::vector<std::string> prefixed;
  for (const auto& c : candidates) {
    if (c.size() > typed.size() && c.compare(0, typed.size(), typed) == 0 &&
        std::find(prefixed.begin(), prefixed.end(), c) == prefixed.end()) {
      prefixed.push_back(c);
    }
  }
  const std::string_view bare = typed.substr(std::min(typed.find_first_not_of('-'), typed.size()));
  if (prefixed.size() == 1 && bare.size() >= 2) return prefixed.front();
  // One edit for words of up to three letters, two or a third of the letters (at most three) beyond.
  const size_t allowed = bare.size() <= 3 ? 1 : std::min<size_t>(3, std::max<size_t>(2, bare.size() / 3));
  std::string best;
  size_t best_distance = allowed + 1;
  for (const auto& c : candidates) {
    const size_t d = EditDistance(typed, c);
    if (d < best_distance) {
      best = c;
      best_distance = d;
    }
  }
  return best;
}

std::string SuggestFix(CLI::App& app, const std::vector<std::string>& args) {
  CLI::App* cmd = &app;
  std::string where = "toolshift";  // not app.get_name(): CLI11 sets it to argv[0], a path
  for (size_t k = 0; k < args.size(); ++k) {
    const std::string& arg = args[k];
    if (arg == "--") break;
    if (arg.size() > 1 && arg[0] == '-' && !std::isdigit(static_cast<unsigned char>(arg[1])) && arg[1] != '.') {
      const std::string name = arg.substr(0, arg.find('='));
      if (name.size() > 2 && name[1] != '-') continue;  // -abc: CLI11's grouped short flags; not guessed at
      if (const CLI::Option* opt = FindFlag(cmd, name)) {
        // A flag taking a value that is not attached with '=' consumes the next word.
        if (opt->get_type_size_max() > 0 && arg.find('=') == std::string::npos) ++k;
        continue;
      }
      const std::string guess = Nearest(name, FlagNames(cmd));
      return where + ": unknown flag " + Quoted(name) + (guess.empty() ? "" : "; did you mean " + guess + "?") +
             " (see `" + where + " --help`)";
    }
    std::vector<std::string> subs;
    for (const CLI::App* sub : cmd->get_subcommands([](CLI::App*) { return true; })) subs.push_back(sub->get_name());
    if (subs.empty()) continue;  // a positional argument (gate's REPORT)
    if (CLI::App* sub = std::find(subs.begin(), subs.end(), arg) != subs.end() ? cmd->get_subcommand(arg) : nullptr) {
      cmd = sub;
      where += " " + arg;
      continue;
    }
    const std::string guess = Nearest(arg, subs);
    return where + ": unknown command " + Quoted(arg) + (guess.empty() ? "" : "; did you mean " + Quoted(guess) + "?") +
           " (commands: " + [&] {
             std::string list;
             for (const auto& s : subs) list += (list.empty() ? "" : ", ") + s;
             return list;
           }() + ")";
  }
  return "";
}

}  // namespace toolshift
