#include "src/core/suite.h"

#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <unordered_map>
#include <sstream>
#include <cstring>

#include <re2/re2.h>

#include "src/core/dialect_names.h"
#include "src/core/episode_json.h"
#include "src/core/input_error.h"
#include "src/core/input_file.h"
#include "src/core/json_limits.h"
#include "src/core/json_members.h"
#include "src/core/sha256.h"
#include "src/core/tool_list.h"

namespace toolshift {
namespace fs = std::filesystem;

namespace {

// 1-based line of a byte offset, for JSON parse errors in multi-line files.
size_t LineOf(const std::string& text, size_t byte) {
  size_t line = 1;
  for (size_t i = 0; i < byte && i < text.size(); ++i) line += text[i] == '\n';
  return line;
}

const RE2& SuiteNamePattern() {
  static const RE2 kPattern(R"([A-Za-z0-9][A-Za-z0-9._@+\-]{0,127})");
  return kPattern;
}


std::string FieldString(const Json& j, const char* key, const std::string& where, bool required) {
  auto it = j.find(key);
  if (it == j.end()) {
    if (required) throw InputError(where + key + ": missing");
    return "";
  }
  if (!it->is_string()) throw InputError(where + key + ": expected a string");
  return it->get<std::string>();
}

// Episodes a line at a time, as LoadSuite streams them and ParseEpisodes splits them.
class EpisodeLines {
 public:
  EpisodeLines(const std::string& path, const SuiteManifest& manifest, size_t max_episodes,
               EpisodeFilter keep = nullptr)
      : path_(path), manifest_(manifest), max_(max_episodes), keep_(std::move(keep)) {}

  // False once `max_episodes` are parsed and this line is not blank (the caller may stop,
  // or go on counting what is left with Count()).
  bool Add(std::string_view line, size_t line_no) {
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.find_first_not_of(" \t") == std::string_view::npos) return true;
    if (max_ && episodes_.size() == max_) return false;
    // The filter's fast path: an id read off a canonical line's start, without parsing it.
    constexpr std::string_view kIdStart = "{\"id\":\"";
    if (keep_ && line.substr(0, kIdStart.size()) == kIdStart) {
      const size_t end = line.find_first_of("\"\\", kIdStart.size());
      if (end != std::string_view::npos && line[end] == '"' &&
          !keep_(line.substr(kIdStart.size(), end - kIdStart.size()))) {
        ++unparsed_;
        return true;
      }
    }
    const std::string where = path_ + ":" + std::to_string(line_no) + ": ";
    std::string_view tools_text;
    const ToolList* seen_tools = SeenTools(line, &tools_text);
    Json j;
    bool too_deep = false;
    if (seen_tools) {
      // The list's text replaced by null: valid exactly when the line is, the list being valid.
      std::string rest;
      rest.reserve(line.size() - tools_text.size() + 4);
      const size_t at = static_cast<size_t>(tools_text.data() - line.data());
      rest.append(line.substr(0, at)).append("null").append(line.substr(at + tools_text.size()));
      j = TryParseJsonBounded(rest, &too_deep);
      if (j.is_discarded()) seen_tools = nullptr;  // the error is reported from the line itself
    }
    if (!seen_tools) {
      try {
        j = ParseJsonBounded(line, &too_deep);
      } catch (const Json::exception& e) {  // parse errors, and number overflow (out_of_range 406)
        throw InputError(where + "invalid JSON: " + JsonErrorText(e));
      }
    }
    if (too_deep) throw InputError(where + "the episode nests " + TooDeepText() + " (toolshift's limit for any value)");
    if (keep_) {
      const auto id = j.is_object() ? j.find("id") : j.end();
      if (id != j.end() && id->is_string() && !keep_(id->get_ref<const std::string&>())) {
        ++unparsed_;
        return true;
      }
    }
    Episode ep;
    try {
      ep = ParseEpisode(j, manifest_.dialect, seen_tools);
    } catch (const FieldError& e) {
      throw InputError(where + e.what());
    }
    if (manifest_.split != Split::kId && ep.base_id.empty()) {
      throw InputError(where + "base_id: missing (every episode of a " + std::string(SplitName(manifest_.split)) +
                       "-shifted suite names its in-distribution twin)");
    }
    if (!seen_tools) {
      tools_.Intern(ep.tools);  // most episodes of a suite offer one of a few lists
      RememberTools(tools_text, ep.tools);
    }
    auto [it, fresh] = first_line_.emplace(ep.id, line_no);
    if (!fresh) {
      throw InputError(where + "id: duplicate id '" + ep.id + "' (first on line " + std::to_string(it->second) + ")");
    }
    episodes_.push_back(std::move(ep));
    return true;
  }
  // Counts a non-blank line past the limit.
  void Count(std::string_view line) {
    if (line.find_first_not_of(" \t\r") != std::string_view::npos) ++unparsed_;
  }
  std::vector<Episode> Finish() {
    if (episodes_.empty() && !(keep_ && unparsed_)) throw InputError(path_ + ": no episodes");
    return std::move(episodes_);
  }
  size_t unparsed() const { return unparsed_; }

