// GorillaFileSystem against BEHAVIOUR.md §1: every command's results and error texts, the
// object-graph quirks of mv and cp, Python-typed arguments, the long-context loading rules,
// the compared state's equality, and every ground-truth call of the four data files.
#include <catch2/catch.hpp>

#include "tests/test_support.h"
#include "src/interop/bfcl/apis/api.h"
#include "src/interop/bfcl/apis/long_context.h"
#include "tests/interop/bfcl/apis/call_support.h"

namespace toolshift::bfcl {
namespace {

using testing_calls::Exec;
using testing_calls::ScenarioFromJson;

// alex/ {notes.txt, docs/ {report.txt, old/ {}}, .hidden, data.csv}
const char* kTree = R"({"root": {"alex": {"type": "directory", "contents": {
  "notes.txt": {"type": "file", "content": "b line\na line\nc line"},
  "docs": {"type": "directory", "contents": {
     "report.txt": {"type": "file", "content": "one two three\nfour\n"},
     "old": {"type": "directory", "contents": {}}}},
  ".hidden": {"type": "file", "content": ""},
  "data.csv": {"type": "file", "content": "x,y\n1,2\n"}}}}})";

std::unique_ptr<ApiInstance> Fs(BfclProcess& process, const char* tree = kTree, bool long_context = false) {
  auto fs = MakeGorillaFileSystem(process);
  fs->LoadScenario(ScenarioFromJson(tree), long_context);
  return fs;
}

TEST_CASE("GorillaFileSystem: signatures in the doc file's order", "[bfcl][apis]") {
  BfclProcess process;
  auto fs = MakeGorillaFileSystem(process);
  std::vector<std::string> names;
  for (const MethodSig& m : fs->Methods()) names.push_back(m.name);
  CHECK(names == std::vector<std::string>{"cat", "cd", "cp", "diff", "du", "echo", "find", "grep", "ls", "mkdir", "mv",
                                          "pwd", "rm", "rmdir", "sort", "tail", "touch", "wc"});
  CHECK(Exec(*fs, "cd()") == "Error during execution: GorillaFileSystem.cd() missing 1 required positional argument: 'folder'");
  CHECK(Exec(*fs, "echo('hi')") == R"({"terminal_output": "hi"})");
  CHECK(Exec(*fs, "tail('x', lines=3)") == R"({"error": "tail: x: No such file or directory"})");
}

