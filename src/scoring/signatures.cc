#include "src/scoring/signatures.h"

#include <array>
#include <cctype>
#include <initializer_list>
#include <iterator>
#include <memory>
#include <set>
#include <utility>

#include <re2/re2.h>

namespace toolshift {
namespace {

std::string_view Trim(std::string_view s) {
  const auto ws = " \t\r\n";
  const size_t b = s.find_first_not_of(ws);
  if (b == std::string_view::npos) return {};
  return s.substr(b, s.find_last_not_of(ws) - b + 1);
}

size_t Count(std::string_view text, std::string_view needle) {
  size_t n = 0;
  for (size_t p = text.find(needle); p != std::string_view::npos; p = text.find(needle, p + needle.size())) ++n;
  return n;
}

// Up to 60 bytes of `text` from `pos`, newlines shown as \n, for evidence strings.
std::string Excerpt(std::string_view text, size_t pos) {
  std::string out;
  for (size_t i = pos; i < text.size() && out.size() < 60; ++i) {
    if (text[i] == '\n') out += "\\n";
    else if (text[i] != '\r') out += text[i];
  }
  return out;
}

// Cheap necessary conditions for the regular expressions below, checked first so that most
// replies never reach RE2 (a few hundred nanoseconds and a shared lock per match): each says
// only "the pattern cannot match", so the verdicts are the patterns' own.

bool HasAny(std::string_view text, std::initializer_list<std::string_view> needles) {
  for (auto n : needles) {
    if (text.find(n) != std::string_view::npos) return true;
  }
  return false;
}

char AsciiLower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

// Under `fold_case` a non-ASCII byte may begin a character RE2's (?i) folds to a letter of
// `word` (U+017F to s, U+212A to k): then true, the cautious answer.
bool StartsWithWord(std::string_view text, std::string_view word, bool fold_case) {
  for (size_t i = 0; i < word.size(); ++i) {
    if (i == text.size()) return false;
    if (fold_case && static_cast<unsigned char>(text[i]) >= 0x80) return true;
    if ((fold_case ? AsciiLower(text[i]) : text[i]) != word[i]) return false;
  }
  return true;
}

// Whether a line of `text`, after its leading spaces and tabs, starts with one of `words`
// (lowercase; `fold_case` compares the text lowercased): the opening of every (?m)^[ \t]*(...)
// pattern here.
bool LineStartsWithAny(std::string_view text, std::initializer_list<std::string_view> words, bool fold_case) {
  for (size_t start = 0; start <= text.size();) {
    size_t i = start;
    while (i < text.size() && (text[i] == ' ' || text[i] == '\t')) ++i;
    for (auto w : words) {
      if (StartsWithWord(text.substr(i), w, fold_case)) return true;
    }
    const size_t nl = text.find('\n', i);
    if (nl == std::string_view::npos) break;
    start = nl + 1;
  }
  return false;
}

// A list of at most N items on the stack: the tag lists below are made once per reply.
template <class T, size_t N>
class SmallList {
 public:
  void push_back(T v) { items_[size_++] = std::move(v); }
  const T* begin() const { return items_.data(); }
  const T* end() const { return items_.data() + size_; }

