#!/usr/bin/env python3
"""Runs toolshift on every built-in suite with each reference policy and validates the
real report and episode log against the published JSON Schemas, using an independent
validator (python3-jsonschema), not toolshift's own code.

usage: validate_report.py TOOLSHIFT_BIN REPORT_SCHEMA OUT_DIR
"""
import json
import os
import subprocess
import sys

try:
    import jsonschema
except ImportError:
    sys.exit("validate_report.py: python3-jsonschema is missing (run scripts/setup)")

binary, schema_path, out_dir = sys.argv[1:4]
os.makedirs(out_dir, exist_ok=True)
with open(schema_path) as f:
    report_schema = json.load(f)
with open(os.path.join(os.path.dirname(schema_path), "episode-log.schema.json")) as f:
    log_schema = json.load(f)
jsonschema.Draft202012Validator.check_schema(report_schema)
jsonschema.Draft202012Validator.check_schema(log_schema)

failures = 0
# The third run uses --epochs, so pass@1/pass^k and the epoch field are validated too.
for model, extra in [("reference:oracle", []), ("reference:overfit", []), ("reference:noisy:0.3", ["--epochs", "2"])]:
    out = os.path.join(out_dir, model.replace(":", "_") + ".json")
    proc = subprocess.run([binary, "run", "-q", "--model", model, "--suite", "all", "--out", out, *extra],
                          capture_output=True, text=True)
    if proc.returncode != 0:
        print(f"FAIL {model}: exit {proc.returncode}: {proc.stderr}")
        failures += 1
        continue
    with open(out) as f:
        report = json.load(f)
    errors = list(jsonschema.Draft202012Validator(report_schema).iter_errors(report))
    for e in errors[:5]:
        print(f"FAIL {model} report: {'/'.join(map(str, e.path))}: {e.message}")
    failures += len(errors)
    log_path = out[:-len(".json")] + ".episodes.jsonl"
    validator = jsonschema.Draft202012Validator(log_schema)
    n = 0
    with open(log_path) as f:
        for n, line in enumerate(f, 1):
            for e in validator.iter_errors(json.loads(line)):
                print(f"FAIL {model} {log_path}:{n}: {'/'.join(map(str, e.path))}: {e.message}")
                failures += 1
    if n != report["totals"]["n"]:
        print(f"FAIL {model}: log has {n} lines, report counts {report['totals']['n']} episodes")
        failures += 1
    if extra and "pass" not in report["splits"]["id"]:
        print(f"FAIL {model}: --epochs report has no splits.id.pass")
        failures += 1
    print(f"{model}: report valid, {n} log lines valid")

# A report missing a gating key must fail validation: the schema is not vacuous.
broken = dict(report)
del broken["splits"]
if jsonschema.Draft202012Validator(report_schema).is_valid(broken):
    print("FAIL: schema accepts a report without 'splits'")
    failures += 1

sys.exit(1 if failures else 0)
