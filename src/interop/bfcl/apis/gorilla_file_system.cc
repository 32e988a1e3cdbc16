// GorillaFileSystem (BFCL's gorilla_file_system.py): a tree of files and directories with a
// current directory and shell-like commands. BEHAVIOUR.md §1.
//
// The tree keeps Python's object graph, because BFCL's verdicts depend on it: a directory
// moved with mv is a new directory object that shares the old one's child map (so children
// still point at the old, detached parent), and cp's directory copy is a new map holding the
// same child objects (so writing through one path changes the other). Nodes and child maps
// therefore live in an arena owned by the instance and refer to each other by pointer, as
// Python's references do; nothing is freed before the instance is (or loads a new scenario).
//
// Arguments keep their Python types: a file name that is not a str gets the TypeError or
// AttributeError BFCL's code would raise on it. One liberty: Python would also store a tuple
// as a file name (it passes every check); here a name that is not a str raises TypeError.
#include <algorithm>
#include <cstdio>
#include <deque>
#include <stdexcept>
#include <utility>

#include "src/interop/bfcl/apis/api.h"
#include "src/interop/bfcl/apis/long_context.h"
#include "src/interop/bfcl/apis/py_ops.h"

namespace toolshift::bfcl {
namespace {

PyValue S(const char* s) { return PyValue::Str(s); }
PyValue Str(std::string s) { return PyValue::Str(std::move(s)); }
PyValue Error(std::string text) { return PyValue::Dict(PyDict{{S("error"), Str(std::move(text))}}); }
PyValue Dict1(const char* key, PyValue value) { return PyValue::Dict(PyDict{{S(key), std::move(value)}}); }

// Deeper than any tree a scenario builds; reached only through a cycle cp can make (a directory
// copied into itself), where Python's recursion limit ends the walk.
constexpr int kMaxDepth = 900;
[[noreturn]] void ThrowRecursion() {
  throw PyException("RecursionError", "maximum recursion depth exceeded");
}

struct Node;
// A directory's children in insertion order (Python's dict).
using ChildMap = std::vector<std::pair<std::string, Node*>>;

struct Node {
  bool is_dir = false;
  std::string name;
  PyValue name_value;         // `name` as a str value, made once (the compared state repeats it)
  PyValue content;            // a file's content (any value: echo stores what it is given)
  Node* parent = nullptr;     // a directory's parent link (never compared)
  ChildMap* contents = nullptr;  // a directory's children; shared between directories after mv
};

Node* FindChild(const ChildMap& map, std::string_view name) {
  for (const auto& [key, node] : map)
    if (key == name) return node;
  return nullptr;
}
bool EraseChild(ChildMap& map, std::string_view name) {
  for (auto it = map.begin(); it != map.end(); ++it) {
    if (it->first == name) {
      map.erase(it);
      return true;
    }
  }
  return false;
}
// dict[name] = node: replaces in place when present, appends otherwise.
void SetChild(ChildMap& map, const std::string& name, Node* node) {
  for (auto& [key, existing] : map) {
    if (key == name) {
      existing = node;
      return;
    }
  }
  map.emplace_back(name, node);
}

// File.__eq__ / Directory.__eq__: names and contents; child maps as dicts (order ignored).
bool NodeEquals(const Node* a, const Node* b, int depth) {
  if (depth > kMaxDepth) ThrowRecursion();
  if (a == b) return true;
  if (a->is_dir != b->is_dir || a->name != b->name) return false;
  if (!a->is_dir) return PyEquals(a->content, b->content);
  const ChildMap& x = *a->contents;
  const ChildMap& y = *b->contents;
  if (x.size() != y.size()) return false;
  for (const auto& [name, child] : x) {
    const Node* other = FindChild(y, name);
    if (other == nullptr || !NodeEquals(child, other, depth + 1)) return false;
  }
  return true;
}

// The compared form of a node: {"type", "name", "content"} for a file and {"type", "name",
// "contents": {child name: child}} for a directory, so Python == on these dicts is BFCL's
// __eq__ (a file never equals a directory; the parent link and the timestamp are left out).
PyValue NodeState(const Node* node, int depth) {
  // Built for every compared state, so the constant keys are shared rather than re-made.
  static const PyValue kType = S("type"), kName = S("name"), kContent = S("content"), kContents = S("contents"),
                       kFile = S("file"), kDirectory = S("directory");
  if (depth > kMaxDepth) ThrowRecursion();
  PyDict state;
  auto& items = state.mutable_items();
  items.reserve(3);
  items.emplace_back(kType, node->is_dir ? kDirectory : kFile);
  items.emplace_back(kName, node->name_value);
  if (!node->is_dir) {
    items.emplace_back(kContent, node->content);
  } else {
    PyDict children;  // a child map's keys are distinct: appended without lookups
    children.mutable_items().reserve(node->contents->size());
    for (const auto& [name, child] : *node->contents) {
      PyValue key = child->name == name ? child->name_value : Str(name);
      children.mutable_items().emplace_back(std::move(key), NodeState(child, depth + 1));
    }
    items.emplace_back(kContents, PyValue::Dict(std::move(children)));
  }
  return PyValue::Dict(std::move(state));
}

// The content of a new file, shared by every empty file.
const PyValue& EmptyStr() {
  static const PyValue kEmpty = S("");
  return kEmpty;
}

// The str methods BFCL calls on file contents, with the AttributeError a non-str raises.
const std::string& StrOf(const PyValue& v, std::string_view method) {
  if (!v.is_str()) ThrowNoAttribute(v, method);
  return v.as_str();
}

std::string JoinLines(const std::vector<std::string>& lines, size_t from = 0) {
  std::string out;
  for (size_t i = from; i < lines.size(); ++i) {
    if (i > from) out += '\n';
    out += lines[i];
  }
  return out;
}

class GorillaFileSystem : public ApiInstance {
 public:
  explicit GorillaFileSystem(BfclProcess& process) : process_(process) { LoadScenario(PyDict{}, false); }

