#include "src/cli/report_summary.h"

#include <cstdint>

#include "src/core/echo.h"

namespace toolshift {
namespace {

std::string Fmt(const Json& v, const char* fmt = "%.3f") {
  if (!v.is_number()) return "-";
  char buf[32];
  std::snprintf(buf, sizeof buf, fmt, v.get<double>());
  return buf;
}

}  // namespace

void PrintSummary(const Json& report, const std::string& out_path, std::FILE* out) {
  // run.wall_seconds: the run's elapsed wall time (for a merge, its longest shard).
  std::fprintf(out, "toolshift %s  model %s  seed %llu  elapsed %.3fs\n", report["toolshift_version"].get<std::string>().c_str(),
               Echo(report["model"].get<std::string>(), SIZE_MAX).c_str(),  // no terminal escapes
               static_cast<unsigned long long>(report["seed"].get<uint64_t>()),
               report["run"]["wall_seconds"].get<double>());
  std::fprintf(out, "%-8s %6s %6s %9s  %-15s %12s %14s\n", "split", "n", "errors", "accuracy", "95% CI",
               "format-valid", "wrong-dialect");
  for (auto it = report["splits"].begin(); it != report["splits"].end(); ++it) {
    const Json& s = *it;
    std::string ci = "[" + Fmt(s["ci_low"]) + ", " + Fmt(s["ci_high"]) + "]";
    std::fprintf(out, "%-8s %6llu %6llu %9s  %-15s %12s %14s\n", it.key().c_str(),
                 static_cast<unsigned long long>(s["n"].get<uint64_t>()),
                 static_cast<unsigned long long>(s["backend_errors"].get<uint64_t>()), Fmt(s["accuracy"]).c_str(),
                 ci.c_str(), Fmt(s["format_validity"]).c_str(), Fmt(s["wrong_dialect_rate"]).c_str());
  }
  for (auto it = report["gap"].begin(); it != report["gap"].end(); ++it) {
    const Json& g = *it;
    // Without pairs there is no gap to state; zeros with a zero-width interval would read as "no gap".
    if (!g["pairs"].is_number() || g["pairs"].get<uint64_t>() == 0) {
      std::fprintf(out, "gap %-8s n/a (no paired episodes)\n", it.key().c_str());
      continue;
    }
    std::fprintf(out, "gap %-8s %s [%s, %s] over %llu pairs\n", it.key().c_str(), Fmt(g["delta"], "%+.3f").c_str(),
                 Fmt(g["ci_low"], "%+.3f").c_str(), Fmt(g["ci_high"], "%+.3f").c_str(),
                 static_cast<unsigned long long>(g["pairs"].get<uint64_t>()));
  }
  // Only servers that report their prompt cache: how much of the prompts they did not redo.
  if (const Json& t = report.value("tokens", Json::object()); t.contains("prompt_cached") && t["prompt"].is_number()) {
    std::fprintf(out, "prompt tokens %lld: %lld from the server's cache, %lld processed\n",
                 static_cast<long long>(t["prompt"].get<int64_t>()), static_cast<long long>(t["prompt_cached"].get<int64_t>()),
                 static_cast<long long>(t["prompt_processed"].get<int64_t>()));
  }
  std::fprintf(out, "report: %s\n", Echo(out_path, SIZE_MAX).c_str());
}

}  // namespace toolshift
