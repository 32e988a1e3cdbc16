#!/usr/bin/env python3
"""The leaderboard page in a real browser (headless Chromium): it renders, its script sorts
the table (#sort=COLUMN), it draws its charts with axes and interval whiskers, shows each run's
metadata, fits a 1400 px window, and it is screenshotted. Network is refused to
the browser, so a page that needed a fetch would show it.
Usage: browser_test.py TOOLSHIFT SCRATCH_DIR"""
import os, re, shutil, subprocess, sys

toolshift, scratch = sys.argv[1], sys.argv[2]
chromium = shutil.which("chromium") or shutil.which("chromium-browser")
if not chromium:
    sys.exit("browser test: chromium is not installed (scripts/setup installs it)")
os.makedirs(scratch, exist_ok=True)

reports = []
for model in ("reference:oracle", "reference:overfit", "reference:noisy:0.3"):
    out = os.path.join(scratch, model.split(":", 1)[1].replace(":", "-") + ".json")
    subprocess.run([toolshift, "run", "-q", "--model", model, "--suite", "single-id", "--suite",
                    "single-fmt-dialect-*", "--suite", "single-fmt-rename-*", "--out", out],
                   check=True, stdout=subprocess.DEVNULL)
    reports.append(out)
board = os.path.join(scratch, "board")
subprocess.run([toolshift, "leaderboard", *reports, "--out", board], check=True, stdout=subprocess.DEVNULL)
page = "file://" + os.path.abspath(os.path.join(board, "index.html"))
common = [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
          "--host-resolver-rules=MAP * ~NOTFOUND", "--window-size=1400,1400"]

shot = os.path.join(board, "screenshot.png")
subprocess.run(common + ["--screenshot=" + shot, page], check=True, capture_output=True, timeout=120)
with open(shot, "rb") as f:
    png = f.read()
assert png[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
assert len(png) > 20000, f"screenshot suspiciously small: {len(png)} bytes"

def rows(fragment):
    dom = subprocess.run(common + ["--dump-dom", page + fragment], check=True, capture_output=True,
                         text=True, timeout=120).stdout
    return dom, re.findall(r'<tr data-model="([^"]*)"', dom)

dom, order = rows("")
assert order == ["reference:oracle", "reference:noisy:0.3", "reference:overfit"], order
assert dom.count("<svg") == 2 and dom.count('class="bar"') > 20, "charts missing"
assert dom.count('class="whisker"') > 20 and 'class="axis y-axis"' in dom and 'class="axis x-axis"' in dom, "axes missing"
assert '<table id="runs">' in dom and dom.count("started (UTC)") == 1, "run metadata missing"
width = int(re.search(r'data-scroll-width="(\d+)"', dom).group(1))
assert width <= 1400, f"the page is {width} px wide, more than a 1400 px window"
# The script ran: sorting by format-shifted accuracy puts overfit last, by format gap first.
_, by_format = rows("#sort=format")
assert by_format[-1] == "reference:overfit", by_format
dom, by_gap = rows("#sort=gap_format")
assert by_gap[0] == "reference:overfit", by_gap
assert 'class="sorted-desc"' in dom or "sorted-desc" in dom
print(f"browser ok: page {width} px wide, screenshot {shot} ({len(png)} bytes)")
