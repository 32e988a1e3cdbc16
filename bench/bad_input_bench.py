#!/usr/bin/env python3
"""bad_input: how long the bad-input corpus's slowest case takes (tests/bad-input/run_corpus.py, whose
50 MB lines and 10,000-deep nesting are the worst). The test bounds CPU time only, generously; the
wall figure belongs here, where a loaded machine shows as a slow number, not as a red CI run.
Prints name=value lines: slowest_wall_seconds, slowest_cpu_seconds, wall_over_target (target 2 s).
Usage: bad_input_bench.py TOOLSHIFT CORPUS_DIR SCRATCH_DIR"""
import re
import subprocess
import sys

toolshift, corpus, scratch = sys.argv[1], sys.argv[2], sys.argv[3]
runner = __file__.rsplit("/", 2)[0] + "/tests/bad-input/run_corpus.py"
p = subprocess.run([sys.executable, runner, toolshift, corpus, scratch], capture_output=True, text=True)
summary = [line for line in p.stdout.splitlines() if line.startswith("slowest_wall_seconds=")]
if p.returncode != 0 or not summary:
    sys.exit(f"bad_input_bench: the corpus failed (exit {p.returncode}):\n{p.stdout[-2000:]}{p.stderr[-2000:]}")
# name=value pairs; the case names are quoted (they hold spaces).
fields = dict(re.findall(r"(\w+)=('[^']*'|\"[^\"]*\"|\S+)", summary[0]))
for key in ("slowest_wall_seconds", "slowest_wall_case", "slowest_cpu_seconds", "slowest_cpu_case"):
    print(f"{key}={fields[key]}")
print(f"wall_over_target={float(fields['slowest_wall_seconds']) / 2.0:.3f}")
