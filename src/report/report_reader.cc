#include "src/report/report_reader.h"

#include <fstream>

#include <re2/re2.h>

#include "src/core/input_error.h"
#include "src/core/input_file.h"
#include "src/core/json_limits.h"
#include "src/report/report_writer.h"

namespace toolshift {

void CheckReportVersion(const Json& report, const std::string& path) {
  if (!report.is_object()) throw InputError(path + ": not a toolshift report (not a JSON object)");
  if (!report.contains("schema_version") || !report["schema_version"].is_string()) {
    throw InputError(path + ": schema_version: missing (not a toolshift report?)");
  }
  const std::string version = report["schema_version"].get<std::string>();
  int major = 0;
  if (!RE2::FullMatch(version, R"((\d+)\.\d+\.\d+)", &major)) {
    throw InputError(path + ": schema_version: \"" + version + "\" is not MAJOR.MINOR.PATCH");
  }
  if (major != 1) {
    throw InputError(path + ": schema_version: " + version + " is a major version this toolshift cannot read "
                     "(it reads 1.x; use the toolshift that wrote the report)");
  }
}

Json ReadReport(const std::string& path) {
  bool too_deep = false;
  Json report = TryParseJsonBounded(ReadInputFile(path), &too_deep);  // a regular file, 64 MiB at most
  if (report.is_discarded()) throw InputError(path + ": invalid JSON");
  if (too_deep) throw InputError(path + ": nests " + TooDeepText() + ", which no toolshift report does");
  CheckReportVersion(report, path);
  return report;
}

std::optional<double> NumberAt(const Json& report, const std::string& path) {
  std::string pointer = path;
  if (pointer.empty() || pointer[0] != '/') {
    pointer = "/" + path;
    for (char& c : pointer) {
      if (c == '.') c = '/';
    }
  }
  try {
    const Json::json_pointer p(pointer);
    if (!report.contains(p)) return std::nullopt;
    const Json& v = report.at(p);
    if (!v.is_number()) return std::nullopt;
    return v.get<double>();
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

std::optional<std::vector<LoggedVerdict>> ReadEpisodeVerdicts(const std::string& report_path) {
  const std::string path = EpisodeLogPath(report_path);
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::vector<LoggedVerdict> out;
  std::string text;
  for (size_t line = 1; std::getline(in, text); ++line) {
    if (text.empty()) continue;
    bool too_deep = false;  // the fields read are flat; what nests too deep is dropped unread
    const Json j = TryParseJsonBounded(text, &too_deep);
    try {
      if (j.is_discarded()) throw std::runtime_error("invalid JSON");
      LoggedVerdict v;
      v.suite = j.at("suite").get<std::string>();
      v.id = j.at("id").get<std::string>();
      v.epoch = j.value("epoch", 0);
      v.split = j.at("split").get<std::string>();
      v.category = j.at("category").get<std::string>();
      v.correct = j.at("correct").get<bool>();
      v.backend_error = j.value("failure", "") == "backend_error";
      out.push_back(std::move(v));
    } catch (const std::exception& e) {
      throw InputError(path + ":" + std::to_string(line) + ": " + e.what());
    }
  }
  return out;
}

}  // namespace toolshift