 private:
  std::array<T, N> items_{};
  size_t size_ = 0;
};

// Call-opening tags of the tagged syntaxes models are trained on.
SmallList<std::string_view, 9> CallOpeners(const SignatureInput& in) {
  SmallList<std::string_view, 9> v;
  if (!in.call_open.empty()) v.push_back(in.call_open);
  for (std::string_view t : {"<tool_call>", "<function_calls>", "<invoke>", "[TOOL_CALLS]", "<|tool_call|>",
                             "<|python_tag|>", "<｜tool▁calls▁begin｜>", "<｜tool▁call▁begin｜>"}) {
    v.push_back(t);
  }
  return v;
}

using TagPair = std::pair<std::string_view, std::string_view>;

SmallList<TagPair, 5> TagPairs(const SignatureInput& in) {
  SmallList<TagPair, 5> v;
  if (!in.call_open.empty() && in.call_open != "<tool_call>") v.push_back({in.call_open, in.call_close});
  v.push_back({"<tool_call>", "</tool_call>"});
  v.push_back({"<function_calls>", "</function_calls>"});
  v.push_back({"<invoke", "</invoke>"});
  v.push_back({"<tool_response>", "</tool_response>"});
  return v;
}

// Chat-template control tokens (ChatML/Qwen, Llama 3, Mistral, Gemma, DeepSeek, Phi) as text.
constexpr std::string_view kTemplateTokens[] = {
    "<|im_start|>", "<|im_end|>", "<|start_header_id|>", "<|end_header_id|>", "<|eot_id|>", "<|eom_id|>",
    "<|begin_of_text|>", "[INST]", "[/INST]", "[TOOL_RESULTS]", "[/TOOL_RESULTS]", "[AVAILABLE_TOOLS]",
    "<start_of_turn>", "<end_of_turn>", "<｜User｜>", "<｜Assistant｜>", "<｜end▁of▁sentence｜>",
    "<｜tool▁outputs▁begin｜>", "<｜tool▁output▁begin｜>", "<|User|>", "<|Assistant|>", "<|endoftext|>",
    "<|user|>", "<|assistant|>", "<|end|>", "</s>", "<eos>"};

// The tokens that end a turn (or the text). A server that does not strip special tokens
// leaves one at the end of every reply, healthy or not: only what follows one is a leak.
constexpr std::string_view kEndTokens[] = {"<|im_end|>", "<|eot_id|>", "<|eom_id|>", "<|endoftext|>", "<end_of_turn>",
                                           "<｜end▁of▁sentence｜>", "</s>", "<|end|>", "<eos>"};

}  // namespace

const std::vector<std::string_view>& TemplateTokens() {
  static const std::vector<std::string_view> v(std::begin(kTemplateTokens), std::end(kTemplateTokens));
  return v;
}

const std::vector<std::string_view>& EndOfTurnTokens() {
  static const std::vector<std::string_view> v(std::begin(kEndTokens), std::end(kEndTokens));
  return v;
}

std::string_view WithoutTrailingEndTokens(std::string_view text) {
  for (bool again = true; again;) {
    again = false;
    text = text.substr(0, text.find_last_not_of(" \t\r\n") + 1);  // npos + 1 == 0: all blank
    for (auto e : kEndTokens) {
      if (text.size() >= e.size() && text.substr(text.size() - e.size()) == e) {
        text.remove_suffix(e.size());
        again = true;
      }
    }
  }
  return text;
}

namespace {

std::string RoleLeak(std::string_view text) {
  // Every template token opens with '<' or '[': a token whose first character the text lacks
  // is not searched for.
  const bool angle = text.find('<') != std::string_view::npos;
  const bool square = text.find('[') != std::string_view::npos;
  for (auto t : kTemplateTokens) {
    if (!(t[0] == '<' ? angle : t[0] == '[' ? square : true)) continue;
    if (size_t p = text.find(t); p != std::string_view::npos) return "template token: " + Excerpt(text, p);
  }
  // A line that is nothing but a role name: what a chat template leaves once the serving
  // stack strips its special tokens (ChatML "<|im_start|>user\n", Gemma "<start_of_turn>user\n",
  // Llama 3 "<|start_header_id|>user<|end_header_id|>\n\n").
  static const RE2 kRoleLine(R"((?m)^[ \t]*(user|assistant|tool|system|ipython|model|human|function)[ \t]*:?[ \t]*$)");
  // A role name with a colon at a line start, then the turn's text: what a plain-text
  // template ("User: ...") leaves, and what stripped Mistral/DeepSeek turns look like once
  // the model spells the role out. Not at the reply's start for the assistant (a model
  // prefixing its own turn has not left it).
  static const RE2 kRoleColon(R"((?m)^[ \t]*((?i:user|human|tool|system|ipython|function|tool output))[ \t]*:[ \t]*\S)");
  static const RE2 kAssistantColon(R"(\n[ \t]*((?i:assistant))[ \t]*:[ \t]*\S)");
  // A role name glued to the end of the reply's text and followed by a line break: stripped
  // Llama 3 ("</tool_call><|eot_id|><|start_header_id|>user<|end_header_id|>\n\n" leaves
  // "</tool_call>user\n\n").
  static const RE2 kGluedRole(R"re([>}\])"'.!?](user|assistant|tool|ipython|system)[ \t]*\r?\n)re");
  // The names of control tokens left behind when only their brackets were stripped.
  static const RE2 kRemnant(R"(\b(im_start|im_end|start_header_id|end_header_id|eot_id|start_of_turn|end_of_turn)\b)");
  re2::StringPiece input(text.data(), text.size()), m;
  const bool colon = text.find(':') != std::string_view::npos;
  const bool newline = text.find('\n') != std::string_view::npos;
  auto may_role_line = [&] {
    return LineStartsWithAny(text, {"user", "assistant", "tool", "system", "ipython", "model", "human", "function"}, false);
  };
  auto may_remnant = [&] { return HasAny(text, {"im_start", "im_end", "header_id", "eot_id", "_of_turn"}); };
  auto may_role_colon = [&] {
    return colon && LineStartsWithAny(text, {"user", "human", "tool", "system", "ipython", "function"}, true);
  };
  if ((may_role_line() && RE2::PartialMatch(input, kRoleLine, &m)) || (may_remnant() && RE2::PartialMatch(input, kRemnant, &m)) ||
      (may_role_colon() && RE2::PartialMatch(input, kRoleColon, &m)) ||
      (newline && colon && RE2::PartialMatch(input, kAssistantColon, &m)) ||
      (newline && RE2::PartialMatch(input, kGluedRole, &m))) {
    return "line: " + Excerpt(text, static_cast<size_t>(m.data() - text.data()));
  }
  return "";
}

std::string FakeObservation(std::string_view text) {
  for (std::string_view t : {"<tool_response>", "<function_results>", "<tool_result>", "<|tool_response|>"}) {
    if (size_t p = text.find(t); p != std::string_view::npos) return Excerpt(text, p);
  }
  static const RE2 kObservation(R"((?m)^[ \t]*(Observation|Tool output|Tool result):)");
  re2::StringPiece input(text.data(), text.size()), m;
  if (text.find(':') != std::string_view::npos && LineStartsWithAny(text, {"Observation", "Tool "}, false) &&
      RE2::PartialMatch(input, kObservation, &m)) {
    return Excerpt(text, static_cast<size_t>(m.data() - text.data()));
  }
  return "";
}

// The first keyword given twice in one call `f(a=1, a=2)` or key twice in one JSON object,
// found by a bracket scanner that skips string literals; "" if none. Runs on every reply, so
// it reuses its frames and keeps a frame's keys in a small vector until there are many.
std::string DuplicateArgument(std::string_view text) {
  struct Frame {
    char open = 0;
    std::vector<std::string> keys;                 // the first kSmall keys, searched in order
    std::unique_ptr<std::set<std::string, std::less<>>> more;  // all of them past kSmall
  };
  constexpr size_t kSmall = 16;
  std::vector<Frame> frames;  // frames[0, depth) are open; deeper ones are kept for reuse
  size_t depth = 0;
  std::string_view last_string;  // the string literal just closed, a key if ':' follows
  std::string unescaped;         // its text when it held escapes
  bool string_pending = false;
  // True if `key` was already given in the innermost frame; records it otherwise.
  auto seen = [&](std::string_view key) -> bool {
    if (depth == 0) return false;
    Frame& f = frames[depth - 1];
    if (f.more) return !f.more->emplace(key).second;
    for (const auto& k : f.keys) {
      if (k == key) return true;
    }
    f.keys.emplace_back(key);
    if (f.keys.size() > kSmall) f.more = std::make_unique<std::set<std::string, std::less<>>>(f.keys.begin(), f.keys.end());
    return false;
  };
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '"' || c == '\'') {
      size_t j = i + 1;
      while (j < text.size() && text[j] != c && text[j] != '\\') ++j;
      if (j < text.size() && text[j] == '\\') {  // escapes: the escaped characters are dropped
        unescaped.assign(text.substr(i + 1, j - i - 1));
        for (; j < text.size() && text[j] != c; ++j) {
          if (text[j] == '\\') ++j;
          else unescaped += text[j];
        }
        last_string = unescaped;
      } else {
        last_string = text.substr(i + 1, j - i - 1);
      }
      i = j;
      string_pending = true;
      continue;
    }
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') continue;
    const char open = depth ? frames[depth - 1].open : 0;
    if (c == ':' && string_pending && open == '{') {
      if (seen(last_string)) return "\"" + std::string(last_string) + "\" twice in one object";
    } else if (c == '=' && open == '(' && i + 1 < text.size() && text[i + 1] != '=' && i > 0 && text[i - 1] != '=' &&
               text[i - 1] != '!' && text[i - 1] != '<' && text[i - 1] != '>') {
      size_t e = i;
      while (e > 0 && (text[e - 1] == ' ' || text[e - 1] == '\t')) --e;
      size_t b = e;
      while (b > 0 && (std::isalnum(static_cast<unsigned char>(text[b - 1])) || text[b - 1] == '_')) --b;
      const std::string_view key = text.substr(b, e - b);
      if (!key.empty() && seen(key)) return std::string(key) + "= twice in one call";
    } else if (c == '{' || c == '(' || c == '[') {
      if (depth == frames.size()) frames.emplace_back();
      Frame& f = frames[depth++];
      f.open = c;
      f.keys.clear();
      f.more.reset();
    } else if (c == '}' || c == ')' || c == ']') {
      if (depth) --depth;
    }
    string_pending = false;
  }
  return "";
}

// The first parameter named twice in one `<invoke ...>` element of the xml dialect
// (`<parameter name="city">` twice); "" if none.
std::string DuplicateXmlParameter(std::string_view text) {
  static const RE2 kParameter(R"re(<parameter\s+name\s*=\s*"([^"]*)")re");
  for (size_t at = text.find("<invoke"); at != std::string_view::npos; at = text.find("<invoke", at + 1)) {
    size_t end = text.find("</invoke>", at);
    if (end == std::string_view::npos) end = text.size();
    re2::StringPiece input(text.data() + at, end - at);
    std::set<std::string> names;
    std::string name;
    while (RE2::FindAndConsume(&input, kParameter, &name)) {
      if (!names.insert(name).second) return "<parameter name=\"" + name + "\"> twice in one invoke";
    }
  }
  return "";
}

}  // namespace

bool LooksLikeCallAttempt(std::string_view text) {
  static const RE2 kKeywordCall(R"((?m)^[ \t]*\[?[ \t]*[A-Za-z_][\w.]*\([ \t]*[A-Za-z_]\w*[ \t]*=[^=])");
  static const RE2 kQuotedNameList(R"((?m)^[ \t]*\[[ \t]*["'][A-Za-z_][\w.]*["'][ \t]*,)");
  static const RE2 kNameObject(R"(\{\s*["']name["']\s*:)");
  static const RE2 kAction(R"((?m)^[ \t]*Action:[ \t]*\S)");
  // An opened call tag of a tagged syntax, whatever follows it.
  static const RE2 kCallTag(R"(<tool_call>|<invoke\s+name\s*=|<function_calls>)");
  re2::StringPiece input(text.data(), text.size());
  auto has = [&](char c) { return text.find(c) != std::string_view::npos; };
  return (has('(') && has('=') && RE2::PartialMatch(input, kKeywordCall)) ||
         (has('[') && has(',') && RE2::PartialMatch(input, kQuotedNameList)) ||
         (has('{') && text.find("name") != std::string_view::npos && RE2::PartialMatch(input, kNameObject)) ||
         (text.find("Action:") != std::string_view::npos && RE2::PartialMatch(input, kAction)) ||
         (HasAny(text, {"<tool_call>", "<invoke", "<function_calls>"}) && RE2::PartialMatch(input, kCallTag));
}

