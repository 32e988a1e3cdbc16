#include "src/report/token_diagnostics.h"

#include <algorithm>
#include <cmath>

#include "src/scoring/signatures.h"

namespace toolshift {
namespace {

std::string_view Trim(std::string_view s) {
  const size_t b = s.find_first_not_of(" \t\r\n");
  if (b == std::string_view::npos) return {};
  return s.substr(b, s.find_last_not_of(" \t\r\n") - b + 1);
}

// A token stands for `control` when, blanks aside, it is the control token, begins with it
// ("[get" for "["), or is a piece of its spelling at least 3 bytes long ("<tool" for
// "<tool_call>"; shorter pieces such as "<" begin too many ordinary tokens).
bool Matches(std::string_view token, std::string_view control) {
  const std::string_view t = Trim(token);
  if (t.empty() || control.empty()) return false;
  if (t.size() >= control.size()) return t.substr(0, control.size()) == control;
  return t.size() >= 3 && control.substr(0, t.size()) == t;
}

bool MatchesAny(std::string_view token, const std::vector<std::string>& controls) {
  for (const auto& c : controls) {
    if (Matches(token, c)) return true;
  }
  return false;
}

// The mass of one control kind at a position: matching alternatives, plus the chosen token
// when the alternatives do not list it.
double Mass(const TokenPosition& at, const std::vector<std::string>& controls) {
  double p = 0;
  bool chosen_listed = false;
  for (const auto& [token, lp] : at.top) {
    chosen_listed = chosen_listed || token == at.token;
    if (MatchesAny(token, controls)) p += std::exp(lp);
  }
  if (!chosen_listed && MatchesAny(at.token, controls)) p += std::exp(at.logprob);
  return std::min(1.0, p);
}

// Reads a reply's text left to right and says, before each byte, whether a call or an
// argument is still open: inside a call tag, or (once the text began as a call) inside an
// unclosed bracket or string.
class CallScanner {
 public:
  explicit CallScanner(const ControlTokens& controls) : controls_(controls) {}
  bool in_call() const { return tags_ > 0 || (started_ && (depth_ > 0 || in_string_)); }
  void Feed(std::string_view s) {
    for (char c : s) Feed(c);
  }

 private:
  void Feed(char c) {
    text_ += c;
    if (!started_ && !Trim(text_).empty()) {
      const char first = Trim(text_)[0];
      started_ = first == '[' || first == '{';
    }
    for (const auto& o : controls_.call_open) {
      if (o.size() > 1 && EndsWith(o)) {
        ++tags_;
        started_ = true;
      }
    }
    for (const auto& o : controls_.call_close) {
      if (o.size() > 1 && EndsWith(o) && tags_ > 0) --tags_;
    }
    if (EndsWith("Action Input:")) started_ = true;
    if (in_string_) {
      if (escaped_) escaped_ = false;
      else if (c == '\\') escaped_ = true;
      else if (c == quote_) in_string_ = false;
    } else if (started_ && (c == '"' || (c == '\'' && depth_ > 0))) {
      in_string_ = true;
      quote_ = c;
    } else if (c == '[' || c == '{' || c == '(') {
      ++depth_;
    } else if ((c == ']' || c == '}' || c == ')') && depth_ > 0) {
      --depth_;
    }
  }
  bool EndsWith(std::string_view s) const {
    return text_.size() >= s.size() && std::string_view(text_).substr(text_.size() - s.size()) == s;
  }