  std::string_view ClassName() const override { return "GorillaFileSystem"; }

  void LoadScenario(const PyDict& scenario, bool long_context) override {
    // A fresh tree: nothing can reach the nodes of an earlier load once root and cwd are reset.
    nodes_.clear();
    maps_.clear();
    long_context_ = long_context;
    root_ = NewDir("/", nullptr);
    if (const PyValue* root = scenario.Find("root")) {
      PyList names = PyIterate(*root);
      if (names.empty()) throw PyException("IndexError", "list index out of range");
      if (!names[0].is_str()) throw PyException("TypeError", "GorillaFileSystem: the root's name must be a str");
      root_ = NewDir(names[0].as_str(), nullptr);
      LoadDirectory(PySubscript(PySubscript(*root, names[0]), S("contents")), root_);
    }
    cwd_ = root_;
  }

  const std::vector<MethodSig>& Methods() const override {
    static const std::vector<MethodSig> kMethods = [] {
      std::vector<MethodSig> sigs;
      for (const Method& m : Table()) sigs.push_back(m.sig);
      return sigs;
    }();
    return kMethods;
  }

  PyValue Invoke(std::string_view method, std::vector<PyValue> args) override {
    for (const Method& m : Table()) {
      if (m.sig.name != method) continue;
      if (args.size() != m.sig.params.size())
        throw std::logic_error("GorillaFileSystem." + m.sig.name + ": arguments not bound to the signature");
      return (this->*m.fn)(args);
    }
    throw PyException("AttributeError", "'GorillaFileSystem' object has no attribute '" + std::string(method) + "'");
  }

  PyDict PublicState() const override {
    return PyDict{{S("root"), NodeState(root_, 0)}, {S("long_context"), PyValue::Bool(long_context_)}};
  }

 private:
  using Args = std::vector<PyValue>;
  struct Method {
    MethodSig sig;
    PyValue (GorillaFileSystem::*fn)(Args&);
  };

