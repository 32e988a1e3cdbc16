// files: a small file system. State: {"files": {"/dir/name.ext": "content", ...}}.
#include "src/envs/environment.h"

namespace toolshift {
namespace {

std::string Dir(std::string d) {
  if (d.empty() || d.back() != '/') d += '/';
  return d;
}

void RequireAbsolute(const std::string& path) {
  if (path.empty() || path[0] != '/') throw ToolError("path '" + path + "' must be absolute (start with /)");
}

}  // namespace

Environment MakeFilesEnvironment() {
  using namespace env;
  std::vector<Environment::EnvTool> tools;
  tools.push_back({{"list_files", "List the files in a directory (recursively).",
                    Params({{"directory", Str("Absolute directory path, e.g. /docs")}}, {"directory"})},
                   false, [](const Json& a, Json& s) {
                     const std::string dir = Dir(a["directory"].get<std::string>());
                     RequireAbsolute(dir);
                     Json out = Json::array();
                     for (auto it = s["files"].begin(); it != s["files"].end(); ++it) {
                       if (it.key().rfind(dir, 0) == 0) out.push_back(it.key());
                     }
                     if (out.empty()) throw ToolError("no such directory: " + dir);
                     return Json{{"files", out}};
                   }});
  tools.push_back({{"read_file", "Read a file's content.", Params({{"path", Str("Absolute file path")}}, {"path"})},
                   false, [](const Json& a, Json& s) {
                     const std::string p = a["path"].get<std::string>();
                     auto it = s["files"].find(p);
                     if (it == s["files"].end()) throw ToolError("no such file: " + p);
                     return Json{{"path", p}, {"content", *it}};
                   }});
  tools.push_back({{"write_file", "Create or overwrite a file.",
                    Params({{"path", Str("Absolute file path")}, {"content", Str("The file's new content")}},
                           {"path", "content"})},
                   true, [](const Json& a, Json& s) {
                     const std::string p = a["path"].get<std::string>();
                     RequireAbsolute(p);
                     if (p.back() == '/') throw ToolError("'" + p + "' is a directory, not a file");
                     const bool existed = s["files"].contains(p);
                     s["files"][p] = a["content"];
                     return Json{{"path", p}, {"created", !existed}};
                   }});
  tools.push_back({{"move_file", "Move or rename a file. Fails if the destination exists.",
                    Params({{"source", Str("Absolute path of the file to move")},
                            {"destination", Str("Absolute path it should get")}},
                           {"source", "destination"})},
                   true, [](const Json& a, Json& s) {
                     const std::string from = a["source"].get<std::string>(), to = a["destination"].get<std::string>();
                     RequireAbsolute(to);
                     auto it = s["files"].find(from);
                     if (it == s["files"].end()) throw ToolError("no such file: " + from);
                     if (s["files"].contains(to)) throw ToolError("destination exists: " + to);
                     Json content = *it;
                     s["files"].erase(from);
                     s["files"][to] = std::move(content);
                     return Json{{"moved", from}, {"to", to}};
                   }});
  tools.push_back({{"delete_file", "Delete a file.", Params({{"path", Str("Absolute file path")}}, {"path"})},
                   true, [](const Json& a, Json& s) {
                     const std::string p = a["path"].get<std::string>();
                     if (!s["files"].contains(p)) throw ToolError("no such file: " + p);
                     s["files"].erase(p);
                     return Json{{"deleted", p}};
                   }});
  return Environment("files", "A file system with documents, notes and reports.", std::move(tools));
}

}  // namespace toolshift
