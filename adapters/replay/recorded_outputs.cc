#include "adapters/replay/recorded_outputs.h"


#include "src/core/input_file.h"
#include "src/core/json_limits.h"

#include "src/core/input_error.h"
#include "src/core/json_text.h"
#include "src/core/parallel_for.h"
#include "src/interop/acebench/ace_agent_result.h"

namespace toolshift {
namespace {

// Arguments given as a JSON string that nests past kMaxJsonDepth: the reply is malformed.
class TooDeepArguments : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// A call as another tool recorded it: {"name", "arguments"} or OpenAI's
// {"function": {"name", "arguments"}}, arguments an object or a JSON string.
ToolCall ReadCall(const Json& j, const std::string& field) {
  const Json* body = &j;
  if (j.is_object() && j.contains("function") && j["function"].is_object()) body = &j["function"];
  if (!body->is_object() || !body->contains("name") || !(*body)["name"].is_string()) {
    throw FieldError(field, "expected {\"name\": ..., \"arguments\": {...}}");
  }
  ToolCall call;
  call.name = (*body)["name"].get<std::string>();
  auto args = body->find("arguments");
  if (args == body->end() || args->is_null()) return call;
  if (args->is_string()) {
    try {
      bool too_deep = false;
      call.arguments = ParseJsonBounded(args->get<std::string>(), &too_deep);
      if (too_deep) throw TooDeepArguments("the recorded " + field + ".arguments nest " + TooDeepText() + "; not read");
    } catch (const Json::exception&) {  // parse errors, and number overflow (out_of_range 406)
      throw FieldError(field + ".arguments", "a string that is not JSON");
    }
  } else {
    call.arguments = *args;
  }
  if (!call.arguments.is_object()) throw FieldError(field + ".arguments", "expected an object");
  return call;
}

std::vector<ToolCall> ReadCalls(const Json& j, const std::string& field) {
  if (!j.is_array()) throw FieldError(field, "expected a list of calls");
  std::vector<ToolCall> calls;
  for (size_t i = 0; i < j.size(); ++i) calls.push_back(ReadCall(j[i], field + "[" + std::to_string(i) + "]"));
  return calls;
}

// BFCL's FC-mode result: [{function_name: {args} or "<json args>"}...].
std::vector<ToolCall> ReadBfclCalls(const Json& j) {
  std::vector<ToolCall> calls;
  for (size_t i = 0; i < j.size(); ++i) {
    const std::string field = "result[" + std::to_string(i) + "]";
    if (j[i].is_array()) throw FieldError(field, "a list of turns: multi-turn results are not supported");
    if (!j[i].is_object() || j[i].size() != 1) throw FieldError(field, "expected {function_name: {arguments}}");
    auto it = j[i].begin();
    calls.push_back(ReadCall(Json{{"name", it.key()}, {"arguments", *it}}, field));
  }
  return calls;
}

// One step of BFCL's multi-turn result: the model's text, or its FC calls. Calls BFCL could not
// decode stay as text, which no decoder reads as a call (BFCL drops such a step).
Message ReadBfclStep(const Json& step) {
  Message m{Role::kAssistant, "", {}};
  if (step.is_string()) {
    m.content = step.get<std::string>();
  } else if (step.is_array()) {
    try {
      m.tool_calls = ReadBfclCalls(step);
    } catch (const FieldError&) {
      m.content = step.dump();
    }
  } else {
    m.content = step.dump();
  }
  return m;
}

bool IsListOfTurns(const Json& result) {
  if (!result.is_array() || result.empty()) return false;
  for (const auto& t : result) {
    if (!t.is_array()) return false;
  }
  return true;
}

// One reply: the model's text, or a message object {"role", "content", "tool_calls"}.
Message ReadReply(const Json& out, const std::string& field) {
  Message m{Role::kAssistant, "", {}};
  if (out.is_string()) {
    m.content = out.get<std::string>();
  } else if (out.is_object()) {
    if (auto c = out.find("content"); c != out.end() && !c->is_null()) {
      if (!c->is_string()) throw FieldError(field + ".content", "expected a string");
      m.content = c->get<std::string>();
    }
    if (auto tc = out.find("tool_calls"); tc != out.end() && !tc->is_null()) m.tool_calls = ReadCalls(*tc, field + ".tool_calls");
    // An episode log line's mark (a reply past a limit, kept cut): it stays unread.
    if (auto u = out.find("unread"); u != out.end() && !u->is_null()) {
      if (!u->is_string()) throw FieldError(field + ".unread", "expected a string");
      m.unread = u->get<std::string>();
    }
    if (auto f = out.find("finish_reason"); f != out.end() && !f->is_null()) {
      if (!f->is_string()) throw FieldError(field + ".finish_reason", "expected a string");
      m.finish_reason = f->get<std::string>();
    }
  } else {
    throw FieldError(field, "expected the model's text or a message object");
  }
  return m;
}

// JSON whitespace.
bool IsJsonSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// Reads the JSON string literal at text[*i] (the opening quote) into `out`, advancing past its
// closing quote. False, leaving the line to nlohmann's parser, for anything but the plain case:
// \u escapes, raw control characters, invalid UTF-8, an unterminated literal.
bool ScanPlainJsonString(std::string_view text, size_t* i, std::string* out) {
  size_t p = *i + 1;
  out->clear();
  size_t run = p;  // start of the bytes not yet copied
  bool ascii = true;
  for (; p < text.size(); ++p) {
    const auto c = static_cast<unsigned char>(text[p]);
    if (c == '"') break;
    if (c < 0x20) return false;
    if (c >= 0x80) ascii = false;
    if (c != '\\') continue;
    out->append(text.data() + run, p - run);
    if (++p == text.size()) return false;
    switch (text[p]) {
      case '"': out->push_back('"'); break;
      case '\\': out->push_back('\\'); break;
      case '/': out->push_back('/'); break;
      case 'b': out->push_back('\b'); break;
      case 'f': out->push_back('\f'); break;
      case 'n': out->push_back('\n'); break;
      case 'r': out->push_back('\r'); break;
      case 't': out->push_back('\t'); break;
      default: return false;  // \u (surrogate pairs and all) and bad escapes: the full parser's
    }
    run = p + 1;
  }
  if (p == text.size()) return false;
  out->append(text.data() + run, p - run);
  if (!ascii && !IsValidUtf8(*out)) return false;
  *i = p + 1;
  return true;
}

// The common line of a BFCL prompt-mode result file or a plain outputs file, read without a
// JSON tree: one flat object whose keys are among id, suite, result, output and
// finish_reason, each once, every value a string, with a non-empty id and exactly one of
// result and output. Such a line reads exactly as ParseRecordedOutput's full path reads it;
// any other line (nested values, other keys, escapes the scan leaves alone, errors) returns
// false and takes the full path, so messages are unchanged.
bool ParseFlatLine(std::string_view text, RecordedOutput* r) {
  size_t i = 0;
  auto skip = [&] {
    while (i < text.size() && IsJsonSpace(text[i])) ++i;
  };
  skip();
  if (i == text.size() || text[i] != '{') return false;
  ++i;
  enum Key { kId, kSuite, kResult, kOutput, kFinish, kKeys };
  std::string values[kKeys];
  bool seen[kKeys] = {};
  std::string key;
  skip();
  if (i < text.size() && text[i] == '}') return false;  // {}: the full path says what is missing
  while (true) {
    skip();
    if (i == text.size() || text[i] != '"' || !ScanPlainJsonString(text, &i, &key)) return false;
    int k;
    if (key == "id") k = kId;
    else if (key == "suite") k = kSuite;
    else if (key == "result") k = kResult;
    else if (key == "output") k = kOutput;
    else if (key == "finish_reason") k = kFinish;
    else return false;
    if (seen[k]) return false;  // a repeated key: nlohmann's rule (the last one wins) applies
    seen[k] = true;
    skip();
    if (i == text.size() || text[i] != ':') return false;
    ++i;
    skip();
    if (i == text.size() || text[i] != '"' || !ScanPlainJsonString(text, &i, &values[k])) return false;
    skip();
    if (i == text.size()) return false;
    if (text[i] == '}') break;
    if (text[i] != ',') return false;
    ++i;
  }
  ++i;
  skip();
  if (i != text.size() || !seen[kId] || values[kId].empty() || seen[kResult] == seen[kOutput]) return false;
  r->id = std::move(values[kId]);
  r->suite = std::move(values[kSuite]);
  Message& m = r->response.message;
  if (seen[kOutput]) {
    m = Message{Role::kAssistant, std::move(values[kOutput]), {}};
    m.finish_reason = std::move(values[kFinish]);
  } else {
    m.content = std::move(values[kResult]);
    r->bfcl_text_result = true;
  }
  return true;
}

}  // namespace

RecordedOutput ParseRecordedOutput(std::string_view text, const std::string& where) {
  // Most lines of a large outputs file are flat strings: scanned, not parsed into a tree.
  if (RecordedOutput fast; ParseFlatLine(text, &fast)) return fast;
  Json j;
  bool too_deep = false;
  try {
    j = ParseJsonBounded(text, &too_deep);
  } catch (const Json::exception& e) {  // parse errors, and number overflow (out_of_range 406)
    throw InputError(where + ": not valid JSON (" + JsonErrorText(e) + ")");
  }
  if (!j.is_object()) throw InputError(where + ": expected a JSON object");
  RecordedOutput r;
  try {
    auto id = j.find("id");
    if (id == j.end() || !id->is_string() || id->get_ref<const std::string&>().empty()) {
      throw FieldError("id", "missing or not a non-empty string");
    }
    r.id = id->get<std::string>();
    if (auto s = j.find("suite"); s != j.end()) {
      if (!s->is_string()) throw FieldError("suite", "expected a string");
      r.suite = s->get<std::string>();
    }
    Message& m = r.response.message;
    int forms = 0;
    if (auto be = j.find("backend_error"); be != j.end()) {
      ++forms;
      r.response.error = be->is_string() ? be->get<std::string>() : be->dump();
      if (r.response.error.empty()) r.response.error = "recorded backend error";
    }
    if (auto out = j.find("output"); out != j.end()) {
      ++forms;
      m = ReadReply(*out, "output");
      // A line may give the finish reason beside a plain-text output.
      if (auto f = j.find("finish_reason"); f != j.end() && f->is_string() && m.finish_reason.empty()) {
        m.finish_reason = f->get<std::string>();
      }
    }
    if (auto outs = j.find("outputs"); outs != j.end()) {
      // A multi-step episode's replies; with a backend_error too, the ones before it failed.
      if (!outs->is_array()) throw FieldError("outputs", "expected an array of replies");
      for (size_t i = 0; i < outs->size(); ++i) r.replies.push_back(ReadReply((*outs)[i], "outputs[" + std::to_string(i) + "]"));
      if (!r.replies.empty()) m = r.replies.back();
      if (j.find("backend_error") == j.end()) ++forms;
    }
    if (auto users = j.find("user_turns"); users != j.end()) {
      // A simulated user's messages, as the episode log keeps them: the loop takes them where it
      // awaits its user (without them a re-scored episode would stop there).
      if (!users->is_array()) throw FieldError("user_turns", "expected an array of the user's messages");
      for (size_t i = 0; i < users->size(); ++i) {
        const Json& said = (*users)[i];
        if (!said.is_string()) throw FieldError("user_turns[" + std::to_string(i) + "]", "expected a string");
        r.user_turns.push_back(Message{Role::kUser, said.get<std::string>(), {}});
      }
    }
    if (auto tc = j.find("tool_calls"); tc != j.end()) {
      ++forms;
      m.tool_calls = ReadCalls(*tc, "tool_calls");
    }
    if (acebench::IsAgentResultLine(j)) {  // ACEBench's agent line: end state and process, not calls
      ++forms;
      m = acebench::AgentResultReply(j);
      r.replies = {m};
      r.user_turns = {Message{Role::kUser, "", {}}};  // lets a multi_turn episode's loop take the reply
    } else if (auto res = j.find("result"); res != j.end()) {
      ++forms;
      if (IsListOfTurns(*res)) {
        r.grouped = true;
        for (const auto& turn : *res) {
          r.turn_sizes.push_back(turn.size());
          for (const auto& step : turn) r.replies.push_back(ReadBfclStep(step));
        }
        if (!r.replies.empty()) m = r.replies.back();
      } else if (res->is_string()) {
        m.content = res->get<std::string>();
        r.bfcl_text_result = true;
      } else if (res->is_array()) {
        m.tool_calls = ReadBfclCalls(*res);
      }
      else throw FieldError("result", "expected BFCL's result text or list of calls");
    }
    if (forms != 1) {
      throw FieldError("(line)", forms == 0 ? "expected one of output, outputs, tool_calls, result, backend_error"
                                            : "give only one of output, outputs, tool_calls, result, backend_error");
    }
    if (too_deep && r.response.ok()) {
      // The line was read without what nests too deep: the reply it held is malformed, as a
      // run judges a reply past a limit (its id and the rest of the line are still good).
      const std::string why = "the recorded output nests " + TooDeepText() + "; not read";
      m.unread = why;
      for (auto& reply : r.replies) reply.unread = why;
    }
    if (auto u = j.find("usage"); u != j.end() && u->is_object()) {
      r.response.usage.prompt_tokens = u->value("prompt_tokens", int64_t{0});
      r.response.usage.completion_tokens = u->value("completion_tokens", int64_t{0});
      r.response.usage.reported = true;
      if (auto c = u->find("cached_prompt_tokens"); c != u->end() && c->is_number_integer()) {
        r.response.usage.cached_prompt_tokens = c->get<int64_t>();
        r.response.usage.cache_reported = true;
      }
    }
  } catch (const TooDeepArguments& e) {  // read as the malformed reply it is, as a run reads one
    r.response.message = Message{Role::kAssistant, "", {}};
    r.response.message.unread = e.what();
    for (auto& reply : r.replies) reply.unread = e.what();
  } catch (const FieldError& e) {
    throw InputError(where + ": " + e.what());
  } catch (const Json::exception& e) {
    throw InputError(where + ": usage: " + e.what());
  }
  return r;
}

std::vector<RecordedOutput> ReadRecordedOutputs(const std::string& path) {
  // Streamed in batches, each parsed in parallel: outputs files reach millions of lines, and
  // memory stays what is kept plus one batch, never the whole file.
  constexpr size_t kBatchLines = 8192;
  constexpr size_t kBatchBytes = size_t{32} << 20;
  LineReader reader(path);
  std::vector<RecordedOutput> out;
  // One buffer per batch holds its lines' text (not a string per line): (1-based line number,
  // offset, size) into it.
  struct Line {
    size_t number, offset, size;
  };
  std::vector<Line> batch;
  std::string batch_text;
  auto parse_batch = [&] {
    const size_t base = out.size();
    out.resize(base + batch.size());
    std::vector<std::string> errors(batch.size());
    ParallelFor(batch.size(), 512, 0, [&](size_t begin, size_t end) {
      for (size_t i = begin; i != end; ++i) {
        try {
          const Line& l = batch[i];
          const std::string_view text = std::string_view(batch_text).substr(l.offset, l.size);
          // The flat scan first, so a line's "path:line" is built only for the full parse.
          if (!ParseFlatLine(text, &out[base + i])) {
            out[base + i] = ParseRecordedOutput(text, path + ":" + std::to_string(l.number));
          }
          out[base + i].line = l.number;
        } catch (const InputError& e) {
          errors[i] = e.what();
        }
      }
    });
    // The first bad line in file order is the one reported, whatever the scheduling.
    for (const auto& e : errors) {
      if (!e.empty()) throw InputError(e);
    }
    batch.clear();
    batch_text.clear();
  };
  std::string_view line;
  while (reader.Next(&line)) {
    if (line.find_first_not_of(" \t\r") == std::string_view::npos) continue;
    batch.push_back({reader.line_number(), batch_text.size(), line.size()});
    batch_text += line;
    if (batch.size() == kBatchLines || batch_text.size() >= kBatchBytes) parse_batch();
  }
  parse_batch();
  return out;
}

}  // namespace toolshift