  // In the order of BFCL's gorilla_file_system.json; parameters in the Python signature's order.
  static const std::vector<Method>& Table() {
    static const std::vector<Method> kTable = {
        {{"cat", {{"file_name", {}}}}, &GorillaFileSystem::Cat},
        {{"cd", {{"folder", {}}}}, &GorillaFileSystem::Cd},
        {{"cp", {{"source", {}}, {"destination", {}}}}, &GorillaFileSystem::Cp},
        {{"diff", {{"file_name1", {}}, {"file_name2", {}}}}, &GorillaFileSystem::Diff},
        {{"du", {{"human_readable", PyValue::Bool(false)}}}, &GorillaFileSystem::Du},
        {{"echo", {{"content", {}}, {"file_name", PyValue::None()}}}, &GorillaFileSystem::Echo},
        {{"find", {{"path", S(".")}, {"name", PyValue::None()}}}, &GorillaFileSystem::Find},
        {{"grep", {{"file_name", {}}, {"pattern", {}}}}, &GorillaFileSystem::Grep},
        {{"ls", {{"a", PyValue::Bool(false)}}}, &GorillaFileSystem::Ls},
        {{"mkdir", {{"dir_name", {}}}}, &GorillaFileSystem::Mkdir},
        {{"mv", {{"source", {}}, {"destination", {}}}}, &GorillaFileSystem::Mv},
        {{"pwd", {}}, &GorillaFileSystem::Pwd},
        {{"rm", {{"file_name", {}}}}, &GorillaFileSystem::Rm},
        {{"rmdir", {{"dir_name", {}}}}, &GorillaFileSystem::Rmdir},
        {{"sort", {{"file_name", {}}}}, &GorillaFileSystem::Sort},
        {{"tail", {{"file_name", {}}, {"lines", PyValue::Int(10)}}}, &GorillaFileSystem::Tail},
        {{"touch", {{"file_name", {}}}}, &GorillaFileSystem::Touch},
        {{"wc", {{"file_name", {}}, {"mode", S("l")}}}, &GorillaFileSystem::Wc},
    };
    return kTable;
  }

  // --- the object graph -------------------------------------------------------------------

  Node* NewDir(std::string name, Node* parent) {
    Node& node = nodes_.emplace_back();
    node.is_dir = true;
    node.name = std::move(name);
    node.name_value = Str(node.name);
    node.parent = parent;
    node.contents = &maps_.emplace_back();
    return &node;
  }
  Node* NewFile(std::string name, PyValue content) {
    Node& node = nodes_.emplace_back();
    node.name = std::move(name);
    node.name_value = Str(node.name);
    node.content = std::move(content);
    return &node;
  }
  static const std::string& NameOf(const PyValue& name) {
    if (!name.is_str()) throw PyException("TypeError", "GorillaFileSystem: a file or directory name must be a str");
    return name.as_str();
  }
  // Directory._add_file / _add_directory: ValueError when the name is taken.
  Node* AddFile(Node* dir, const std::string& name, PyValue content) {
    if (FindChild(*dir->contents, name))
      throw PyException("ValueError", "File '" + name + "' already exists in directory '" + dir->name + "'.");
    Node* file = NewFile(name, std::move(content));
    dir->contents->emplace_back(name, file);
    return file;
  }
  Node* AddDirectory(Node* dir, const std::string& name) {
    if (FindChild(*dir->contents, name))
      throw PyException("ValueError", "Directory '" + name + "' already exists in directory '" + dir->name + "'.");
    Node* child = NewDir(name, dir);
    dir->contents->emplace_back(name, child);
    return child;
  }

  // `name in self._current_dir.contents` followed by the lookup: a non-str key is never there,
  // an unhashable one raises TypeError.
  Node* Child(const PyValue& name) const {
    CheckHashable(name);
    return name.is_str() ? FindChild(*cwd_->contents, name.as_str()) : nullptr;
  }
  Node* ChildFile(const PyValue& name) const {
    Node* node = Child(name);
    return node && !node->is_dir ? node : nullptr;
  }

