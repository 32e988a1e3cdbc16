#!/usr/bin/env python3
"""The episode viewer in a real browser (headless Chromium, all host resolution refused): it
renders the list from the embedded log, filters through the URL fragment, opens an episode
(prompt, raw reply, parsed calls, verdict; steps, observations and state diff for a multi-step
one) and shows its paired twin beside it.
Usage: viewer_browser_test.py TOOLSHIFT SCRATCH_DIR"""
import html, json, os, re, shutil, subprocess, sys
from urllib.parse import quote

toolshift, scratch = sys.argv[1], sys.argv[2]
chromium = shutil.which("chromium") or shutil.which("chromium-browser")
if not chromium:
    sys.exit("viewer browser test: chromium is not installed (scripts/setup installs it)")
os.makedirs(scratch, exist_ok=True)
report = os.path.join(scratch, "noisy.json")
subprocess.run([toolshift, "run", "-q", "--model", "reference:noisy:0.3", "--suite", "single-id", "--suite",
                "single-fmt-dialect-json", "--suite", "multi-id", "--suite", "multi-fmt-dialect-json", "--out", report],
               check=True, stdout=subprocess.DEVNULL)
page = os.path.join(scratch, "noisy.view.html")
subprocess.run([toolshift, "view", report], check=True, stdout=subprocess.DEVNULL)
episodes = [json.loads(line) for line in open(os.path.join(scratch, "noisy.episodes.jsonl"))]
url = "file://" + os.path.abspath(page)
common = [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
          "--host-resolver-rules=MAP * ~NOTFOUND", "--window-size=1400,1400"]


def dom(fragment):
    return subprocess.run(common + ["--dump-dom", url + fragment], check=True, capture_output=True, text=True,
                          timeout=120).stdout


def frag(**state):
    return "#" + "&".join(quote(k) + "=" + quote(v, safe="") for k, v in state.items())


def key(e):
    return e["suite"] + "/" + e["id"] + ("@%d" % e["epoch"] if e.get("epoch") else "")


def count(d):
    m = re.search(r'id="count" data-count="(\d+)"', d)
    assert m, "no episode count rendered"
    return int(m.group(1))


# Unfiltered: every episode counted, one page of rows.
d = dom("")
assert count(d) == len(episodes), (count(d), len(episodes))
assert len(re.findall(r'<tr data-key="', d)) == min(100, len(episodes))

# A filter: format-shifted episodes that failed with a wrong value.
want = [e for e in episodes if e["split"] == "format" and not e["correct"] and e.get("failure") == "wrong_value"]
assert want, "the noisy run has no wrong_value format episodes to filter"
d = dom(frag(split="format", failure="wrong_value"))
assert count(d) == len(want), (count(d), len(want))
shown = re.findall(r'<tr data-key="([^"]*)"', d)
assert shown and all(html.unescape(k) in {key(e) for e in want} for k in shown), shown[:3]

# Open a single-step shifted episode: its prompt, reply, calls and verdict, and its twin beside it.
e = next(e for e in want if "output" in e)
d = dom(frag(split="format", failure="wrong_value", open=key(e)))
for section in ("Prompt", "Raw reply", "Parsed calls", "Verdict"):
    assert "<h4>%s" % section in d, section
assert html.escape(e["output"]["content"], quote=False) in d, "raw reply not shown"
assert "failed: wrong_value" in d
twin = next(b for b in episodes if b["split"] == "id" and b["id"] == e["base_id"])
assert re.search(r'class="panel twin" data-key="%s"' % re.escape(html.escape(key(twin))), d), "twin panel missing"
assert "in-distribution twin" in d

# An in-distribution episode's twin is the shifted episode made from it.
d = dom(frag(open=key(twin)))
assert re.search(r'class="panel twin" data-key="%s"' % re.escape(html.escape(key(e))), d), "shifted twin missing"

# A failed multi-step episode: its steps with observations and the state diff.
m = next(x for x in episodes if "steps" in x and x.get("state_diff"))
d = dom(frag(open=key(m)))
assert "<h4>Steps" in d and "observation" in d and "<h4>State diff" in d, "multi-step detail missing"
assert html.escape(m["state_diff"][0], quote=False) in d
print(f"viewer ok: {len(episodes)} episodes, {len(want)} filtered, page {os.path.getsize(page)} bytes "
      f"(log {os.path.getsize(os.path.join(scratch, 'noisy.episodes.jsonl'))} bytes)")
