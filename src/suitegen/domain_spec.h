// DomainSpec: the source a suite is generated from — one domain's tools, pools of values,
// and task templates (suites/domains/*.json; format in docs/suite-format.md).
//
// A task names variables drawn from pools; "{var}" in a template is replaced by how the
// value is said, and "$var" as a whole acceptable value by the value itself (typed), plus
// any alternative spellings the pool lists as acceptable.
#ifndef TOOLSHIFT_SUITEGEN_DOMAIN_SPEC_H_
#define TOOLSHIFT_SUITEGEN_DOMAIN_SPEC_H_

#include <map>
#include <string>
#include <vector>

#include "src/core/episode.h"
#include "src/core/json.h"

namespace toolshift {

struct PoolValue {
  std::string say;           // how the request text says it
  Json value;                // the argument value
  std::vector<Json> accept;  // further acceptable argument values
};

struct TaskSpec {
  Category category = Category::kSimple;
  int count = 1;                              // episodes to generate
  std::map<std::string, std::string> vars;    // variable -> pool name
  std::vector<std::string> templates;         // request phrasings
  std::vector<std::string> offer;             // tool names offered; empty = by category
  Json calls = Json::array();                 // expected calls with $var / {var} placeholders
};

struct DomainSpec {
  std::string domain;
  std::string source;  // file it came from, for errors
  std::vector<Tool> tools;
  std::map<std::string, std::vector<PoolValue>> pools;
  std::vector<TaskSpec> tasks;
};

// Loads and validates one domain file; throws InputError("path: field: what").
DomainSpec LoadDomainSpec(const std::string& path);

// Every *.json in `dir` (not recursive), sorted by file name.
std::vector<DomainSpec> LoadDomainSpecs(const std::string& dir);

}  // namespace toolshift

#endif  // TOOLSHIFT_SUITEGEN_DOMAIN_SPEC_H_