  const ControlTokens& controls_;
  std::string text_;
  int tags_ = 0, depth_ = 0;
  bool started_ = false, in_string_ = false, escaped_ = false;
  char quote_ = '"';
};

double Round4(double x) { return std::round(x * 1e4) / 1e4; }

}  // namespace

std::vector<TokenPosition> ReadTokenPositions(const Json& logprobs) {
  std::vector<TokenPosition> out;
  if (!logprobs.is_object()) return out;
  try {
    if (logprobs.contains("content") && logprobs["content"].is_array()) {  // chat completions
      for (const auto& t : logprobs["content"]) {
        TokenPosition p{t.value("token", ""), t.value("logprob", -1e9), {}};
        for (const auto& a : t.value("top_logprobs", Json::array())) p.top.emplace_back(a.value("token", ""), a.value("logprob", -1e9));
        out.push_back(std::move(p));
      }
    } else if (logprobs.contains("tokens") && logprobs["tokens"].is_array()) {  // completions
      const Json& tokens = logprobs["tokens"];
      const Json& lps = logprobs.at("token_logprobs");
      const Json top = logprobs.value("top_logprobs", Json::array());
      for (size_t i = 0; i < tokens.size(); ++i) {
        TokenPosition p{tokens[i].get<std::string>(), lps.at(i).is_number() ? lps.at(i).get<double>() : -1e9, {}};
        if (i < top.size() && top[i].is_object()) {
          for (auto a = top[i].begin(); a != top[i].end(); ++a) p.top.emplace_back(a.key(), a->get<double>());
        }
        out.push_back(std::move(p));
      }
    }
  } catch (const std::exception&) {
    return {};  // a shape we cannot read says nothing
  }
  return out;
}

ControlTokens ControlTokensFor(const Dialect& dialect, const std::string& call_open, const std::string& call_close) {
  ControlTokens c;
  for (std::string_view t : EndOfTurnTokens()) c.end_of_turn.emplace_back(t);
  for (std::string_view t : TemplateTokens()) {
    if (std::find(c.end_of_turn.begin(), c.end_of_turn.end(), t) == c.end_of_turn.end()) c.role.emplace_back(t);
  }
  if (dialect.is_native()) return c;  // calls travel out of band: no text tag to spend mass on
  // The dialect's own spelling, read off a call it writes: what comes before the tool name,
  // and after its last bracket.
  const std::string text = dialect.Write({ToolCall{"zqzqfn", Json::object()}}).content;
  const size_t at = text.find("zqzqfn");
  std::string open(Trim(at == std::string::npos ? text : text.substr(0, at)));
  if (const size_t stop = open.find_first_of(" \n\""); stop != std::string::npos && stop > 0) open.resize(stop);
  if (!open.empty()) c.call_open.push_back(open);
  const std::string tail(Trim(text));
  if (const size_t lt = tail.rfind("</"); lt != std::string::npos && tail.back() == '>') {
    c.call_close.push_back(tail.substr(lt));
  } else if (!tail.empty()) {
    c.call_close.emplace_back(1, tail.back());
  }
  // The tags models are trained on count too, whatever was asked: a model spending mass on
  // <tool_call> under a pythonic prompt is about to answer in its own syntax.
  for (const std::string& t : {call_open, std::string("<tool_call>")}) {
    if (!t.empty() && std::find(c.call_open.begin(), c.call_open.end(), t) == c.call_open.end()) c.call_open.push_back(t);
  }
  for (const std::string& t : {call_close, std::string("</tool_call>")}) {
    if (!t.empty() && std::find(c.call_close.begin(), c.call_close.end(), t) == c.call_close.end()) c.call_close.push_back(t);
  }
  return c;
}

TokenSeries AnalyzeTokens(const std::vector<TokenPosition>& positions, const ControlTokens& controls, double threshold) {
  TokenSeries s;
  s.positions = positions.size();
  // Positions from the end of the reply's last call opening on have no call following.
  std::string text;
  std::vector<size_t> offsets;
  for (const auto& p : positions) {
    offsets.push_back(text.size());
    text += p.token;
  }
  size_t last_open_end = 0;  // where the last call opening ends; 0 = no call in the reply
  for (const auto& o : controls.call_open) {
    const size_t at = text.rfind(o);
    if (at != std::string::npos) last_open_end = std::max(last_open_end, at + o.size());
  }
  CallScanner scanner(controls);
  for (size_t i = 0; i < positions.size(); ++i) {
    const TokenPosition& at = positions[i];
    const double open = Mass(at, controls.call_open), close = Mass(at, controls.call_close);
    const double eot = Mass(at, controls.end_of_turn), role = Mass(at, controls.role);
    s.call_open.push_back(open);
    s.call_close.push_back(close);
    s.end_of_turn.push_back(eot);
    s.role.push_back(role);
    if (scanner.in_call()) {
      const double stop = std::min(1.0, eot + role);
      s.max_end_in_call = std::max(s.max_end_in_call, stop);
      if (stop >= threshold) s.spikes.push_back({i, "end_in_call", at.token, stop});
    } else if (offsets[i] >= last_open_end) {
      s.max_open_no_call = std::max(s.max_open_no_call, open);
      if (open >= threshold) s.spikes.push_back({i, "open_no_call", at.token, open});
    }
    scanner.Feed(at.token);
  }
  return s;
}

Json TokenSeriesToJson(const TokenSeries& series) {
  auto rounded = [](const std::vector<double>& v) {
    Json a = Json::array();
    for (double x : v) a.push_back(Round4(x));
    return a;
  };
  Json spikes = Json::array();
  for (const auto& sp : series.spikes) {
    spikes.push_back({{"position", sp.position}, {"kind", sp.kind}, {"token", sp.token}, {"p", Round4(sp.p)}});
  }
  return {{"positions", series.positions},
          {"series",
           {{"call_open", rounded(series.call_open)},
            {"call_close", rounded(series.call_close)},
            {"end_of_turn", rounded(series.end_of_turn)},
            {"role", rounded(series.role)}}},
          {"spikes", std::move(spikes)}};
}

}  // namespace toolshift