TEST_CASE("GorillaFileSystem: pwd, ls, cd", "[bfcl][apis]") {
  BfclProcess process;
  auto fs = Fs(process);
  CHECK(Exec(*fs, "pwd()") == R"({"current_working_directory": "/alex"})");
  CHECK(Exec(*fs, "ls()") == R"({"current_directory_content": ["notes.txt", "docs", "data.csv"]})");
  CHECK(Exec(*fs, "ls(a=True)") == R"({"current_directory_content": ["notes.txt", "docs", ".hidden", "data.csv"]})");
  CHECK(Exec(*fs, "cd('..')") == R"({"error": "Current directory is already the root. Cannot go back."})");
  CHECK(Exec(*fs, "cd('docs/old')") ==
        R"({"error": "cd: docs/old: Unsupported path. Only one folder level at a time is supported."})");
  CHECK(Exec(*fs, "cd('nope')") == R"({"error": "cd: 'nope': No such file or directory"})");
  CHECK(Exec(*fs, "cd('notes.txt')") == R"({"error": "cd: 'notes.txt': No such file or directory"})");
  CHECK(Exec(*fs, "cd('docs/')") == R"({"current_working_directory": "docs"})");
  CHECK(Exec(*fs, "cd('old')") == R"({"current_working_directory": "old"})");
  CHECK(Exec(*fs, "pwd()") == R"({"current_working_directory": "/alex/docs/old"})");
  CHECK(Exec(*fs, "cd('.')") == R"({"current_working_directory": "old"})");
  CHECK(Exec(*fs, "cd('../')") == "{}");
  CHECK(Exec(*fs, "pwd()") == R"({"current_working_directory": "/alex/docs"})");
  CHECK(Exec(*fs, "cd('/')") == R"({"current_working_directory": "alex"})");
  CHECK(Exec(*fs, "cd('')") == R"({"current_working_directory": "alex"})");
  // The default root is named "/".
  auto empty = MakeGorillaFileSystem(process);
  empty->LoadScenario(PyDict{}, false);
  CHECK(Exec(*empty, "pwd()") == R"({"current_working_directory": "//"})");
  CHECK(Exec(*empty, "ls()") == R"({"current_directory_content": []})");
}

TEST_CASE("GorillaFileSystem: mkdir, touch, echo, cat", "[bfcl][apis]") {
  BfclProcess process;
  auto fs = Fs(process);
  CHECK(Exec(*fs, "mkdir('a:b')") == R"({"error": "mkdir: cannot create directory 'a:b': Invalid character"})");
  CHECK(Exec(*fs, "mkdir(dir_name='docs')") == R"({"error": "mkdir: cannot create directory 'docs': File exists"})");
  CHECK(Exec(*fs, "mkdir('new')") == "None");
  CHECK(Exec(*fs, "touch('x|y')") == R"({"error": "touch: cannot touch 'x|y': Invalid character"})");
  CHECK(Exec(*fs, "touch('new')") == R"({"error": "touch: cannot touch 'new': File exists"})");
  CHECK(Exec(*fs, "touch('t.txt')") == "None");
  CHECK(Exec(*fs, "ls()") == R"({"current_directory_content": ["notes.txt", "docs", "data.csv", "new", "t.txt"]})");
  CHECK(Exec(*fs, "echo('hello', '')") == R"({"terminal_output": "hello"})");
  CHECK(Exec(*fs, "echo('hello', file_name='a?')") == R"({"error": "echo: cannot write to 'a?': Invalid character"})");
  CHECK(Exec(*fs, "echo('hello', file_name='missing.txt')") ==
        R"({"error": "echo: cannot write to 'missing.txt': No such file"})");
  CHECK(Exec(*fs, "echo('hello', file_name='new')") ==
        "Error during execution: 'Directory' object has no attribute '_write'");
  CHECK(Exec(*fs, "echo('hello\\nworld', file_name='t.txt')") == "None");
  CHECK(Exec(*fs, "cat('t.txt')") == R"({"file_content": "hello\nworld"})");
  CHECK(Exec(*fs, "cat('a>b')") == R"({"error": "cat: 'a>b': Invalid character"})");
  CHECK(Exec(*fs, "cat('docs')") == R"({"error": "cat: 'docs': Is a directory"})");
  CHECK(Exec(*fs, "cat('zzz')") == R"({"error": "cat: 'zzz': No such file or directory"})");
}

TEST_CASE("GorillaFileSystem: find", "[bfcl][apis]") {
  BfclProcess process;
  auto fs = Fs(process);
  CHECK(Exec(*fs, "find()") ==
        R"({"matches": ["./notes.txt", "./docs", "./docs/report.txt", "./docs/old", "./.hidden", "./data.csv"]})");
  CHECK(Exec(*fs, "find(name='t')") == R"({"matches": ["./notes.txt", "./docs/report.txt", "./data.csv"]})");
  CHECK(Exec(*fs, "find('/', 'old')") == R"({"matches": ["/docs/old"]})");
  CHECK(Exec(*fs, "find(path='docs/', name='o')") == R"({"matches": ["docs/report.txt", "docs/old"]})");
  CHECK(Exec(*fs, "find(path='/docs/./old')") == R"({"matches": []})");
  CHECK(Exec(*fs, "find(path='docs/..')") == R"({"error": "find: 'docs/..': No such file or directory"})");
  CHECK(Exec(*fs, "find(path='notes.txt')") == R"({"error": "find: 'notes.txt': No such file or directory"})");
  CHECK(Exec(*fs, "find(name=3)") == "Error during execution: 'in <string>' requires string as left operand, not int");
}

TEST_CASE("GorillaFileSystem: wc, sort, grep, tail, diff, du", "[bfcl][apis]") {
  BfclProcess process;
  auto fs = Fs(process);
  CHECK(Exec(*fs, "wc('notes.txt', 'x')") == R"({"error": "wc: invalid mode 'x'"})");
  CHECK(Exec(*fs, "wc('nope', 'x')") == R"({"error": "wc: invalid mode 'x'"})");
  CHECK(Exec(*fs, "wc('notes.txt')") == R"({"count": 3, "type": "lines"})");
  CHECK(Exec(*fs, "wc('notes.txt', 'w')") == R"({"count": 6, "type": "words"})");
  CHECK(Exec(*fs, "wc('notes.txt', 'c')") == R"({"count": 20, "type": "characters"})");
  CHECK(Exec(*fs, "wc('docs')") == R"({"error": "wc: docs: No such file or directory"})");
  CHECK(Exec(*fs, "sort('notes.txt')") == R"({"sorted_content": "a line\nb line\nc line"})");
  CHECK(Exec(*fs, "sort('docs')") == R"({"error": "sort: docs: No such file or directory"})");
  CHECK(Exec(*fs, "grep('notes.txt', 'a ')") == R"({"matching_lines": ["a line"]})");
  CHECK(Exec(*fs, "grep('zz', 'a')") == R"({"error": "grep: zz: No such file or directory"})");
  CHECK(Exec(*fs, "tail('notes.txt', 2)") == R"({"last_lines": "a line\nc line"})");
  CHECK(Exec(*fs, "tail('notes.txt', 0)") == R"({"last_lines": "b line\na line\nc line"})");
  CHECK(Exec(*fs, "tail('notes.txt', -1)") == R"({"last_lines": "a line\nc line"})");
  CHECK(Exec(*fs, "tail('notes.txt', 99)") == R"({"last_lines": "b line\na line\nc line"})");
  CHECK(Exec(*fs, "tail('notes.txt', 99.0)") == R"({"last_lines": "b line\na line\nc line"})");
  CHECK(Exec(*fs, "tail('notes.txt', 1.0)") ==
        "Error during execution: slice indices must be integers or None or have an __index__ method");
  CHECK(Exec(*fs, "tail('notes.txt', '2')") ==
        "Error during execution: '>' not supported between instances of 'str' and 'int'");
  CHECK(Exec(*fs, "diff('notes.txt', 'data.csv')") == R"({"diff_lines": "- b line\n+ x,y\n- a line\n+ 1,2"})");
  CHECK(Exec(*fs, "diff('notes.txt', 'notes.txt')") == R"({"diff_lines": ""})");
  CHECK(Exec(*fs, "diff('notes.txt', 'docs')") ==
        R"({"error": "diff: notes.txt or docs: No such file or directory"})");
  CHECK(Exec(*fs, "du()") == R"({"disk_usage": "47 bytes"})");
  CHECK(Exec(*fs, "du(human_readable=True)") == R"({"disk_usage": "47.00 B"})");
  CHECK(Exec(*fs, "echo('" + std::string(1536, 'x') + "', 'notes.txt')") == "None");
  CHECK(Exec(*fs, "du(True)") == R"({"disk_usage": "1.53 KB"})");
}

TEST_CASE("GorillaFileSystem: rm, rmdir, mv, cp", "[bfcl][apis]") {
  BfclProcess process;
  auto fs = Fs(process);
  CHECK(Exec(*fs, "rmdir('docs')") == R"({"error": "rmdir: cannot remove 'docs': Directory not empty"})");
  CHECK(Exec(*fs, "rmdir('notes.txt')") == R"({"error": "rmdir: cannot remove 'notes.txt': Not a directory"})");
  CHECK(Exec(*fs, "rmdir('zz')") == R"({"error": "rmdir: cannot remove 'zz': No such file or directory"})");
  CHECK(Exec(*fs, "rm('zz')") == R"({"error": "rm: cannot remove 'zz': No such file or directory"})");
  CHECK(Exec(*fs, "mv('zz', 'docs')") == R"({"error": "mv: cannot move 'zz': No such file or directory"})");
  CHECK(Exec(*fs, "mv('notes.txt', 'docs/x')") ==
        R"({"error": "mv: path not allowed in destination. Provide only a file or directory name."})");
  CHECK(Exec(*fs, "mv('docs', 'data.csv')") == R"({"error": "mv: cannot move 'docs' to 'data.csv': Not a directory"})");
  CHECK(Exec(*fs, "mv('notes.txt', 'docs')") == R"({"result": "'notes.txt' moved to 'docs/notes.txt'"})");
  CHECK(Exec(*fs, "touch('notes.txt')") == "None");
  CHECK(Exec(*fs, "mv('notes.txt', 'docs')") ==
        R"({"error": "mv: cannot move 'notes.txt' to 'docs/notes.txt': File exists"})");
  CHECK(Exec(*fs, "mv('data.csv', 'table.csv')") == R"({"result": "'data.csv' moved to 'table.csv'"})");
  CHECK(Exec(*fs, "ls()") == R"({"current_directory_content": ["docs", "notes.txt", "table.csv"]})");
  CHECK(Exec(*fs, "cp('zz', 'docs')") == R"({"error": "cp: cannot copy 'zz': No such file or directory"})");
  CHECK(Exec(*fs, "cp('table.csv', 'a/b')") ==
        R"({"error": "cp: path not allowed in destination. Provide only a file or directory name."})");
  CHECK(Exec(*fs, "cp('docs', 'notes.txt')") == R"({"error": "cp: cannot copy 'docs' to 'notes.txt': Not a directory"})");
  CHECK(Exec(*fs, "cp('table.csv', 'docs')") == R"({"result": "'table.csv' copied to 'docs/table.csv'"})");
  CHECK(Exec(*fs, "cp('table.csv', 'docs')") ==
        "Error during execution: File 'table.csv' already exists in directory 'docs'.");
  CHECK(Exec(*fs, "mkdir('old')") == "None");
  CHECK(Exec(*fs, "cp('old', 'docs')") == "Error during execution: Directory 'old' already exists in directory 'docs'.");
  CHECK(Exec(*fs, "cp('table.csv', 'copy.csv')") == R"({"result": "'table.csv' copied to 'copy.csv'"})");
  CHECK(Exec(*fs, "cat('copy.csv')") == R"({"file_content": "x,y\n1,2\n"})");
  CHECK(Exec(*fs, "rm('docs')") == R"({"result": "'docs' removed"})");
  CHECK(Exec(*fs, "rmdir('old')") == R"({"result": "'old' removed"})");
  CHECK(Exec(*fs, "ls()") == R"({"current_directory_content": ["notes.txt", "table.csv", "copy.csv"]})");
}

TEST_CASE("GorillaFileSystem: a moved directory shares its child map — parent links stay old", "[bfcl][apis]") {
  BfclProcess process;
  auto fs = Fs(process);
  CHECK(Exec(*fs, "mkdir('archive')") == "None");
  CHECK(Exec(*fs, "mv('docs', 'archive')") == R"({"result": "'docs' moved to 'archive/docs'"})");
  CHECK(Exec(*fs, "cd('archive')") == R"({"current_working_directory": "archive"})");
  CHECK(Exec(*fs, "cd('docs')") == R"({"current_working_directory": "docs"})");
  CHECK(Exec(*fs, "cd('old')") == R"({"current_working_directory": "old"})");
  // old's parent is the detached docs, whose parent is alex: the archive level is skipped.
  CHECK(Exec(*fs, "pwd()") == R"({"current_working_directory": "/alex/docs/old"})");
  CHECK(Exec(*fs, "cd('..')") == "{}");
  CHECK(Exec(*fs, "cd('..')") == "{}");
  CHECK(Exec(*fs, "pwd()") == R"({"current_working_directory": "/alex"})");
  CHECK(Exec(*fs, "ls()") == R"({"current_directory_content": ["notes.txt", "data.csv", "archive"]})");
}

TEST_CASE("GorillaFileSystem: a copied directory holds the same child objects", "[bfcl][apis]") {
  BfclProcess process;
  auto fs = Fs(process);
  CHECK(Exec(*fs, "cp('docs', 'docs2')") == R"({"result": "'docs' copied to 'docs2'"})");
  CHECK(Exec(*fs, "cd('docs2')") == R"({"current_working_directory": "docs2"})");
  CHECK(Exec(*fs, "echo('changed', 'report.txt')") == "None");
  CHECK(Exec(*fs, "touch('only_in_copy')") == "None");  // the map itself is a copy
  CHECK(Exec(*fs, "cd('..')") == "{}");
  CHECK(Exec(*fs, "cd('docs')") == R"({"current_working_directory": "docs"})");
  CHECK(Exec(*fs, "cat('report.txt')") == R"({"file_content": "changed"})");
  CHECK(Exec(*fs, "ls()") == R"({"current_directory_content": ["report.txt", "old"]})");
}

TEST_CASE("GorillaFileSystem: Python-typed arguments", "[bfcl][apis]") {
  BfclProcess process;
  auto fs = Fs(process);
  CHECK(Exec(*fs, "cd(5)") == "Error during execution: 'int' object has no attribute 'rstrip'");
  CHECK(Exec(*fs, "touch(None)") == "Error during execution: argument of type 'NoneType' is not iterable");
  CHECK(Exec(*fs, "cat(['a'])") == "Error during execution: unhashable type: 'list'");
  CHECK(Exec(*fs, "cat(['|'])") == R"({"error": "cat: '['|']': Invalid character"})");
  CHECK(Exec(*fs, "rm(3)") == R"({"error": "rm: cannot remove '3': No such file or directory"})");
  CHECK(Exec(*fs, "mv('notes.txt', 7)") == "Error during execution: argument of type 'int' is not iterable");
  CHECK(Exec(*fs, "echo(42, file_name='notes.txt')") == "None");
  CHECK(Exec(*fs, "cat('notes.txt')") == R"({"file_content": 42})");
  CHECK(Exec(*fs, "wc('notes.txt')") == "Error during execution: 'int' object has no attribute 'splitlines'");
  CHECK(Exec(*fs, "du()") == "Error during execution: 'int' object has no attribute 'encode'");
  CHECK(Exec(*fs, "echo(None)") == R"({"terminal_output": null})");
}

TEST_CASE("GorillaFileSystem: compared state is Directory.__eq__", "[bfcl][apis]") {
  BfclProcess process;
  auto a = Fs(process);
  auto b = Fs(process);
  CHECK(PyEquals(PyValue::Dict(a->PublicState()), PyValue::Dict(b->PublicState())));
  // The same children in another order are equal; cwd is not compared.
  CHECK(Exec(*a, "mv('notes.txt', 'tmp')") == R"({"result": "'notes.txt' moved to 'tmp'"})");
  CHECK(Exec(*a, "mv('tmp', 'notes.txt')") == R"({"result": "'tmp' moved to 'notes.txt'"})");
  CHECK(Exec(*a, "cd('docs')") == R"({"current_working_directory": "docs"})");
  CHECK(PyEquals(PyValue::Dict(a->PublicState()), PyValue::Dict(b->PublicState())));
  CHECK(Exec(*a, "echo('x', 'report.txt')") == "None");
  CHECK_FALSE(PyEquals(PyValue::Dict(a->PublicState()), PyValue::Dict(b->PublicState())));
  CHECK(Exec(*b, "cd('docs')") == R"({"current_working_directory": "docs"})");
  CHECK(Exec(*b, "echo('x', 'report.txt')") == "None");
  CHECK(PyEquals(PyValue::Dict(a->PublicState()), PyValue::Dict(b->PublicState())));
  // A file never equals an empty directory of the same name.
  CHECK(Exec(*a, "touch('z')") == "None");
  CHECK(Exec(*b, "mkdir('z')") == "None");
  CHECK_FALSE(PyEquals(PyValue::Dict(a->PublicState()), PyValue::Dict(b->PublicState())));
  // long_context is compared.
  auto c = Fs(process, kTree, false);
  const PyDict state = c->PublicState();
  const PyValue* flag = state.Find("long_context");
  REQUIRE(flag != nullptr);
  CHECK(PyRepr(*flag) == "False");
}

TEST_CASE("GorillaFileSystem: a directory copied into itself is a cycle, not a crash", "[bfcl][apis]") {
  BfclProcess process;
  auto fs = Fs(process);
  CHECK(Exec(*fs, "cp('docs', 'docs')") == R"({"result": "'docs' copied to 'docs/docs'"})");
  CHECK(Exec(*fs, "du()") == "Error during execution: maximum recursion depth exceeded");
  CHECK_THROWS_AS(fs->PublicState(), PyException);
}

TEST_CASE("GorillaFileSystem: long context pads contents and populates bottom directories", "[bfcl][apis]") {
  if (!testing_calls::HaveBfclData()) {
    TOOLSHIFT_SKIP("skipped: " + testing_calls::BfclDataDir() + " is absent");
    return;
  }
  BfclProcess process;
  SetLongContextPath(process, testing_calls::BfclDataDir() + "/long_context.json");
  const PyValue& populate = LongContextConstant(process, "POPULATE_FILE_EXTENSION");
  const std::string extension = LongContextConstant(process, "FILE_CONTENT_EXTENSION").as_str();
  const PyValue& tail_used = LongContextConstant(process, "FILES_TAIL_USED");
  REQUIRE(populate.as_list().size() == 30);
  REQUIRE(!tail_used.as_list().empty());
  const std::string kept = tail_used.as_list()[0].as_str();
  std::string tree = R"({"root": {"r": {"type": "directory", "contents": {
     "a.txt": {"type": "file", "content": "A"},
     ")" + kept + R"(": {"type": "file", "content": "K"},
     "sub": {"type": "directory", "contents": {"b.txt": {"type": "file", "content": "B"}}},
     "empty": {"type": "directory", "contents": {}}}}}})";
  auto fs = Fs(process, tree.c_str(), /*long_context=*/true);
  CHECK(Exec(*fs, "cat('a.txt')") == PyJsonDumps(PyValue::Dict(PyDict{{PyValue::Str("file_content"),
                                                                         PyValue::Str("A" + extension)}})));
  CHECK(Exec(*fs, "cat('" + kept + "')") == R"({"file_content": "K"})");
  // The root has a sub-directory: not populated. sub and empty are.
  CHECK(Exec(*fs, "ls()") == R"({"current_directory_content": ["a.txt", ")" + kept + R"(", "sub", "empty"]})");
  CHECK(Exec(*fs, "cd('sub')") == R"({"current_working_directory": "sub"})");
  PyList expected{PyValue::Str("b.txt")};
  for (const PyValue& name : populate.as_list()) expected.push_back(name);
  CHECK(Exec(*fs, "ls(a=True)") == PyJsonDumps(PyValue::Dict(PyDict{{PyValue::Str("current_directory_content"),
                                                                       PyValue::List(expected)}})));
  CHECK(Exec(*fs, "cd('/')") == R"({"current_working_directory": "r"})");
  CHECK(Exec(*fs, "cd('empty')") == R"({"current_working_directory": "empty"})");
  CHECK(Exec(*fs, "wc(file_name='" + populate.as_list()[0].as_str() + "', mode='c')") ==
        R"({"count": 0, "type": "characters"})");
  const PyDict state = fs->PublicState();
  const PyValue* flag = state.Find("long_context");
  REQUIRE(flag != nullptr);
  CHECK(PyRepr(*flag) == "True");
}

TEST_CASE("GorillaFileSystem: every ground-truth call runs without an exception", "[bfcl][apis]") {
  if (!testing_calls::HaveBfclData()) {
    TOOLSHIFT_SKIP("skipped: " + testing_calls::BfclDataDir() + " is absent");
    return;
  }
  testing_calls::ReplayStats stats = testing_calls::ReplayGroundTruth("GorillaFileSystem", MakeGorillaFileSystem);
  INFO((stats.failures.empty() ? std::string() : stats.failures.front()));
  CHECK(stats.entries == 200);
  CHECK(stats.calls == 984);
  CHECK(stats.failures.empty());
}

}  // namespace
}  // namespace toolshift::bfcl