 private:
  // The tool list of an earlier line whose "tools" text is byte for byte this line's, or
  // nullptr; `tools_text` is set to that text whenever the line has one plain "tools" member.
  const ToolList* SeenTools(std::string_view line, std::string_view* tools_text) {
    *tools_text = {};
    if (!SplitJsonMembers(line, &members_)) return nullptr;
    for (const JsonMember& m : members_) {
      if (m.key != "tools") continue;
      if (!tools_text->empty()) {  // a repeated key: the whole parse decides what it means
        *tools_text = {};
        return nullptr;
      }
      *tools_text = line.substr(m.value_begin, m.value_end - m.value_begin);
    }
    if (tools_text->empty()) return nullptr;
    auto [lo, hi] = seen_tools_.equal_range(std::hash<std::string_view>()(*tools_text));
    for (auto it = lo; it != hi; ++it) {
      if (it->second.first == *tools_text) return &it->second.second;
    }
    return nullptr;
  }
  void RememberTools(std::string_view tools_text, const ToolList& tools) {
    // Bounded: a suite whose every line has its own list gains nothing from remembering them.
    constexpr size_t kMaxRememberedBytes = size_t{32} << 20;
    if (tools_text.empty() || remembered_bytes_ + tools_text.size() > kMaxRememberedBytes) return;
    remembered_bytes_ += tools_text.size();
    seen_tools_.emplace(std::hash<std::string_view>()(tools_text),
                        std::make_pair(std::string(tools_text), tools));
  }

  const std::string& path_;
  const SuiteManifest& manifest_;
  size_t max_;
  EpisodeFilter keep_;
  std::vector<Episode> episodes_;
  std::map<std::string, size_t> first_line_;
  ToolListInterner tools_;
  std::vector<JsonMember> members_;
  std::unordered_multimap<size_t, std::pair<std::string, ToolList>> seen_tools_;
  size_t remembered_bytes_ = 0;
  size_t unparsed_ = 0;
};

// Streams an episodes file: only the episodes kept are in memory; with a limit, the rest is
// read to count it and finish `hash`, never parsed.
std::vector<Episode> StreamEpisodes(const std::string& path, const SuiteManifest& manifest, size_t max_episodes,
                                    size_t* unparsed, Sha256* hash, const EpisodeFilter& keep) {
  LineReader reader(path);
  reader.HashInto(hash);
  EpisodeLines lines(path, manifest, max_episodes, keep);
  std::string_view line;
  while (reader.Next(&line)) {
    if (!lines.Add(line, reader.line_number())) {
      lines.Count(line);
      break;
    }
  }
  while (reader.Next(&line)) lines.Count(line);
  *unparsed = lines.unparsed();
  return lines.Finish();
}

}  // namespace

