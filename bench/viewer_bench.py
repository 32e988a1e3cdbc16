#!/usr/bin/env python3
"""The episode viewer on a full run: how large the page is against the log it embeds, how long
`toolshift view` takes, and how long headless Chromium takes to load the page, filter it and open
an episode (wall time; on a loaded machine a figure, not a bound).
Usage: bench/viewer_bench.py [TOOLSHIFT] [SCRATCH_DIR]"""
import json, os, shutil, subprocess, sys, time
from urllib.parse import quote

toolshift = sys.argv[1] if len(sys.argv) > 1 else "build/toolshift"
scratch = sys.argv[2] if len(sys.argv) > 2 else "build/bench-viewer"
os.makedirs(scratch, exist_ok=True)
report = os.path.join(scratch, "overfit.json")
subprocess.run([toolshift, "run", "-q", "--model", "reference:overfit", "--out", report], check=True,
               stdout=subprocess.DEVNULL)
log = os.path.join(scratch, "overfit.episodes.jsonl")
start = time.perf_counter()
page = subprocess.run([toolshift, "view", report], check=True, capture_output=True, text=True).stdout.strip()
view_s = time.perf_counter() - start
episodes = sum(1 for _ in open(log))
first = next(json.loads(l) for l in open(log) if '"split": "format"' in l or '"split":"format"' in l)
print(f"episodes {episodes}: log {os.path.getsize(log) / 1e6:.1f} MB, page {os.path.getsize(page) / 1e6:.1f} MB "
      f"(x{os.path.getsize(page) / os.path.getsize(log):.2f}), toolshift view {view_s:.2f} s")
chromium = shutil.which("chromium") or shutil.which("chromium-browser")
def dump(url):
    start = time.perf_counter()
    dom = subprocess.run([chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                          "--host-resolver-rules=MAP * ~NOTFOUND", "--dump-dom", url], check=True, capture_output=True,
                         text=True, timeout=300).stdout
    return time.perf_counter() - start, dom


if chromium:
    empty = os.path.join(scratch, "empty.html")
    open(empty, "w").write("<!DOCTYPE html><title>empty</title><p>empty")
    baseline, _ = dump("file://" + os.path.abspath(empty))
    url = "file://" + os.path.abspath(page) + "#split=format&failure=malformed&open=" + quote(first["suite"] + "/" + first["id"], safe="")
    seconds, dom = dump(url)
    print(f"headless Chromium: load, filter and open an episode {seconds:.1f} s wall, an empty page {baseline:.1f} s "
          f"(browser start); {'rendered' if 'panel twin' in dom else 'NOT rendered'}")
