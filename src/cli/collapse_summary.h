// The collapse lines of the terminal summary: per split, the signatures raised most often
// (rate and Wilson interval) and the hidden-skill rate, then the shift kinds where one
// signature dominates — the shape of a format collapse at a glance. The numbers are the
// report's (splits.<split>.signatures, .hidden_skill, .by_kind: docs/report.md).
#ifndef TOOLSHIFT_CLI_COLLAPSE_SUMMARY_H_
#define TOOLSHIFT_CLI_COLLAPSE_SUMMARY_H_

#include <cstdio>

#include "src/core/json.h"

namespace toolshift {

// Prints nothing for a report without signature rates (written before schema 1.2.0), one
// line when no split raised any signature.
void PrintCollapseSummary(const Json& report, std::FILE* out);

}  // namespace toolshift

#endif  // TOOLSHIFT_CLI_COLLAPSE_SUMMARY_H_
