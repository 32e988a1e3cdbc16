#!/usr/bin/env python3
"""The trend page in a real browser (headless Chromium, host resolution refused): five checkpoints
(reference:noisy at rising noise, labelled as steps) render their three charts, with points, interval
whiskers and axes, the checkpoint where the drop starts is named, and the page fits 1400 px.
Usage: trend_browser_test.py TOOLSHIFT SCRATCH_DIR"""
import os, re, shutil, subprocess, sys

toolshift, scratch = sys.argv[1], sys.argv[2]
chromium = shutil.which("chromium") or shutil.which("chromium-browser")
if not chromium:
    sys.exit("trend browser test: chromium is not installed (scripts/setup installs it)")
os.makedirs(scratch, exist_ok=True)
args = []
for step, noise in ((1000, "0.0"), (2000, "0.05"), (3000, "0.1"), (4000, "0.4"), (5000, "0.6")):
    out = os.path.join(scratch, f"ckpt-{step}.json")
    subprocess.run([toolshift, "run", "-q", "--model", "reference:noisy:" + noise, "--suite", "single-id", "--suite",
                    "single-fmt-dialect-json", "--suite", "single-fmt-dialect-xml", "--out", out],
                   check=True, stdout=subprocess.DEVNULL)
    args.append(f"{out}={step}")
board = os.path.join(scratch, "trend")
text = subprocess.run([toolshift, "leaderboard", "--trend", *args, "--out", board], check=True, capture_output=True,
                      text=True).stdout
assert "drop: format" in text, text
page = "file://" + os.path.abspath(os.path.join(board, "index.html"))
common = [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
          "--host-resolver-rules=MAP * ~NOTFOUND", "--window-size=1400,1400"]
shot = os.path.join(board, "screenshot.png")
subprocess.run(common + ["--screenshot=" + shot, page], check=True, capture_output=True, timeout=120)
png = open(shot, "rb").read()
assert png[:8] == b"\x89PNG\r\n\x1a\n" and len(png) > 20000, len(png)
dom = subprocess.run(common + ["--dump-dom", page], check=True, capture_output=True, text=True, timeout=120).stdout
assert dom.count("<svg") == 3, dom.count("<svg")
assert dom.count('class="point"') >= 5 * 2 + 5, dom.count('class="point"')  # id and format accuracy, the format gap
assert dom.count('class="whisker"') >= 15 and dom.count('class="axis y-axis"') == 3 and dom.count('class="axis x-axis"') == 3
assert len(re.findall(r'<tr data-step="', dom)) == 5
m = re.search(r'<li class="onset" data-series="format">.*?step <b>(\d+)</b>', dom)
assert m and int(m.group(1)) in (2000, 3000, 4000), "drop onset not named"
width = int(re.search(r'data-scroll-width="(\d+)"', dom).group(1))
assert width <= 1400, f"page is {width} px wide"
print(f"trend ok: drop starts at step {m.group(1)}, page {width} px wide, screenshot {shot} ({len(png)} bytes)")