std::vector<Episode> ParseEpisodes(const std::string& text, const std::string& path, const SuiteManifest& manifest,
                                   size_t max_episodes, size_t* unparsed) {
  EpisodeLines lines(path, manifest, max_episodes);
  size_t line_no = 0;
  size_t pos = 0;
  if (unparsed) *unparsed = 0;
  while (pos < text.size()) {
    size_t end = text.find('\n', pos);
    if (end == std::string::npos) end = text.size();
    std::string_view line(text.data() + pos, end - pos);
    pos = end + 1;
    ++line_no;
    if (!lines.Add(line, line_no)) {
      if (!unparsed) break;
      lines.Count(line);
    }
  }
  if (unparsed) *unparsed = lines.unparsed();
  return lines.Finish();
}

std::vector<std::string> Suite::Domains() const {
  std::vector<std::string> out;
  std::set<std::string> seen;
  for (const auto& e : episodes) {
    if (seen.insert(e.domain).second) out.push_back(e.domain);
  }
  return out;
}

SuiteManifest ParseManifest(const Json& j, const std::string& source) {
  const std::string where = source + ": ";
  if (!j.is_object()) throw InputError(where + "manifest must be a JSON object");
  static const std::set<std::string> kKeys = {"name", "split", "version", "description",
                                              "dialect", "episodes", "provenance", "skipped_records"};
  for (auto it = j.begin(); it != j.end(); ++it) {
    if (!kKeys.count(it.key())) throw InputError(where + it.key() + ": unknown field");
  }
  SuiteManifest m;
  m.name = FieldString(j, "name", where, true);
  if (!RE2::FullMatch(m.name, SuiteNamePattern())) {
    throw InputError(where + "name: '" + m.name + "' is not a valid suite name");
  }
  const std::string split = FieldString(j, "split", where, true);
  auto s = ParseSplit(split);
  if (!s) throw InputError(where + "split: expected id, format or content, got '" + split + "'");
  m.split = *s;
  if (auto v = FieldString(j, "version", where, false); !v.empty()) m.version = v;
  m.description = FieldString(j, "description", where, false);
  if (auto d = FieldString(j, "dialect", where, false); !d.empty()) m.dialect = d;
  if (!IsKnownDialect(m.dialect)) throw InputError(where + "dialect: unknown dialect '" + m.dialect + "'");
  if (auto e = FieldString(j, "episodes", where, false); !e.empty()) m.episodes_file = e;
  if (m.episodes_file.find("..") != std::string::npos || m.episodes_file.front() == '/') {
    throw InputError(where + "episodes: must be a file name inside the suite folder");
  }
  if (auto sk = j.find("skipped_records"); sk != j.end()) {
    if (!sk->is_number_unsigned()) throw InputError(where + "skipped_records: expected a non-negative integer");
    m.skipped_records = sk->get<size_t>();
  }
  auto prov = j.find("provenance");
  if (m.split != Split::kId) {
    if (prov == j.end()) throw InputError(where + "provenance: missing (required for shifted suites)");
    if (!prov->is_object()) throw InputError(where + "provenance: expected an object");
    const std::string pw = where + "provenance.";
    m.provenance.base_suite = FieldString(*prov, "base_suite", pw, true);
    m.provenance.shift = FieldString(*prov, "shift", pw, true);
    auto seed = prov->find("seed");
    if (seed == prov->end() || !seed->is_number_unsigned()) {
      throw InputError(pw + "seed: expected a non-negative integer");
    }
    m.provenance.seed = seed->get<uint64_t>();
  } else if (prov != j.end()) {
    throw InputError(where + "provenance: only shifted (format/content) suites have provenance");
  }
  return m;
}

Json ManifestToJson(const SuiteManifest& m) {
  Json j = Json::object();
  j["name"] = m.name;
  j["split"] = SplitName(m.split);
  j["version"] = m.version;
  j["description"] = m.description;
  j["dialect"] = m.dialect;
  j["episodes"] = m.episodes_file;
  if (m.skipped_records > 0) j["skipped_records"] = m.skipped_records;
  if (m.split != Split::kId) {
    j["provenance"] = {{"base_suite", m.provenance.base_suite},
                       {"shift", m.provenance.shift},
                       {"seed", m.provenance.seed}};
  }
  return j;
}

