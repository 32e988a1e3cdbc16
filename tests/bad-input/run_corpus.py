#!/usr/bin/env python3
"""The bad-input corpus: every file here (and some generated at test time: 50 MB lines, an
unterminated 50 MB string, JSON nested 10,000 deep, as suites and as recorded outputs) must make
toolshift exit 2 with a short message (< 4 KB) that names the file (and the line, for JSON
Lines), within 10 s of CPU time and 1 GiB of address space. No crash, no hang, no silent acceptance.

The time bound is on the child's CPU time (user + system, from getrusage), not on wall time: a
loaded machine stretches wall time (two 50 MB cases took 2.3-2.7 s beside a llama.cpp build, about
1 s idle) but not the work done. The wall figures are printed per case and summarised on the last
line (slowest_wall_seconds=..., slowest_cpu_seconds=...), which bench/run reports as a benchmark.
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
# Generous on purpose: the cases take about 1 s of CPU each; a bound near that would be a benchmark.
CPU_SECONDS = 60.0 if SANITIZED else 10.0
# Only to stop a hang (a FIFO read forever, a loop): never a speed bound.
HANG_SECONDS = 600.0 if SANITIZED else 120.0


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

slowest = {"wall": (0.0, ""), "cpu": (0.0, "")}


def run_case(name, args):
    """Runs toolshift; returns (process or None on a hang, wall seconds, CPU seconds of the child)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.monotonic()
    try:
        p = subprocess.run([toolshift, *args], capture_output=True, text=True, errors="replace",
                           timeout=HANG_SECONDS, preexec_fn=limit_memory)
    except subprocess.TimeoutExpired:
        return None, time.monotonic() - t0, 0.0
    wall = time.monotonic() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)  # the child is reaped: its time is in here
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    slowest["wall"] = max(slowest["wall"], (wall, name))
    slowest["cpu"] = max(slowest["cpu"], (cpu, name))
    return p, wall, cpu


failures = 0
for name, case in cases.items():
    if case is None:
        continue
    args, where = case
    p, wall, cpu = run_case(name, args)
    if p is None:
        print(f"FAIL {name}: still running after {HANG_SECONDS:.0f} s")
        failures += 1
        continue
    # The message is short too: never the offending 50 MB echoed back.
    ok = p.returncode == 2 and where in p.stderr and cpu <= CPU_SECONDS and len(p.stderr) < 4096
    print(f"{'ok  ' if ok else 'FAIL'} {name}: exit {p.returncode}, cpu {cpu:.2f} s, wall {wall:.2f} s: "
          f"{p.stderr.strip()[:160]}")
    if not ok:
        failures += 1
        if where not in p.stderr:
            print(f"     expected the message to name {where}")

# A deeply nested but valid output is scored (as a non-call), not refused, and nothing crashes.
p, wall, cpu = run_case("score 10,000-deep output", ["score", "--suite", "single-id", "--outputs", deep_outputs,
                                                      "--out", os.path.join(scratch, "deep.json")])
ok = p is not None and p.returncode == 0 and cpu <= CPU_SECONDS
print(f"{'ok  ' if ok else 'FAIL'} score 10,000-deep output: exit {p.returncode if p else 'hang'}, cpu {cpu:.2f} s, "
      f"wall {wall:.2f} s")
failures += not ok

print(f"{len([c for c in cases.values() if c]) + 1 - failures} of {len([c for c in cases.values() if c]) + 1} pass")
print(f"slowest_wall_seconds={slowest['wall'][0]:.3f} slowest_wall_case={slowest['wall'][1]!r} "
      f"slowest_cpu_seconds={slowest['cpu'][0]:.3f} slowest_cpu_case={slowest['cpu'][1]!r}")
sys.exit(1 if failures else 0)