  // _load_directory: children in map order; long context pads file contents and fills every
  // directory without sub-directories with POPULATE_FILE_EXTENSION's empty files.
  void LoadDirectory(const PyValue& contents, Node* dir) {
    bool bottommost = true;
    if (!contents.is_dict()) ThrowNoAttribute(contents, "items");
    for (const auto& [key, data] : contents.as_dict().items()) {
      const std::string& name = NameOf(key);
      const PyValue& type = PySubscript(data, S("type"));
      if (PyEquals(type, S("directory"))) {
        bottommost = false;
        Node* child = NewDir(name, dir);
        LoadDirectory(PySubscript(data, S("contents")), child);
        SetChild(*dir->contents, name, child);
      } else if (PyEquals(type, S("file"))) {
        PyValue content = PySubscript(data, S("content"));
        if (long_context_ && !PyContains(LongContextConstant(process_, "FILES_TAIL_USED"), key))
          content = PyAdd(content, LongContextConstant(process_, "FILE_CONTENT_EXTENSION"), /*augmented=*/true);
        SetChild(*dir->contents, name, NewFile(name, std::move(content)));
      }
    }
    if (bottommost && long_context_)
      for (const PyValue& name : LongContextConstant(process_, "POPULATE_FILE_EXTENSION").as_list())
        AddFile(dir, PyStr(name), EmptyStr());
  }

  // _validate_file_or_directory_name: false when any of | / \ ? % * : " > < is `in` the name.
  static bool ValidName(const PyValue& name) {
    for (char c : std::string_view("|/\\?%*:\"><"))
      if (PyContains(name, Str(std::string(1, c)))) return false;
    return true;
  }

  // _navigate_to_directory(path): the directory, or nullptr when a part is not a directory.
  Node* Navigate(const PyValue& path) const {
    if (path.is_none() || PyEquals(path, S("."))) return cwd_;
    if (PyEquals(path, S("/"))) return root_;
    const std::string& text = StrOf(path, "strip");
    size_t begin = text.find_first_not_of('/');
    size_t end = text.find_last_not_of('/');
    std::string stripped = begin == std::string::npos ? "" : text.substr(begin, end - begin + 1);
    Node* dir = !text.empty() && text[0] == '/' ? root_ : cwd_;
    size_t pos = 0;
    while (true) {
      size_t slash = stripped.find('/', pos);
      std::string part = stripped.substr(pos, slash == std::string::npos ? std::string::npos : slash - pos);
      Node* next = part == "." ? dir : FindChild(*dir->contents, part);  // Directory._get_item
      if (next == nullptr || !next->is_dir) return nullptr;
      dir = next;
      if (slash == std::string::npos) return dir;
      pos = slash + 1;
    }
  }

  // --- the commands -------------------------------------------------------------------------

  PyValue Pwd(Args&) {
    std::vector<const std::string*> names;
    for (const Node* dir = cwd_; dir != nullptr; dir = dir->parent) names.push_back(&dir->name);
    std::string path = "/";
    for (size_t i = names.size(); i-- > 0;) path += *names[i] + (i ? "/" : "");
    return Dict1("current_working_directory", Str(path));
  }

  PyValue Ls(Args& a) {
    bool all = a[0].Truthy();
    PyList names;
    for (const auto& [name, node] : *cwd_->contents)
      if (all || name.empty() || name[0] != '.') names.push_back(Str(name));
    return Dict1("current_directory_content", PyValue::List(std::move(names)));
  }

  PyValue Cd(Args& a) {
    const std::string& raw = StrOf(a[0], "rstrip");
    size_t last = raw.find_last_not_of('/');
    std::string folder = last == std::string::npos ? "/" : raw.substr(0, last + 1);  // "" becomes "/"
    bool nested = last != std::string::npos && raw.find('/') < last;
    if (folder != "." && folder != ".." && nested)
      return Error("cd: " + folder + ": Unsupported path. Only one folder level at a time is supported.");
    if (folder == "..") {
      if (cwd_->parent != nullptr) {
        cwd_ = cwd_->parent;
      } else if (NodeEquals(root_, cwd_, 0)) {  // `self.root == self._current_dir`: by value
        return Error("Current directory is already the root. Cannot go back.");
      } else {
        return Error("cd: ..: No such directory");
      }
      return PyValue::Dict();
    }
    Node* target = Navigate(Str(folder));
    if (target == nullptr) return Error("cd: '" + folder + "': No such file or directory");
    cwd_ = target;
    return Dict1("current_working_directory", Str(target->name));
  }

