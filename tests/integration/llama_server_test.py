#!/usr/bin/env python3
"""toolshift against a real model server: llama.cpp's llama-server with ../shared/models/stories260K.gguf.

The model is far too small to call tools, so what is checked is the harness meeting a real
server: every episode ends scored (no_call / malformed / ...) or as a backend_error, never lost;
token usage and latency are real; logprobs from the server feed the collapse diagnostics;
concurrency above the server's slots queues; a request over the context size is a clean
backend_error; a server killed mid-run leaves a resumable run. It also measures episodes/s and
the harness's share of wall time (its CPU time over wall time).

Usage: llama_server_test.py TOOLSHIFT REPO_ROOT SCRATCH_DIR
Exit 77 (CTest: skipped, saying why) when ../shared/models/stories260K.gguf is not there.
"""
import json
import os
import resource
import shutil
import sqlite3
import subprocess
import sys
import time

toolshift, root, scratch = sys.argv[1], sys.argv[2], sys.argv[3]
model = os.path.join(root, "..", "shared", "models", "stories260K.gguf")
if not os.path.exists(model):
    print(f"SKIP: {model} is missing (it comes with ../shared; this test needs a real model)")
    sys.exit(77)
shutil.rmtree(scratch, ignore_errors=True)  # no journal or report of an earlier run may be read as this one's
os.makedirs(scratch, exist_ok=True)
script = os.path.join(root, "scripts", "llama-server")
failures = []


def check(cond, what):
    print(("ok   " if cond else "FAIL ") + what)
    if not cond:
        failures.append(what)


def start(name, *args):
    pidfile = os.path.join(scratch, name + ".pid")
    out = subprocess.run([script, "start", model, "--pidfile", pidfile, *args], capture_output=True, text=True)
    if out.returncode != 0:
        sys.exit(f"cannot start llama-server: {out.stderr}")
    return out.stdout.strip(), pidfile


def stop(pidfile):
    subprocess.run([script, "stop", pidfile], check=False)


def run(out, *args, background=False, expect=0):
    cmd = [toolshift, "run", "-q", "--no-cache", "--out", os.path.join(scratch, out), *args]
    if background:
        return subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.monotonic()
    p = subprocess.run(cmd, capture_output=True, text=True)
    wall = time.monotonic() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if p.returncode != expect:  # 4: the run is done but too many episodes are backend errors
        sys.exit(f"toolshift {' '.join(args)} exited {p.returncode} (expected {expect}): {p.stderr}")
    with open(os.path.join(scratch, out)) as f:
        return json.load(f), wall, cpu


def wait_journaled(proc, journal, n, limit_s=120):
    """Entries in a running run's journal once it holds n (or the run ended, or limit_s passed)."""
    deadline = time.monotonic() + limit_s
    count = 0
    while time.monotonic() < deadline and proc.poll() is None:
        try:
            with sqlite3.connect(f"file:{journal}?mode=ro", uri=True, timeout=1) as db:
                count = db.execute("SELECT COUNT(*) FROM journal").fetchone()[0]
        except sqlite3.Error:
            count = 0
        if count >= n:
            break
        time.sleep(0.02)
    return count


def log_lines(out):
    with open(os.path.join(scratch, out[:-5] + ".episodes.jsonl")) as f:
        return [json.loads(line) for line in f]


# Builds once per machine into ~/.cache/toolshift/llama-server-VERSION (reused by every clone).
subprocess.run([script, "build"], check=True, stdout=subprocess.DEVNULL)

