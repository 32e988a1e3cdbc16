#include "src/report/episode_log_line.h"

#include <charconv>

#include "src/core/json_text.h"
#include "src/core/message.h"
#include "src/core/split.h"
#include "src/dialects/dialect.h"
#include "src/report/report_builder.h"
#include "src/scoring/failure.h"
#include "src/scoring/signatures.h"

namespace toolshift {
namespace {

// Field writers in EpisodeLogEntry's key order; keys are plain ASCII, written as they are.
class LineWriter {
 public:
  explicit LineWriter(std::string& out) : out_(out) {}

  void Key(std::string_view key) {
    if (!first_) out_ += ',';
    first_ = false;
    out_ += '"';
    out_ += key;
    out_ += "\":";
  }
  void String(std::string_view key, std::string_view value) {
    Key(key);
    AppendJsonString(out_, value);
  }
  template <typename Int>
  void Integer(std::string_view key, Int value) {
    Key(key);
    char buf[24];
    const auto end = std::to_chars(buf, buf + sizeof buf, value).ptr;
    out_.append(buf, end);
  }
  void Bool(std::string_view key, bool value) {
    Key(key);
    out_ += value ? "true" : "false";
  }
  // nlohmann's own number format (shortest round trip, "80.0" for whole numbers, null for NaN).
  void Double(std::string_view key, double value) {
    Key(key);
    out_ += DumpJson(Json(value));
  }
  // A value that already is a tree (call arguments): dumped as DumpJson dumps it.
  void Tree(std::string_view key, const Json& value) {
    Key(key);
    out_ += DumpJson(value);
  }
  // A nested object: its writer starts at the opening brace; Close() ends it.
  LineWriter Object(std::string_view key) {
    Key(key);
    out_ += '{';
    return LineWriter(out_);
  }
  void Close() { out_ += '}'; }

 private:
  std::string& out_;
  bool first_ = true;
};

void AppendCall(std::string& out, const ToolCall& c) {
  out += '{';
  LineWriter w(out);
  w.String("name", c.name);
  w.Tree("arguments", c.arguments);
  if (!c.id.empty()) w.String("id", c.id);
  w.Close();
}

template <typename Items, typename Append>
void AppendArray(std::string& out, const Items& items, Append append) {
  out += '[';
  bool first = true;
  for (const auto& item : items) {
    if (!first) out += ',';
    first = false;
    append(out, item);
  }
  out += ']';
}

// ToJson(Message) as text (src/core/message.cc).
void AppendMessage(std::string& out, const Message& m) {
  out += '{';
  LineWriter w(out);
  w.String("role", RoleName(m.role));
  w.String("content", m.content);
  if (!m.tool_calls.empty()) {
    w.Key("tool_calls");
    AppendArray(out, m.tool_calls, AppendCall);
  }
  if (!m.tool_call_id.empty()) w.String("tool_call_id", m.tool_call_id);
  if (!m.name.empty()) w.String("name", m.name);
  if (!m.unread.empty()) w.String("unread", m.unread);
  if (!m.finish_reason.empty()) w.String("finish_reason", m.finish_reason);
  w.Close();
}

// SignaturesToJson as text (src/scoring/signatures.cc).
void AppendSignature(std::string& out, const Signature& s) {
  out += '{';
  LineWriter w(out);
  w.String("name", s.name);
  w.String("evidence", s.evidence);
  w.Close();
}

}  // namespace

void AppendEpisodeLogLine(std::string& out, const EpisodeRecord& r) {
  // What only the tree writes: trajectories, and log-probabilities with what is read from them.
  if (r.trajectory || !r.response.logprobs.is_null()) {
    out += DumpJson(EpisodeLogEntry(r));
    return;
  }
  const Episode& ep = *r.episode;
  out += '{';
  LineWriter w(out);
  w.String("suite", r.suite->manifest.name);
  w.String("split", SplitName(r.suite->manifest.split));
  w.String("id", ep.id);
  if (!ep.base_id.empty()) {
    w.String("base_id", ep.base_id);
    w.String("shift", ep.shift.empty() ? r.suite->manifest.provenance.shift : ep.shift);
  }
  w.String("domain", ep.domain);
  w.String("category", CategoryName(ep.category));
  w.String("dialect", ep.dialect);
  w.Integer("seed", r.seed);
  w.Integer("epoch", r.epoch);
  w.Key("prompt");
  AppendArray(out, r.prompt, AppendMessage);
  if (r.response.ok()) {
    w.Key("output");
    AppendMessage(out, r.response.message);
    LineWriter parse = w.Object("parse");
    parse.String("status", StatusName(r.verdict.parse.status));
    parse.Key("calls");
    AppendArray(out, r.verdict.parse.calls, AppendCall);
    if (!r.verdict.parse.error.empty()) parse.String("error", r.verdict.parse.error);
    parse.Close();
  } else {
    w.String("backend_error", r.response.error);
  }
  w.Bool("correct", r.verdict.correct);
  w.String("failure", FailureName(r.verdict.failure));
  if (!r.verdict.detail.empty()) w.String("detail", r.verdict.detail);
  if (!r.verdict.other_dialect.empty()) w.String("wrong_dialect", r.verdict.other_dialect);
  if (r.verdict.other_dialect_correct) w.Bool("other_dialect_correct", *r.verdict.other_dialect_correct);
  if (r.response.ok() && !ep.multi) {
    w.Key("signatures");
    AppendArray(out, r.verdict.signatures, AppendSignature);
  }
  w.Double("latency_ms", r.latency_ms);
  w.Integer("attempts", r.attempts);
  if (r.from_cache) w.Bool("cached", true);
  if (r.resumed) w.Bool("resumed", true);
  if (r.response.usage.reported) {
    LineWriter usage = w.Object("usage");
    usage.Integer("prompt_tokens", r.response.usage.prompt_tokens);
    usage.Integer("completion_tokens", r.response.usage.completion_tokens);
    if (r.response.usage.cache_reported) usage.Integer("cached_prompt_tokens", r.response.usage.cached_prompt_tokens);
    usage.Close();
  }
  w.Close();
}

}  // namespace toolshift
