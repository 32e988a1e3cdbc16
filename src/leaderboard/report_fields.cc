#include "src/leaderboard/report_fields.h"

#include <algorithm>
#include <cmath>

#include "src/core/sha256.h"
#include "src/scoring/statistics.h"

namespace toolshift {

const Json& Member(const Json& j, const char* key) {
  static const Json kAbsent;  // immutable: a shared null to return by reference
  if (!j.is_object()) return kAbsent;
  const auto it = j.find(key);
  return it == j.end() ? kAbsent : *it;
}

double NumberOr(const Json& j, const char* key, double fallback) {
  const Json& v = Member(j, key);
  return v.is_number() ? v.get<double>() : fallback;
}

std::string StringOr(const Json& j, const char* key, const std::string& fallback) {
  const Json& v = Member(j, key);
  return v.is_string() ? v.get<std::string>() : fallback;
}

Json AccuracyCell(const Json& tally) {
  const Json& acc = Member(tally, "accuracy");
  if (!acc.is_number()) return nullptr;
  return {{"accuracy", acc},
          {"ci_low", NumberOr(tally, "ci_low", 0.0)},
          {"ci_high", NumberOr(tally, "ci_high", 1.0)},
          {"n", NumberOr(tally, "scored", NumberOr(tally, "n", 0.0))}};
}

Json CountCell(double correct, double scored) {
  if (!(scored >= 1) || !(correct >= 0) || correct > scored) return nullptr;
  const auto n = static_cast<uint64_t>(scored), c = static_cast<uint64_t>(correct);
  const Interval ci = WilsonInterval(c, n);
  return {{"accuracy", static_cast<double>(c) / static_cast<double>(n)}, {"ci_low", ci.low}, {"ci_high", ci.high},
          {"n", n}};
}

Json GapCell(const Json& gap) {
  const Json& delta = Member(gap, "delta");
  if (!delta.is_number()) return nullptr;
  return {{"delta", delta},
          {"ci_low", NumberOr(gap, "ci_low", 0.0)},
          {"ci_high", NumberOr(gap, "ci_high", 0.0)},
          {"pairs", NumberOr(gap, "pairs", 0.0)}};
}

Json MacroCell(const std::vector<Json>& cells) {
  double sum = 0, squares = 0, n = 0;
  int k = 0;
  for (const Json& c : cells) {
    if (c.is_null()) continue;
    sum += c["accuracy"].get<double>();
    const double half = (c["ci_high"].get<double>() - c["ci_low"].get<double>()) / 2;
    squares += half * half;
    n += c["n"].get<double>();
    ++k;
  }
  if (k == 0) return nullptr;
  const double mean = sum / k, half = std::sqrt(squares) / k;
  return {{"accuracy", mean},
          {"ci_low", std::max(0.0, mean - half)},
          {"ci_high", std::min(1.0, mean + half)},
          {"n", n},
          {"splits", k}};
}

Json StepCells(const Json& split_tally) {
  double correct[2] = {0, 0}, scored[2] = {0, 0};
  const Json& categories = Member(split_tally, "categories");
  if (categories.is_object()) {
    for (auto it = categories.begin(); it != categories.end(); ++it) {
      const int multi = it.key() == "multi_step" || it.key() == "multi_turn";
      correct[multi] += NumberOr(*it, "correct", 0);
      scored[multi] += NumberOr(*it, "scored", 0);
    }
  }
  return {{"single", CountCell(correct[0], scored[0])}, {"multi", CountCell(correct[1], scored[1])}};
}

Json Fingerprint(const Json& report) {
  Json suites = Json::array();
  const Json& list = Member(report, "suites");
  if (list.is_array()) {
    for (const Json& s : list) {
      suites.push_back({StringOr(s, "name"), StringOr(s, "hash"), NumberOr(s, "n", NumberOr(s, "episodes", 0))});
    }
  }
  std::sort(suites.begin(), suites.end());
  const Json& config = Member(report, "config");
  return {{"toolshift_version", StringOr(report, "toolshift_version", "?")},
          {"limit", Member(config, "limit")},
          {"epochs", NumberOr(config, "epochs", 1)},
          {"suites", suites}};
}

std::string FingerprintText(const Json& fp) {
  std::string hashes;
  double episodes = 0;
  for (const Json& s : fp["suites"]) {
    hashes += s[0].get<std::string>() + "=" + s[1].get<std::string>() + ";";
    episodes += s[2].get<double>();
  }
  const Json& limit = fp["limit"];
  std::string limit_text = "no limit";
  if (limit.is_number() && limit.get<double>() > 0) limit_text = "--limit " + limit.dump();
  else if (limit.is_string() && !limit.get<std::string>().empty()) limit_text = "--limit " + limit.get<std::string>();
  const double epochs = fp["epochs"].get<double>();
  const size_t suites = fp["suites"].size();
  return "toolshift " + fp["toolshift_version"].get<std::string>() + ", " + std::to_string(suites) +
         (suites == 1 ? " suite" : " suites") + " (sha256 " + Sha256Hex(hashes).substr(0, 8) + "), " +
         std::to_string(static_cast<long long>(episodes)) + " episodes, " + limit_text +
         (epochs > 1 ? ", " + std::to_string(static_cast<int>(epochs)) + " epochs" : "");
}

Json RunMetadata(const Json& report) {
  Json meta = Json::object();
  const Json& run = Member(report, "run");
  for (const char* key : {"started_at", "finished_at", "wall_seconds"}) {
    if (!Member(run, key).is_null()) meta[key] = Member(run, key);
  }
  const Json& config = Member(report, "config");
  // trust's provenance may put the times in config instead.
  for (const char* key : {"started_at", "finished_at"}) {
    if (!meta.contains(key) && !Member(config, key).is_null()) meta[key] = Member(config, key);
  }
  for (const char* key : {"toolshift_version", "seed"}) {
    if (!Member(report, key).is_null()) meta[key] = Member(report, key);
  }
  const Json& totals = Member(report, "totals");
  meta["episodes"] = NumberOr(totals, "n", 0);
  meta["backend_errors"] = NumberOr(totals, "backend_errors", 0);
  meta["suites"] = Json::array();
  const Json& suites = Member(report, "suites");
  if (suites.is_array()) {
    for (const Json& s : suites) meta["suites"].push_back({{"name", StringOr(s, "name")}, {"hash", StringOr(s, "hash")}});
  }
  meta["settings"] = Json::object();
  if (config.is_object()) {
    for (auto it = config.begin(); it != config.end(); ++it) {
      if (it.key() == "suites" || it.key() == "labels") continue;
      meta["settings"][it.key()] = *it;
    }
  }
  meta["labels"] = Member(config, "labels").is_object() ? Member(config, "labels") : Json::object();
  return meta;
}

std::string RunName(const Json& report) {
  const Json& config = Member(report, "config");
  std::string name = StringOr(config, "name");
  if (name.empty()) name = StringOr(report, "model");
  const Json& labels = Member(config, "labels");
  if (labels.is_object() && !labels.empty()) {
    std::string text;
    for (auto it = labels.begin(); it != labels.end(); ++it) {
      text += (text.empty() ? "" : ",") + it.key() + "=" + (it->is_string() ? it->get<std::string>() : DumpJson(*it));
    }
    name += " [" + text + "]";
  }
  return name;
}

}  // namespace toolshift