# Two slots, 8k context each: room for toolshift's prompts (this model's vocabulary is tiny,
# so a prompt of a few kilobytes is thousands of tokens).
url, pidfile = start("main", "--parallel", "2", "--ctx-size", "16384")
spec = f"openai:stories260K@{url}"
try:
    # 1. A built-in suite (48 of its 129 episodes: the prompt processing of the whole suite was
    # most of CI's wall time), native tool mode, logprobs on, concurrency 8 over 2 slots.
    suite_size = 48
    report, wall, cpu = run("native.json", "--model", spec, "--suite", "single-content-heldout", "--limit",
                            str(suite_size), "--tool-mode", "native", "--max-tokens", "24", "--concurrency", "8",
                            "--logprobs", "--top-logprobs", "3")
    t = report["totals"]
    check(t["n"] == suite_size, f"native: n {t['n']} == --limit {suite_size}")
    check(t["scored"] + t["backend_errors"] == t["n"], "native: every episode scored or a backend error")
    check(t["backend_errors"] == 0, f"native: no backend errors with 8 in flight over 2 slots ({t['backend_errors']})")
    check(report["tokens"]["reported"] and report["tokens"]["prompt"] > 100 * suite_size,
          f"native: real prompt token counts ({report['tokens']['prompt']})")
    check(report["tokens"]["completion"] > 0, f"native: real completion tokens ({report['tokens']['completion']})")
    check(report["latency_ms"]["p50"] > 0, f"native: latency measured (p50 {report['latency_ms']['p50']:.1f} ms)")
    fails = report["failures"]["content"]
    check(sum(fails.values()) >= t["n"] - t["correct"], "native: every wrong episode has a failure category")
    diag = report["diagnostics"]["content"]
    check(diag["scored"] == t["scored"], "native: diagnostics cover every scored episode")
    lines = log_lines("native.json")
    check(all("logprobs" in l for l in lines if "output" in l), "native: the episode log keeps the server's logprobs")
    print(f"report: {os.path.join(scratch, 'native.json')} (model {report['model']}, n {t['n']}, "
          f"tokens {report['tokens']['prompt']}+{report['tokens']['completion']}, diagnostics {json.dumps(diag)})")
    print(f"measure: {suite_size} episodes in {wall:.2f} s = {suite_size / wall:.1f} episodes/s; "
          f"toolshift CPU {cpu:.2f} s = {100 * cpu / wall:.1f}% of wall time")

    # 2. Prompt mode: tools rendered by the dialect, calls parsed from text; logprobs reach the
    #    diagnostics as real token probabilities of opening a call.
    report, wall, cpu = run("prompt.json", "--model", spec, "--suite", "single-id", "--limit", "40", "--tool-mode",
                            "prompt", "--max-tokens", "24", "--concurrency", "4", "--logprobs", "--top-logprobs", "5",
                            "--max-backend-errors", "1")  # backend errors are allowed here, only none lost
    t = report["totals"]
    check(t["n"] == 40 and t["scored"] + t["backend_errors"] == 40, "prompt: 40 episodes, none lost")
    p = report["diagnostics"]["id"].get("call_open_probability", {})
    we = p.get("where_expected")
    check(we is not None and we["n"] > 0 and 0.0 <= we["mean"] <= 1.0,
          f"prompt: call_open_probability from real logprobs ({we})")
    check(report["tokens"]["prompt"] > 0, "prompt: token usage reported")
    ts = report["diagnostics"]["id"].get("token_spikes")
    check(ts is not None and ts["replies"] > 0 and all(k in ts for k in ("end_in_call", "open_no_call", "threshold")),
          f"prompt: token_spikes over every position of real logprobs ({ts and ts['replies']} replies)")
    lines = log_lines("prompt.json")
    series = [l["token_diagnostics"] for l in lines if "token_diagnostics" in l]
    check(series and all(len(s["series"]["end_of_turn"]) == s["positions"] for s in series),
          "prompt: the episode log keeps each reply's control-token series")
    # The server's finish reason reaches the episode log; "length" (--max-tokens 24 cuts this tiny
    # model) raises the truncated signature.
    reasons = [l["output"]["finish_reason"] for l in lines if "finish_reason" in l.get("output", {})]
    cut = sum(r == "length" for r in reasons)
    check(reasons and cut == report["splits"]["id"]["signatures"]["truncated"]["count"],
          f"prompt: finish reasons kept ({len(reasons)}), each 'length' one truncated ({cut})")

    # 3. Raw completions: toolshift renders the chat template itself.
    report, _, _ = run("completions.json", "--model", f"openai-completions:stories260K@{url}", "--suite", "single-id",
                       "--limit", "20", "--chat-template", "chatml", "--max-tokens", "24", "--logprobs",
                       "--top-logprobs", "3")
    t = report["totals"]
    check(t["n"] == 20 and t["backend_errors"] == 0, f"completions: 20 episodes scored ({t})")
    check(report["tokens"]["completion"] > 0, "completions: usage reported")

    # 3b. Simulated users (docs/users.md): two users-id episodes with the same server playing the
    #     user (--user-model). The plumbing, not the quality: the dialogue runs to its message cap
    #     or the finish phrase, the user's turns reach the log and the journal, and the finished
    #     run resumes asking nothing.
    report, wall, _ = run("users.json", "--model", spec, "--suite", "users-id", "--limit", "2", "--user-model", spec,
                          "--max-tokens", "16", "--concurrency", "2", "--max-backend-errors", "1")
    t = report["totals"]
    check(t["n"] == 2 and t["scored"] + t["backend_errors"] == 2, f"users: 2 episodes, none lost ({t})")
    check(report["config"]["user"] == spec, f"users: the report names the user model ({report['config']['user']})")
    lines = log_lines("users.json")
    turns = [len(l.get("user_turns", [])) for l in lines if "backend_error" not in l]
    check(turns and all(n >= 1 for n in turns), f"users: the model's user turns are in the log ({turns})")
    p = subprocess.run([toolshift, "run", "-q", "--resume", os.path.join(scratch, "users.run")], capture_output=True,
                       text=True)
    with open(os.path.join(scratch, "users.json")) as f:
        again = json.load(f)
    check(p.returncode in (0, 4) and again["run"]["requests"] == 0 and again["totals"] == t,
          f"users: the finished run resumes from its journal asking nothing ({again['run']['requests']} requests)")
    print(f"measure: 2 users-id episodes with a simulated user in {wall:.2f} s")

    # 3c. ACEBench agent_multi_turn (issue 21) with this server as ACEBench's user (--user-model). The
    #     agent is the reference oracle: ACEBench's agent prompt (4.7k tokens in this model's tiny
    #     vocabulary) is over the 2,048 tokens a slot of this model gets. SIGKILLed once some
    #     episodes are journaled, then resumed: all 30 end scored, with their user turns, and what
    #     was journaled is not asked again.
    ace = os.path.join(root, "..", "shared", "acebench", "data_en", "data_agent_multi_turn.json")
    if os.path.exists(ace):
        ace_suite = os.path.join(scratch, "ace-turn")
        subprocess.run([toolshift, "import", "acebench", "--questions", ace, "--dialect", "hermes", "--out", ace_suite],
                       check=True, capture_output=True)
        proc = run("ace.json", "--model", "reference:oracle", "--suite", ace_suite, "--user-model", spec,
                   "--max-tokens", "16", "--concurrency", "1", "--max-backend-errors", "1", background=True)
        journaled = wait_journaled(proc, os.path.join(scratch, "ace.run", "journal.sqlite"), 5)
        killed_mid = proc.poll() is None
        proc.kill()  # SIGKILL: no report, no clean-up
        proc.communicate(timeout=60)
        check(killed_mid and journaled >= 5, f"ace users: SIGKILLed mid-run with {journaled} entries journaled")
        p = subprocess.run([toolshift, "run", "-q", "--resume", os.path.join(scratch, "ace.run")], capture_output=True,
                           text=True)
        check(p.returncode == 0, f"ace users: the killed run resumes (exit {p.returncode}) {p.stderr[-300:]}")
        with open(os.path.join(scratch, "ace.json")) as f:
            ace_report = json.load(f)
        t = ace_report["totals"]
        check(t["n"] == 30 and t["scored"] == 30, f"ace users: every episode scored, none lost ({t})")
        check(t["correct"] == 30, f"ace users: the oracle solves every dialogue whatever this user says ({t})")
        check(ace_report["run"]["resumed"] >= 1, f"ace users: journaled episodes restored ({ace_report['run']})")
        check(ace_report["config"]["user"] == spec, "ace users: the report names the user model")
        ace_lines = log_lines("ace.json")
        check(len(ace_lines) == 30 and all(len(l.get("user_turns", [])) >= 1 for l in ace_lines),
              "ace users: ACEBench's user opened every dialogue, its turns in the log")
    else:
        print(f"SKIP ace users: {ace} is missing")
