#!/usr/bin/env python3
"""The bad-input corpus: every file here (and some generated at test time: 50 MB lines, an
unterminated 50 MB string, JSON nested 10,000 deep, as suites and as recorded outputs) must make
toolshift exit 2 with a short message (< 4 KB) that names the file (and the line, for JSON
Lines), within 2 seconds and 1 GiB of address space. No crash, no hang, no silent acceptance.
Usage: run_corpus.py TOOLSHIFT CORPUS_DIR SCRATCH_DIR"""
import os
import resource
import subprocess
import sys
import time

toolshift, corpus, scratch = sys.argv[1], sys.argv[2], sys.argv[3]
os.makedirs(scratch, exist_ok=True)
GIB = 1 << 30
# Under a sanitizer (scripts/test's sanitizer stage) shadow memory needs far more than 1 GiB of
# address space and everything runs several times slower: the exit code and the located message
# are still checked, the bounds are the regular build's to meet.
SANITIZED = bool(os.environ.get("TOOLSHIFT_SANITIZED"))
SECONDS = 30.0 if SANITIZED else 2.0


def limit_memory():
    if not SANITIZED:
        resource.setrlimit(resource.RLIMIT_AS, (GIB, GIB))


# Generated: too big to commit.
big_line = os.path.join(scratch, "fifty-mb-line.jsonl")
with open(big_line, "w") as f:
    f.write('{"id": "' + "a" * (50 << 20) + '", "domain": "x"}\n')
unterminated = os.path.join(scratch, "unterminated-50-mb-string.jsonl")
with open(unterminated, "w") as f:
    f.write('{"id": "' + "b" * (50 << 20) + "\n")
deep_suite = os.path.join(scratch, "deep-nesting.jsonl")
with open(deep_suite, "w") as f:
    f.write('{"id": "deep", "domain": ' + "[" * 10000 + "]" * 10000 + "}\n")
deep_outputs = os.path.join(scratch, "deep-outputs.jsonl")
with open(deep_outputs, "w") as f:
    f.write('{"id": "banking-simple-001", "output": ' + '{"a": ' * 10000 + "1" + "}" * 10000 + "}\n")
big_outputs = os.path.join(scratch, "fifty-mb-outputs.jsonl")
with open(big_outputs, "w") as f:
    f.write('{"id": "banking-simple-001", "output": "' + "x" * (50 << 20) + '"\n')  # unterminated object


def suite(path, where):
    return (["run", "-q", "--suite", path, "--out", os.path.join(scratch, "r.json")], where)


S = os.path.join(corpus, "suites")
R = os.path.join(corpus, "reports")
O = os.path.join(corpus, "outputs")
cases = {}
for name in sorted(os.listdir(S)):
    path = os.path.join(S, name)
    if name.endswith(".jsonl"):
        where = path if name == "empty.jsonl" else path + ":1"
        if name == "duplicate-id.jsonl":
            where = path + ":2"
        cases["suite " + name] = suite(path, where)
cases["suite bad-manifest"] = suite(os.path.join(S, "bad-manifest"), os.path.join(S, "bad-manifest", "manifest.json"))
cases["suite 50 MB line"] = suite(big_line, big_line + ":1")
cases["suite 10,000-deep nesting"] = suite(deep_suite, deep_suite + ":1")
cases["suite unterminated 50 MB string"] = suite(unterminated, unterminated + ":1")
for name in sorted(os.listdir(R)):
    path = os.path.join(R, name)
    cases["gate " + name] = (["gate", path, "--min", "totals.accuracy=0"], path)
    cases["leaderboard " + name] = (["leaderboard", path, "--out", os.path.join(scratch, "board")], path)
cases["merge future-major"] = (["merge", os.path.join(R, "future-major.json"), "--out", os.path.join(scratch, "m.json")],
                               os.path.join(R, "future-major.json"))
for name in sorted(os.listdir(O)):
    path = os.path.join(O, name)
    cases["score " + name] = (["score", "--suite", "single-id", "--outputs", path, "--out",
                               os.path.join(scratch, "s.json")], path + ":1")
cases["score 10,000-deep output"] = None  # valid JSON: scored, see below
cases["score 50 MB unterminated line"] = (["score", "--suite", "single-id", "--outputs", big_outputs, "--out",
                                           os.path.join(scratch, "s.json")], big_outputs + ":1")

failures = 0
for name, case in cases.items():
    if case is None:
        continue
    args, where = case
    t0 = time.monotonic()
    try:
        p = subprocess.run([toolshift, *args], capture_output=True, text=True, errors="replace", timeout=10 * SECONDS,
                           preexec_fn=limit_memory)
    except subprocess.TimeoutExpired:
        print(f"FAIL {name}: still running after {10 * SECONDS:.0f} s")
        failures += 1
        continue
    seconds = time.monotonic() - t0
    # The message is short too: never the offending 50 MB echoed back.
    ok = p.returncode == 2 and where in p.stderr and seconds <= SECONDS and len(p.stderr) < 4096
    print(f"{'ok  ' if ok else 'FAIL'} {name}: exit {p.returncode}, {seconds:.2f} s: {p.stderr.strip()[:160]}")
    if not ok:
        failures += 1
        if where not in p.stderr:
            print(f"     expected the message to name {where}")

# A deeply nested but valid output is scored (as a non-call), not refused, and nothing crashes.
t0 = time.monotonic()
p = subprocess.run([toolshift, "score", "--suite", "single-id", "--outputs", deep_outputs, "--out",
                    os.path.join(scratch, "deep.json")], capture_output=True, text=True, timeout=10 * SECONDS,
                   preexec_fn=limit_memory)
seconds = time.monotonic() - t0
ok = p.returncode == 0 and seconds <= SECONDS
print(f"{'ok  ' if ok else 'FAIL'} score 10,000-deep output: exit {p.returncode}, {seconds:.2f} s")
failures += not ok

print(f"{len([c for c in cases.values() if c]) + 1 - failures} of {len([c for c in cases.values() if c]) + 1} pass")
sys.exit(1 if failures else 0)
