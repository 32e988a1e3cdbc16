#!/usr/bin/env python3
"""score_startup: the fixed start-up of `toolshift score` — one output of one suite, the whole command
(process start, suite and outputs read, the one episode scored, report and verdicts written). Issue 20's
target: 30 ms. Runs each case RUNS times (default 15) and prints name=value lines: wall median, min and
max in ms, and CPU ms per run (user + system of the child), per case:
  single_id      the built-in single-id suite (1,008 episodes, 1.1 MB), one output
  bfcl_mt_base   BFCL's multi_turn_base imported (200 entries, 4.7 MB), one result line; needs
                 ../shared/bfcl-multi-turn (skipped, saying so, without it)
Usage: score_startup_bench.py TOOLSHIFT SCRATCH_DIR [RUNS]"""
import json
import os
import resource
import statistics
import subprocess
import sys
import time

toolshift, scratch = sys.argv[1], sys.argv[2]
runs = int(sys.argv[3]) if len(sys.argv) > 3 else 15
root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
os.makedirs(scratch, exist_ok=True)


def measure(name, suite, outputs, extra=()):
    cmd = [toolshift, "score", "--suite", suite, "--outputs", outputs, "--out", f"{scratch}/{name}.json", *extra]
    walls, cpus = [], []
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        t0 = time.perf_counter()
        p = subprocess.run(cmd, capture_output=True, text=True)
        walls.append((time.perf_counter() - t0) * 1000)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append((after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime) * 1000)
        if p.returncode != 0:
            sys.exit(f"score_startup_bench: {' '.join(cmd)} exited {p.returncode}:\n{p.stderr[-2000:]}")
    print(f"{name}_wall_ms_median={statistics.median(walls):.1f}")
    print(f"{name}_wall_ms_min={min(walls):.1f}")
    print(f"{name}_wall_ms_max={max(walls):.1f}")
    print(f"{name}_cpu_ms_median={statistics.median(cpus):.1f}")
    print(f"{name}_wall_over_target={statistics.median(walls) / 30.0:.3f}")


single = f"{root}/suites/id/single-id/episodes.jsonl"
with open(single) as f:
    first_id = json.loads(f.readline())["id"]
with open(f"{scratch}/one.jsonl", "w") as f:
    f.write(json.dumps({"id": first_id, "output": "I can't help with that."}) + "\n")
measure("single_id", "single-id", f"{scratch}/one.jsonl")

data = os.path.join(root, "..", "shared", "bfcl-multi-turn")
if not os.path.exists(f"{data}/BFCL_v4_multi_turn_base.json"):
    print(f"# bfcl_mt_base skipped: {data} not found")
    sys.exit(0)
suite = f"{scratch}/bfcl-mt-base"
if not os.path.exists(f"{suite}/manifest.json"):
    subprocess.run([toolshift, "import", "bfcl", "--questions", f"{data}/BFCL_v4_multi_turn_base.json", "--answers",
                    f"{data}/possible_answer/BFCL_v4_multi_turn_base.json", "--out", suite], check=True,
                   capture_output=True)
with open(f"{data}/BFCL_v4_multi_turn_base.json") as f:
    entry = json.loads(f.readline())
result = [["I have done what you asked."] for _ in entry["question"]]
with open(f"{scratch}/one_mt.jsonl", "w") as f:
    f.write(json.dumps({"id": entry["id"], "result": result}) + "\n")
measure("bfcl_mt_base", suite, f"{scratch}/one_mt.jsonl", ["--dialect", "pythonic"])