finally:
    stop(pidfile)

# 4. A request over the context size is a clean, non-retried backend_error.
small, small_pid = start("small", "--parallel", "1", "--ctx-size", "256")
try:
    report, _, _ = run("overflow.json", "--model", f"openai:stories260K@{small}", "--suite", "single-id", "--limit",
                       "5", "--max-tokens", "16", "--tool-mode", "prompt", expect=4)  # every episode failed
    t = report["totals"]
    check(t["n"] == 5 and t["backend_errors"] == 5, f"overflow: 5 backend errors ({t})")
    errors = [l.get("backend_error", "") for l in log_lines("overflow.json")]
    check(all("400" in e or "context" in e for e in errors), f"overflow: the cause is named ({errors[0][:160]})")
    check(all("after 1 attempt" in e for e in errors), "overflow: not retried")
finally:
    stop(small_pid)

# 5. The server killed mid-run: backend errors, then a resumed run on a server back on the
#    same port finishes, asking only for what is missing.
url, pidfile = start("kill", "--parallel", "2", "--ctx-size", "16384")
port = url.rsplit(":", 1)[1].split("/")[0]
args = ["--model", f"openai:stories260K@{url}", "--suite", "single-id", "--limit", "60", "--max-tokens", "64",
        "--concurrency", "2", "--max-retries", "1", "--request-timeout", "20"]
