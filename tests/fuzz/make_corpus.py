#!/usr/bin/env python3
"""Seed corpora for the fuzz targets (tests/fuzz), made from the built-in suites: real model
outputs in every dialect (the reference oracle's and a noisy policy's), suite lines and
manifests, reports, exec protocol lines, recorded-output lines, multi-step trajectories.
Usage: make_corpus.py TOOLSHIFT SUITES_DIR OUT_DIR   (writes OUT_DIR/<target>/<n>)"""
import json
import os
import subprocess
import sys
import tempfile

toolshift, suites_dir, out = sys.argv[1:4]
ENVS = ["bank", "files", "calendar", "shop", "messaging", "travel", "library", "helpdesk"]  # fuzz_episode_loop's order


def put(target, data):
    d = os.path.join(out, target)
    os.makedirs(d, exist_ok=True)
    n = len(os.listdir(d))
    with open(os.path.join(d, f"{n:05d}"), "wb") as f:
        f.write(data if isinstance(data, bytes) else data.encode("utf-8", "replace"))


with tempfile.TemporaryDirectory() as tmp:
    logs, reports = [], []
    http_seeds = [0]
    for model in ["reference:oracle", "reference:noisy:0.5", "reference:overfit"]:
        report = os.path.join(tmp, model.replace(":", "_") + ".json")
        subprocess.run([toolshift, "run", "-q", "--model", model, "--suite", "all", "--limit", "3", "--out", report],
                       check=True, capture_output=True)
        reports.append(report)
        with open(report[:-5] + ".episodes.jsonl") as f:
            logs += [json.loads(line) for line in f]
    for report in reports:
        with open(report) as f:
            put("report_reader", f.read())
    for e in logs:
        outputs = e.get("outputs") or ([e["output"]] if "output" in e else [])
        for o in outputs:
            if o.get("content"):
                put("dialects", o["content"])
            for c in o.get("tool_calls", []):
                put("dialects", json.dumps(c.get("arguments", {})))
                put("run_store", json.dumps(c.get("arguments", {})))
            put("exec_protocol", json.dumps({"id": "suite/1", "content": o.get("content", ""),
                                             "tool_calls": o.get("tool_calls", []), "usage": {"prompt_tokens": 3}}))
            if http_seeds[0] < 300:  # response bodies as the remote backends send them (fuzz_http_response)
                http_seeds[0] += 1
                calls = [{"id": "c%d" % i, "type": "function",
                          "function": {"name": c.get("name", ""), "arguments": json.dumps(c.get("arguments", {}))}}
                         for i, c in enumerate(o.get("tool_calls", []))]
                chat = {"choices": [{"index": 0, "message": {"role": "assistant", "content": o.get("content", ""),
                                                             "tool_calls": calls}}], "usage": {"prompt_tokens": 3}}
                put("http_response", bytes([0, 19]) + b"\n\n" + json.dumps(chat).encode())
                blocks = [{"type": "text", "text": o.get("content", "")}] + [
                    {"type": "tool_use", "id": "t", "name": c.get("name", ""), "input": c.get("arguments", {})}
                    for c in o.get("tool_calls", [])]
                put("http_response", bytes([0, 19]) + b"Retry-After: 2\n\n" + json.dumps({"content": blocks}).encode())
                put("http_response", bytes([7, 10]) + b"Retry-After: Wed, 21 Oct 2015 07:28:00 GMT\n\n" +
                    json.dumps({"error": {"message": "rate limited http://u:k@h/?key=k"}}).encode())
        line = json.dumps(e)
        if len(line) < 4000:
            put("run_store", json.dumps({"message": o}) if outputs else line)
        if len(line) < 20000:
            put("exec_protocol", line)  # a recorded-output line (episode log form)
        if "outputs" in e and e["domain"] in ENVS:
            text = "\n===\n".join(o.get("content", "") for o in e["outputs"])
            put("episode_loop", bytes([ENVS.index(e["domain"])]) + text.encode())

for root, _, files in os.walk(suites_dir):
    for name in files:
        path = os.path.join(root, name)
        if name == "manifest.json":
            with open(path) as f:
                put("suite_loader", f.read())
        elif name.endswith(".jsonl"):
            with open(path) as f:
                lines = [next(f, "") for _ in range(2)]
            for line in lines:
                if line.strip():
                    put("suite_loader", line)
print(" ".join(f"{t}={len(os.listdir(os.path.join(out, t)))}" for t in sorted(os.listdir(out))))