  PyValue Mkdir(Args& a) {
    const PyValue& name = a[0];
    if (!ValidName(name)) return Error("mkdir: cannot create directory '" + PyStr(name) + "': Invalid character");
    if (Child(name)) return Error("mkdir: cannot create directory '" + PyStr(name) + "': File exists");
    AddDirectory(cwd_, NameOf(name));
    return PyValue::None();
  }

  PyValue Touch(Args& a) {
    const PyValue& name = a[0];
    if (!ValidName(name)) return Error("touch: cannot touch '" + PyStr(name) + "': Invalid character");
    if (Child(name)) return Error("touch: cannot touch '" + PyStr(name) + "': File exists");
    AddFile(cwd_, NameOf(name), EmptyStr());
    return PyValue::None();
  }

  PyValue Echo(Args& a) {
    const PyValue& content = a[0];
    const PyValue& name = a[1];
    if (name.is_none()) return Dict1("terminal_output", content);
    if (!ValidName(name)) return Error("echo: cannot write to '" + PyStr(name) + "': Invalid character");
    if (!name.Truthy()) return Dict1("terminal_output", content);
    Node* node = Child(name);
    if (node == nullptr) return Error("echo: cannot write to '" + PyStr(name) + "': No such file");
    if (node->is_dir) throw PyException("AttributeError", "'Directory' object has no attribute '_write'");
    node->content = content;
    return PyValue::None();
  }

  PyValue Cat(Args& a) {
    const PyValue& name = a[0];
    if (!ValidName(name)) return Error("cat: '" + PyStr(name) + "': Invalid character");
    Node* node = Child(name);
    if (node == nullptr) return Error("cat: '" + PyStr(name) + "': No such file or directory");
    if (node->is_dir) return Error("cat: '" + PyStr(name) + "': Is a directory");
    return Dict1("file_content", node->content);
  }

  PyValue Find(Args& a) {
    const PyValue& path = a[0];
    const PyValue& name = a[1];
    Node* start = Navigate(path);
    if (start == nullptr) return Error("find: '" + PyStr(path) + "': No such file or directory");
    const std::string& raw = StrOf(path, "rstrip");
    std::string base = raw.substr(0, raw.find_last_not_of('/') + 1);  // npos + 1 == 0
    PyList matches;
    Search(start, base, name, matches, 0);
    return Dict1("matches", PyValue::List(std::move(matches)));
  }
  void Search(const Node* dir, const std::string& base, const PyValue& name, PyList& matches, int depth) const {
    if (depth > kMaxDepth) ThrowRecursion();
    for (const auto& [child_name, child] : *dir->contents) {
      std::string path = base + "/" + child_name;
      if (name.is_none() || PyContains(Str(child_name), name)) matches.push_back(Str(path));
      if (child->is_dir) Search(child, path, name, matches, depth + 1);
    }
  }

  PyValue Wc(Args& a) {
    const PyValue& name = a[0];
    const PyValue& mode = a[1];
    bool l = PyEquals(mode, S("l")), w = PyEquals(mode, S("w")), c = PyEquals(mode, S("c"));
    if (!l && !w && !c) return Error("wc: invalid mode '" + PyStr(mode) + "'");
    if (Node* file = ChildFile(name)) {
      if (l) return WcResult(PySplitLines(StrOf(file->content, "splitlines")).size(), "lines");
      if (w) return WcResult(PySplitWhitespace(StrOf(file->content, "split")).size(), "words");
      return WcResult(PyLenOf(file->content), "characters");
    }
    return Error("wc: " + PyStr(name) + ": No such file or directory");
  }
  static PyValue WcResult(size_t count, const char* type) {
    return PyValue::Dict(PyDict{{S("count"), PyValue::Int(static_cast<int64_t>(count))}, {S("type"), S(type)}});
  }