proc = run("killed.json", *args, background=True)
answered = wait_journaled(proc, os.path.join(scratch, "killed.run", "journal.sqlite"), 10)  # then kill the server
check(proc.poll() is None and answered >= 10, f"killed: the run was still going after {answered} replies")
stop(pidfile)  # the server goes away under the run
_, err = proc.communicate(timeout=300)
check(proc.returncode in (0, 4), f"killed: the run still ends and writes its report (exit {proc.returncode}) {err[-300:]}")
with open(os.path.join(scratch, "killed.json")) as f:
    killed = json.load(f)
t = killed["totals"]
# Exit 4 when more than --max-backend-errors (0.05) of the 60 episodes are backend errors.
check(proc.returncode == (4 if t["backend_errors"] > 3 else 0), f"killed: exit {proc.returncode} for {t}")
check("backend errors" in err, f"killed: the backend errors and their causes are on stderr ({err[-300:]})")
check(t["scored"] >= 10, f"killed: the replies before the kill were kept ({t['scored']})")
check(t["n"] == 60 and t["backend_errors"] > 0, f"killed: backend errors, not model failures ({t['backend_errors']})")
check(t["scored"] + t["backend_errors"] == 60, "killed: nothing lost")
url2, pidfile = start("kill2", "--parallel", "2", "--ctx-size", "16384", "--port", port)
try:
    p = subprocess.run([toolshift, "run", "-q", "--resume", os.path.join(scratch, "killed.run")], capture_output=True,
                       text=True)
    check(p.returncode == 0, f"resume: exit {p.returncode} {p.stderr[-300:]}")
    with open(os.path.join(scratch, "killed.json")) as f:
        resumed = json.load(f)
    check(resumed["totals"]["backend_errors"] == 0, f"resume: every episode answered ({resumed['totals']})")
    check(resumed["run"]["resumed"] == t["scored"], f"resume: {resumed['run']['resumed']} restored == {t['scored']} answered")
    check(resumed["run"]["requests"] >= t["backend_errors"], "resume: only the missing ones asked again")
finally:
    stop(pidfile)

if failures:
    print(f"{len(failures)} check(s) failed")
    sys.exit(1)
print("llama-server integration: all checks pass")
