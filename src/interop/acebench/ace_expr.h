// A reader for the subset of Python expressions ACEBench's decoders see in model replies: call
// lists such as "[Api(k='v', n=5), pkg.Other()]", with literals, containers, unary and binary
// operators, names, attribute chains, calls and subscripts. It builds a small syntax tree (as
// Python's ast would) and leaves the meaning of each node to the decoder (ace_decode.h), since
// ACEBench gives nodes meanings Python does not (a bare name is its own text, any unary operator
// negates its literal).
//
// Syntax Python would reject raises ExprError; so does syntax outside the subset (comparisons,
// boolean operators, lambdas, comprehensions, f-strings, starred arguments), which every ACEBench
// decoder treats as a decoding failure anyway.
#ifndef TOOLSHIFT_INTEROP_ACEBENCH_ACE_EXPR_H_
#define TOOLSHIFT_INTEROP_ACEBENCH_ACE_EXPR_H_

#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "src/interop/bfcl/py/py_value.h"

namespace toolshift::acebench {

using bfcl::PyValue;

class ExprError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct Expr;
using ExprPtr = std::unique_ptr<Expr>;

struct Keyword {
  std::string name;
  ExprPtr value;
};

struct Expr {
  enum class Kind { kConstant, kEllipsis, kName, kAttribute, kList, kTuple, kDict, kSet, kUnary, kBinary, kCall, kSubscript };
  Kind kind = Kind::kConstant;
  PyValue value;               // kConstant
  std::string name;            // kName: the identifier; kAttribute: the attribute
  char op = 0;                 // kUnary: '-', '+', '~', '!' (not); kBinary: see ace_expr.cc
  std::string op_text;         // kBinary: the operator as written ("+", "//", "**", ...)
  std::vector<ExprPtr> items;  // containers; kDict: keys at even, values at odd positions;
                               // kUnary/kAttribute: items[0] the operand; kBinary: left, right;
                               // kCall: items[0] the callee, then positional arguments;
                               // kSubscript: items[0] the subscripted value
  std::vector<Keyword> keywords;  // kCall
  size_t begin = 0, end = 0;      // the node's source span in the parsed text (bytes)
};

// Parses `text` as one Python expression (surrounding whitespace and a trailing newline allowed).
ExprPtr ParseExpr(std::string_view text);

// The dotted name of a callee made of names and attributes ("a.b.f"); empty when it is anything else.
std::string DottedName(const Expr& callee);

// Evaluates a tree made only of literals, containers and operators as Python's eval() would
// (real unary semantics, + - * / // % ** on numbers, + on str/list/tuple, * of a sequence by
// an int); throws ExprError for names, calls and anything else eval would reject here.
PyValue Evaluate(const Expr& e);

}  // namespace toolshift::acebench

#endif  // TOOLSHIFT_INTEROP_ACEBENCH_ACE_EXPR_H_