  PyValue Sort(Args& a) {
    if (Node* file = ChildFile(a[0])) {
      std::vector<std::string> lines = PySplitLines(StrOf(file->content, "splitlines"));
      std::sort(lines.begin(), lines.end());  // byte order of UTF-8 = code point order
      return Dict1("sorted_content", Str(JoinLines(lines)));
    }
    return Error("sort: " + PyStr(a[0]) + ": No such file or directory");
  }

  PyValue Grep(Args& a) {
    const PyValue& pattern = a[1];
    if (Node* file = ChildFile(a[0])) {
      PyList matching;
      for (std::string& line : PySplitLines(StrOf(file->content, "splitlines"))) {
        PyValue text = Str(std::move(line));
        if (PyContains(text, pattern)) matching.push_back(std::move(text));
      }
      return Dict1("matching_lines", PyValue::List(std::move(matching)));
    }
    return Error("grep: " + PyStr(a[0]) + ": No such file or directory");
  }

  PyValue Du(Args& a) {
    uint64_t size = SizeOf(cwd_, 0);
    if (!a[0].Truthy()) return Dict1("disk_usage", Str(std::to_string(size) + " bytes"));
    // f"{size:.2f} {unit}", dividing by 1024 (true division) until below 1024.
    double value = static_cast<double>(size);
    char text[64];
    for (const char* unit : {"B", "KB", "MB", "GB", "TB"}) {
      if (value < 1024) {
        std::snprintf(text, sizeof text, "%.2f %s", value, unit);
        return Dict1("disk_usage", S(text));
      }
      value /= 1024;
    }
    std::snprintf(text, sizeof text, "%.2f PB", value);
    return Dict1("disk_usage", S(text));
  }
  uint64_t SizeOf(const Node* node, int depth) const {
    if (depth > kMaxDepth) ThrowRecursion();
    if (!node->is_dir) return StrOf(node->content, "encode").size();  // UTF-8 bytes
    uint64_t total = 0;
    for (const auto& [name, child] : *node->contents) total += SizeOf(child, depth + 1);
    return total;
  }

  PyValue Tail(Args& a) {
    Node* file = ChildFile(a[0]);
    if (file == nullptr) return Error("tail: " + PyStr(a[0]) + ": No such file or directory");
    std::vector<std::string> lines = PySplitLines(StrOf(file->content, "splitlines"));
    PyValue count = a[1];
    PyValue n = PyValue::Int(static_cast<int64_t>(lines.size()));
    if (PyCompare(count, PyCmp::kGt, n)) count = n;
    if (!count.is_int() && !count.is_bool())
      throw PyException("TypeError", "slice indices must be integers or None or have an __index__ method");
    // lines[-count:] with Python's slice clamping: 0 gives everything, -k drops the first k.
    PyInt start = -(count.is_bool() ? PyInt(count.as_bool() ? 1 : 0) : count.as_int());
    if (start.sign() < 0) start = start + n.as_int();
    if (start.sign() < 0) start = 0;
    if (Compare(start, n.as_int()) > 0) start = n.as_int();
    return Dict1("last_lines", Str(JoinLines(lines, static_cast<size_t>(start.as_int64()))));
  }

  PyValue Diff(Args& a) {
    Node* first = Child(a[0]);
    Node* second = first ? Child(a[1]) : nullptr;
    if (first && second && !first->is_dir && !second->is_dir) {
      std::vector<std::string> x = PySplitLines(StrOf(first->content, "splitlines"));
      std::vector<std::string> y = PySplitLines(StrOf(second->content, "splitlines"));
      std::vector<std::string> out;
      for (size_t i = 0; i < std::min(x.size(), y.size()); ++i)
        if (x[i] != y[i]) out.push_back("- " + x[i] + "\n+ " + y[i]);
      return Dict1("diff_lines", Str(JoinLines(out)));
    }
    return Error("diff: " + PyStr(a[0]) + " or " + PyStr(a[1]) + ": No such file or directory");
  }