Suite LoadSuite(const std::string& path_str, size_t max_episodes, const EpisodeFilter& keep) {
  fs::path path(path_str);
  std::error_code ec;
  if (!fs::exists(path, ec)) throw InputError(path_str + ": no such suite file or folder");
  Suite suite;
  suite.source = path_str;
  if (path.extension() == ".jsonl") {
    suite.manifest.name = path.stem().string();
    if (!RE2::FullMatch(suite.manifest.name, SuiteNamePattern())) {
      throw InputError(path_str + ": file name does not make a valid suite name");
    }
    suite.manifest.episodes_file = path.filename().string();
    Sha256 h;
    suite.episodes = StreamEpisodes(path_str, suite.manifest, max_episodes, &suite.unloaded, &h, keep);
    suite.hash = "sha256:" + h.Hex();
    return suite;
  }
  fs::path manifest_path = fs::is_directory(path, ec) ? path / "manifest.json" : path;
  const std::string manifest_text = ReadInputFile(manifest_path.string());
  Json mj;
  try {
    mj = Json::parse(manifest_text);
  } catch (const Json::parse_error& e) {
    throw InputError(manifest_path.string() + ":" + std::to_string(LineOf(manifest_text, e.byte)) +
                     ": invalid JSON: " + JsonErrorText(e));
  } catch (const Json::exception& e) {  // number overflow (out_of_range 406) has no byte offset
    throw InputError(manifest_path.string() + ": invalid JSON: " + JsonErrorText(e));
  }
  suite.manifest = ParseManifest(mj, manifest_path.string());
  const fs::path episodes_path = manifest_path.parent_path() / suite.manifest.episodes_file;
  Sha256 h;
  h.Update(manifest_text);
  suite.episodes = StreamEpisodes(episodes_path.string(), suite.manifest, max_episodes, &suite.unloaded, &h, keep);
  suite.hash = "sha256:" + h.Hex();
  return suite;
}

void WriteSuite(const std::string& dir, const SuiteManifest& manifest,
                const std::vector<Episode>& episodes) {
  fs::create_directories(dir);
  {
    std::ofstream out(fs::path(dir) / "manifest.json", std::ios::binary);
    out << ManifestToJson(manifest).dump(2) << "\n";
    if (!out) throw InputError(dir + "/manifest.json: write failed");
  }
  std::ofstream out(fs::path(dir) / manifest.episodes_file, std::ios::binary);
  for (const auto& ep : episodes) out << EpisodeToJson(ep, manifest.dialect).dump() << "\n";
  if (!out) throw InputError(dir + "/" + manifest.episodes_file + ": write failed");
}

void OverrideDialect(Suite& suite, const std::string& dialect) {
  if (!IsKnownDialect(dialect)) {
    throw InputError("--dialect: unknown dialect '" + dialect + "' (hermes, pythonic, json, xml, react, native)");
  }
  for (auto& e : suite.episodes) {
    e.dialect = dialect;
    e.presentation.prompt = PromptVariantFor(e.presentation.prompt, dialect);
  }
}

void OverridePrompt(Suite& suite, const std::string& prompt) {
  const std::string_view owner = PromptVariantDialect(prompt);
  if (!prompt.empty() && owner.empty()) throw InputError("--prompt: unknown prompt variant '" + prompt + "' (qwen2.5, bfcl)");
  for (auto& e : suite.episodes) {
    // The variant follows the episode's dialect as a dialect shift carries it (qwen2.5 <-> bfcl),
    // so `--dialect X --prompt P` prompts both halves of each pair as their sources do.
    const std::string variant = PromptVariantFor(prompt, e.dialect);
    if (!prompt.empty() && variant.empty()) {
      throw InputError("--prompt " + prompt + ": written for " + std::string(owner) + ", but " + suite.manifest.name +
                       " episode " + e.id + " asks for " + e.dialect + " (add --dialect " + std::string(owner) + ")");
    }
    e.presentation.prompt = variant;
  }
}

}  // namespace toolshift
