// ACEBench's reply decoders (SPEC.md section 3), reproduced with their quirks:
//
//   DecodePythonList  the default (python-list) decoder of normal categories: the first
//                     outermost [...] span, counted without regard to quotes (single-turn), or
//                     the whole reply with every whitespace character deleted (the two normal
//                     multi-turn categories); parsed as one Python expression that must be a
//                     list or tuple of calls; only keyword arguments kept; values decoded by
//                     ACEBench's rules (a bare name is its text, any unary operator negates its
//                     literal, binary operations are evaluated, a nested call becomes
//                     {name: {kwargs}}, a subscript its source text).
//   DecodeToolCalls   the Qwen mode decoder: every <tool_call>...</tool_call> body a JSON object
//                     with "name" and optional "arguments".
//   DecodeAgentMessage the agent-side decoder of the agent scenes (section 3.3).
//
// Calls keep Python values (bfcl::PyValue): the checker needs tuples, Python equality and str().
#ifndef TOOLSHIFT_INTEROP_ACEBENCH_ACE_DECODE_H_
#define TOOLSHIFT_INTEROP_ACEBENCH_ACE_DECODE_H_

#include <string>
#include <string_view>
#include <vector>

#include "src/core/tool.h"
#include "src/interop/bfcl/py/py_value.h"

namespace toolshift::acebench {

struct AceCall {
  std::string name;
  bfcl::PyDict args;  // keyword arguments in reply order (str keys); a repeated keyword keeps the last value
};

struct DecodeResult {
  bool ok = false;
  std::string error;  // why decoding failed (ok = false)
  std::vector<AceCall> calls;
};

// `whitespace_free`: the normal multi-turn categories' variant (whitespace deleted, no span
// extraction).
DecodeResult DecodePythonList(std::string_view reply, bool whitespace_free);
DecodeResult DecodeToolCalls(std::string_view reply, bool whitespace_free);

// Agent messages (3.3): zero or more calls, or failure. `skip_non_calls`: the multi_turn
// executor's reading (non-call elements skipped); otherwise a non-call element fails.
DecodeResult DecodeAgentMessage(std::string_view message, bool skip_non_calls);

// Deletes every character Python's str.split() treats as whitespace.
std::string DeleteWhitespace(std::string_view text);

// Calls given as structured values (a native dialect, another dialect's parser) as ACEBench calls.
std::vector<AceCall> FromToolCalls(const std::vector<ToolCall>& calls);
// ACEBench calls as toolshift calls (tuples become arrays), for trajectories and the episode log.
std::vector<ToolCall> ToToolCalls(const std::vector<AceCall>& calls);

// A call as ACEBench re-renders it for execution and milestones: "name(k=<repr>, ...)".
std::string RenderCall(const AceCall& call);

}  // namespace toolshift::acebench

#endif  // TOOLSHIFT_INTEROP_ACEBENCH_ACE_DECODE_H_