bool HasSignature(const std::vector<Signature>& signatures, std::string_view name) {
  for (const auto& s : signatures) {
    if (s.name == name) return true;
  }
  return false;
}

Json SignaturesToJson(const std::vector<Signature>& signatures) {
  Json j = Json::array();
  for (const auto& s : signatures) j.push_back({{"name", s.name}, {"evidence", s.evidence}});
  return j;
}

std::vector<Signature> ReplySignatures(const SignatureInput& in) {
  std::vector<Signature> out;
  // A trailing end-of-turn token is how every reply ends when special tokens are kept.
  const std::string_view text = WithoutTrailingEndTokens(in.text);
  const std::string_view trimmed = Trim(text);
  const bool parsed = in.parse && in.parse->status == ParseResult::Status::kCalls;
  const bool truncated = in.finish_reason == "length";
  if (trimmed.empty() && !in.has_structured_calls) {
    out.push_back({"empty_reply", in.text.empty()           ? "no text"
                                  : Trim(in.text).empty() ? std::to_string(in.text.size()) + " bytes of whitespace"
                                                          : "only an end-of-turn token: " + Excerpt(Trim(in.text), 0)});
    if (truncated) out.push_back({"truncated", "finish_reason=length"});
    return out;
  }
  for (auto open : CallOpeners(in)) {
    if (trimmed.size() >= open.size() && trimmed.substr(trimmed.size() - open.size()) == open) {
      out.push_back({"bare_call_tag", trimmed.size() == open.size() ? "the whole reply is " + std::string(open)
                                                                    : "the reply ends at " + std::string(open)});
      break;
    }
  }
  const auto tag_pairs = TagPairs(in);
  if (!HasSignature(out, "bare_call_tag")) {
    // An opened call closed with nothing in it: `<tool_call></tool_call>` at the reply's end.
    for (const auto& [open, close] : tag_pairs) {
      if (open == "<tool_response>" || open == "<invoke" || trimmed.size() < close.size() ||
          trimmed.substr(trimmed.size() - close.size()) != close) {
        continue;
      }
      const std::string_view before = Trim(trimmed.substr(0, trimmed.size() - close.size()));
      if (before.size() >= open.size() && before.substr(before.size() - open.size()) == open) {
        out.push_back({"bare_call_tag", "an empty " + std::string(open) + " block"});
        break;
      }
    }
  }
  for (const auto& [open, close] : tag_pairs) {
    const size_t opens = Count(text, open), closes = Count(text, close);
    if (opens != closes) {
      out.push_back({"tag_imbalance", std::to_string(opens) + " " + std::string(open) + (open == "<invoke" ? ">" : "") +
                                          ", " + std::to_string(closes) + " " + std::string(close)});
      break;
    }
  }
  if (auto e = RoleLeak(text); !e.empty()) out.push_back({"role_leak", std::move(e)});
  if (auto e = FakeObservation(text); !e.empty()) out.push_back({"fake_observation", std::move(e)});
  const bool tagged_asked = in.dialect == "hermes" || in.dialect == "xml";
  if (!parsed && tagged_asked && !in.other_dialect.empty() && in.other_dialect != "hermes" &&
      in.other_dialect != "xml") {
    out.push_back({"untagged_call", "parses as " + std::string(in.other_dialect)});
  }
  if (!parsed && in.other_dialect.empty() && LooksLikeCallAttempt(text)) {
    out.push_back({"call_like_prose", Excerpt(trimmed, 0)});
  }
  if (auto e = DuplicateArgument(text); !e.empty()) {
    out.push_back({"duplicate_argument", std::move(e)});
  } else if (auto x = DuplicateXmlParameter(text); !x.empty()) {
    out.push_back({"duplicate_argument", std::move(x)});
  }
  if (truncated) out.push_back({"truncated", "finish_reason=length"});
  return out;
}

}  // namespace toolshift