  // A moved or copied node re-created under `dir` as BFCL's mv/cp do: a file as a new file
  // with the same content; a directory as a new directory whose child map is the old one
  // (`share`, mv) or a shallow copy of it taken after the new directory is added (cp).
  void Place(Node* dir, const std::string& name, const Node* item, bool share) {
    if (!item->is_dir) {
      AddFile(dir, name, item->content);
      return;
    }
    Node* copy = AddDirectory(dir, name);
    copy->contents = share ? item->contents : &maps_.emplace_back(*item->contents);
  }

  PyValue Mv(Args& a) {
    const PyValue& source = a[0];
    const PyValue& destination = a[1];
    Node* item = Child(source);
    if (item == nullptr) return Error("mv: cannot move '" + PyStr(source) + "': No such file or directory");
    if (PyContains(destination, S("/")))
      return Error("mv: path not allowed in destination. Provide only a file or directory name.");
    const std::string& from = NameOf(source);
    if (Node* target = Child(destination)) {
      if (!target->is_dir)
        return Error("mv: cannot move '" + from + "' to '" + PyStr(destination) + "': Not a directory");
      if (FindChild(*target->contents, from))
        return Error("mv: cannot move '" + from + "' to '" + PyStr(destination) + "/" + from + "': File exists");
      EraseChild(*cwd_->contents, from);
      Place(target, from, item, /*share=*/true);
      return Dict1("result", Str("'" + from + "' moved to '" + PyStr(destination) + "/" + from + "'"));
    }
    const std::string& to = NameOf(destination);
    EraseChild(*cwd_->contents, from);
    Place(cwd_, to, item, /*share=*/true);
    return Dict1("result", Str("'" + from + "' moved to '" + to + "'"));
  }

  PyValue Rm(Args& a) {
    const PyValue& name = a[0];
    if (Child(name) == nullptr) return Error("rm: cannot remove '" + PyStr(name) + "': No such file or directory");
    EraseChild(*cwd_->contents, name.as_str());
    return Dict1("result", Str("'" + PyStr(name) + "' removed"));
  }

  PyValue Rmdir(Args& a) {
    const PyValue& name = a[0];
    Node* node = Child(name);
    if (node == nullptr) return Error("rmdir: cannot remove '" + PyStr(name) + "': No such file or directory");
    if (!node->is_dir) return Error("rmdir: cannot remove '" + PyStr(name) + "': Not a directory");
    if (!node->contents->empty()) return Error("rmdir: cannot remove '" + PyStr(name) + "': Directory not empty");
    EraseChild(*cwd_->contents, name.as_str());
    return Dict1("result", Str("'" + PyStr(name) + "' removed"));
  }

  PyValue Cp(Args& a) {
    const PyValue& source = a[0];
    const PyValue& destination = a[1];
    Node* item = Child(source);
    if (item == nullptr) return Error("cp: cannot copy '" + PyStr(source) + "': No such file or directory");
    if (PyContains(destination, S("/")))
      return Error("cp: path not allowed in destination. Provide only a file or directory name.");
    const std::string& from = NameOf(source);
    if (Node* target = Child(destination)) {
      if (!target->is_dir)
        return Error("cp: cannot copy '" + from + "' to '" + PyStr(destination) + "': Not a directory");
      // BFCL's own "File exists" test looks up "<destination>/<source>", which is never a key:
      // a clash raises in Place instead.
      Place(target, from, item, /*share=*/false);
      return Dict1("result", Str("'" + from + "' copied to '" + PyStr(destination) + "/" + from + "'"));
    }
    const std::string& to = NameOf(destination);
    Place(cwd_, to, item, /*share=*/false);
    return Dict1("result", Str("'" + from + "' copied to '" + to + "'"));
  }

  BfclProcess& process_;
  std::deque<Node> nodes_;    // every node ever created (stable addresses)
  std::deque<ChildMap> maps_;  // every child map ever created
  Node* root_ = nullptr;
  Node* cwd_ = nullptr;
  bool long_context_ = false;
};

}  // namespace

std::unique_ptr<ApiInstance> MakeGorillaFileSystem(BfclProcess& process) {
  return std::make_unique<GorillaFileSystem>(process);
}

}  // namespace toolshift::bfcl
